// SPDX-License-Identifier: Apache-2.0
// `posewright-cli bench`: times DiT sampling with random weights of the real HY-Motion-1.0-Lite
// shapes (no download needed) for every precision x seed count x duration.
#include "cli_context.h"

#include <pw/core/atomic_file.h>
#include <pw/core/log.h>
#include <pw/core/version.h>
#include <pw/infer/motion_model.h>
#include <pw/infer/runtime.h>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>
#include <sstream>

namespace pw::cli {
namespace {

struct BenchCliOptions
{
    std::string device = "auto";
    std::string precisions; ///< default: fp32 on CPU, fp32,bf16,fp16 on CUDA
    std::vector<int> seeds;
    std::vector<double> durations;
    int steps = 0;
    double cfg = 5.0;
    int textTokens = 128;
    int validTextTokens = 24;
    bool padded = false;
    bool noCudaGraph = false;
    int repeats = -1;
    int layers = 18;
    std::string jsonFile; ///< "-" for stdout
};

std::vector<std::string> split(const std::string& s)
{
    std::vector<std::string> out;
    std::stringstream ss(s);
    for (std::string item; std::getline(ss, item, ',');) {
        if (!item.empty()) {
            out.push_back(item);
        }
    }
    return out;
}

int runBench(const BenchCliOptions& o, const CliContext& ctx)
{
    auto device = infer::parseDevice(o.device);
    if (!device) {
        return reportError(device.error());
    }
    infer::BenchOptions b;
    b.device = *device;
    b.config.numLayers = o.layers;
    const bool cpu = !device->isCuda();
    // The CPU defaults are small so a run takes about a minute on a laptop.
    b.seedCounts = !o.seeds.empty() ? o.seeds : cpu ? std::vector<int>{1} : std::vector<int>{1, 4};
    b.durationsSec = !o.durations.empty() ? o.durations
                     : cpu                ? std::vector<double>{5.0}
                                          : std::vector<double>{5.0, 12.0};
    b.steps = o.steps > 0 ? o.steps : cpu ? 4 : 50;
    b.repeats = o.repeats >= 0 ? o.repeats : cpu ? 1 : 3;
    b.cfgScale = o.cfg;
    b.textTokens = o.textTokens;
    b.validTextTokens = o.validTextTokens;
    b.trimmed = !o.padded;
    b.cudaGraph = !o.noCudaGraph;
    b.precisions.clear();
    for (const auto& p :
         split(o.precisions.empty() ? (cpu ? "fp32" : "fp32,bf16,fp16") : o.precisions)) {
        auto prec = infer::parsePrecision(p);
        if (!prec) {
            return reportError(prec.error());
        }
        b.precisions.push_back(*prec);
    }
    const infer::RuntimeInfo rt = infer::runtimeInfo();
    std::fprintf(stderr,
                 "bench: HY-Motion DiT, random weights, D=%d, %d layers, %d heads, on %s "
                 "(libtorch %s), %d steps, CFG %g, %s, %s\n",
                 b.config.featDim, b.config.numLayers, b.config.numHeads,
                 device->toString().c_str(), rt.torchVersion.c_str(), b.steps, b.cfgScale,
                 b.trimmed ? "trimmed" : "padded (reference)",
                 b.cudaGraph ? "CUDA graph when possible" : "no CUDA graph");
    RunControl control{ctx.cancel, [](const Progress& p) {
                           std::fprintf(stderr, "  case %d/%d done\n", p.step, p.stepCount);
                       }};
    auto results = infer::runDitBenchmark(b, control);
    if (!results) {
        return reportError(results.error());
    }
    std::printf("%-6s %5s %6s %6s %6s %10s %10s %12s %12s %6s\n", "prec", "seeds", "dur_s",
                "frames", "steps", "total_ms", "ms/step", "peak_MiB", "weights_MiB", "graph");
    nlohmann::json j;
    j["device"] = device->toString();
    j["torch"] = rt.torchVersion;
    j["posewright"] = std::string(kVersion) + " (" + kGitHash + ")";
    j["config"] = {{"feat_dim", b.config.featDim},   {"num_layers", b.config.numLayers},
                   {"num_heads", b.config.numHeads}, {"train_frames", b.config.trainFrames},
                   {"text_tokens", b.textTokens},    {"valid_text_tokens", b.validTextTokens},
                   {"trimmed", b.trimmed},           {"cfg_scale", b.cfgScale},
                   {"cpu_threads", rt.cpuThreads}};
    for (const auto& r : *results) {
        std::printf("%-6s %5d %6.1f %6d %6d %10.1f %10.2f %12.1f %12.1f %6s\n",
                    infer::precisionName(r.precision), r.seeds, r.durationSec, r.frames, r.steps,
                    r.totalMs, r.msPerStep, r.peakDeviceBytes / 1048576.0,
                    r.weightBytes / 1048576.0, r.cudaGraph ? "yes" : "no");
        j["results"].push_back({{"precision", infer::precisionName(r.precision)},
                                {"seeds", r.seeds},
                                {"duration_s", r.durationSec},
                                {"frames", r.frames},
                                {"steps", r.steps},
                                {"trimmed", r.trimmed},
                                {"cuda_graph", r.cudaGraph},
                                {"total_ms", r.totalMs},
                                {"ms_per_step", r.msPerStep},
                                {"peak_device_bytes", r.peakDeviceBytes},
                                {"weight_bytes", r.weightBytes}});
    }
    if (o.jsonFile == "-") {
        std::cout << j.dump(2) << '\n';
    } else if (!o.jsonFile.empty()) {
        if (auto ok = writeFileAtomically(o.jsonFile, j.dump(2) + "\n"); !ok) {
            return reportError(ok.error());
        }
    }
    return 0;
}

} // namespace

void addBenchCommand(CLI::App& app, CliContext& ctx)
{
    auto opt = std::make_shared<BenchCliOptions>();
    CLI::App* sub = app.add_subcommand(
        "bench", "Time DiT sampling with random weights of the HY-Motion-1.0-Lite shapes");
    sub->add_option("--device", opt->device, "auto, cpu, cuda or cuda:N")->capture_default_str();
    sub->add_option("--precision", opt->precisions,
                    "Comma-separated: fp32,bf16,fp16 (default: fp32 on CPU, all three on CUDA)");
    sub->add_option("--seeds", opt->seeds, "Seed counts, e.g. --seeds 1 4 (CPU default 1)");
    sub->add_option("--durations", opt->durations,
                    "Clip durations in seconds, e.g. --durations 5 12 (CPU default 5)");
    sub->add_option("--steps", opt->steps, "Euler steps (default 50 on CUDA, 4 on CPU)");
    sub->add_option("--cfg", opt->cfg, "CFG scale (> 1 doubles the batch)")->capture_default_str();
    sub->add_option("--text-tokens", opt->textTokens, "Padded text length")->capture_default_str();
    sub->add_option("--valid-text-tokens", opt->validTextTokens,
                    "Valid prompt tokens (trimmed runs feed only these)")
        ->capture_default_str();
    sub->add_option("--layers", opt->layers, "Network depth (18 = Lite, 27 = 1.0B depth)")
        ->check(CLI::Range(3, 99))
        ->capture_default_str();
    sub->add_flag("--padded", opt->padded,
                  "Run the reference's fixed canvas (train_frames + all text tokens)");
    sub->add_flag("--no-cuda-graph", opt->noCudaGraph, "Launch every step's kernels eagerly");
    sub->add_option("--repeats", opt->repeats,
                    "Timed runs per case after one warm-up (default 3 on CUDA, 1 on CPU)");
    sub->add_option("--json", opt->jsonFile,
                    "Also write the results as JSON to FILE ('-': stdout)");
    sub->callback([&ctx, opt] { ctx.action = [opt, &ctx] { return runBench(*opt, ctx); }; });
}

} // namespace pw::cli
