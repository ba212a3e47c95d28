// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace pw {

/// Device memory of one GPU as the driver reports it (all processes together).
struct DeviceMemoryInfo
{
    int index = 0;
    std::string name; ///< e.g. "NVIDIA H100 80GB HBM3" (NVML) or "CUDA device 0"
    std::uint64_t totalBytes = 0;
    std::uint64_t usedBytes = 0;
    std::uint64_t freeBytes = 0;
};

/// Where DeviceMemoryProbe gets its numbers.
enum class DeviceMemorySource {
    None,        ///< no NVIDIA driver library could be loaded: CPU only
    Nvml,        ///< libnvidia-ml.so.1 (the driver's management library; no CUDA context)
    CudaRuntime, ///< libcudart's cudaMemGetInfo (uses the device's primary context)
};

const char* deviceMemorySourceName(DeviceMemorySource source) noexcept;

/// Live GPU memory read through NVIDIA's libraries loaded at run time (dlopen), so the binary
/// neither links nor needs them: NVML first, then the CUDA runtime. Posewright itself may be a
/// CPU-only build; the gauge still shows the GPU. The CUDA-runtime fallback creates (or shares
/// libtorch's) primary context on the device, which itself costs a few hundred MB; NVML does not.
/// Thread: any, but not concurrently on one object.
class DeviceMemoryProbe
{
  public:
    /// Loads the libraries. Never fails: without them source() is None and reason() says why.
    DeviceMemoryProbe();
    ~DeviceMemoryProbe();
    DeviceMemoryProbe(const DeviceMemoryProbe&) = delete;
    DeviceMemoryProbe& operator=(const DeviceMemoryProbe&) = delete;

    DeviceMemorySource source() const;
    /// Why no device memory is available (libraries tried, driver errors); empty otherwise.
    const std::string& reason() const;
    int deviceCount() const;
    /// nullopt when the device does not exist or the query failed.
    std::optional<DeviceMemoryInfo> query(int device) const;

  private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

/// Memory of this process and of the machine (CPU-only runs). Linux reads /proc; elsewhere
/// the fields stay 0 and available is false.
struct HostMemoryInfo
{
    bool available = false;
    std::uint64_t processResidentBytes = 0; ///< VmRSS
    std::uint64_t processPeakBytes = 0;     ///< VmHWM
    std::uint64_t totalBytes = 0;           ///< MemTotal
    std::uint64_t availableBytes = 0;       ///< MemAvailable
};

HostMemoryInfo queryHostMemory();

} // namespace pw
