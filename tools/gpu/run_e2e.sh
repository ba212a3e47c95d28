#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# GPU box, from a fresh checkout with .carry beside the sources (tools/gpu/make-carry.sh): builds
# the headless project against python3's CUDA libtorch, then checks the whole pipeline (the
# Engine) on CUDA and times it with random weights of the real shapes. Everything lands in $OUT
# (summary.txt first).
#   1. check-fixture dit-tiny, every group (fwd, sample, decode, e2e through the Engine) on CUDA
#      in fp32, the sample and e2e groups in bf16 with --tolerance-scale 30; e2e alone on the CPU;
#   2. posewright-cli generate on CUDA with the fixture models, default and --text-encoders cpu,
#      then export of every take;
#   3. bench-pipeline: Qwen3-8B-shaped (bf16) + CLIP-L + HY-Motion-1.0-Lite DiT (fp32 and bf16),
#      random weights, one prompt, 1 and 4 seeds, 5 s, 50 steps: encode/sample/decode times and
#      the peak device memory, next to the reference's 0.058 s + 2.06 s + 0.43 s, 17.6 GB;
#   4. ctest -L cli.
# Usage: OUT=/some/dir tools/gpu/run_e2e.sh [build-dir]
#        PW_SKIP_CTEST=1 skips `ctest -L cli` (run_dit.sh runs the whole suite)
#        PW_SKIP_BUILD=1 reuses an existing build-dir.
# Exit status: non-zero if the build or any check fails (the benchmark still runs).
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 1
build="${1:-build-gpu}"
out="${OUT:-$PWD/out-e2e}"
mkdir -p "$out"
source tools/gpu/env.sh # the carried dependencies and fixtures
fixtures="$PW_FIXTURES_DIR"
summary="$out/summary.txt"

echo "== run_e2e ($build)" | tee "$summary"
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv 2>&1 | tee -a "$summary"
if [ "${PW_SKIP_BUILD:-0}" != 1 ]; then
    if ! PW_FIXTURES_DIR="$fixtures" tools/gpu/build-headless.sh "$build" > "$out/build.log" 2>&1; then
        echo "build FAILED" | tee -a "$summary"
        grep -E "error|Error" "$out/build.log" | head -40 | tee -a "$summary"
        exit 1
    fi
    grep -E "CUDA code paths|Torch " "$out/build.log" | tee -a "$summary"
fi
cli="$build/app/cli/posewright-cli"
"$cli" --no-log-file info > "$out/info.txt" 2>&1
grep -iE "torch|cuda|device" "$out/info.txt" | head -8 >> "$summary"

status=0
run() { # name, then posewright-cli arguments; output in $out/name.txt
    local name="$1"
    shift
    "$cli" --no-log-file "$@" > "$out/$name.txt" 2>&1
    local rc=$?
    echo "== $name: rc=$rc, $(tail -1 "$out/$name.txt")" | tee -a "$summary"
    grep -E "^FAIL" "$out/$name.txt" | tee -a "$summary"
    [ "$rc" -eq 0 ] || status=1
    return "$rc"
}

# 1. Parity.
run fixture_cuda_fp32 check-fixture "$fixtures/dit-tiny" --device cuda --precision fp32
grep -E "e2e|engine:" "$out/fixture_cuda_fp32.txt" >> "$summary"
# bf16: the latents (sample, e2e) against the issue's 3e-2 bound (30x the fp32 tolerance). The
# forward intermediates in bf16 are run_dit.sh's (scale 300); the decode group's "(sampled)" rows
# re-decode this build's own bf16 latents, where 6D normalisation amplifies the ~1e-2 latent
# difference to ~3e-2 on the random tiny model, so they are checked in fp32 only.
run fixture_cuda_bf16 check-fixture "$fixtures/dit-tiny" --groups sample,e2e --device cuda \
    --precision bf16 --tolerance-scale 30
grep -E "e2e[01].latent|e2e[01].rot6d" "$out/fixture_cuda_bf16.txt" >> "$summary"
run fixture_cpu_e2e check-fixture "$fixtures/dit-tiny" --groups e2e --device cpu

# 2. generate on CUDA with the fixture models, then export every take.
prompt="A person walks forward, then turns left."
gen() { # name, extra generate arguments
    local name="$1"
    shift
    rm -rf "${out:?}/${name:?}"
    if run "$name" generate --model "$fixtures/dit-tiny" --qwen "$fixtures/text/qwen3-tiny" \
        --clip "$fixtures/text/clip-tiny" --device cuda --prompt "$prompt" --duration 2 \
        --seeds 0,1,2,3 --out "$out/$name" "$@"; then
        grep -E "^model|^sample|^wrote" "$out/$name.txt" >> "$summary"
        for take in "$out/$name"/*.pwtake; do
            for fmt in fbx bvh json; do
                "$cli" --no-log-file export --take "$take" --out "$take.$fmt" \
                    >> "$out/${name}_export.txt" 2>&1 || status=1
            done
        done
        echo "   exports: $(grep -c '^exported' "$out/${name}_export.txt") of $((4 * 3))" |
            tee -a "$summary"
    fi
}
gen generate_cuda
gen generate_cuda_bf16 --precision bf16
gen generate_cuda_text_cpu --text-encoders cpu
gen generate_cuda_release --text-encoders release

# 3. End-to-end timing with random weights of the real shapes.
for p in fp32 bf16; do
    echo "== bench-pipeline (Lite DiT $p, Qwen3-8B bf16, CLIP-L fp32, CUDA)" | tee -a "$summary"
    "$cli" --no-log-file bench-pipeline --device cuda --precision "$p" \
        --qwen-tokenizer "$fixtures/text/qwen3-tiny" --clip-tokenizer "$fixtures/text/clip-tiny" \
        --seeds 1,4 --duration 5 --steps 50 --repeats 3 --json "$out/bench_pipeline_$p.json" \
        > "$out/bench_pipeline_$p.txt" 2>&1 || status=1
    tee -a "$summary" < "$out/bench_pipeline_$p.txt"
done

# 4. The CLI tests of the headless build.
if [ "${PW_SKIP_CTEST:-0}" != 1 ]; then
    echo "== ctest -L cli" | tee -a "$summary"
    (cd "$build" && PW_FIXTURES_DIR="$fixtures" ctest -L cli --output-on-failure) \
        > "$out/ctest_cli.txt" 2>&1 || status=1
    grep -E "tests passed|FAILED|Failed" "$out/ctest_cli.txt" | tee -a "$summary"
fi
echo "== status $status" | tee -a "$summary"
exit "$status"
