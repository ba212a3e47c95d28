// SPDX-License-Identifier: Apache-2.0
#include "cli_context.h"

#include <pw/core/log.h>

#include <cstdio>

namespace pw::cli {

int reportError(const Error& error)
{
    log::get(log::kCli)->debug("{} ({})", error.describe(), errcName(error.code));
    std::fprintf(stderr, "error: %s\n", error.describe().c_str());
    return static_cast<int>(error.code);
}

} // namespace pw::cli
