// SPDX-License-Identifier: Apache-2.0
// Private to pw_io: ASCII helpers for option names.
#pragma once

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>

namespace pw::io::detail {

/// ASCII lower case (option names, file extensions).
inline std::string asciiLower(std::string_view s)
{
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

} // namespace pw::io::detail
