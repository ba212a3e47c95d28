# SPDX-License-Identifier: Apache-2.0
# Runs CMD with ARGS (a ;-list) and succeeds only if it exits non-zero, does not crash, and,
# when EXPECT is set, prints a line matching that regular expression on stdout or stderr, and
# when EXPECT_RC is set, exits with exactly that status.
execute_process(COMMAND ${CMD} ${ARGS} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("exit status: ${rc}\nstdout:\n${out}\nstderr:\n${err}")
if(rc EQUAL 0)
    message(FATAL_ERROR "expected a non-zero exit status")
endif()
if(NOT rc MATCHES "^[0-9]+$")
    message(FATAL_ERROR "the process did not exit normally: ${rc}")
endif()
if(EXPECT AND NOT "${out}${err}" MATCHES "${EXPECT}")
    message(FATAL_ERROR "output does not match '${EXPECT}'")
endif()
if(NOT "${EXPECT_RC}" STREQUAL "" AND NOT rc EQUAL EXPECT_RC)
    message(FATAL_ERROR "expected exit status ${EXPECT_RC}, got ${rc}")
endif()
