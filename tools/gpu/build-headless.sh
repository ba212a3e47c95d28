#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# On the GPU box: configure and build the headless project (no Qt) against python3's libtorch 2.x
# with CUDA, using the Debian packages carried in .carry/prefix (tools/gpu/make-carry.sh).
# Usage: tools/gpu/build-headless.sh [build-dir] [extra cmake args...]
set -euo pipefail
cd "$(dirname "$0")/../.."
build="${1:-build-gpu}"
shift || true
prefix="$PWD/.carry/prefix/usr"
torch_prefix="$(python3 -c 'import torch;print(torch.utils.cmake_prefix_path)')"
export PKG_CONFIG_PATH="$prefix/lib/x86_64-linux-gnu/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
export LD_LIBRARY_PATH="$prefix/lib/x86_64-linux-gnu${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DPW_BUILD_GUI=OFF \
    -DCMAKE_PREFIX_PATH="$prefix;$prefix/share;$torch_prefix" \
    -Dspdlog_DIR="$prefix/lib/x86_64-linux-gnu/cmake/spdlog" -Dfmt_DIR="$prefix/lib/x86_64-linux-gnu/cmake/fmt" \
    -DPW_FIXTURES_DIR="${PW_FIXTURES_DIR:-$PWD/shared/fixtures}" "$@"
cmake --build "$build" -j "$(nproc)"
