// SPDX-License-Identifier: Apache-2.0
#include <pw/core/device_memory.h>
#include <pw/core/log.h>

#include <array>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

#if defined(__unix__) || defined(__APPLE__)
#include <dlfcn.h>
#define PW_HAVE_DLOPEN 1
#endif

namespace pw {
namespace {

// The few NVML and CUDA runtime entry points used, declared by hand so no NVIDIA header or
// library is needed at build time. Signatures follow NVIDIA's public C APIs.
using NvmlReturn = int; // nvmlReturn_t: 0 is NVML_SUCCESS
using NvmlDevice = void*;
struct NvmlMemory
{
    unsigned long long total;
    unsigned long long free;
    unsigned long long used;
};
using NvmlInitFn = NvmlReturn (*)();
using NvmlShutdownFn = NvmlReturn (*)();
using NvmlDeviceGetCountFn = NvmlReturn (*)(unsigned int*);
using NvmlDeviceGetHandleByIndexFn = NvmlReturn (*)(unsigned int, NvmlDevice*);
using NvmlDeviceGetMemoryInfoFn = NvmlReturn (*)(NvmlDevice, NvmlMemory*);
using NvmlDeviceGetNameFn = NvmlReturn (*)(NvmlDevice, char*, unsigned int);
using NvmlErrorStringFn = const char* (*)(NvmlReturn);

using CudaError = int; // cudaError_t: 0 is cudaSuccess
using CudaGetDeviceCountFn = CudaError (*)(int*);
using CudaGetDeviceFn = CudaError (*)(int*);
using CudaSetDeviceFn = CudaError (*)(int);
using CudaMemGetInfoFn = CudaError (*)(std::size_t*, std::size_t*);

} // namespace

const char* deviceMemorySourceName(DeviceMemorySource source) noexcept
{
    switch (source) {
    case DeviceMemorySource::None:
        return "none";
    case DeviceMemorySource::Nvml:
        return "NVML";
    case DeviceMemorySource::CudaRuntime:
        return "CUDA runtime";
    }
    return "none";
}

struct DeviceMemoryProbe::Impl
{
    DeviceMemorySource source = DeviceMemorySource::None;
    std::string reason;
    void* library = nullptr;
    int deviceCount = 0;
    // NVML
    NvmlShutdownFn nvmlShutdown = nullptr;
    NvmlDeviceGetHandleByIndexFn nvmlGetHandle = nullptr;
    NvmlDeviceGetMemoryInfoFn nvmlGetMemory = nullptr;
    NvmlDeviceGetNameFn nvmlGetName = nullptr;
    // CUDA runtime
    CudaGetDeviceFn cudaGetDevice = nullptr;
    CudaSetDeviceFn cudaSetDevice = nullptr;
    CudaMemGetInfoFn cudaMemGetInfo = nullptr;

#ifdef PW_HAVE_DLOPEN
    template <class Fn> Fn symbol(const char* name) const
    {
        return reinterpret_cast<Fn>(dlsym(library, name));
    }

    bool tryNvml()
    {
        library = dlopen("libnvidia-ml.so.1", RTLD_LAZY | RTLD_LOCAL);
        if (library == nullptr) {
            reason = "libnvidia-ml.so.1 not found";
            return false;
        }
        auto init = symbol<NvmlInitFn>("nvmlInit_v2");
        auto count = symbol<NvmlDeviceGetCountFn>("nvmlDeviceGetCount_v2");
        auto errorString = symbol<NvmlErrorStringFn>("nvmlErrorString");
        nvmlShutdown = symbol<NvmlShutdownFn>("nvmlShutdown");
        nvmlGetHandle = symbol<NvmlDeviceGetHandleByIndexFn>("nvmlDeviceGetHandleByIndex_v2");
        nvmlGetMemory = symbol<NvmlDeviceGetMemoryInfoFn>("nvmlDeviceGetMemoryInfo");
        nvmlGetName = symbol<NvmlDeviceGetNameFn>("nvmlDeviceGetName");
        if (!init || !count || !nvmlShutdown || !nvmlGetHandle || !nvmlGetMemory) {
            reason = "libnvidia-ml.so.1 lacks the expected functions";
            unload();
            return false;
        }
        if (const NvmlReturn rc = init(); rc != 0) {
            reason = std::string("NVML could not start: ") +
                     (errorString ? errorString(rc) : ("error " + std::to_string(rc)).c_str());
            nvmlShutdown = nullptr;
            unload();
            return false;
        }
        unsigned int n = 0;
        if (count(&n) != 0) {
            n = 0;
        }
        deviceCount = static_cast<int>(n);
        source = DeviceMemorySource::Nvml;
        return true;
    }

