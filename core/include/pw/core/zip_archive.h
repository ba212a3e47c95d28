// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <pw/core/error.h>
#include <pw/core/mapped_file.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace pw {

/// A read-only ZIP archive held in memory (normally a memory-mapped file), as written by
/// `torch.save` (PyTorch's zip container): ZIP64 aware (files over 4 GiB, e.g. the 1.0B
/// HY-Motion checkpoint), stored entries are exposed zero-copy, deflated entries can be read into
/// memory. Encrypted entries, multi-disk archives and duplicate names are rejected. The whole
/// central directory is validated on open (every entry's data lies inside the file).
/// Thread: any (read-only).
class ZipArchive
{
  public:
    struct Entry
    {
        std::string name;
        std::uint16_t method = 0; ///< 0 stored, 8 deflated (others are listed but unreadable)
        std::uint16_t flags = 0;
        std::uint32_t crc32 = 0;
        std::uint64_t compressedSize = 0;
        std::uint64_t uncompressedSize = 0;
        std::uint64_t localHeaderOffset = 0;
        std::uint64_t dataOffset = 0; ///< absolute offset of the entry's (compressed) bytes
    };

    /// Maps and parses `path`. Errors: FileNotFound, IoError, BadModelFile (not a zip, truncated,
    /// malformed; the message names the file and, where it applies, the entry).
    static Result<ZipArchive> open(const std::filesystem::path& path);
    /// Parses bytes already in memory; `label` names them in errors. The bytes must outlive the
    /// archive. Used by tests and the fuzz target.
    static Result<ZipArchive> parse(std::span<const std::byte> bytes, std::string label);

    const std::vector<Entry>& entries() const { return m_entries; }
    /// nullptr when absent.
    const Entry* find(std::string_view name) const;
    /// Every entry whose name ends with `suffix` (e.g. "/data.pkl").
    std::vector<const Entry*> findSuffix(std::string_view suffix) const;

    /// The bytes of a stored (uncompressed) entry, without copying. Error: BadModelFile for a
    /// compressed entry.
    Result<std::span<const std::byte>> storedData(const Entry& entry) const;
    /// Reads an entry into memory (inflating a deflated one) and checks its CRC-32.
    /// Errors: BadModelFile (unsupported method, corrupt data, CRC mismatch, larger than
    /// `maxBytes`).
    Result<std::vector<std::byte>> read(const Entry& entry, std::uint64_t maxBytes) const;
    /// Checks the CRC-32 of a stored entry (reads every byte). Error: BadModelFile.
    Result<void> verifyCrc(const Entry& entry) const;

    const std::string& label() const { return m_label; }
    std::span<const std::byte> bytes() const { return m_bytes; }
    /// Keeps the mapping alive beyond this object (for zero-copy views); null for parse().
    std::shared_ptr<const void> keepAlive() const { return m_file.keepAlive(); }

  private:
    Error bad(std::string message) const;

    MappedFile m_file;
    std::span<const std::byte> m_bytes;
    std::string m_label;
    std::vector<Entry> m_entries;
    std::map<std::string, std::size_t, std::less<>> m_index;
};

} // namespace pw
