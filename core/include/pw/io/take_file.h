// SPDX-License-Identifier: Apache-2.0
#pragma once

// CONTRACT (foundation): saving and loading takes. The file format is defined and implemented by
// the motion/export issue (#5); the GUI's takes panel and `posewright-cli generate/export` use
// these functions.

#include <pw/core/error.h>
#include <pw/core/take.h>

#include <filesystem>

namespace pw::io {

/// The take file extension (with the dot).
inline constexpr const char* kTakeExtension = ".pwtake";

/// Writes a take atomically (never a half-written file). Errors: IoError, InvalidArgument (a
/// take without motion).
Result<void> saveTake(const Take& take, const std::filesystem::path& path);

/// Reads a take. Errors: FileNotFound, BadInput (malformed, unsupported version, inconsistent
/// sizes; naming the file and the field).
Result<Take> loadTake(const std::filesystem::path& path);

} // namespace pw::io
