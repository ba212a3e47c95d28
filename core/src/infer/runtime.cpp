// SPDX-License-Identifier: Apache-2.0
// Torch translation unit: runtime queries (version, devices, threads).
#include <pw/core/log.h>
#include <pw/infer/runtime.h>

#include <torch/torch.h>

#include <algorithm>
#include <thread>

namespace pw::infer {

RuntimeInfo runtimeInfo()
{
    RuntimeInfo info;
    info.torchVersion = PW_TORCH_VERSION;
#if defined(TORCH_VERSION_MAJOR)
    info.torchVersion = std::to_string(TORCH_VERSION_MAJOR) + "." +
                        std::to_string(TORCH_VERSION_MINOR) + "." +
                        std::to_string(TORCH_VERSION_PATCH);
    info.hasSdpa = TORCH_VERSION_MAJOR >= 2;
#endif
    info.cudaBuild = torch::hasCUDA();
    try {
        info.cudaAvailable = torch::cuda::is_available();
        info.cudaDeviceCount =
            info.cudaAvailable ? static_cast<int>(torch::cuda::device_count()) : 0;
    } catch (const c10::Error& e) {
        log::get(log::kInfer)->warn("CUDA query failed: {}", e.what_without_backtrace());
    }
    info.cpuThreads = torch::get_num_threads();
    info.cpuBf16 = at::globalContext().userEnabledMkldnn() && torch::hasMKLDNN();
    return info;
}

void setCpuThreads(int threads)
{
    const int hardware = std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
    // More threads than a few per core only adds contention (and each costs a stack).
    const int n = threads > 0 ? std::min(threads, 4 * hardware) : hardware;
    if (threads > n) {
        log::get(log::kInfer)
            ->warn("{} CPU threads requested; using {} ({} hardware threads)", threads, n,
                   hardware);
    }
    torch::set_num_threads(n);
    log::get(log::kInfer)->debug("libtorch intra-op threads: {}", n);
}

} // namespace pw::infer
