// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace pw {

/// What a generation run will hold in memory, as far as the folders and settings tell before
/// anything is loaded.
struct MemoryEstimateInput
{
    std::uint64_t ditFileBytes = 0;   ///< HY-Motion weights file (fp32 in the release)
    int ditFeatDim = 1024;            ///< network_module_args.feat_dim
    std::uint64_t qwenFileBytes = 0;  ///< Qwen3 shards (bf16 in the release)
    std::uint64_t clipTextBytes = 0;  ///< CLIP text tower (fp32)
    int candidates = 1;               ///< seeds per request
    bool ditHalfPrecision = false;    ///< bf16/fp16 DiT weights and activations
    bool cuda = false;                ///< CUDA adds context and allocator overhead
    bool textEncodersResident = true; ///< kept loaded while sampling (the reference does)
};

/// One line of the estimate ("DiT weights", 1.72 GiB).
struct MemoryEstimatePart
{
    std::string label;
    std::uint64_t bytes = 0;
};

struct MemoryEstimate
{
    std::vector<MemoryEstimatePart> parts;
    std::uint64_t peakBytes = 0; ///< the sum of the parts
};

/// A simple estimate of the peak memory of one request, built from the measured figures in
/// ../shared/docs/hymotion-spec.md section 10 (official pipeline, H100): weights as stored, DiT
/// activations of about 0.1 GiB per candidate at feat_dim 1024 (0.12 GiB at 1280), the Qwen3
/// encode transient of about 0.16 GiB per prompt copy, and about 0.75 GiB of CUDA context and
/// allocator slack (an assumption: 0.5 to 1 GiB). Prompt wording and length do not change memory;
/// duration barely does (the DiT sees a fixed 360-frame canvas in the reference). The reference's
/// mesh-skinning decode peak does not apply: Posewright decodes the 22-joint skeleton only.
MemoryEstimate estimatePeakMemory(const MemoryEstimateInput& input);

} // namespace pw
