// SPDX-License-Identifier: Apache-2.0
// The last line of defence of the programs' main(): whatever escapes `run` becomes an "unexpected
// failure" message on stderr and the Errc::Internal exit code, after the logs are flushed. Header
// only on purpose: PW_TESTING_NO_CATCH_ALL (set for the test builds of main.cpp) is read in the
// program's own translation unit, so a test sees the real exception.
#pragma once

#include "pw/core/error.h"
#include "pw/core/log.h"

#include <cstdio>

namespace pw {

template <class Run> int guardedMain(const char* program, Run&& run, int argc, char** argv)
{
#ifdef PW_TESTING_NO_CATCH_ALL
    (void)program;
    return run(argc, argv);
#else
    try {
        return run(argc, argv);
    } catch (...) {
        const Error error = currentExceptionToError();
        std::fprintf(stderr, "%s: unexpected failure: %s\n", program, error.describe().c_str());
        log::flush();
        return static_cast<int>(Errc::Internal);
    }
#endif
}

} // namespace pw
