// SPDX-License-Identifier: Apache-2.0
#include <pw/core/atomic_file.h>
#include <pw/core/safetensors.h>

#include <nlohmann/json.hpp>

#include <cstring>
#include <limits>

namespace pw {
namespace {

constexpr std::uint64_t kMaxHeaderBytes = 100ull * 1024 * 1024; // safetensors' own limit

Error bad(const std::string& label, std::string message)
{
    return Error(Errc::BadModelFile, std::move(message)).inFile(label);
}

} // namespace

Result<SafetensorsFile> SafetensorsFile::open(const std::filesystem::path& path)
{
    auto mapped = MappedFile::open(path);
    if (!mapped) {
        return std::move(mapped).error();
    }
    auto parsed = parse(mapped->bytes(), path.string());
    if (!parsed) {
        return std::move(parsed).error();
    }
    parsed->m_file = std::move(*mapped);
    return parsed;
}

Result<SafetensorsFile> SafetensorsFile::parse(std::span<const std::byte> bytes,
                                               const std::string& label)
{
    SafetensorsFile f;
    f.m_label = label;
    if (bytes.size() < 8) {
        return bad(label, "not a safetensors file: shorter than its 8-byte header length")
            .mismatch(">= 8 bytes", std::to_string(bytes.size()) + " bytes");
    }
    std::uint64_t headerLen = 0;
    std::memcpy(&headerLen, bytes.data(), 8);
    if (headerLen > kMaxHeaderBytes || headerLen > bytes.size() - 8) {
        return bad(label, "truncated or not a safetensors file: header length out of range")
            .mismatch("<= " + std::to_string(bytes.size() - 8), std::to_string(headerLen));
    }
    const char* headerBegin = reinterpret_cast<const char*>(bytes.data()) + 8;
    nlohmann::json header;
    try {
        header = nlohmann::json::parse(headerBegin, headerBegin + headerLen);
    } catch (const nlohmann::json::exception& e) {
        return bad(label, std::string("malformed safetensors header: ") + e.what());
    }
    if (!header.is_object()) {
        return bad(label, "malformed safetensors header: expected a JSON object");
    }
    const std::span<const std::byte> data = bytes.subspan(8 + headerLen);
    for (const auto& [name, entry] : header.items()) {
        if (name == "__metadata__") {
            if (!entry.is_object()) {
                return bad(label, "malformed __metadata__: expected an object of strings");
            }
            for (const auto& [k, v] : entry.items()) {
                if (!v.is_string()) {
                    return bad(label, "malformed __metadata__: expected string values").at(k);
                }
                f.m_metadata[k] = v.get<std::string>();
            }
            continue;
        }
        if (!entry.is_object() || !entry.contains("dtype") || !entry.contains("shape") ||
            !entry.contains("data_offsets") || !entry["dtype"].is_string() ||
            !entry["shape"].is_array() || !entry["data_offsets"].is_array() ||
            entry["data_offsets"].size() != 2) {
            return bad(label, "malformed tensor entry (needs dtype, shape, data_offsets)").at(name);
        }
        TensorView t;
        t.name = name;
        auto dtype = parseDtype(entry["dtype"].get<std::string>());
        if (!dtype) {
            return std::move(dtype).error().inFile(label).at(name);
        }
        t.dtype = *dtype;
        std::uint64_t numel = 1;
        for (const auto& d : entry["shape"]) {
            if (!d.is_number_unsigned()) {
                return bad(label, "tensor shape must hold non-negative integers").at(name);
            }
            const auto dim = d.get<std::uint64_t>();
            if (dim != 0 && numel > std::numeric_limits<std::uint64_t>::max() / 16 / dim) {
                return bad(label, "tensor shape is too large").at(name);
            }
            numel *= dim;
            t.shape.push_back(static_cast<std::int64_t>(dim));
        }
        const auto& off = entry["data_offsets"];
        if (!off[0].is_number_unsigned() || !off[1].is_number_unsigned()) {
            return bad(label, "data_offsets must be non-negative integers").at(name);
        }
        const auto begin = off[0].get<std::uint64_t>();
        const auto end = off[1].get<std::uint64_t>();
        const std::uint64_t expectedBytes = numel * dtypeSize(t.dtype);
        if (end < begin || end > data.size()) {
            return bad(label, "tensor data lies outside the file (truncated file?)")
                .at(name)
                .mismatch("end <= " + std::to_string(data.size()), std::to_string(end));
        }
        if (end - begin != expectedBytes) {
            return bad(label, "tensor byte size does not match its shape and dtype")
                .at(name)
                .mismatch(std::to_string(expectedBytes) + " bytes",
                          std::to_string(end - begin) + " bytes");
        }
        t.bytes = data.subspan(begin, end - begin);
        f.m_index[t.name] = f.m_tensors.size();
        f.m_tensors.push_back(std::move(t));
    }
    return f;
}

const TensorView* SafetensorsFile::find(std::string_view name) const
{
    auto it = m_index.find(name);
    return it == m_index.end() ? nullptr : &m_tensors[it->second];
}

Result<const TensorView*> SafetensorsFile::require(std::string_view name) const
{
    if (const TensorView* t = find(name)) {
        return t;
    }
    return Error(Errc::BadModelFile, "missing tensor").inFile(m_label).at(std::string(name));
}

Result<void> writeSafetensors(const std::filesystem::path& path,
                              std::span<const TensorToWrite> tensors,
                              const std::map<std::string, std::string>& metadata)
{
    nlohmann::json header = nlohmann::json::object();
    if (!metadata.empty()) {
        header["__metadata__"] = metadata;
    }
    std::uint64_t offset = 0;
    for (const auto& t : tensors) {
        std::uint64_t numel = 1;
        for (auto d : t.shape) {
            numel *= static_cast<std::uint64_t>(d);
        }
        if (numel != t.data.size()) {
            return Error(Errc::InvalidArgument, "tensor data size does not match its shape")
                .at(t.name)
                .mismatch(std::to_string(numel), std::to_string(t.data.size()));
        }
        header[t.name] = {
            {"dtype", "F32"}, {"shape", t.shape}, {"data_offsets", {offset, offset + numel * 4}}};
        offset += numel * 4;
    }
    std::string text = header.dump();
    text.append((8 - text.size() % 8) % 8, ' '); // keep the data 8-byte aligned
    std::string out(8, '\0');
    const std::uint64_t len = text.size();
    std::memcpy(out.data(), &len, 8);
    out += text;
    out.reserve(out.size() + offset);
    for (const auto& t : tensors) {
        out.append(reinterpret_cast<const char*>(t.data.data()), t.data.size() * 4);
    }
    return writeFileAtomically(path, out);
}

} // namespace pw
