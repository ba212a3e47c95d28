// SPDX-License-Identifier: Apache-2.0
#include "fbx_binary.h"

#include <zlib.h>

#include <pw/core/error.h>

#include <bit>
#include <cstring>
#include <type_traits>

namespace pw::io::fbx {
namespace {

// FBX is little-endian; values are copied with memcpy.
static_assert(std::endian::native == std::endian::little,
              "FBX writer assumes a little-endian host");

// Fixed values every FBX reader accepts together: the file id and creation time that tools
// write when they do not encode the real time, and the footer id that pairs with them.
constexpr char kHeadMagic[] = "Kaydara FBX Binary  \0\x1a\0"; // 23 bytes with the NULs
constexpr unsigned char kFooterId[16] = {0xfa, 0xbc, 0xab, 0x09, 0xd0, 0xc8, 0xd4, 0x66,
                                         0xb1, 0x76, 0xfb, 0x83, 0x1c, 0xf7, 0x26, 0x7e};
constexpr unsigned char kFooterMagic[16] = {0xf8, 0x5a, 0x8c, 0x6a, 0xde, 0xf5, 0xd9, 0x7e,
                                            0xec, 0xe9, 0x0c, 0xe3, 0x75, 0x8f, 0x29, 0x0b};

// Nodes that always end with a null record, even without children (readers expect a scope).
bool alwaysHasScope(const std::string& name)
{
    return name == "AnimationStack" || name == "AnimationLayer";
}

class Writer
{
  public:
    explicit Writer(std::uint32_t version)
        : m_wide(version >= 7500), m_nullRecord(version >= 7500 ? 25 : 13, '\0')
    {
    }

    std::string& out() { return m_out; }

    void node(const Node& n, bool isLast)
    {
        const std::size_t start = m_out.size();
        // Placeholders for end offset, property count and property bytes.
        putOffset(0);
        putOffset(n.properties().size());
        putOffset(0);
        PW_ASSERT(n.name().size() < 256);
        m_out.push_back(static_cast<char>(n.name().size()));
        m_out += n.name();
        const std::size_t propsStart = m_out.size();
        for (const auto& p : n.properties()) {
            property(p);
        }
        const std::size_t propsBytes = m_out.size() - propsStart;
        if (!n.children().empty()) {
            for (std::size_t i = 0; i < n.children().size(); ++i) {
                node(n.children()[i], i + 1 == n.children().size());
            }
            m_out += m_nullRecord;
        } else if ((n.properties().empty() || alwaysHasScope(n.name())) && !isLast) {
            m_out += m_nullRecord;
        }
        patchOffset(start, m_out.size());
        patchOffset(start + 2 * offsetSize(), propsBytes);
    }

    void nullRecord() { m_out += m_nullRecord; }

  private:
    std::size_t offsetSize() const { return m_wide ? 8 : 4; }

    void putOffset(std::uint64_t v)
    {
        if (m_wide) {
            put(v);
        } else {
            PW_ASSERT(v <= 0xffffffffu);
            put(static_cast<std::uint32_t>(v));
        }
    }
    void patchOffset(std::size_t at, std::uint64_t v)
    {
        if (m_wide) {
            std::memcpy(m_out.data() + at, &v, 8);
        } else {
            if (v > 0xffffffffu) {
                fail(Errc::ExportFailed, "FBX 7.4 file over 4 GB; use FBX 7.5");
            }
            const auto v32 = static_cast<std::uint32_t>(v);
            std::memcpy(m_out.data() + at, &v32, 4);
        }
    }

    template <class T> void put(T v)
    {
        static_assert(std::is_trivially_copyable_v<T>);
        char b[sizeof(T)];
        std::memcpy(b, &v, sizeof(T));
        m_out.append(b, sizeof(T));
    }

    template <class T> void array(char code, const std::vector<T>& values)
    {
        std::string raw(values.size() * sizeof(T), '\0');
        if (!values.empty()) {
            std::memcpy(raw.data(), values.data(), raw.size());
        }
        arrayBytes(code, values.size(), raw);
    }

