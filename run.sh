#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs the dependencies, builds Posewright and launches the studio.
# Usage: ./run.sh [studio options, e.g. --lang zh_CN]
set -euo pipefail
cd "$(dirname "$0")"

./tools/install-deps.sh --no-blender
build_dir="${PW_BUILD_DIR:-build}"
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE="${PW_BUILD_TYPE:-Release}"
cmake --build "$build_dir" -j "$(nproc)" --target posewright posewright-cli
exec "$build_dir/app/gui/posewright" "$@"
