// SPDX-License-Identifier: Apache-2.0
// `posewright-cli info`: build and runtime facts (model folders are summarised by --model).
#include "cli_context.h"

#include <pw/core/device_memory.h>
#include <pw/core/log.h>
#include <pw/core/version.h>
#include <pw/infer/motion_model.h>
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
    std::string model;   ///< --model DIR
    std::string weights; ///< ckpt or safetensors
    bool quick = false;  ///< skip reading every value (finite check, CRC)
};

std::string humanBytes(std::uint64_t b)
{
    char buf[32];
    if (b >= (1ull << 30)) {
        std::snprintf(buf, sizeof buf, "%.2f GiB", b / double(1ull << 30));
    } else if (b >= (1ull << 20)) {
        std::snprintf(buf, sizeof buf, "%.2f MiB", b / double(1ull << 20));
    } else {
        std::snprintf(buf, sizeof buf, "%.1f KiB", b / 1024.0);
    }
    return buf;
}

int runModelInfo(const InfoOptions& opt)
{
    auto report = infer::inspectModelFolder(opt.model, opt.weights, !opt.quick);
    if (!report) {
        return reportError(report.error());
    }
    const auto& r = *report;
    const auto& c = r.config;
    if (opt.json) {
        nlohmann::json j;
        j["folder"] = r.folder.dir.string();
        j["config"] = r.folder.configFile.string();
        j["weights"] = r.folder.weightsFile.string();
        j["weights_format"] = r.weightsFormat;
        j["feat_dim"] = c.featDim;
        j["num_layers"] = c.numLayers;
        j["double_blocks"] = c.doubleBlocks();
        j["single_blocks"] = c.singleBlocks();
        j["num_heads"] = c.numHeads;
        j["head_dim"] = c.headDim();
        j["input_dim"] = c.inputDim;
        j["ctxt_input_dim"] = c.ctxtInputDim;
        j["vtxt_input_dim"] = c.vtxtInputDim;
        j["mask_mode"] = c.maskMode;
        j["narrowband_window"] = c.narrowbandWindow();
        j["rope_on_concatenated_stream"] = !c.applyRopeToSingleBranch;
        j["time_factor"] = c.timeFactor;
        j["train_frames"] = c.trainFrames;
        j["fps"] = c.fps;
        j["steps"] = c.steps;
        j["cfg_scale"] = c.cfgScale;
        j["max_text_tokens"] = c.maxTextTokens;
        j["enable_ctxt_null_feat"] = c.enableCtxtNullFeat;
        j["random_generator_on_gpu"] = c.randomGeneratorOnGpu;
        j["parameters"] = r.parameterCount;
        j["tensors"] = r.tensorCount;
        j["unexpected_tensors"] = r.unexpectedTensors;
        j["values_checked"] = !opt.quick;
        for (const auto& m : r.modules) {
            j["modules"].push_back(
                {{"name", m.name}, {"tensors", m.tensors}, {"parameters", m.parameters}});
        }
        for (const auto& [dtype, bytes] : r.bytesPerDtype) {
            j["bytes_per_dtype"][dtype] = bytes;
        }
        for (const auto& [k, v] : r.metadata) {
            j["checkpoint"][k] = v;
        }
        std::cout << j.dump(2) << '\n';
        return 0;
    }
    std::printf("model folder    %s\n", r.folder.dir.c_str());
    std::printf("weights         %s (%s)\n", r.folder.weightsFile.c_str(), r.weightsFormat.c_str());
    for (const auto& [k, v] : r.metadata) {
        std::printf("checkpoint      %s = %s\n", k.c_str(), v.c_str());
    }
    std::printf("network         D=%d, %d layers (%d double + %d single), %d heads x %d, MLP %d\n",
                c.featDim, c.numLayers, c.doubleBlocks(), c.singleBlocks(), c.numHeads, c.headDim(),
                c.mlpHidden());
    std::printf("inputs          motion %d, ctxt %d, vtxt %d\n", c.inputDim, c.ctxtInputDim,
                c.vtxtInputDim);
    std::printf("attention       mask %s (window +-%d frames), RoPE on %s, time factor %g\n",
                c.maskMode.empty() ? "none" : c.maskMode.c_str(), c.narrowbandWindow(),
                c.applyRopeToSingleBranch ? "motion only" : "[motion; text]", c.timeFactor);
    std::printf(
        "sampling        %d frames max (%.1f s at %g fps), %d steps, CFG %g, %d text tokens\n",
        c.trainFrames, c.trainFrames / c.fps, c.fps, c.steps, c.cfgScale, c.maxTextTokens);
    std::printf("noise           %s generator (random_generator_on_gpu: %s)\n",
                c.randomGeneratorOnGpu ? "CUDA when on CUDA, else CPU" : "CPU",
                c.randomGeneratorOnGpu ? "true" : "false");
    std::printf("\n%-18s %8s %16s\n", "module", "tensors", "parameters");
    for (const auto& m : r.modules) {
        std::printf("%-18s %8lld %16lld\n", m.name.c_str(), static_cast<long long>(m.tensors),
                    static_cast<long long>(m.parameters));
    }
    std::printf("%-18s %8lld %16lld\n", "total", static_cast<long long>(r.tensorCount),
                static_cast<long long>(r.parameterCount));
    for (const auto& [dtype, bytes] : r.bytesPerDtype) {
        std::printf("weights %-10s %s (%llu bytes)\n", dtype.c_str(), humanBytes(bytes).c_str(),
                    static_cast<unsigned long long>(bytes));
    }
    if (r.unexpectedTensors > 0) {
        std::printf("unused tensors  %d (ignored)\n", r.unexpectedTensors);
    }
    // Only torch.save archives carry checksums (zip CRC-32); safetensors has none to verify.
    const bool hasChecksums = r.weightsFormat != "safetensors";
    std::printf("checks          names, shapes, dtypes%s%s: OK\n",
                opt.quick ? "" : ", finite values",
                opt.quick || !hasChecksums ? "" : ", CRC-32 checksums");
    return 0;
}

int runInfo(const InfoOptions& opt)
{
    if (!opt.model.empty()) {
        return runModelInfo(opt);
    }
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
    CLI::App* sub =
        app.add_subcommand("info", "Show the build, libtorch and device facts, or a model folder");
    sub->add_flag("--json", opt->json, "Print JSON");
    sub->add_option("--model", opt->model,
                    "Summarise and validate a HY-Motion model folder (config.yml + weights)");
    sub->add_option("--weights", opt->weights,
                    "With --model: which weights file (ckpt or safetensors)")
        ->check(CLI::IsMember({"ckpt", "safetensors"}));
    sub->add_flag("--quick", opt->quick,
                  "With --model: check names, shapes and dtypes only (skip reading every value)");
    sub->callback([&ctx, opt] { ctx.action = [opt] { return runInfo(*opt); }; });
}

} // namespace pw::cli
