#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# On the GPU box: configure and build the headless project (no Qt Widgets) against python3's
# libtorch 2.x with CUDA, using the Debian packages carried in .carry/ (tools/gpu/make-carry.sh;
# tools/gpu/env.sh unpacks them). Qt 6 Core/Test come from the carry too, so the Qt Test unit
# tests build and run there as well as the CLI tests.
# Usage: tools/gpu/build-headless.sh [build-dir] [extra cmake args...]
set -euo pipefail
cd "$(dirname "$0")/../.."
build="${1:-build-gpu}"
shift || true
source tools/gpu/env.sh
prefix="$PW_DEPS_PREFIX"
torch_prefix="$(python3 -c 'import torch;print(torch.utils.cmake_prefix_path)')"
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DPW_BUILD_GUI=OFF \
    -DCMAKE_PREFIX_PATH="$prefix;$prefix/share;$torch_prefix" \
    -Dspdlog_DIR="$prefix/lib/x86_64-linux-gnu/cmake/spdlog" \
    -Dfmt_DIR="$prefix/lib/x86_64-linux-gnu/cmake/fmt" \
    -DPW_FIXTURES_DIR="$PW_FIXTURES_DIR" "$@"
cmake --build "$build" -j "$(nproc)"