    void arrayBytes(char code, std::size_t count, const std::string& raw)
    {
        m_out.push_back(code);
        put(static_cast<std::uint32_t>(count));
        if (raw.size() <= 128) {
            put(std::uint32_t{0});
            put(static_cast<std::uint32_t>(raw.size()));
            m_out += raw;
            return;
        }
        uLongf packedSize = compressBound(static_cast<uLong>(raw.size()));
        std::string packed(packedSize, '\0');
        const int rc = compress2(reinterpret_cast<Bytef*>(packed.data()), &packedSize,
                                 reinterpret_cast<const Bytef*>(raw.data()),
                                 static_cast<uLong>(raw.size()), Z_DEFAULT_COMPRESSION);
        if (rc != Z_OK) {
            fail(Errc::ExportFailed, "zlib failed to compress an FBX array");
        }
        put(std::uint32_t{1});
        put(static_cast<std::uint32_t>(packedSize));
        m_out.append(packed.data(), packedSize);
    }

    void property(const Property& p)
    {
        std::visit(
            [this](const auto& v) {
                using T = std::decay_t<decltype(v)>;
                if constexpr (std::is_same_v<T, bool>) {
                    m_out.push_back('C');
                    m_out.push_back(v ? 'T' : 'F');
                } else if constexpr (std::is_same_v<T, std::int16_t>) {
                    m_out.push_back('Y');
                    put(v);
                } else if constexpr (std::is_same_v<T, std::int32_t>) {
                    m_out.push_back('I');
                    put(v);
                } else if constexpr (std::is_same_v<T, float>) {
                    m_out.push_back('F');
                    put(v);
                } else if constexpr (std::is_same_v<T, double>) {
                    m_out.push_back('D');
                    put(v);
                } else if constexpr (std::is_same_v<T, std::int64_t>) {
                    m_out.push_back('L');
                    put(v);
                } else if constexpr (std::is_same_v<T, std::string>) {
                    m_out.push_back('S');
                    put(static_cast<std::uint32_t>(v.size()));
                    m_out += v;
                } else if constexpr (std::is_same_v<T, Raw>) {
                    m_out.push_back('R');
                    put(static_cast<std::uint32_t>(v.bytes.size()));
                    m_out += v.bytes;
                } else if constexpr (std::is_same_v<T, std::vector<std::int32_t>>) {
                    array('i', v);
                } else if constexpr (std::is_same_v<T, std::vector<std::int64_t>>) {
                    array('l', v);
                } else if constexpr (std::is_same_v<T, std::vector<float>>) {
                    array('f', v);
                } else if constexpr (std::is_same_v<T, std::vector<double>>) {
                    array('d', v);
                } else if constexpr (std::is_same_v<T, std::vector<bool>>) {
                    std::string raw;
                    for (bool b : v) {
                        raw.push_back(b ? 1 : 0);
                    }
                    arrayBytes('b', v.size(), raw);
                }
            },
            p);
    }

    bool m_wide;
    std::string m_nullRecord;
    std::string m_out;
};

} // namespace

std::string objectName(const std::string& name, const char* cls)
{
    std::string s = name;
    s.push_back('\0');
    s.push_back('\x01');
    s += cls;
    return s;
}

std::string encode(const std::deque<Node>& topLevel, std::uint32_t version)
{
    PW_ASSERT(version == 7400 || version == 7500);
    Writer w(version);
    std::string& out = w.out();
    out.append(kHeadMagic, 23);
    char v[4];
    std::memcpy(v, &version, 4);
    out.append(v, 4);
    for (std::size_t i = 0; i < topLevel.size(); ++i) {
        w.node(topLevel[i], false);
    }
    w.nullRecord();
    out.append(reinterpret_cast<const char*>(kFooterId), 16);
    out.append(4, '\0');
    // Pad to a multiple of 16 (a full 16 bytes when already aligned), then the version, 120
    // zero bytes and the closing magic.
    std::size_t pad = ((out.size() + 15) & ~std::size_t{15}) - out.size();
    if (pad == 0) {
        pad = 16;
    }
    out.append(pad, '\0');
    out.append(v, 4);
    out.append(120, '\0');
    out.append(reinterpret_cast<const char*>(kFooterMagic), 16);
    return std::move(out);
}

} // namespace pw::io::fbx
