#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# On the GPU box, from a fresh checkout with .carry beside the sources (tools/gpu/make-carry.sh):
# builds the headless project against python3's libtorch (CUDA), then runs the text-encoder
# checks on CUDA (fp32 and bf16 compute) and on the CPU, and the text-encoder benchmark
# (Qwen3-8B and CLIP-L shapes, random weights generated on the GPU). Everything lands in $OUT.
# Usage: OUT=/some/dir tools/gpu/run_text.sh [build-dir]
#        PW_SKIP_CTEST=1 skips `ctest -L cli` (run_dit.sh runs the whole suite)
#        PW_SKIP_BUILD=1 reuses an existing build-dir (e.g. for a second run).
# Exit status: non-zero if the build fails or any check fails (the benchmark still runs).
set -uo pipefail
cd "$(dirname "$0")/../.."
build="${1:-build-gpu}"
out="${OUT:-$PWD/out-text}"
mkdir -p "$out"
source tools/gpu/env.sh # the carried dependencies and fixtures
fixtures="$PW_FIXTURES_DIR"

echo "== build ($build)" | tee "$out/summary.txt"
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv 2>&1 | tee -a "$out/summary.txt"
if [ "${PW_SKIP_BUILD:-0}" != 1 ]; then
    if ! PW_FIXTURES_DIR="$fixtures" tools/gpu/build-headless.sh "$build" > "$out/build.log" 2>&1; then
        tail -40 "$out/build.log" | tee -a "$out/summary.txt"
        exit 1
    fi
    grep -E "CUDA code paths|Torch " "$out/build.log" | tee -a "$out/summary.txt"
fi
cli="$build/app/cli/posewright-cli"
"$cli" --no-log-file info > "$out/info.txt" 2>&1
cat "$out/info.txt" >> "$out/summary.txt"

status=0
run_check() { # name, then check-fixture arguments
    local name="$1"
    shift
    "$cli" --no-log-file check-fixture "$fixtures/text" "$@" > "$out/$name.txt" 2>&1
    local rc=$?
    echo "== $name: rc=$rc, $(tail -1 "$out/$name.txt")" | tee -a "$out/summary.txt"
    grep -E "^FAIL|hidden_last|ctxt|pooler|last_hidden" "$out/$name.txt" >> "$out/summary.txt"
    [ "$rc" -eq 0 ] || status=1
}
run_check text_cuda_fp32 --device cuda --precision fp32
run_check text_cuda_bf16 --device cuda --precision bf16
run_check text_cpu_fp32 --device cpu --precision fp32

echo "== encode on CUDA (tiny folders)" | tee -a "$out/summary.txt"
"$cli" --no-log-file encode --qwen "$fixtures/text/qwen3-tiny" --clip "$fixtures/text/clip-tiny" \
    --device cuda "A person walks unsteadily, then slowly sits down." \
    > "$out/encode_cuda.txt" 2>&1 || status=1
cat "$out/encode_cuda.txt" >> "$out/summary.txt"

echo "== bench-text (Qwen3-8B shapes bf16, CLIP-L fp32, CUDA)" | tee -a "$out/summary.txt"
"$cli" --no-log-file bench-text --device cuda --precision bf16 \
    --tokenizer "$fixtures/text/qwen3-tiny" > "$out/bench_text.txt" 2>&1 || status=1
cat "$out/bench_text.txt" | tee -a "$out/summary.txt"
"$cli" --no-log-file bench-text --device cuda --precision bf16 --iterations 20 \
    --tokenizer "$fixtures/text/qwen3-tiny" --json > "$out/bench_text.json" 2>&1 || status=1

if [ "${PW_SKIP_CTEST:-0}" != 1 ]; then
    echo "== ctest -L cli" | tee -a "$out/summary.txt"
    (cd "$build" && PW_FIXTURES_DIR="$fixtures" ctest -L cli --output-on-failure) \
        > "$out/ctest_cli.txt" 2>&1 || status=1
    grep -E "tests passed|FAILED|Failed" "$out/ctest_cli.txt" | tee -a "$out/summary.txt"
fi
echo "== status $status" | tee -a "$out/summary.txt"
exit "$status"
