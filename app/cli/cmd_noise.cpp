// SPDX-License-Identifier: Apache-2.0
// `posewright-cli noise`: prints the reference's initial noise for a seed, to check that this
// machine's CPU or CUDA generator reproduces the reference's random streams.
#include "cli_context.h"

#include <pw/infer/device.h>
#include <pw/infer/motion_model.h>

#include <cstdio>

namespace pw::cli {
namespace {

struct NoiseOptions
{
    std::uint64_t seed = 0;
    std::int64_t frames = 360;
    std::int64_t channels = 201;
    std::string device = "cpu";
};

int runNoise(const NoiseOptions& o)
{
    auto device = infer::parseDevice(o.device);
    if (!device) {
        return reportError(device.error());
    }
    auto noise = infer::drawSeedNoise(o.seed, o.frames, o.channels, *device);
    if (!noise) {
        return reportError(noise.error());
    }
    const auto& v = noise->data;
    double sum = 0.0;
    for (float x : v) {
        sum += x;
    }
    std::printf("seed %llu on %s: randn(1, %lld, %lld)\n", static_cast<unsigned long long>(o.seed),
                device->toString().c_str(), static_cast<long long>(o.frames),
                static_cast<long long>(o.channels));
    std::printf("first 5: %.7f %.7f %.7f %.7f %.7f\n", v[0], v[1], v[2], v[3], v[4]);
    const std::size_t n = v.size();
    std::printf("last 3: %.7f %.7f %.7f\n", v[n - 3], v[n - 2], v[n - 1]);
    std::printf("sum: %.6f\n", sum);
    return 0;
}

} // namespace

void addNoiseCommand(CLI::App& app, CliContext& ctx)
{
    auto opt = std::make_shared<NoiseOptions>();
    CLI::App* sub = app.add_subcommand(
        "noise", "Print a seed's initial noise (checks this machine's generators against the "
                 "reference's)");
    sub->group("Developer");
    sub->add_option("--seed", opt->seed, "Seed (0 .. 2^64-1)")
        ->check(nonNegative())
        ->capture_default_str();
    sub->add_option("--frames", opt->frames, "Frames (train_frames)")
        ->check(positive())
        ->capture_default_str();
    sub->add_option("--channels", opt->channels, "Channels per frame")
        ->check(positive())
        ->capture_default_str();
    sub->add_option("--device", opt->device, "cpu (PyTorch's CPU generator) or cuda[:N]")
        ->capture_default_str();
    sub->callback([&ctx, opt] { ctx.action = [opt] { return runNoise(*opt); }; });
}

} // namespace pw::cli
