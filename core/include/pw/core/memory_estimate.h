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
    std::uint64_t ditFileBytes = 0;  ///< HY-Motion weights file (fp32 in the release)
    int ditFeatDim = 1024;           ///< network_module_args.feat_dim
    std::uint64_t qwenFileBytes = 0; ///< Qwen3 weights loaded (bf16 shards less the LM head)
    std::uint64_t clipTextBytes = 0; ///< CLIP text tower (fp32)
    int candidates = 1;              ///< seeds per request
    bool ditHalfPrecision = false;   ///< bf16/fp16 DiT weights and activations
    bool cuda = false;               ///< CUDA adds context and allocator overhead
    /// Qwen3 and CLIP on the device (placements Device and Release, whose peak is during the
    /// encode; Auto within the VRAM budget); false with the Cpu placement.
    bool textEncodersOnDevice = true;
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

/// A simple estimate of the peak memory of one request: the weights as loaded, DiT activations
/// of about 0.095 GiB per candidate at feat_dim 1024 (the reference's measured figure,
/// hymotion-spec.md section 10; Posewright's trimmed sampling needs less), about 0.07 GiB for
/// encoding the prompt once (measured: Qwen3-8B shapes on an H100, docs/benchmarks.md) and
/// about 0.75 GiB of CUDA context and allocator slack (an assumption: 0.5 to 1 GiB). Prompt
/// wording and length barely change memory. The reference's mesh-skinning decode peak does not
/// apply: Posewright decodes the 22-joint skeleton, on the CPU.
MemoryEstimate estimatePeakMemory(const MemoryEstimateInput& input);

} // namespace pw
