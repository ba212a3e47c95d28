// SPDX-License-Identifier: Apache-2.0
#include "cli_context.h"

#include <pw/core/log.h>

#include <cmath>
#include <cstdio>
#include <string>

namespace pw::cli {

namespace {
CLI::Validator numberCheck(bool allowZero)
{
    return CLI::Validator(
        [allowZero](std::string& text) -> std::string {
            double v = 0.0;
            std::size_t used = 0;
            try {
                v = std::stod(text, &used);
            } catch (...) {
                used = 0;
            }
            const bool ok =
                used == text.size() && std::isfinite(v) && (allowZero ? v >= 0.0 : v > 0.0);
            return ok ? std::string()
                      : std::string("expected a finite number ") + (allowZero ? ">= 0" : "> 0") +
                            ", got '" + text + "'";
        },
        allowZero ? "NUMBER >= 0" : "NUMBER > 0");
}
} // namespace

CLI::Validator nonNegative()
{
    return numberCheck(true);
}

CLI::Validator positive()
{
    return numberCheck(false);
}

int reportError(const Error& error)
{
    log::get(log::kCli)->debug("{} ({})", error.describe(), errcName(error.code));
    std::fprintf(stderr, "error: %s\n", error.describe().c_str());
    return static_cast<int>(error.code);
}

} // namespace pw::cli
