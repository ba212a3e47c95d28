// SPDX-License-Identifier: Apache-2.0
// Private to pw_io: an FBX node tree and its binary encoding (FBX 7.4 / 7.5).
//
// Binary FBX layout (public knowledge, as read by Blender's and Assimp's importers): a 27-byte
// header ("Kaydara FBX Binary  \0\x1a\0" + uint32 version), then node records. A record is
// (end offset, property count, property bytes) as uint32 (7.4) or uint64 (7.5), a name (uint8
// length + bytes), the properties (a type code + payload each), the child records and, after a
// child list, a null record (13 or 25 zero bytes). Arrays carry (count, encoding, byte length)
// and are zlib-compressed when large. The file ends with a null record and a fixed footer.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <variant>
#include <vector>

namespace pw::io::fbx {

/// Raw bytes (type 'R'), distinct from strings ('S').
struct Raw
{
    std::string bytes;
};

using Property = std::variant<bool,                      // C
                              std::int16_t,              // Y
                              std::int32_t,              // I
                              float,                     // F
                              double,                    // D
                              std::int64_t,              // L
                              std::string,               // S
                              Raw,                       // R
                              std::vector<std::int32_t>, // i
                              std::vector<std::int64_t>, // l
                              std::vector<float>,        // f
                              std::vector<double>,       // d
                              std::vector<bool>>;        // b

/// One node record. Children live in a deque so references returned by child() stay valid.
class Node
{
  public:
    explicit Node(std::string name) : m_name(std::move(name)) {}

    template <class T> Node& add(T value)
    {
        m_props.emplace_back(std::move(value));
        return *this;
    }
    Node& add(const char* text) { return add(std::string(text)); }
    Node& child(std::string name) { return m_children.emplace_back(std::move(name)); }

    /// A child with one property: `parent.set("Version", 232)`.
    template <class T> Node& set(std::string name, T value)
    {
        return child(std::move(name)).add(std::move(value));
    }

    const std::string& name() const { return m_name; }
    const std::vector<Property>& properties() const { return m_props; }
    const std::deque<Node>& children() const { return m_children; }

  private:
    std::string m_name;
    std::vector<Property> m_props;
    std::deque<Node> m_children;
};

/// "Name\x00\x01Class": the binary form of an object's name and class.
std::string objectName(const std::string& name, const char* cls);

/// Encodes a whole file: header, `topLevel` records, null record, footer. `version` is 7400 or
/// 7500. Arrays over 128 bytes are zlib-compressed.
std::string encode(const std::deque<Node>& topLevel, std::uint32_t version);

} // namespace pw::io::fbx
