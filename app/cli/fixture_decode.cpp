// SPDX-License-Identifier: Apache-2.0
// check-fixture group "decode": decodes the golden latents (dec.*, gen.*, gen_nocfg.*, e2e*.*)
// with pw::decodeLatent and compares with the reference's decoder outputs; then decodes the
// latent this build's DiT samples from the recorded noise (gen.* "sampled").
#include "fixture_check.h"

#include <pw/core/motion_decode.h>
#include <pw/core/safetensors.h>
#include <pw/core/weight_file.h>
#include <pw/infer/device.h>
#include <pw/infer/motion_model.h>

#include <string>
#include <vector>

namespace pw::cli {
namespace {

struct Stats
{
    std::vector<float> mean;
    std::vector<float> std;
};

// The weights file holding `mean`/`std`: the one --weights asks for, else model.safetensors,
// else latest.ckpt (both carry the same statistics).
std::filesystem::path statsFile(const FixtureContext& ctx)
{
    const auto& dir = ctx.options.dir;
    if (ctx.options.weights == "ckpt") {
        return dir / "latest.ckpt";
    }
    if (ctx.options.weights == "safetensors" ||
        std::filesystem::exists(dir / "model.safetensors")) {
        return dir / "model.safetensors";
    }
    return dir / "latest.ckpt";
}

std::optional<Stats> loadStats(FixtureContext& ctx)
{
    const auto path = statsFile(ctx);
    auto file = WeightFile::open(path);
    if (!file) {
        ctx.report.fail("decode.stats", file.error().describe());
        return std::nullopt;
    }
    Stats s;
    for (const char* name : {"mean", "std"}) {
        auto t = file->require(name);
        if (!t) {
            ctx.report.fail("decode.stats", t.error().describe());
            return std::nullopt;
        }
        auto values = (*t)->toFloat32();
        if (!values) {
            ctx.report.fail("decode.stats", values.error().describe());
            return std::nullopt;
        }
        (std::string(name) == "mean" ? s.mean : s.std) = std::move(*values);
    }
    ctx.report.note("mean/std from " + path.string());
    return s;
}

// Concatenates one field of every decoded sample (the reference's batch layout).
std::vector<float> gather(const std::vector<DecodedMotion>& d, std::vector<float> DecodedMotion::*f)
{
    std::vector<float> out;
    for (const auto& m : d) {
        out.insert(out.end(), (m.*f).begin(), (m.*f).end());
    }
    return out;
}

// Decodes `prefix`.latent and compares the outputs that exist under `prefix`.
void checkCase(FixtureContext& ctx, const Stats& stats, const std::string& latentKey,
               const std::string& outPrefix, bool smooth, double tol, bool withDenorm)
{
    const TensorView* view = ctx.cases ? ctx.cases->find(latentKey) : nullptr;
    if (view == nullptr) {
        ctx.report.fail(latentKey, "missing in cases.safetensors");
        return;
    }
    if (view->shape.size() != 3 || view->shape[2] != kMotionChannels) {
        ctx.report.fail(latentKey,
                        "expected shape [samples, frames, 201], found " + shapeString(view->shape));
        return;
    }
    auto latent = ctx.reference(latentKey);
    if (!latent) {
        return;
    }
    const int samples = static_cast<int>(view->shape[0]);
    const int frames = static_cast<int>(view->shape[1]);
    auto decoded = decodeLatentBatch(*latent, samples, frames, stats.mean, stats.std, smooth);
    if (!decoded) {
        ctx.report.fail(outPrefix, decoded.error().describe());
        return;
    }
    const double t = tol * ctx.options.toleranceScale;
    auto compareIfPresent = [&](const std::string& key, std::vector<float> DecodedMotion::*f) {
        if (ctx.cases->find(key) == nullptr) {
            return;
        }
        if (auto ref = ctx.reference(key)) {
            ctx.report.compare(key, gather(*decoded, f), *ref, t);
        }
    };
    if (withDenorm) {
        const std::string denormKey = latentKey.substr(0, latentKey.rfind('.')) + ".latent_denorm";
        compareIfPresent(denormKey, &DecodedMotion::latentDenorm);
    }
    compareIfPresent(outPrefix + "rot6d", &DecodedMotion::rot6d);
    compareIfPresent(outPrefix + "transl", &DecodedMotion::transl);
    compareIfPresent(outPrefix + "root_rotmat", &DecodedMotion::rootRotmat);
}

// Reference tensor with its shape, or nullopt (the report names the key).
std::optional<infer::HostTensor> hostTensor(FixtureContext& ctx, const std::string& key)
{
    auto values = ctx.reference(key);
    if (!values) {
        return std::nullopt;
    }
    return infer::HostTensor{ctx.cases->find(key)->shape, std::move(*values)};
}

// gen.* end to end through this build: the DiT samples from the recorded noise (gen.noise) and
// text features, then the latent is decoded and compared with the reference's decoded outputs.
void checkSampledThenDecoded(FixtureContext& ctx, const Stats& stats)
{
    const auto& j = ctx.casesJson;
    if (!j.is_object() || !j.contains("length") || !j.contains("steps") ||
        !j.contains("cfg_scale")) {
        ctx.report.fail("gen sampled", "cases.json lacks length, steps or cfg_scale");
        return;
    }
    auto device = infer::parseDevice(ctx.options.device);
    auto precision = infer::parsePrecision(ctx.options.precision);
    if (!device || !precision) {
        ctx.report.fail("gen sampled", (!device ? device.error() : precision.error()).describe());
        return;
    }
    infer::MotionModelOptions o;
    o.dir = ctx.options.dir;
    o.device = *device;
    o.precision = *precision;
    o.weights = ctx.options.weights;
    auto model = infer::MotionModel::load(o);
    if (!model) {
        ctx.report.fail("gen sampled", model.error().describe());
        return;
    }
    auto ctxt = hostTensor(ctx, "gen.ctxt");
    auto vtxt = hostTensor(ctx, "gen.vtxt");
    auto noise = hostTensor(ctx, "gen.noise");
    const TensorView* lengths = ctx.cases->find("gen.ctxt_lengths");
    const TensorView* seeds = ctx.cases->find("gen.seeds");
    if (!ctxt || !vtxt || !noise || lengths == nullptr || seeds == nullptr) {
        ctx.report.fail("gen sampled", "gen.ctxt/vtxt/noise/ctxt_lengths/seeds missing");
        return;
    }
    auto lengthValues = lengths->toInt64();
    auto seedValues = seeds->toInt64();
    if (!lengthValues || !seedValues) {
        ctx.report.fail("gen sampled",
                        (!lengthValues ? lengthValues.error() : seedValues.error()).describe());
        return;
    }
    infer::MotionModel::SampleInput in;
    in.ctxt = std::move(*ctxt);
    in.vtxt = std::move(*vtxt);
    in.noise = std::move(*noise);
    in.ctxtLengths = std::move(*lengthValues);
    in.seeds.assign(seedValues->begin(), seedValues->end());
    in.frames = j["length"].get<int>();
    in.steps = j["steps"].get<int>();
    in.cfgScale = j["cfg_scale"].get<double>();
    auto sampled = model->sample(in);
    if (!sampled) {
        ctx.report.fail("gen sampled", sampled.error().describe());
        return;
    }
    const int samples = static_cast<int>(in.seeds.size());
    auto decoded =
        decodeLatentBatch(sampled->latent.data, samples, in.frames, stats.mean, stats.std);
    if (!decoded) {
        ctx.report.fail("gen sampled", decoded.error().describe());
        return;
    }
    ctx.report.note("gen.* decoded from this build's sampled latent (" +
                    model->weightsFile().filename().string() + ", " +
                    std::string(infer::precisionName(*precision)) + ")");
    const double t = 1e-3 * ctx.options.toleranceScale;
    for (auto [key, field] : {std::pair{"gen.rot6d", &DecodedMotion::rot6d},
                              std::pair{"gen.transl", &DecodedMotion::transl},
                              std::pair{"gen.root_rotmat", &DecodedMotion::rootRotmat}}) {
        if (auto ref = ctx.reference(key)) {
            ctx.report.compare(std::string(key) + " (sampled)", gather(*decoded, field), *ref, t);
        }
    }
}

} // namespace

void runDecodeGroup(FixtureContext& ctx)
{
    auto stats = loadStats(ctx);
    if (!stats) {
        return;
    }
    // dec.*: decoding alone, with and without smoothing (spec tolerance 1e-4).
    if (ctx.cases && ctx.cases->find("dec.latent") != nullptr) {
        checkCase(ctx, *stats, "dec.latent", "dec.raw.", false, 1e-4, true);
        checkCase(ctx, *stats, "dec.latent", "dec.smooth.", true, 1e-4, false);
    }
    // gen.* / gen_nocfg.* / e2e*: the golden sampled latents decoded here. The spec tolerance
    // (1e-3) also covers decoding a latent sampled by this build's DiT, which the sample group
    // checks separately.
    for (const char* prefix : {"gen.", "gen_nocfg.", "e2e0.", "e2e1."}) {
        const std::string key = std::string(prefix) + "latent";
        if (ctx.cases && ctx.cases->find(key) != nullptr &&
            ctx.cases->find(std::string(prefix) + "rot6d") != nullptr) {
            checkCase(ctx, *stats, key, prefix, true, 1e-3, true);
        }
    }
    // The criterion: gen.rot6d / gen.transl after sampling by this build, <= 1e-3.
    if (ctx.cases && ctx.cases->find("gen.noise") != nullptr &&
        ctx.cases->find("gen.rot6d") != nullptr) {
        checkSampledThenDecoded(ctx, *stats);
    }
}

} // namespace pw::cli
