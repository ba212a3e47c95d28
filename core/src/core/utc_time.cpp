// SPDX-License-Identifier: Apache-2.0
#include <pw/core/utc_time.h>

#include <chrono>

namespace pw {

std::tm utcNow()
{
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
#ifdef _WIN32
    gmtime_s(&tm, &now);
#else
    gmtime_r(&now, &tm);
#endif
    return tm;
}

std::string formatTime(const std::tm& time, const char* format)
{
    char buffer[128];
    const std::size_t n = std::strftime(buffer, sizeof buffer, format, &time);
    return std::string(buffer, n);
}

std::string utcIsoNow()
{
    return formatTime(utcNow(), "%Y-%m-%dT%H:%M:%SZ");
}

} // namespace pw
