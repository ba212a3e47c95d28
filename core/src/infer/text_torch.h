// SPDX-License-Identifier: Apache-2.0
// Private torch-level helpers of the text encoders (defined in text_encoder.cpp): placement,
// zero-copy weight tensors, attention with and without SDPA. Error translation (guardTorch) and
// device memory statistics are shared with the DiT (motion_dit.h).
#pragma once

#include "hf_folder.h"
#include "motion_dit.h"

#include <pw/core/cancel.h>
#include <pw/core/error.h>
#include <pw/infer/device.h>

#include <torch/torch.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace pw::infer {

/// Where a model runs and in which compute dtype.
struct ModelPlacement
{
    Device device;
    Precision precision = Precision::Fp32;
};

torch::Device toTorchDevice(const Device& device);
torch::ScalarType toScalarType(Precision precision);
/// The Precision of a floating dtype (fp32 for anything else).
Precision precisionOf(torch::ScalarType dtype);

/// Throws UnsupportedDevice when `device` cannot run `precision` in this build (no CUDA
/// device; fp16 on the CPU, whose matmul libtorch does not implement; bf16 on a CPU without
/// oneDNN). `what` names the model in the message.
void checkPlacement(const Device& device, Precision precision, const std::string& what);

/// A tensor over the mapped bytes of `view` (zero-copy, the mapping kept alive by the tensor),
/// converted to `dtype` on `device`. At most one copy is made: none when the file already holds
/// `dtype` and the device is the CPU.
torch::Tensor weightTensor(const HfWeights& weights, const TensorView& view, torch::Device device,
                           torch::ScalarType dtype);

/// N(0, 0.02) weights generated in place on the options' device (benchmarks): no host staging,
/// so even 8 B parameters take seconds on a GPU.
torch::Tensor randomWeight(const std::vector<std::int64_t>& shape,
                           const torch::TensorOptions& options);

/// softmax(q kᵀ / sqrt(d) + mask) v for q (B,H,L,D), k and v (B,H,S,D). `keep` is a boolean
/// mask broadcastable to (B,H,L,S) (true = attend), or undefined; `causal` adds the causal
/// mask. Uses at::scaled_dot_product_attention on libtorch >= 2, else an explicit softmax
/// computed in float32.
torch::Tensor attention(const torch::Tensor& q, const torch::Tensor& k, const torch::Tensor& v,
                        const torch::Tensor& keep, bool causal);

/// Throws Cancelled when the token is set.
inline void checkCancel(const RunControl& control)
{
    control.cancel.throwIfCancelled();
}

} // namespace pw::infer
