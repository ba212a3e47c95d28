// SPDX-License-Identifier: Apache-2.0
#pragma once

// SHA-256 fingerprints (OpenSSL's libcrypto), e.g. of a model's config.yml in a take's
// ModelIdentity. Thread: any.

#include <pw/core/error.h>

#include <filesystem>
#include <string>
#include <string_view>

namespace pw {

/// Lower-case hex SHA-256 of `bytes` (64 characters).
std::string sha256Hex(std::string_view bytes);

/// Lower-case hex SHA-256 of a file's contents, read in chunks (any size).
/// Errors: FileNotFound, IoError, naming the path.
Result<std::string> sha256File(const std::filesystem::path& path);

} // namespace pw
