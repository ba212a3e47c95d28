// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <pw/core/error.h>

#include <filesystem>
#include <string_view>

namespace pw {

/// Writes `bytes` to `path` so that the destination is either the old file or the complete new
/// one, never a half-written file: write to a temporary file in the same folder, fsync, rename.
/// Errors: IoError (folder missing or not writable, disk full), naming the path.
Result<void> writeFileAtomically(const std::filesystem::path& path, std::string_view bytes);

/// Reads a whole file. Errors: FileNotFound, IoError.
Result<std::string> readWholeFile(const std::filesystem::path& path);

} // namespace pw