    bool tryCudaRuntime()
    {
        for (const char* name :
             {"libcudart.so", "libcudart.so.13", "libcudart.so.12", "libcudart.so.11.0"}) {
            library = dlopen(name, RTLD_LAZY | RTLD_LOCAL);
            if (library != nullptr) {
                break;
            }
        }
        if (library == nullptr) {
            reason += "; libcudart.so not found";
            return false;
        }
        auto count = symbol<CudaGetDeviceCountFn>("cudaGetDeviceCount");
        cudaGetDevice = symbol<CudaGetDeviceFn>("cudaGetDevice");
        cudaSetDevice = symbol<CudaSetDeviceFn>("cudaSetDevice");
        cudaMemGetInfo = symbol<CudaMemGetInfoFn>("cudaMemGetInfo");
        if (!count || !cudaGetDevice || !cudaSetDevice || !cudaMemGetInfo) {
            reason += "; libcudart lacks the expected functions";
            unload();
            return false;
        }
        int n = 0;
        if (const CudaError rc = count(&n); rc != 0 || n <= 0) {
            reason += "; the CUDA runtime sees no device (error " + std::to_string(rc) + ")";
            unload();
            return false;
        }
        deviceCount = n;
        source = DeviceMemorySource::CudaRuntime;
        reason.clear();
        return true;
    }

    void unload()
    {
        if (library != nullptr) {
            dlclose(library);
            library = nullptr;
        }
    }
#endif
};

DeviceMemoryProbe::DeviceMemoryProbe() : m_impl(std::make_unique<Impl>())
{
#ifdef PW_HAVE_DLOPEN
    if (!m_impl->tryNvml()) {
        m_impl->tryCudaRuntime();
    }
#else
    m_impl->reason = "device memory queries are only implemented for Linux";
#endif
    log::get(log::kCore)
        ->debug("device memory: {} ({} devices){}", deviceMemorySourceName(m_impl->source),
                m_impl->deviceCount, m_impl->reason.empty() ? "" : ": " + m_impl->reason);
}

DeviceMemoryProbe::~DeviceMemoryProbe()
{
#ifdef PW_HAVE_DLOPEN
    if (m_impl->source == DeviceMemorySource::Nvml && m_impl->nvmlShutdown) {
        m_impl->nvmlShutdown();
    }
    // The CUDA runtime is not unloaded: libtorch may share it and unloading it is unsafe.
    if (m_impl->source == DeviceMemorySource::Nvml) {
        m_impl->unload();
    }
#endif
}

DeviceMemorySource DeviceMemoryProbe::source() const
{
    return m_impl->source;
}

const std::string& DeviceMemoryProbe::reason() const
{
    return m_impl->reason;
}

int DeviceMemoryProbe::deviceCount() const
{
    return m_impl->deviceCount;
}

std::optional<DeviceMemoryInfo> DeviceMemoryProbe::query(int device) const
{
    if (device < 0 || device >= m_impl->deviceCount) {
        return std::nullopt;
    }
    DeviceMemoryInfo info;
    info.index = device;
    switch (m_impl->source) {
    case DeviceMemorySource::None:
        return std::nullopt;
    case DeviceMemorySource::Nvml: {
        NvmlDevice handle = nullptr;
        if (m_impl->nvmlGetHandle(static_cast<unsigned int>(device), &handle) != 0) {
            return std::nullopt;
        }
        NvmlMemory mem{};
        if (m_impl->nvmlGetMemory(handle, &mem) != 0) {
            return std::nullopt;
        }
        info.totalBytes = mem.total;
        info.freeBytes = mem.free;
        info.usedBytes = mem.used;
        std::array<char, 96> name{};
        if (m_impl->nvmlGetName && m_impl->nvmlGetName(handle, name.data(), name.size()) == 0) {
            info.name = name.data();
        }
        break;
    }
    case DeviceMemorySource::CudaRuntime: {
        // cudaMemGetInfo answers for the calling thread's current device.
        int previous = 0;
        m_impl->cudaGetDevice(&previous);
        if (previous != device && m_impl->cudaSetDevice(device) != 0) {
            return std::nullopt;
        }
        std::size_t freeBytes = 0;
        std::size_t totalBytes = 0;
        const CudaError rc = m_impl->cudaMemGetInfo(&freeBytes, &totalBytes);
        if (previous != device) {
            m_impl->cudaSetDevice(previous);
        }
        if (rc != 0) {
            return std::nullopt;
        }
        info.totalBytes = totalBytes;
        info.freeBytes = freeBytes;
        info.usedBytes = totalBytes - freeBytes;
        break;
    }
    }
    if (info.name.empty()) {
        info.name = "CUDA device " + std::to_string(device);
    }
    return info;
}

HostMemoryInfo queryHostMemory()
{
    HostMemoryInfo info;
#ifdef __linux__
    auto readKb = [](const char* path, const char* key) -> std::uint64_t {
        std::ifstream in(path);
        std::string line;
        const std::size_t keyLen = std::strlen(key);
        while (std::getline(in, line)) {
            if (line.compare(0, keyLen, key) == 0) {
                std::istringstream fields(line.substr(keyLen));
                std::uint64_t kb = 0;
                fields >> kb;
                return kb * 1024;
            }
        }
        return 0;
    };
    info.processResidentBytes = readKb("/proc/self/status", "VmRSS:");
    info.processPeakBytes = readKb("/proc/self/status", "VmHWM:");
    info.totalBytes = readKb("/proc/meminfo", "MemTotal:");
    info.availableBytes = readKb("/proc/meminfo", "MemAvailable:");
    info.available = info.totalBytes > 0;
#endif
    return info;
}

} // namespace pw
