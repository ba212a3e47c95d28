// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <pw/core/error.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pw {

/// The byte offset of the first invalid UTF-8 sequence in `text` (overlong forms, surrogates,
/// code points above U+10FFFF and truncated sequences are invalid), or nullopt when it is valid.
std::optional<std::size_t> findInvalidUtf8(std::string_view text) noexcept;

/// Checks that `text` is valid UTF-8. Error: InvalidArgument "invalid UTF-8 at byte offset N"
/// with `what` (e.g. "prompt") as the item and the offending bytes as `found`.
Result<void> validateUtf8(std::string_view text, std::string_view what);

/// Decodes the code point starting at `text[pos]` (the text must be valid UTF-8) and advances
/// `pos` past it.
char32_t decodeUtf8(std::string_view text, std::size_t& pos) noexcept;

/// Appends the UTF-8 encoding of `cp` (a valid scalar value) to `out`.
void appendUtf8(std::string& out, char32_t cp);

} // namespace pw
