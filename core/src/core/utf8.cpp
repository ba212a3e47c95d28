// SPDX-License-Identifier: Apache-2.0
#include <pw/core/utf8.h>

#include <cstdio>

namespace pw {

std::optional<std::size_t> findInvalidUtf8(std::string_view text) noexcept
{
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    std::size_t i = 0;
    while (i < n) {
        const unsigned char c = s[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t len = 0;
        unsigned char lo = 0x80;
        unsigned char hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            if (c == 0xE0) {
                lo = 0xA0; // no overlong forms
            } else if (c == 0xED) {
                hi = 0x9F; // no UTF-16 surrogates
            }
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            if (c == 0xF0) {
                lo = 0x90;
            } else if (c == 0xF4) {
                hi = 0x8F; // nothing above U+10FFFF
            }
        } else {
            return i;
        }
        if (i + len > n) {
            return i;
        }
        if (s[i + 1] < lo || s[i + 1] > hi) {
            return i;
        }
        for (std::size_t k = 2; k < len; ++k) {
            if ((s[i + k] & 0xC0) != 0x80) {
                return i;
            }
        }
        i += len;
    }
    return std::nullopt;
}

Result<void> validateUtf8(std::string_view text, std::string_view what)
{
    const auto bad = findInvalidUtf8(text);
    if (!bad) {
        return {};
    }
    std::string bytes;
    for (std::size_t k = *bad; k < text.size() && k < *bad + 4; ++k) {
        char hex[8];
        std::snprintf(hex, sizeof hex, "%s0x%02X", bytes.empty() ? "" : " ",
                      static_cast<unsigned char>(text[k]));
        bytes += hex;
    }
    return Error(Errc::InvalidArgument, "invalid UTF-8 at byte offset " + std::to_string(*bad))
        .at(std::string(what))
        .mismatch("valid UTF-8 text", "bytes " + bytes);
}

char32_t decodeUtf8(std::string_view text, std::size_t& pos) noexcept
{
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    const unsigned char c = s[pos];
    if (c < 0x80) {
        ++pos;
        return c;
    }
    if (c < 0xE0) {
        const char32_t cp = (char32_t(c & 0x1F) << 6) | (s[pos + 1] & 0x3F);
        pos += 2;
        return cp;
    }
    if (c < 0xF0) {
        const char32_t cp =
            (char32_t(c & 0x0F) << 12) | (char32_t(s[pos + 1] & 0x3F) << 6) | (s[pos + 2] & 0x3F);
        pos += 3;
        return cp;
    }
    const char32_t cp = (char32_t(c & 0x07) << 18) | (char32_t(s[pos + 1] & 0x3F) << 12) |
                        (char32_t(s[pos + 2] & 0x3F) << 6) | (s[pos + 3] & 0x3F);
    pos += 4;
    return cp;
}

void appendUtf8(std::string& out, char32_t cp)
{
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

} // namespace pw
