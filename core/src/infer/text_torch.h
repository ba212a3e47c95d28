// SPDX-License-Identifier: Apache-2.0
// Private torch-level helpers of the text encoders (defined in text_encoder.cpp): placement,
// zero-copy weight tensors, attention with and without SDPA, error translation.
#pragma once

#include "hf_folder.h"

#include <pw/core/cancel.h>
#include <pw/core/error.h>
#include <pw/infer/device.h>

#include <torch/torch.h>

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

/// Converts the c10 exception in flight (call inside catch) to an Error.
Error torchExceptionToError(const c10::Error& e);

/// Runs `fn` and returns its value or an Error: c10::OutOfMemoryError -> OutOfMemory, other
/// c10::Error -> Internal (without the C++ backtrace), pw::Exception -> its error.
template <class Fn> auto runTorch(Fn&& fn) -> Result<std::invoke_result_t<Fn>>
{
    try {
        if constexpr (std::is_void_v<std::invoke_result_t<Fn>>) {
            fn();
            return {};
        } else {
            return fn();
        }
    } catch (const c10::Error& e) {
        return torchExceptionToError(e);
    } catch (...) {
        return currentExceptionToError();
    }
}

/// Memory of a CUDA device as libtorch's caching allocator sees it. `available` is false on the
/// CPU and in builds without the CUDA allocator headers (PW_TORCH_CUDA_STATS).
struct DeviceMemory
{
    bool available = false;
    std::uint64_t allocatedBytes = 0;
    std::uint64_t reservedBytes = 0;
    std::uint64_t peakAllocatedBytes = 0;
};
DeviceMemory deviceMemory(const Device& device);
void resetPeakMemory(const Device& device);
/// Waits for the device's queued work (no-op on the CPU).
void synchronize(const Device& device);

/// Throws Cancelled when the token is set.
inline void checkCancel(const RunControl& control)
{
    control.cancel.throwIfCancelled();
}

} // namespace pw::infer
