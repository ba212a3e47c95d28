// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>

namespace pw::infer {

/// What the libtorch runtime of this build offers. No torch types (public header).
struct RuntimeInfo
{
    std::string torchVersion;   ///< e.g. "1.13.0" (Debian) or "2.11.0"
    bool cudaBuild = false;     ///< libtorch was built with CUDA (compile-time)
    bool cudaAvailable = false; ///< a CUDA device and driver are usable now
    int cudaDeviceCount = 0;
    int cpuThreads = 0;   ///< intra-op threads in use
    bool cpuBf16 = false; ///< bf16 matmul works on this CPU through oneDNN
    bool hasSdpa = false; ///< at::scaled_dot_product_attention exists (libtorch >= 2.0)
};

/// Queries libtorch. Cheap after the first call. Thread: any.
RuntimeInfo runtimeInfo();

/// Sets libtorch's intra-op thread count; 0 means one per hardware thread, and requests above
/// four per hardware thread are capped (with a warning). libtorch's own default
/// is 1 on small VMs (see ../shared/docs/toolchain.md), so every entry point calls this once.
void setCpuThreads(int threads);

} // namespace pw::infer
