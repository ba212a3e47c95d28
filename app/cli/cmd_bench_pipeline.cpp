// SPDX-License-Identifier: Apache-2.0
// `posewright-cli bench-pipeline`: the whole pipeline (Engine::generate) with random weights of
// the real shapes (Qwen3-8B, CLIP ViT-L/14 text, HY-Motion-1.0-Lite DiT) and the real tokenizers:
// encode / sample / decode times and the device's peak memory per seed count, next to the
// reference's figures (official Python on an H100, hymotion-spec.md §10.3-10.4).
#include "cli_context.h"

#include <pw/infer/engine.h>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>
#include <iostream>

namespace pw::cli {
namespace {

struct BenchPipelineOptions
{
    std::string device = "auto";
    std::string precision = "fp32";
    std::string qwenPrecision;
    std::filesystem::path qwenTokenizer;
    std::filesystem::path clipTokenizer;
    std::string prompt = "A person walks unsteadily, then slowly sits down.";
    std::vector<int> seeds{1, 4};
    double durationSec = 5.0;
    int steps = 50;
    int qwenLayers = 36;
    int repeats = 3;
    std::string json; ///< file, or "-" for stdout
};

double gb(std::uint64_t bytes)
{
    return static_cast<double>(bytes) / 1e9;
}

int runBenchPipeline(const BenchPipelineOptions& opt, const CliContext& ctx)
{
    infer::PipelineBenchOptions o;
    auto device = infer::parseDevice(opt.device);
    if (!device) {
        return reportError(device.error());
    }
    auto precision = infer::parsePrecision(opt.precision);
    if (!precision) {
        return reportError(precision.error());
    }
    o.device = *device;
    o.ditPrecision = *precision;
    if (!opt.qwenPrecision.empty()) {
        auto qp = infer::parsePrecision(opt.qwenPrecision);
        if (!qp) {
            return reportError(qp.error());
        }
        o.qwenPrecision = *qp;
    }
    o.qwenTokenizerDir = opt.qwenTokenizer;
    o.clipTokenizerDir = opt.clipTokenizer;
    o.prompt = opt.prompt;
    o.seedCounts = opt.seeds;
    o.durationSec = opt.durationSec;
    o.steps = opt.steps;
    o.qwenLayers = opt.qwenLayers;
    o.repeats = opt.repeats;
    RunControl control;
    control.cancel = ctx.cancel;
    auto report = infer::benchmarkPipeline(o, control);
    if (!report) {
        return reportError(report.error());
    }

    std::printf("bench-pipeline on %s: Lite DiT %s, Qwen3-8B-shaped (%d layers) %s, CLIP-L fp32, "
                "random weights\n",
                report->device.c_str(), infer::precisionName(o.ditPrecision), o.qwenLayers,
                opt.qwenPrecision.empty() ? "(default precision)" : opt.qwenPrecision.c_str());
    std::printf("init %.2f s, weights on the device %.2f GB\n", report->initSec,
                gb(report->weightDeviceBytes));
    std::printf("%-6s %-7s %-10s %-10s %-10s %-10s %-10s\n", "seeds", "frames", "encode_s",
                "sample_s", "decode_s", "total_s", "peak_GB");
    for (const auto& r : report->results) {
        std::printf("%-6d %-7d %-10.3f %-10.3f %-10.3f %-10.3f %-10.2f\n", r.seeds, r.frames,
                    r.encodeSec, r.sampleSec, r.decodeSec, r.totalSec, gb(r.peakDeviceBytes));
    }
    std::printf("reference (official Python, H100, Lite, 5 s, 1 seed): encode 0.058 s, sampling "
                "2.06 s, decode 0.43 s (FK stubbed), peak 17.6 GB; 4 seeds: sampling "
                "3.5 s, decode 1.7 s\n");

    if (!opt.json.empty()) {
        nlohmann::ordered_json j;
        j["device"] = report->device;
        j["dit_precision"] = infer::precisionName(o.ditPrecision);
        j["qwen_layers"] = o.qwenLayers;
        j["steps"] = o.steps;
        j["duration_s"] = o.durationSec;
        j["init_s"] = report->initSec;
        j["weight_device_bytes"] = report->weightDeviceBytes;
        j["results"] = nlohmann::ordered_json::array();
        for (const auto& r : report->results) {
            j["results"].push_back({{"seeds", r.seeds},
                                    {"frames", r.frames},
                                    {"encode_s", r.encodeSec},
                                    {"sample_s", r.sampleSec},
                                    {"decode_s", r.decodeSec},
                                    {"total_s", r.totalSec},
                                    {"peak_device_bytes", r.peakDeviceBytes}});
        }
        j["reference"] = {{"encode_s", 0.058},       {"sample_s_1_seed", 2.06},
                          {"decode_s_1_seed", 0.43}, {"sample_s_4_seeds", 3.5},
                          {"decode_s_4_seeds", 1.7}, {"peak_gb", 17.6}};
        if (opt.json == "-") {
            std::cout << j.dump(2) << '\n';
        } else {
            std::ofstream f(opt.json);
            f << j.dump(2) << '\n';
            if (!f) {
                return reportError(
                    Error(Errc::IoError, "cannot write the JSON report").inFile(opt.json));
            }
        }
    }
    return 0;
}

} // namespace

void addBenchPipelineCommand(CLI::App& app, CliContext& ctx)
{
    auto opt = std::make_shared<BenchPipelineOptions>();
    CLI::App* sub = app.add_subcommand(
        "bench-pipeline",
        "Time the whole pipeline (encode, sample, decode) with random weights of the real shapes");
    sub->add_option("--device", opt->device, "cpu, cuda, cuda:N or auto")->capture_default_str();
    sub->add_option("--precision", opt->precision, "DiT precision: fp32, bf16, fp16")
        ->capture_default_str();
    sub->add_option("--qwen-precision", opt->qwenPrecision,
                    "Qwen3 precision (default: bf16 on CUDA, fp32 on CPU)");
    sub->add_option("--qwen-tokenizer", opt->qwenTokenizer,
                    "A folder with Qwen3's tokenizer.json (e.g. the qwen3-tiny fixture)")
        ->required();
    sub->add_option("--clip-tokenizer", opt->clipTokenizer,
                    "A folder with CLIP's vocab.json and merges.txt (e.g. the clip-tiny fixture)")
        ->required();
    sub->add_option("--prompt", opt->prompt, "Prompt")->capture_default_str();
    sub->add_option("--seeds", opt->seeds, "Seed counts to time")
        ->delimiter(',')
        ->capture_default_str();
    sub->add_option("--duration", opt->durationSec, "Seconds of motion")->capture_default_str();
    sub->add_option("--steps", opt->steps, "Euler steps")->capture_default_str();
    sub->add_option("--qwen-layers", opt->qwenLayers, "Qwen3 layers (36 = Qwen3-8B)")
        ->check(positive())
        ->capture_default_str();
    sub->add_option("--repeats", opt->repeats, "Timed runs per seed count (median reported)")
        ->check(positive())
        ->capture_default_str();
    sub->add_option("--json", opt->json, "Also write the results as JSON to FILE (- = stdout)");
    sub->callback(
        [&ctx, opt] { ctx.action = [opt, &ctx] { return runBenchPipeline(*opt, ctx); }; });
}

} // namespace pw::cli
