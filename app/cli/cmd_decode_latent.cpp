// SPDX-License-Identifier: Apache-2.0
// `posewright-cli decode-latent` (developer command, hidden from --help): decodes a motion latent
// stored in a safetensors file into a take. Used by the export tests to make deterministic takes
// from the golden fixtures, and to inspect latents dumped from other implementations.
#include "cli_context.h"

#include <pw/core/motion_decode.h>
#include <pw/core/safetensors.h>
#include <pw/core/utc_time.h>
#include <pw/core/version.h>
#include <pw/core/weight_file.h>
#include <pw/infer/dit_config.h>
#include <pw/io/take_file.h>

#include <cstdio>
#include <memory>
#include <string>

namespace pw::cli {
namespace {

struct DecodeOptions
{
    std::string latent;
    std::string key = "gen.latent";
    int sample = 0;
    std::string stats;
    std::string out;
    std::string prompt;
    std::uint64_t seed = 0;
    bool noSmooth = false;
    int steps = 0;          ///< 0: from config.yml beside --stats
    float cfgScale = -1.0f; ///< < 0: from config.yml beside --stats
};

Result<std::vector<float>> statsTensor(const WeightFile& file, const char* name)
{
    auto t = file.require(name);
    if (!t) {
        return std::move(t).error();
    }
    return (*t)->toFloat32();
}

int runDecode(const DecodeOptions& o)
{
    auto file = SafetensorsFile::open(o.latent);
    if (!file) {
        return reportError(file.error());
    }
    auto view = file->require(o.key);
    if (!view) {
        return reportError(view.error());
    }
    const auto& shape = (*view)->shape;
    const bool batched = shape.size() == 3;
    if ((shape.size() != 2 && !batched) || shape.back() != kMotionChannels) {
        return reportError(Error(Errc::BadInput, "latent must be [frames, 201] or "
                                                 "[samples, frames, 201]")
                               .inFile(o.latent)
                               .at(o.key)
                               .mismatch("[S, L, 201]", shapeString(shape)));
    }
    const int samples = batched ? static_cast<int>(shape[0]) : 1;
    const int frames = static_cast<int>(shape[batched ? 1 : 0]);
    if (o.sample < 0 || o.sample >= samples) {
        return reportError(
            Error(Errc::InvalidArgument, "sample index out of range")
                .at("--sample")
                .mismatch("0.." + std::to_string(samples - 1), std::to_string(o.sample)));
    }
    auto latent = (*view)->toFloat32();
    if (!latent) {
        return reportError(latent.error());
    }
    auto statsFile = WeightFile::open(o.stats);
    if (!statsFile) {
        return reportError(statsFile.error());
    }
    auto mean = statsTensor(*statsFile, "mean");
    auto std = statsTensor(*statsFile, "std");
    if (!mean || !std) {
        return reportError(!mean ? mean.error() : std.error());
    }
    const std::size_t per = static_cast<std::size_t>(frames) * kMotionChannels;
    auto decoded =
        decodeLatent(std::span(*latent).subspan(per * static_cast<std::size_t>(o.sample), per),
                     frames, *mean, *std, !o.noSmooth);
    if (!decoded) {
        return reportError(decoded.error());
    }
    Take take;
    take.id = std::filesystem::path(o.out).stem().string();
    take.prompt = o.prompt;
    take.seed = o.seed;
    take.candidateIndex = o.sample;
    take.params.frames = frames;
    take.params.durationSec = frames / 30.0;
    // Record the sampling settings the latent was made with: given on the command line, else the
    // model config beside the stats file (its defaults are what the reference samples with).
    const std::filesystem::path configPath =
        std::filesystem::path(o.stats).parent_path() / "config.yml";
    if (auto config = infer::loadDitConfig(configPath)) {
        take.params.steps = config->steps;
        take.params.cfgScale = static_cast<float>(config->cfgScale);
        take.params.textMaxLength = config->maxTextTokens;
    }
    if (o.steps > 0) {
        take.params.steps = o.steps;
    }
    if (o.cfgScale >= 0.0f) {
        take.params.cfgScale = o.cfgScale;
    }
    take.params.device = "cpu";
    take.params.precision = "fp32";
    const std::filesystem::path statsPath(o.stats);
    take.model.name = statsPath.parent_path().filename().string();
    take.model.dir = statsPath.parent_path().string();
    take.model.weightsFile = statsPath.filename().string();
    std::error_code ec;
    take.model.weightsBytes = std::filesystem::file_size(statsPath, ec);
    take.createdUtc = utcIsoNow();
    take.appVersion = kVersion;
    take.motion = std::make_shared<MotionClip>(motionClipFromDecoded(*decoded));
    if (auto ok = io::saveTake(take, o.out); !ok) {
        return reportError(ok.error());
    }
    std::printf("decoded %s[%d] (%d frames) into %s\n", o.key.c_str(), o.sample, frames,
                o.out.c_str());
    return 0;
}

} // namespace

void addDecodeLatentCommand(CLI::App& app, CliContext& ctx)
{
    auto opt = std::make_shared<DecodeOptions>();
    CLI::App* sub =
        app.add_subcommand("decode-latent", "Developer: decode a latent tensor into a take");
    sub->group(""); // hidden from --help
    sub->add_option("--latent", opt->latent, "safetensors file holding the latent")->required();
    sub->add_option("--steps", opt->steps,
                    "Euler steps the latent was sampled with (default: config.yml beside --stats)")
        ->check(positive());
    sub->add_option("--cfg", opt->cfgScale,
                    "CFG scale the latent was sampled with (default: config.yml beside --stats)")
        ->check(nonNegative());
    sub->add_option("--key", opt->key, "Tensor name ([S, L, 201] or [L, 201])")
        ->capture_default_str();
    sub->add_option("--sample", opt->sample, "Sample index in a batched latent")
        ->capture_default_str();
    sub->add_option("--stats", opt->stats,
                    "Model weights (latest.ckpt or .safetensors) holding mean and std")
        ->required();
    sub->add_option("--out", opt->out, "Take file to write (.pwtake)")->required();
    sub->add_option("--prompt", opt->prompt, "Prompt to record in the take");
    sub->add_option("--seed", opt->seed, "Seed to record in the take");
    sub->add_flag("--no-smooth", opt->noSmooth, "Skip the reference's smoothing");
    sub->callback([&ctx, opt] { ctx.action = [opt] { return runDecode(*opt); }; });
}

} // namespace pw::cli
