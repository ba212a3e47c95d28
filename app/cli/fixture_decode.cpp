// SPDX-License-Identifier: Apache-2.0
// check-fixture group "decode": decodes the golden latents (dec.*, gen.*, gen_nocfg.*, e2e*.*)
// with pw::decodeLatent and compares with the reference's decoder outputs.
#include "fixture_check.h"

#include <pw/core/motion_decode.h>
#include <pw/core/safetensors.h>
#include <pw/core/weight_file.h>

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
}

} // namespace pw::cli
