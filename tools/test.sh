#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs the dependencies, builds everything and runs every test (what CI runs via .ci/run).
# Usage: tools/test.sh [extra ctest arguments, e.g. -L unit]
set -euo pipefail
cd "$(dirname "$0")/.."

./tools/install-deps.sh
build_dir="${PW_BUILD_DIR:-build}"
jobs="$(nproc)"
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE="${PW_BUILD_TYPE:-Release}" \
    -DPW_FIXTURES_DIR="${PW_FIXTURES_DIR:-$PWD/../shared/fixtures}"
cmake --build "$build_dir" -j "$jobs"
cd "$build_dir"
ctest --output-on-failure -j "$jobs" "$@"
