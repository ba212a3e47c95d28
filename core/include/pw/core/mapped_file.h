// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <pw/core/error.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>

namespace pw {

/// A read-only memory map of a whole file (weights are mapped, never copied).
/// Copies share the mapping; it is unmapped when the last copy goes. Thread: any (read-only).
class MappedFile
{
  public:
    /// Maps `path`. Errors: FileNotFound, BadInput (a folder), IoError.
    static Result<MappedFile> open(const std::filesystem::path& path);

    MappedFile() = default;
    std::span<const std::byte> bytes() const { return {m_data, m_size}; }
    const std::byte* data() const { return m_data; }
    std::size_t size() const { return m_size; }
    const std::filesystem::path& path() const { return m_path; }
    /// Keeps the mapping alive (e.g. as the deleter context of a tensor viewing it).
    std::shared_ptr<const void> keepAlive() const { return m_mapping; }

  private:
    std::shared_ptr<const void> m_mapping;
    const std::byte* m_data = nullptr;
    std::size_t m_size = 0;
    std::filesystem::path m_path;
};

} // namespace pw
