// SPDX-License-Identifier: Apache-2.0
// ZIP reader for torch.save archives. Layout facts (PKWARE APPNOTE 6.3): the end-of-central-
// directory record (EOCD) sits in the last 64 KiB; when a field overflows it holds 0xFFFF /
// 0xFFFFFFFF and the real value is in the ZIP64 EOCD record found through the ZIP64 locator
// right before the EOCD; per-entry overflowing sizes/offsets live in the 0x0001 extra field of
// the central directory entry, in the fixed order (uncompressed, compressed, offset, disk).
#include <zlib.h>

#include <pw/core/zip_archive.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <limits>

namespace pw {
namespace {

constexpr std::uint32_t kEocdSig = 0x06054b50;
constexpr std::uint32_t kZip64EocdSig = 0x06064b50;
constexpr std::uint32_t kZip64LocatorSig = 0x07064b50;
constexpr std::uint32_t kCentralSig = 0x02014b50;
constexpr std::uint32_t kLocalSig = 0x04034b50;
constexpr std::size_t kEocdSize = 22;
constexpr std::size_t kCentralSize = 46;
constexpr std::size_t kLocalSize = 30;
constexpr std::size_t kZip64EocdSize = 56;
constexpr std::size_t kZip64LocatorSize = 20;

// Bounds-checked little-endian reads over the archive bytes.
class Reader
{
  public:
    explicit Reader(std::span<const std::byte> bytes) : m_bytes(bytes) {}
    bool has(std::uint64_t offset, std::uint64_t count) const
    {
        return offset <= m_bytes.size() && count <= m_bytes.size() - offset;
    }
    template <class T> T get(std::uint64_t offset) const
    {
        T v{};
        std::memcpy(&v, m_bytes.data() + offset, sizeof(T)); // little-endian hosts only
        return v;
    }

