// SPDX-License-Identifier: Apache-2.0
// `posewright-cli encode --qwen DIR --clip DIR [--device D] [--precision P] TEXT...`: runs both
// text encoders and prints shapes, lengths and checksums (for comparing runs and devices).
#include "cli_context.h"

#include <pw/infer/text_encoder.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>

namespace pw::cli {
namespace {

struct EncodeOptions
{
    std::filesystem::path qwenDir;
    std::filesystem::path clipDir;
    std::string device = "auto";
    std::string precision; ///< Qwen3; empty: bf16 on CUDA, fp32 on CPU
    std::string clipPrecision = "fp32";
    std::string clipDevice; ///< empty: same as --device
    int maxTextTokens = 128;
    bool referencePadding = false;
    bool json = false;
    std::vector<std::string> texts;
};

struct Checksum
{
    double sum = 0.0;
    double sumAbs = 0.0;
    bool finite = true;
};

Checksum checksum(const float* data, std::size_t n)
{
    Checksum c;
    for (std::size_t i = 0; i < n; ++i) {
        c.sum += data[i];
        c.sumAbs += std::abs(data[i]);
        c.finite = c.finite && std::isfinite(data[i]);
    }
    return c;
}

int runEncode(const EncodeOptions& opt, const CliContext& ctx)
{
    infer::TextEncoderConfig config;
    config.qwenDir = opt.qwenDir;
    config.clipDir = opt.clipDir;
    auto device = infer::parseDevice(opt.device);
    if (!device) {
        return reportError(device.error());
    }
    auto clipDevice = opt.clipDevice.empty() ? device : infer::parseDevice(opt.clipDevice);
    if (!clipDevice) {
        return reportError(clipDevice.error());
    }
    config.qwen.device = *device;
    config.clip.device = *clipDevice;
    if (!opt.precision.empty()) {
        auto p = infer::parsePrecision(opt.precision);
        if (!p) {
            return reportError(p.error());
        }
        config.qwen.precision = *p;
    }
    auto cp = infer::parsePrecision(opt.clipPrecision);
    if (!cp) {
        return reportError(cp.error());
    }
    config.clip.precision = *cp;
    config.maxTextTokens = opt.maxTextTokens;
    config.referencePadding = opt.referencePadding;

    RunControl control;
    control.cancel = ctx.cancel;
    using Clock = std::chrono::steady_clock;
    const auto t0 = Clock::now();
    auto encoder = infer::TextEncoder::load(config, control);
    if (!encoder) {
        return reportError(encoder.error());
    }
    const auto t1 = Clock::now();
    auto enc = (*encoder)->encode(opt.texts, control);
    if (!enc) {
        return reportError(enc.error());
    }
    const auto t2 = Clock::now();
    const double loadSec = std::chrono::duration<double>(t1 - t0).count();
    const double encodeSec = std::chrono::duration<double>(t2 - t1).count();
    const auto& info = (*encoder)->info();

    nlohmann::ordered_json rows = nlohmann::ordered_json::array();
    bool allFinite = true;
    for (int b = 0; b < enc->batch; ++b) {
        const std::size_t rowSize = static_cast<std::size_t>(enc->textTokens) * enc->ctxtDim;
        const float* ctxt = enc->ctxt.data() + b * rowSize;
        const auto length = enc->ctxtLength[static_cast<std::size_t>(b)];
        const Checksum valid = checksum(ctxt, static_cast<std::size_t>(length) * enc->ctxtDim);
        const Checksum all = checksum(ctxt, rowSize);
        const Checksum v = checksum(enc->vtxt.data() + static_cast<std::size_t>(b) * enc->vtxtDim,
                                    static_cast<std::size_t>(enc->vtxtDim));
        allFinite = allFinite && all.finite && v.finite;
        rows.push_back({{"text", opt.texts[static_cast<std::size_t>(b)]},
                        {"ctxt_length", length},
                        {"ctxt_valid_sum", valid.sum},
                        {"ctxt_valid_abs_sum", valid.sumAbs},
                        {"ctxt_sum", all.sum},
                        {"vtxt_sum", v.sum},
                        {"vtxt_abs_sum", v.sumAbs}});
    }
    if (opt.json) {
        nlohmann::ordered_json j;
        j["ctxt_shape"] = {enc->batch, enc->textTokens, enc->ctxtDim};
        j["vtxt_shape"] = {enc->batch, 1, enc->vtxtDim};
        j["crop_start"] = info.cropStart;
        j["qwen"] = {{"device", info.qwenDevice.toString()},
                     {"precision", infer::precisionName(info.qwenPrecision)},
                     {"layers", info.qwenLayers}};
        j["clip"] = {{"device", info.clipDevice.toString()},
                     {"precision", infer::precisionName(info.clipPrecision)},
                     {"layers", info.clipLayers}};
        j["rows"] = rows;
        j["load_sec"] = loadSec;
        j["encode_sec"] = encodeSec;
        std::cout << j.dump(2) << '\n';
    } else {
        std::printf("qwen3        %s %s, %d layers, hidden %d, crop_start %d\n",
                    info.qwenDevice.toString().c_str(), infer::precisionName(info.qwenPrecision),
                    info.qwenLayers, info.ctxtDim, info.cropStart);
        std::printf("clip         %s %s, %d layers, width %d\n", info.clipDevice.toString().c_str(),
                    infer::precisionName(info.clipPrecision), info.clipLayers, info.vtxtDim);
        std::printf("ctxt         [%d, %d, %d]\n", enc->batch, enc->textTokens, enc->ctxtDim);
        std::printf("vtxt         [%d, 1, %d]\n", enc->batch, enc->vtxtDim);
        for (const auto& row : rows) {
            std::printf("prompt       %s\n", row["text"].dump().c_str());
            std::printf("  ctxt_length %lld\n", static_cast<long long>(row["ctxt_length"]));
            std::printf("  ctxt valid rows: sum %.6f  sum|x| %.6f\n",
                        row["ctxt_valid_sum"].get<double>(),
                        row["ctxt_valid_abs_sum"].get<double>());
            std::printf("  vtxt: sum %.6f  sum|x| %.6f\n", row["vtxt_sum"].get<double>(),
                        row["vtxt_abs_sum"].get<double>());
        }
        std::printf("time         load %.3f s, encode %.3f s\n", loadSec, encodeSec);
    }
    if (!allFinite) {
        return reportError(Error(Errc::BadModelOutput, "the text encoders produced non-finite "
                                                       "values"));
    }
    return 0;
}

} // namespace

void addEncodeCommand(CLI::App& app, CliContext& ctx)
{
    auto opt = std::make_shared<EncodeOptions>();
    CLI::App* sub = app.add_subcommand(
        "encode", "Run the Qwen3 and CLIP text encoders on TEXT; print shapes and checksums");
    sub->add_option("--qwen", opt->qwenDir, "Hugging Face Qwen3 folder (Qwen/Qwen3-8B)")
        ->required();
    sub->add_option("--clip", opt->clipDir,
                    "Hugging Face CLIP folder (openai/clip-vit-large-patch14)")
        ->required();
    sub->add_option("--device", opt->device, "cpu, cuda, cuda:N or auto")->capture_default_str();
    sub->add_option("--precision", opt->precision,
                    "Qwen3 precision: fp32 or bf16 (default: bf16 on CUDA, fp32 on CPU)");
    sub->add_option("--clip-device", opt->clipDevice, "CLIP device (default: --device)");
    sub->add_option("--clip-precision", opt->clipPrecision, "CLIP precision: fp32, bf16, fp16")
        ->capture_default_str();
    sub->add_option("--max-text-tokens", opt->maxTextTokens,
                    "Rows of ctxt (the motion model's max_length_llm)")
        ->check(positive())
        ->capture_default_str();
    sub->add_flag("--reference-padding", opt->referencePadding,
                  "Run Qwen3 over all padded positions as the reference does (slower; only the "
                  "padded rows differ)");
    sub->add_flag("--json", opt->json, "Print JSON");
    sub->add_option("text", opt->texts, "Prompt(s)")->required();
    sub->callback([&ctx, opt] { ctx.action = [opt, &ctx] { return runEncode(*opt, ctx); }; });
}

} // namespace pw::cli
