// SPDX-License-Identifier: Apache-2.0
// check-fixture groups of the DiT: `fwd` (one forward and its intermediates) and `sample`
// (seeded noise, sampled latents with and without CFG). Sizes, lengths, seeds, CFG and steps come
// from the folder (cases.json + tensor shapes), so any dit-like fixture folder works.
#include "fixture_check.h"
#include <fmt/format.h>

#include <pw/infer/device.h>
#include <pw/infer/motion_model.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <set>

namespace pw::cli {
namespace {

constexpr double kForwardTolerance = 1e-4;
constexpr double kSampleTolerance = 1e-3;
// Trimmed and padded runs differ only by summation order (masked keys contribute exact zeros).
constexpr double kTrimmedTolerance = 1e-5;

struct Loaded
{
    std::string kind; ///< "ckpt" or "safetensors"
    infer::MotionModel model;
};

// The weight files to test: the one asked for, else every kind the folder has.
std::vector<std::string> weightKinds(const FixtureContext& ctx)
{
    if (!ctx.options.weights.empty()) {
        return {ctx.options.weights};
    }
    std::vector<std::string> kinds;
    std::error_code ec;
    bool ckpt = false;
    bool st = false;
    for (const auto& e : std::filesystem::directory_iterator(ctx.options.dir, ec)) {
        ckpt = ckpt || e.path().extension() == ".ckpt";
        st = st ||
             (e.path().extension() == ".safetensors" && e.path().filename() != "cases.safetensors");
    }
    if (ckpt) {
        kinds.emplace_back("ckpt");
    }
    if (st) {
        kinds.emplace_back("safetensors");
    }
    return kinds;
}

std::optional<Loaded> loadModel(FixtureContext& ctx, const std::string& kind)
{
    auto device = infer::parseDevice(ctx.options.device);
    if (!device) {
        ctx.report.fail("load", device.error().describe());
        return std::nullopt;
    }
    auto precision = infer::parsePrecision(ctx.options.precision);
    if (!precision) {
        ctx.report.fail("load", precision.error().describe());
        return std::nullopt;
    }
    infer::MotionModelOptions o;
    o.dir = ctx.options.dir;
    o.device = *device;
    o.precision = *precision;
    o.weights = kind;
    auto model = infer::MotionModel::load(o);
    if (!model) {
        ctx.report.fail("load [" + kind + "]", model.error().describe());
        return std::nullopt;
    }
    ctx.report.note(fmt::format("model {} on {} in {}", model->weightsFile().string(),
                                device->toString(), precisionName(*precision)));
    return Loaded{kind, std::move(*model)};
}

// A reference tensor with its shape, or nullopt (reported).
std::optional<infer::HostTensor> tensor(FixtureContext& ctx, const std::string& key)
{
    auto values = ctx.reference(key);
    if (!values) {
        return std::nullopt;
    }
    infer::HostTensor h;
    h.shape = ctx.cases->find(key)->shape;
    h.data = std::move(*values);
    return h;
}

std::optional<std::vector<std::int64_t>> ints(FixtureContext& ctx, const std::string& key)
{
    if (!ctx.cases || ctx.cases->find(key) == nullptr) {
        ctx.report.fail(key, "missing from cases.safetensors");
        return std::nullopt;
    }
    auto v = ctx.cases->find(key)->toInt64();
    if (!v) {
        ctx.report.fail(key, v.error().describe());
        return std::nullopt;
    }
    return std::move(*v);
}

std::string suffix(const Loaded& m, std::size_t kinds)
{
    return kinds > 1 ? " [" + m.kind + "]" : std::string();
}

// Rows [0, len_b) of each batch item of a (B, L, C) array, concatenated.
std::vector<float> validRows(const infer::HostTensor& t, const std::vector<std::int64_t>& lens,
                             std::int64_t rows)
{
    const std::int64_t batch = t.shape[0];
    const std::int64_t len = t.shape[1];
    const std::int64_t width = t.numel() / std::max<std::int64_t>(1, batch * len);
    std::vector<float> out;
    for (std::int64_t b = 0; b < batch; ++b) {
        const std::int64_t n = std::min({lens[static_cast<std::size_t>(b)], rows, len});
        const float* p = t.data.data() + b * len * width;
        out.insert(out.end(), p, p + n * width);
    }
    return out;
}

infer::HostTensor narrowRows(const infer::HostTensor& t, std::int64_t rows)
{
    infer::HostTensor out;
    out.shape = t.shape;
    out.shape[1] = rows;
    const std::int64_t width = t.numel() / (t.shape[0] * t.shape[1]);
    for (std::int64_t b = 0; b < t.shape[0]; ++b) {
        const float* p = t.data.data() + b * t.shape[1] * width;
        out.data.insert(out.data.end(), p, p + rows * width);
    }
    return out;
}

} // namespace

void runForwardGroup(FixtureContext& ctx)
{
    const double tol = kForwardTolerance * ctx.options.toleranceScale;
    const auto kinds = weightKinds(ctx);
    if (kinds.empty()) {
        ctx.report.fail("fwd", "no weights (latest.ckpt or *.safetensors) in the folder");
        return;
    }
    auto x = tensor(ctx, "fwd.x");
    auto ctxt = tensor(ctx, "fwd.ctxt");
    auto vtxt = tensor(ctx, "fwd.vtxt");
    auto t = tensor(ctx, "fwd.timesteps");
    auto xLengths = ints(ctx, "fwd.x_lengths");
    auto ctxtLengths = ints(ctx, "fwd.ctxt_lengths");
    if (!x || !ctxt || !vtxt || !t || !xLengths || !ctxtLengths) {
        return;
    }
    const std::set<std::string> inputs{"fwd.x",         "fwd.ctxt",      "fwd.vtxt",
                                       "fwd.timesteps", "fwd.x_lengths", "fwd.ctxt_lengths"};
    for (const auto& kind : kinds) {
        auto m = loadModel(ctx, kind);
        if (!m) {
            continue;
        }
        const std::string sfx = suffix(*m, kinds.size());
        infer::MotionModel::ForwardInput in{*x, *ctxt, *vtxt, *t, *xLengths, *ctxtLengths};
        in.trace = true;
        auto out = m->model.forward(in);
        if (!out) {
            ctx.report.fail("fwd" + sfx, out.error().describe());
            continue;
        }
        for (const auto& key : ctx.keysWithPrefix("fwd.")) {
            if (inputs.count(key) != 0) {
                continue;
            }
            auto ref = ctx.reference(key);
            if (!ref) {
                continue;
            }
            const std::string name = key.substr(4);
            const infer::HostTensor* ours = nullptr;
            if (name == "out") {
                ours = &out->out;
            }
            for (const auto& [n, v] : out->trace) {
                if (n == name) {
                    ours = &v;
                }
            }
            if (ours == nullptr) {
                ctx.report.fail(key + sfx, "this build produces no such intermediate");
                continue;
            }
            ctx.report.compare(key + sfx, ours->data, *ref, tol);
        }

        // The same forward on the valid frames and tokens only, text RoPE positions kept: the
        // valid rows must match the reference's.
        const std::int64_t frames = *std::max_element(xLengths->begin(), xLengths->end());
        const std::int64_t tokens = *std::max_element(ctxtLengths->begin(), ctxtLengths->end());
        infer::MotionModel::ForwardInput trimmed{narrowRows(*x, frames),
                                                 narrowRows(*ctxt, tokens),
                                                 *vtxt,
                                                 *t,
                                                 *xLengths,
                                                 *ctxtLengths,
                                                 x->shape[1],
                                                 false};
        auto tout = m->model.forward(trimmed);
        auto ref = ctx.reference("fwd.out");
        if (!tout) {
            ctx.report.fail("fwd.out trimmed" + sfx, tout.error().describe());
        } else if (ref) {
            infer::HostTensor refT{out->out.shape, *ref};
            ctx.report.compare("fwd.out trimmed, valid" + sfx,
                               validRows(tout->out, *xLengths, frames),
                               validRows(refT, *xLengths, frames), tol);
        }
    }
}

void runSampleGroup(FixtureContext& ctx)
{
    const double tol = kSampleTolerance * ctx.options.toleranceScale;
    const auto kinds = weightKinds(ctx);
    if (kinds.empty()) {
        ctx.report.fail("sample", "no weights (latest.ckpt or *.safetensors) in the folder");
        return;
    }
    const auto& j = ctx.casesJson;
    if (!j.is_object() || !j.contains("length") || !j.contains("steps") ||
        !j.contains("cfg_scale")) {
        ctx.report.fail("sample", "cases.json lacks length, steps or cfg_scale");
        return;
    }
    const int frames = j["length"].get<int>();
    const int steps = j["steps"].get<int>();
    const double cfg = j["cfg_scale"].get<double>();
    const std::string generator = j.value("generator", std::string("cpu"));
    auto ctxt = tensor(ctx, "gen.ctxt");
    auto vtxt = tensor(ctx, "gen.vtxt");
    auto noise = tensor(ctx, "gen.noise");
    auto lengths = ints(ctx, "gen.ctxt_lengths");
    auto seeds = ints(ctx, "gen.seeds");
    if (!ctxt || !vtxt || !noise || !lengths || !seeds) {
        return;
    }
    for (const auto& kind : kinds) {
        auto m = loadModel(ctx, kind);
        if (!m) {
            continue;
        }
        const std::string sfx = suffix(*m, kinds.size());
        infer::MotionModel::SampleInput in;
        in.ctxt = *ctxt;
        in.vtxt = *vtxt;
        in.ctxtLengths = *lengths;
        for (auto s : *seeds) {
            in.seeds.push_back(static_cast<std::uint64_t>(s));
        }
        in.frames = frames;
        in.steps = steps;
        in.cfgScale = cfg;

        // 1. Seeded noise vs the recorded noise, bit for bit.
        {
            infer::MotionModel::SampleInput probe = in;
            probe.steps = 1; // the noise is drawn before the first step
            auto r = m->model.sample(probe);
            if (!r) {
                ctx.report.fail("gen.noise" + sfx, r.error().describe());
            } else {
                const auto& ours = r->noise.data;
                const bool sameSize = ours.size() == noise->data.size();
                std::size_t differing = 0;
                double maxDiff = 0.0;
                for (std::size_t i = 0; sameSize && i < ours.size(); ++i) {
                    if (std::memcmp(&ours[i], &noise->data[i], sizeof(float)) != 0) {
                        ++differing;
                        maxDiff = std::max(maxDiff, std::fabs(double(ours[i]) - noise->data[i]));
                    }
                }
                const bool gpuNoise =
                    m->model.device().isCuda() && m->model.config().randomGeneratorOnGpu;
                const std::string detail =
                    !sameSize        ? "size mismatch"
                    : differing == 0 ? fmt::format("bit-exact ({} values, {} generator)",
                                                   ours.size(), gpuNoise ? "CUDA" : "CPU")
                                     : fmt::format("{} of {} values differ (max abs {:.3g})",
                                                   differing, ours.size(), maxDiff);
                if (gpuNoise != (generator == "cuda")) {
                    ctx.report.note(fmt::format(
                        "gen.noise{}: not comparable (reference used the {} generator, this run "
                        "the {} one): {}",
                        sfx, generator, gpuNoise ? "CUDA" : "CPU", detail));
                } else {
                    ctx.report.check("gen.noise bit-exact" + sfx, sameSize && differing == 0,
                                     detail);
                }
            }
        }

        // 2. Sampling from the recorded noise: CFG (trimmed and padded) and no CFG.
        in.noise = *noise;
        auto ref = ctx.reference("gen.latent");
        auto trimmed = m->model.sample(in);
        infer::MotionModel::SampleInput padIn = in;
        padIn.trimmed = false;
        auto padded = m->model.sample(padIn);
        if (!trimmed || !padded) {
            ctx.report.fail("gen.latent" + sfx,
                            (!trimmed ? trimmed.error() : padded.error()).describe());
        } else if (ref) {
            ctx.report.compare("gen.latent" + sfx, trimmed->latent.data, *ref, tol);
            ctx.report.compare("gen.latent padded" + sfx, padded->latent.data, *ref, tol);
            // In fp32 trimming is exact up to summation order (1e-5 proves it); in bf16/fp16 the
            // two runs round differently, so they are held to the reduced-precision bound instead.
            const double trimTol = ctx.options.precision == "fp32"
                                       ? kTrimmedTolerance * ctx.options.toleranceScale
                                       : tol;
            ctx.report.compare("trimmed == padded" + sfx, trimmed->latent.data, padded->latent.data,
                               trimTol);
        }
        if (ctx.cases->find("gen_nocfg.latent") != nullptr) {
            infer::MotionModel::SampleInput nocfg = in;
            nocfg.cfgScale = 1.0;
            auto r = m->model.sample(nocfg);
            auto refNo = ctx.reference("gen_nocfg.latent");
            if (!r) {
                ctx.report.fail("gen_nocfg.latent" + sfx, r.error().describe());
            } else if (refNo) {
                ctx.report.compare("gen_nocfg.latent" + sfx, r->latent.data, *refNo, tol);
            }
        }
    }
}

} // namespace pw::cli