  private:
    std::span<const std::byte> m_bytes;
};

std::string hex32(std::uint32_t v)
{
    char buf[16];
    std::snprintf(buf, sizeof buf, "0x%08x", v);
    return buf;
}

} // namespace

Error ZipArchive::bad(std::string message) const
{
    return Error(Errc::BadModelFile, std::move(message)).inFile(m_label);
}

Result<ZipArchive> ZipArchive::open(const std::filesystem::path& path)
{
    auto mapped = MappedFile::open(path);
    if (!mapped) {
        return std::move(mapped).error();
    }
    auto zip = parse(mapped->bytes(), path.string());
    if (!zip) {
        return std::move(zip).error();
    }
    zip->m_file = std::move(*mapped);
    return zip;
}

Result<ZipArchive> ZipArchive::parse(std::span<const std::byte> bytes, std::string label)
{
    ZipArchive z;
    z.m_bytes = bytes;
    z.m_label = std::move(label);
    const Reader r(bytes);
    const std::uint64_t size = bytes.size();
    if (size < kEocdSize) {
        return z
            .bad("not a zip archive (torch.save file): too short for an end-of-directory "
                 "record (truncated file?)")
            .mismatch(">= 22 bytes", std::to_string(size) + " bytes");
    }

    // 1. Find the EOCD record, scanning back over at most a 64 KiB comment.
    std::uint64_t eocd = std::numeric_limits<std::uint64_t>::max();
    const std::uint64_t lowest = size - kEocdSize > 0xffff ? size - kEocdSize - 0xffff : 0;
    for (std::uint64_t p = size - kEocdSize + 1; p-- > lowest;) {
        if (r.get<std::uint32_t>(p) == kEocdSig) {
            const std::uint16_t commentLen = r.get<std::uint16_t>(p + 20);
            if (p + kEocdSize + commentLen <= size) {
                eocd = p;
                break;
            }
        }
    }
    if (eocd == std::numeric_limits<std::uint64_t>::max()) {
        return z.bad("not a zip archive (torch.save file) or truncated: no end-of-central-"
                     "directory record");
    }
    const std::uint16_t diskNo = r.get<std::uint16_t>(eocd + 4);
    const std::uint16_t cdDisk = r.get<std::uint16_t>(eocd + 6);
    std::uint64_t entryCount = r.get<std::uint16_t>(eocd + 10);
    std::uint64_t cdSize = r.get<std::uint32_t>(eocd + 12);
    std::uint64_t cdOffset = r.get<std::uint32_t>(eocd + 16);

    // 2. ZIP64: the locator sits right before the EOCD.
    const bool overflow = entryCount == 0xffff || cdSize == 0xffffffffu ||
                          cdOffset == 0xffffffffu || diskNo == 0xffff || cdDisk == 0xffff;
    const bool hasLocator = eocd >= kZip64LocatorSize &&
                            r.get<std::uint32_t>(eocd - kZip64LocatorSize) == kZip64LocatorSig;
    if (hasLocator) {
        const std::uint64_t recOffset = r.get<std::uint64_t>(eocd - kZip64LocatorSize + 8);
        if (!r.has(recOffset, kZip64EocdSize) || r.get<std::uint32_t>(recOffset) != kZip64EocdSig) {
            return z
                .bad("malformed ZIP64 archive: the ZIP64 end-of-directory record is missing "
                     "or outside the file (truncated file?)")
                .mismatch("record inside " + std::to_string(size) + " bytes",
                          "offset " + std::to_string(recOffset));
        }
        if (r.get<std::uint32_t>(recOffset + 16) != 0 ||
            r.get<std::uint32_t>(recOffset + 20) != 0) {
            return z.bad("multi-disk zip archives are not supported");
        }
        entryCount = r.get<std::uint64_t>(recOffset + 32);
        cdSize = r.get<std::uint64_t>(recOffset + 40);
        cdOffset = r.get<std::uint64_t>(recOffset + 48);
    } else if (overflow) {
        return z.bad("malformed zip archive: ZIP64 values announced but no ZIP64 locator");
    } else if (diskNo != 0 || cdDisk != 0) {
        return z.bad("multi-disk zip archives are not supported");
    }
    if (!r.has(cdOffset, cdSize)) {
        return z.bad("zip central directory lies outside the file (truncated file?)")
            .mismatch("end <= " + std::to_string(size),
                      std::to_string(cdOffset) + " + " + std::to_string(cdSize));
    }
    if (entryCount > cdSize / kCentralSize) {
        return z
            .bad("malformed zip archive: more entries announced than the central directory "
                 "can hold")
            .mismatch("<= " + std::to_string(cdSize / kCentralSize), std::to_string(entryCount));
    }

    // 3. Central directory entries.
    z.m_entries.reserve(static_cast<std::size_t>(entryCount));
    std::uint64_t p = cdOffset;
    const std::uint64_t cdEnd = cdOffset + cdSize;
    for (std::uint64_t i = 0; i < entryCount; ++i) {
        if (p + kCentralSize > cdEnd || r.get<std::uint32_t>(p) != kCentralSig) {
            return z.bad("malformed zip central directory at entry " + std::to_string(i))
                .mismatch("signature " + hex32(kCentralSig),
                          p + 4 <= cdEnd ? hex32(r.get<std::uint32_t>(p)) : "end of directory");
        }
        Entry e;
        e.flags = r.get<std::uint16_t>(p + 8);
        e.method = r.get<std::uint16_t>(p + 10);
        e.crc32 = r.get<std::uint32_t>(p + 16);
        e.compressedSize = r.get<std::uint32_t>(p + 20);
        e.uncompressedSize = r.get<std::uint32_t>(p + 24);
        const std::uint16_t nameLen = r.get<std::uint16_t>(p + 28);
        const std::uint16_t extraLen = r.get<std::uint16_t>(p + 30);
        const std::uint16_t commentLen = r.get<std::uint16_t>(p + 32);
        const std::uint16_t startDisk = r.get<std::uint16_t>(p + 34);
        e.localHeaderOffset = r.get<std::uint32_t>(p + 42);
        const std::uint64_t varLen = std::uint64_t(nameLen) + extraLen + commentLen;
        if (p + kCentralSize + varLen > cdEnd) {
            return z.bad("malformed zip central directory: entry " + std::to_string(i) +
                         " runs past the directory's end");
        }
        e.name.assign(reinterpret_cast<const char*>(bytes.data() + p + kCentralSize), nameLen);
        // ZIP64 extra field: only the overflowing values are present, in a fixed order.
        std::uint64_t x = p + kCentralSize + nameLen;
        const std::uint64_t xEnd = x + extraLen;
        while (x + 4 <= xEnd) {
            const std::uint16_t id = r.get<std::uint16_t>(x);
            const std::uint16_t len = r.get<std::uint16_t>(x + 2);
            if (x + 4 + len > xEnd) {
                return z.bad("malformed zip extra field").at(e.name);
            }
            if (id == 0x0001) {
                std::uint64_t q = x + 4;
                const std::uint64_t qEnd = q + len;
                auto take = [&](std::uint64_t& field) {
                    if (q + 8 > qEnd) {
                        return false;
                    }
                    field = r.get<std::uint64_t>(q);
                    q += 8;
                    return true;
                };
                if ((e.uncompressedSize == 0xffffffffu && !take(e.uncompressedSize)) ||
                    (e.compressedSize == 0xffffffffu && !take(e.compressedSize)) ||
                    (e.localHeaderOffset == 0xffffffffu && !take(e.localHeaderOffset))) {
                    return z.bad("malformed ZIP64 extra field (too short)").at(e.name);
                }
            }
            x += 4 + len;
        }
        p += kCentralSize + varLen;

        if (startDisk != 0 && startDisk != 0xffff) {
            return z.bad("multi-disk zip archives are not supported").at(e.name);
        }
        if (e.flags & 0x1) {
            return z.bad("encrypted zip entries are not supported").at(e.name);
        }
        // The local header repeats name and extra with possibly different lengths.
        if (!r.has(e.localHeaderOffset, kLocalSize) ||
            r.get<std::uint32_t>(e.localHeaderOffset) != kLocalSig) {
            return z
                .bad("zip entry's local header is missing or outside the file (truncated "
                     "or corrupt file?)")
                .at(e.name)
                .mismatch("signature " + hex32(kLocalSig) + " at offset " +
                              std::to_string(e.localHeaderOffset),
                          r.has(e.localHeaderOffset, 4)
                              ? hex32(r.get<std::uint32_t>(e.localHeaderOffset))
                              : "end of file");
        }
        const std::uint64_t localVar =
            std::uint64_t(r.get<std::uint16_t>(e.localHeaderOffset + 26)) +
            r.get<std::uint16_t>(e.localHeaderOffset + 28);
        e.dataOffset = e.localHeaderOffset + kLocalSize + localVar;
        if (!r.has(e.dataOffset, e.compressedSize)) {
            return z.bad("zip entry's data lies outside the file (truncated file?)")
                .at(e.name)
                .mismatch("end <= " + std::to_string(size),
                          std::to_string(e.dataOffset) + " + " + std::to_string(e.compressedSize));
        }
        if (e.method == 0 && e.compressedSize != e.uncompressedSize) {
            return z.bad("stored zip entry with different compressed and uncompressed sizes")
                .at(e.name)
                .mismatch(std::to_string(e.uncompressedSize), std::to_string(e.compressedSize));
        }
        if (z.m_index.count(e.name) != 0) {
            return z.bad("duplicate zip entry name").at(e.name);
        }
        z.m_index.emplace(e.name, z.m_entries.size());
        z.m_entries.push_back(std::move(e));
    }
    return z;
}

const ZipArchive::Entry* ZipArchive::find(std::string_view name) const
{
    auto it = m_index.find(name);
    return it == m_index.end() ? nullptr : &m_entries[it->second];
}

std::vector<const ZipArchive::Entry*> ZipArchive::findSuffix(std::string_view suffix) const
{
    std::vector<const Entry*> out;
    for (const auto& e : m_entries) {
        if (e.name.size() >= suffix.size() &&
            std::string_view(e.name).substr(e.name.size() - suffix.size()) == suffix) {
            out.push_back(&e);
        }
    }
    return out;
}

Result<std::span<const std::byte>> ZipArchive::storedData(const Entry& entry) const
{
    if (entry.method != 0) {
        return bad("zip entry is compressed; torch.save stores tensor data uncompressed")
            .at(entry.name)
            .mismatch("method 0 (stored)", "method " + std::to_string(entry.method));
    }
    return m_bytes.subspan(entry.dataOffset, entry.compressedSize);
}

Result<void> ZipArchive::verifyCrc(const Entry& entry) const
{
    auto data = storedData(entry);
    if (!data) {
        return std::move(data).error();
    }
    const auto crc = static_cast<std::uint32_t>(
        crc32_z(0, reinterpret_cast<const Bytef*>(data->data()), data->size()));
    if (crc != entry.crc32) {
        return bad("zip entry is corrupt: CRC-32 mismatch")
            .at(entry.name)
            .mismatch(hex32(entry.crc32), hex32(crc));
    }
    return {};
}

Result<std::vector<std::byte>> ZipArchive::read(const Entry& entry, std::uint64_t maxBytes) const
{
    if (entry.uncompressedSize > maxBytes) {
        return bad("zip entry is larger than allowed")
            .at(entry.name)
            .mismatch("<= " + std::to_string(maxBytes) + " bytes",
                      std::to_string(entry.uncompressedSize) + " bytes");
    }
    std::vector<std::byte> out(static_cast<std::size_t>(entry.uncompressedSize));
    const std::span<const std::byte> src = m_bytes.subspan(entry.dataOffset, entry.compressedSize);
    if (entry.method == 0) {
        std::copy(src.begin(), src.end(), out.begin());
    } else if (entry.method == 8) {
        z_stream zs{};
        if (inflateInit2(&zs, -MAX_WBITS) != Z_OK) {
            return Error(Errc::Internal, "zlib inflateInit2 failed");
        }
        zs.next_in = reinterpret_cast<Bytef*>(const_cast<std::byte*>(src.data()));
        zs.avail_in = static_cast<uInt>(std::min<std::uint64_t>(src.size(), 0xffffffffu));
        zs.next_out = reinterpret_cast<Bytef*>(out.data());
        zs.avail_out = static_cast<uInt>(out.size());
        const int rc = inflate(&zs, Z_FINISH);
        const auto produced = zs.total_out;
        inflateEnd(&zs);
        if (rc != Z_STREAM_END || produced != out.size()) {
            return bad("zip entry is corrupt: deflate stream does not decode to its declared "
                       "size")
                .at(entry.name)
                .mismatch(std::to_string(out.size()) + " bytes",
                          rc == Z_STREAM_END ? std::to_string(produced) + " bytes"
                                             : std::string("a decoding error"));
        }
    } else {
        return bad("unsupported zip compression method")
            .at(entry.name)
            .mismatch("0 (stored) or 8 (deflate)", std::to_string(entry.method));
    }
    const auto crc = static_cast<std::uint32_t>(
        crc32_z(0, reinterpret_cast<const Bytef*>(out.data()), out.size()));
    if (crc != entry.crc32) {
        return bad("zip entry is corrupt: CRC-32 mismatch")
            .at(entry.name)
            .mismatch(hex32(entry.crc32), hex32(crc));
    }
    return out;
}

} // namespace pw
