// SPDX-License-Identifier: Apache-2.0
// `posewright-cli info`: build and runtime facts (model folders are summarised by --model).
#include "cli_context.h"

#include <pw/core/device_memory.h>
#include <pw/core/log.h>
#include <pw/core/version.h>
#include <pw/infer/runtime.h>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>
#include <vector>

namespace pw::cli {
namespace {

struct InfoOptions
{
    bool json = false;
};

int runInfo(const InfoOptions& opt)
{
    const infer::RuntimeInfo rt = infer::runtimeInfo();
    const auto logFile = log::currentLogFile();
    // Device memory as the driver sees it (NVML or the CUDA runtime, loaded at run time).
    const DeviceMemoryProbe probe;
    std::vector<DeviceMemoryInfo> gpus;
    for (int i = 0; i < probe.deviceCount(); ++i) {
        if (auto m = probe.query(i)) {
            gpus.push_back(*m);
        }
    }
    if (opt.json) {
        nlohmann::json j;
        j["version"] = kVersion;
        j["git"] = kGitHash;
        j["torch"] = rt.torchVersion;
        j["cuda_build"] = rt.cudaBuild;
        j["cuda_available"] = rt.cudaAvailable;
        j["cuda_devices"] = rt.cudaDeviceCount;
        j["cpu_threads"] = rt.cpuThreads;
        j["sdpa"] = rt.hasSdpa;
        j["log_file"] = logFile ? logFile->string() : std::string();
        j["gpu_memory_source"] = deviceMemorySourceName(probe.source());
        j["gpu_memory"] = nlohmann::json::array();
        for (const DeviceMemoryInfo& g : gpus) {
            j["gpu_memory"].push_back({{"index", g.index},
                                       {"name", g.name},
                                       {"used_bytes", g.usedBytes},
                                       {"total_bytes", g.totalBytes}});
        }
        std::cout << j.dump(2) << '\n';
        return 0;
    }
    std::printf("Posewright %s (%s)\n", kVersion, kGitHash);
    std::printf("libtorch        %s (%s build)\n", rt.torchVersion.c_str(),
                rt.cudaBuild ? "CUDA" : "CPU-only");
    std::printf("CUDA devices    %d%s\n", rt.cudaDeviceCount,
                rt.cudaAvailable ? "" : " (no usable CUDA device: inference runs on the CPU)");
    std::printf("CPU threads     %d\n", rt.cpuThreads);
    std::printf("attention       %s\n",
                rt.hasSdpa ? "scaled_dot_product_attention" : "plain softmax fallback");
    for (const DeviceMemoryInfo& g : gpus) {
        std::printf("GPU %d memory    %.2f of %.2f GiB used (%s, %s)\n", g.index,
                    static_cast<double>(g.usedBytes) / (1u << 30),
                    static_cast<double>(g.totalBytes) / (1u << 30), g.name.c_str(),
                    deviceMemorySourceName(probe.source()));
    }
    if (gpus.empty()) {
        std::printf("GPU memory      none visible (%s)\n", probe.reason().c_str());
    }
    std::printf("log file        %s\n", logFile ? logFile->c_str() : "(none)");
    return 0;
}

} // namespace

void addInfoCommand(CLI::App& app, CliContext& ctx)
{
    auto opt = std::make_shared<InfoOptions>();
    CLI::App* sub = app.add_subcommand("info", "Show the build, libtorch and device facts");
    sub->add_flag("--json", opt->json, "Print JSON");
    sub->callback([&ctx, opt] { ctx.action = [opt] { return runInfo(*opt); }; });
}

} // namespace pw::cli
