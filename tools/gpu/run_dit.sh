#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# GPU box, end to end from a fresh checkout: configure headless against the CUDA libtorch of
# python3's torch, build posewright-cli, run the DiT fixture checks on CUDA in fp32/bf16/fp16 and
# the benchmark; everything lands in $OUT.
#
# Usage (from the repository root, shared/ beside it):
#   PW_DEPS_PREFIX=/opt/pw-deps OUT=/tmp/out tools/gpu/run_dit.sh
# Environment:
#   PW_DEPS_PREFIX  prefix holding the Debian libraries missing on the box (yaml-cpp, CLI11,
#                   nlohmann-json, GLM, PCRE2, utf8proc, ...) unpacked from .debs; optional
#   OUT             output folder (default ./out)
#   PW_FIXTURES_DIR fixtures (default ../shared/fixtures)
#   PW_BENCH_ARGS   extra arguments for `posewright-cli bench`
set -uo pipefail
cd "$(dirname "$0")/../.."
OUT="${OUT:-$PWD/out}"
mkdir -p "$OUT"
FIX="${PW_FIXTURES_DIR:-$PWD/../shared/fixtures}"
log() { echo "[run_dit] $*" | tee -a "$OUT/summary.txt"; }

TORCH_PREFIX="$(python3 -c 'import torch; print(torch.utils.cmake_prefix_path)')" || {
    log "python3 torch not found"; exit 1; }
prefix_path="$TORCH_PREFIX"
if [ -n "${PW_DEPS_PREFIX:-}" ]; then
    prefix_path="$PW_DEPS_PREFIX;$PW_DEPS_PREFIX/usr;$PW_DEPS_PREFIX/usr/lib/x86_64-linux-gnu/cmake;$prefix_path"
    export PKG_CONFIG_PATH="$PW_DEPS_PREFIX/usr/lib/x86_64-linux-gnu/pkgconfig:$PW_DEPS_PREFIX/usr/share/pkgconfig:${PKG_CONFIG_PATH:-}"
    export LD_LIBRARY_PATH="$PW_DEPS_PREFIX/usr/lib/x86_64-linux-gnu:${LD_LIBRARY_PATH:-}"
    export CPATH="$PW_DEPS_PREFIX/usr/include:${CPATH:-}"
fi
log "torch $(python3 -c 'import torch; print(torch.__version__, torch.version.cuda)')"
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv | tee -a "$OUT/summary.txt"

cmake -S . -B build-gpu -G Ninja -DCMAKE_BUILD_TYPE=Release -DPW_BUILD_GUI=OFF \
    -DPW_BUILD_QTESTS=OFF -DPW_FIXTURES_DIR="$FIX" -DCMAKE_PREFIX_PATH="$prefix_path" \
    > "$OUT/configure.log" 2>&1 || { log "configure FAILED (see configure.log)"; exit 1; }
grep -q "CUDA code paths enabled" "$OUT/configure.log" && log "PW_TORCH_CUDA on" ||
    log "WARNING: PW_TORCH_CUDA off (no CUDA graphs / CUDA generator)"
cmake --build build-gpu -j "$(nproc)" --target posewright-cli > "$OUT/build.log" 2>&1 || {
    log "build FAILED (see build.log)"; tail -40 "$OUT/build.log"; exit 1; }
CLI=build-gpu/app/cli/posewright-cli
$CLI --no-log-file info | tee "$OUT/info.txt"

status=0
run() { # name, args...
    local name="$1"; shift
    log "== $name: $CLI $*"
    "$CLI" --no-log-file "$@" > "$OUT/$name.txt" 2>&1
    local rc=$?
    tail -3 "$OUT/$name.txt" | tee -a "$OUT/summary.txt"
    log "   exit $rc"
    [ $rc -eq 0 ] || status=1
}
# Parity: fp32 must pass the fixture tolerances (1e-4 forward, 1e-3 latents).
run fixture_cpu_fp32 check-fixture "$FIX/dit-tiny" --groups fwd,sample
run fixture_cuda_fp32 check-fixture "$FIX/dit-tiny" --groups fwd,sample --device cuda
# Reduced precision: the issue's bound is 3e-2 relative to the reference latents (30x the fp32
# sample tolerance); forward intermediates get the same 3e-2 (300x their fp32 tolerance).
for p in bf16 fp16; do
    run fixture_cuda_${p}_fwd check-fixture "$FIX/dit-tiny" --groups fwd --device cuda \
        --precision $p --tolerance-scale 300
    run fixture_cuda_${p}_sample check-fixture "$FIX/dit-tiny" --groups sample --device cuda \
        --precision $p --tolerance-scale 30
done
# The CTest CLI suite (headless build) for completeness.
(cmake --build build-gpu -j "$(nproc)" > "$OUT/build-all.log" 2>&1 &&
    cd build-gpu && ctest -L cli --output-on-failure > "$OUT/ctest-cli.txt" 2>&1)
log "ctest -L cli: $(tail -1 "$OUT/ctest-cli.txt" 2>/dev/null || echo 'did not run')"
grep -E "tests passed|tests failed" "$OUT/ctest-cli.txt" | tee -a "$OUT/summary.txt"

# Benchmark: Lite shapes, random weights, 1 and 4 seeds, 5 s and 12 s, 50 steps, CFG 5.
run bench_cuda bench --device cuda --json "$OUT/bench_cuda.json" ${PW_BENCH_ARGS:-}
run bench_cuda_padded_nograph bench --device cuda --precision fp32 --seeds 1 --durations 5 \
    --padded --no-cuda-graph --json "$OUT/bench_cuda_reference_like.json"
run bench_cuda_trimmed_nograph bench --device cuda --precision bf16 --seeds 1 --durations 5 \
    --no-cuda-graph --json "$OUT/bench_cuda_bf16_nograph.json"
cat "$OUT/bench_cuda.txt"
log "done: status $status (0 = every check passed); results in $OUT"
exit $status
