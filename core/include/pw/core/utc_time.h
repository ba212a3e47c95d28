// SPDX-License-Identifier: Apache-2.0
#pragma once

// The current UTC time, portably (gmtime_r / gmtime_s), for time stamps in takes and files.
// Thread: any.

#include <ctime>
#include <string>

namespace pw {

/// The current UTC time, broken down.
std::tm utcNow();

/// strftime() of `time` with `format`, e.g. "%Y-%m-%dT%H:%M:%SZ".
std::string formatTime(const std::tm& time, const char* format);

/// The current UTC time in ISO 8601, e.g. "2026-11-25T08:15:03Z".
std::string utcIsoNow();

} // namespace pw
