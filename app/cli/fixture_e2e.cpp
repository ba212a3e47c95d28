// SPDX-License-Identifier: Apache-2.0
// check-fixture group "e2e" (dit-tiny): prompt strings through the product path, the Engine
// (both text encoders -> DiT sampling -> decoding -> takes), compared with the reference's
// e2e{i}.* goldens; then the same request again, which must come from the prompt cache and
// reproduce the first run.
#include "fixture_check.h"
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <pw/infer/device.h>
#include <pw/infer/engine.h>

#include <algorithm>
#include <sstream>

namespace pw::cli {
namespace {

constexpr double kTextTolerance = 1e-4;
constexpr double kLatentTolerance = 1e-3;
constexpr double kMotionTolerance = 1e-3;

/// The text-encoder folders named by cases.json's e2e.text_encoders (relative to the fixture
/// folder, e.g. "../text/qwen3-tiny (fp32 compute from bf16 weights) and ../text/clip-tiny"),
/// falling back to ../text/qwen3-tiny and ../text/clip-tiny.
struct EncoderFolders
{
    std::filesystem::path qwen;
    std::filesystem::path clip;
    bool qwenFp32 = true;
};

EncoderFolders encoderFolders(const FixtureContext& ctx, const nlohmann::json& e2e)
{
    EncoderFolders f{ctx.options.dir / "../text/qwen3-tiny", ctx.options.dir / "../text/clip-tiny",
                     true};
    const std::string text = e2e.value("text_encoders", std::string());
    std::istringstream words(text);
    for (std::string w; words >> w;) {
        if (w.find('/') == std::string::npos) {
            continue;
        }
        std::string lower = w;
        std::transform(lower.begin(), lower.end(), lower.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (lower.find("qwen") != std::string::npos) {
            f.qwen = ctx.options.dir / w;
        } else if (lower.find("clip") != std::string::npos) {
            f.clip = ctx.options.dir / w;
        }
    }
    f.qwenFp32 = text.empty() || text.find("bf16 compute") == std::string::npos;
    return f;
}

/// Rows [0, len_b) of each item of a (B, L, W) array, concatenated.
std::vector<float> validRows(const std::vector<float>& data, std::int64_t batch, std::int64_t rows,
                             const std::vector<std::int64_t>& lengths)
{
    const std::int64_t width = static_cast<std::int64_t>(data.size()) / (batch * rows);
    std::vector<float> out;
    for (std::int64_t b = 0; b < batch; ++b) {
        const std::int64_t n =
            std::clamp<std::int64_t>(lengths[static_cast<std::size_t>(b)], 0, rows);
        const float* p = data.data() + b * rows * width;
        out.insert(out.end(), p, p + n * width);
    }
    return out;
}

std::vector<float> gather(const infer::GenerateTrace& trace,
                          std::vector<float> DecodedMotion::*field)
{
    std::vector<float> out;
    for (const auto& d : trace.decoded) {
        out.insert(out.end(), (d.*field).begin(), (d.*field).end());
    }
    return out;
}

} // namespace

void runEndToEndGroup(FixtureContext& ctx)
{
    const double scale = ctx.options.toleranceScale;
    const auto& j = ctx.casesJson;
    if (!j.is_object() || !j.contains("e2e") || !j["e2e"].is_object()) {
        ctx.report.fail("e2e", "cases.json has no e2e object");
        return;
    }
    const auto& e2e = j["e2e"];
    std::vector<std::string> prompts;
    std::vector<std::uint64_t> seeds;
    double duration = 0.0;
    float cfg = 0.0f;
    int steps = 0;
    try {
        prompts = e2e.at("prompts").get<std::vector<std::string>>();
        seeds = e2e.at("seeds").get<std::vector<std::uint64_t>>();
        duration = e2e.at("duration_s").get<double>();
        cfg = e2e.value("cfg_scale", j.value("cfg_scale", 5.0f));
        steps = e2e.value("steps", j.value("steps", 50));
    } catch (const nlohmann::json::exception& e) {
        ctx.report.fail("e2e", std::string("cases.json e2e: ") + e.what());
        return;
    }

    auto device = infer::parseDevice(ctx.options.device);
    auto precision = infer::parsePrecision(ctx.options.precision);
    if (!device || !precision) {
        ctx.report.fail("e2e load", (!device ? device.error() : precision.error()).describe());
        return;
    }
    const EncoderFolders folders = encoderFolders(ctx, e2e);
    infer::EngineConfig config;
    config.modelDir = ctx.options.dir;
    config.qwenDir = folders.qwen.lexically_normal();
    config.clipDir = folders.clip.lexically_normal();
    config.device = *device;
    config.precision = *precision;
    config.weights = ctx.options.weights;
    config.textEncoders = infer::TextEncoderPlacement::Device;
    // The goldens were computed with Qwen3 in float32 (from its bf16 weights) and CLIP in fp32.
    config.qwenPrecision = folders.qwenFp32 ? infer::Precision::Fp32 : infer::Precision::Bf16;
    config.clipPrecision = infer::Precision::Fp32;
    auto engine = infer::Engine::load(config, {});
    if (!engine) {
        ctx.report.fail("e2e load", engine.error().describe());
        return;
    }
    const auto summary = (*engine)->summary();
    ctx.report.note(fmt::format("engine: DiT {}, Qwen3 {}, CLIP {} ({} and {})",
                                summary.ditPlacement, summary.qwenPlacement, summary.clipPlacement,
                                config.qwenDir.string(), config.clipDir.string()));

    std::vector<float> firstLatent;
    for (std::size_t i = 0; i < prompts.size(); ++i) {
        const std::string p = fmt::format("e2e{}.", i);
        if (!ctx.cases || ctx.cases->find(p + "latent") == nullptr) {
            ctx.report.fail(p + "*", "missing from cases.safetensors");
            continue;
        }
        infer::GenerateRequest request;
        request.prompt = prompts[i];
        request.seeds = seeds;
        request.durationSec = duration;
        request.cfgScale = cfg;
        request.steps = steps;
        infer::GenerateTrace trace;
        auto takes = infer::generateTraced(**engine, request, {}, trace);
        if (!takes) {
            ctx.report.fail(p + "generate", takes.error().describe());
            continue;
        }
        const auto S = static_cast<std::int64_t>(seeds.size());

        // Text: ctxt (valid rows only: the reference's padded rows hold pad-token states that
        // are masked everywhere downstream; ours are zero), ctxt_length, vtxt.
        const auto* refCtxt = ctx.cases->find(p + "ctxt");
        const auto* refLen = ctx.cases->find(p + "ctxt_length");
        if (refCtxt != nullptr && refLen != nullptr) {
            const auto lengths = refLen->toInt64();
            auto ref = ctx.reference(p + "ctxt");
            if (lengths && ref) {
                ctx.report.check(p + "ctxt_length", trace.ctxtLength == *lengths,
                                 fmt::format("ours {}, reference {}",
                                             fmt::join(trace.ctxtLength, ","),
                                             fmt::join(*lengths, ",")));
                const std::int64_t rowsRef = refCtxt->shape[1];
                const std::int64_t rowsOurs =
                    trace.ctxt.shape.size() == 3 ? trace.ctxt.shape[1] : 0;
                ctx.report.compare(p + "ctxt (valid rows)",
                                   validRows(trace.ctxt.data, S, rowsOurs, *lengths),
                                   validRows(*ref, S, rowsRef, *lengths), kTextTolerance * scale);
            }
        } else {
            ctx.report.fail(p + "ctxt", "missing from cases.safetensors");
        }
        if (auto ref = ctx.reference(p + "vtxt")) {
            ctx.report.compare(p + "vtxt", trace.vtxt.data, *ref, kTextTolerance * scale);
        }
        if (auto ref = ctx.reference(p + "latent")) {
            ctx.report.compare(p + "latent", trace.latent.data, *ref, kLatentTolerance * scale);
        }
        if (auto ref = ctx.reference(p + "rot6d")) {
            ctx.report.compare(p + "rot6d", gather(trace, &DecodedMotion::rot6d), *ref,
                               kMotionTolerance * scale);
        }
        if (auto ref = ctx.reference(p + "transl")) {
            ctx.report.compare(p + "transl", gather(trace, &DecodedMotion::transl), *ref,
                               kMotionTolerance * scale);
        }
        const int frames = static_cast<int>(ctx.cases->find(p + "latent")->shape[1]);
        bool takesOk = takes->size() == seeds.size();
        for (std::size_t k = 0; takesOk && k < takes->size(); ++k) {
            const Take& t = (*takes)[k];
            takesOk = t.seed == seeds[k] && t.motion && t.motion->frameCount == frames &&
                      t.params.frames == frames && t.prompt == prompts[i];
        }
        ctx.report.check(p + "takes", takesOk,
                         fmt::format("{} takes of {} frames, one per seed", takes->size(), frames));
        if (i == 0) {
            firstLatent = trace.latent.data;
        }
    }

    // The same request again: the encoding comes from the cache (no encoder run) and the result
    // is the first run's.
    if (!prompts.empty() && !firstLatent.empty()) {
        const auto before = infer::textCacheStats(**engine);
        infer::GenerateRequest request;
        request.prompt = prompts[0];
        request.seeds = seeds;
        request.durationSec = duration;
        request.cfgScale = cfg;
        request.steps = steps;
        int encodeLayerSteps = 0;
        RunControl control;
        control.onProgress = [&](const Progress& pr) {
            if (pr.stage == "encode" && pr.stepCount > 1 && pr.step > 0) {
                ++encodeLayerSteps;
            }
        };
        infer::GenerateTrace trace;
        auto takes = infer::generateTraced(**engine, request, control, trace);
        const auto after = infer::textCacheStats(**engine);
        if (!takes) {
            ctx.report.fail("e2e cache", takes.error().describe());
            return;
        }
        ctx.report.check("e2e cache hit (no re-encode)",
                         trace.textFromCache && after.misses == before.misses &&
                             after.hits > before.hits && encodeLayerSteps == 0,
                         fmt::format("encoded {} prompt(s), served {} from the cache, {} encoder "
                                     "layer steps",
                                     after.misses - before.misses, after.hits - before.hits,
                                     encodeLayerSteps));
        ctx.report.compare("e2e0.latent (cached rerun)", trace.latent.data, firstLatent,
                           1e-6 * scale);
    }
}

} // namespace pw::cli
