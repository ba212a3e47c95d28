#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# GPU box, end to end from a fresh checkout: configure headless against the CUDA libtorch of
# python3's torch, build posewright-cli and the tests, run the DiT fixture checks on CUDA in
# fp32/bf16/fp16 and the benchmark; everything lands in $OUT.
#
# Usage (repository root; on the Debian machine first run tools/gpu/make-carry.sh so .carry/
# holds the Debian dependencies and the fixtures, see docs/gpu.md):
#   OUT=/tmp/out tools/gpu/run_dit.sh
# Environment:
#   OUT             output folder (default ./out)
#   PW_FIXTURES_DIR fixtures (default .carry/fixtures, else ../shared/fixtures; tools/gpu/env.sh)
#   PW_BENCH_ARGS   extra arguments for `posewright-cli bench`
#   PW_SKIP_BUILD=1 reuses an existing build-gpu
set -uo pipefail
cd "$(dirname "$0")/../.."
OUT="${OUT:-$PWD/out}"
mkdir -p "$OUT"
source tools/gpu/env.sh # the carried dependencies and fixtures
FIX="$PW_FIXTURES_DIR"
log() { echo "[run_dit] $*" | tee -a "$OUT/summary.txt"; }

log "torch $(python3 -c 'import torch; print(torch.__version__, torch.version.cuda)' 2>&1)"
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv | tee -a "$OUT/summary.txt"

if [ "${PW_SKIP_BUILD:-0}" != 1 ]; then
    tools/gpu/build-headless.sh build-gpu > "$OUT/build.log" 2>&1
    rc=$?
    if [ $rc -ne 0 ]; then
        log "build FAILED (see build.log)"; grep -E "error|Error" "$OUT/build.log" | head -40; exit 1
    fi
fi
grep -q "CUDA code paths enabled" "$OUT/build.log" && log "PW_TORCH_CUDA on" ||
    log "WARNING: PW_TORCH_CUDA off (no CUDA graphs / CUDA generator / memory statistics)"
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
# The whole CTest suite of the headless build: Qt Test unit tests (Qt Core/Test carried), CPU
# parity, error paths, fuzz replay, and the CUDA-only tests (label gpu).
(cd build-gpu && ctest -j "$(nproc)" --output-on-failure > "$OUT/ctest.txt" 2>&1) || status=1
grep -E "tests passed|tests failed|Failed|\*\*\*" "$OUT/ctest.txt" | tee -a "$OUT/summary.txt"
grep -E "^(cli|fixture|gpu|unit|slow|interop) +=" "$OUT/ctest.txt" | tee -a "$OUT/summary.txt"

# Benchmark: Lite shapes, random weights, 1 and 4 seeds, 5 s and 12 s, 50 steps, CFG 5.
run bench_cuda bench --device cuda --json "$OUT/bench_cuda.json" ${PW_BENCH_ARGS:-}
run bench_cuda_padded_nograph bench --device cuda --precision fp32 --seeds 1 --durations 5 \
    --padded --no-cuda-graph --json "$OUT/bench_cuda_reference_like.json"
run bench_cuda_trimmed_nograph bench --device cuda --precision bf16 --seeds 1 --durations 5 \
    --no-cuda-graph --json "$OUT/bench_cuda_bf16_nograph.json"
cat "$OUT/bench_cuda.txt"
log "done: status $status (0 = every check passed); results in $OUT"
exit $status
