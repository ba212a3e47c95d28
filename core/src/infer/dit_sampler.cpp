// SPDX-License-Identifier: Apache-2.0
// Torch translation unit: the flow-matching sampler (Euler + classifier-free guidance,
// hymotion-spec.md §4), seeded noise, CUDA graphs for the step loop, the torch-free MotionModel
// facade and the benchmark.
#include "motion_dit.h"

#include <pw/core/log.h>
#include <pw/infer/motion_model.h>

#include <ATen/ATen.h>
#include <c10/core/InferenceMode.h>
#include <torch/version.h>

#ifdef PW_TORCH_CUDA
#include <ATen/cuda/CUDAGeneratorImpl.h>
#include <ATen/cuda/CUDAGraph.h>
#include <c10/cuda/CUDACachingAllocator.h>
#include <c10/cuda/CUDAGuard.h>
#include <c10/cuda/CUDAStream.h>
#endif

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <mutex>

namespace pw::infer {

// ---- lengths, noise, device helpers ---------------------------------------------------------

int framesForDuration(double durationSec, const DitConfig& config)
{
    auto frames = durationToFrames(durationSec, config);
    if (!frames) {
        fail(std::move(frames).error());
    }
    return *frames;
}

bool MotionDit::noiseOnGpu() const
{
#ifdef PW_TORCH_CUDA
    return device().isCuda() && config().randomGeneratorOnGpu;
#else
    return false;
#endif
}

namespace {
// randn(1, frames, channels) from a generator seeded with `seed`, as the reference draws each
// seed's noise: PyTorch's CPU generator (MT19937), or a CUDA generator (Philox) on `cudaDevice`.
at::Tensor seededNoise(std::uint64_t seed, std::int64_t frames, std::int64_t channels,
                       const std::optional<at::Device>& cudaDevice)
{
#ifdef PW_TORCH_CUDA
    if (cudaDevice) {
        at::Generator gen = at::cuda::detail::createCUDAGenerator(cudaDevice->index());
        {
            std::lock_guard<std::mutex> lock(gen.mutex());
            gen.set_current_seed(seed);
        }
        return at::randn({1, frames, channels}, gen,
                         at::TensorOptions().dtype(at::kFloat).device(*cudaDevice));
    }
#else
    (void)cudaDevice;
#endif
    at::Generator gen = at::detail::createCPUGenerator(seed);
    return at::randn({1, frames, channels}, gen, at::kFloat);
}
} // namespace

at::Tensor MotionDit::drawNoise(const std::vector<std::uint64_t>& seeds) const
{
    const DitConfig& c = config();
    const std::optional<at::Device> gpu =
        noiseOnGpu() ? std::optional<at::Device>(torchDevice()) : std::nullopt;
    std::vector<at::Tensor> parts;
    parts.reserve(seeds.size());
    for (std::uint64_t seed : seeds) {
        parts.push_back(seededNoise(seed, c.trainFrames, c.inputDim, gpu));
    }
    return at::cat(parts, 0).to(torchDevice());
}

#ifdef PW_TORCH_CUDA
namespace {
// The caching allocator's per-device state exists only once CUDA is initialised on that device;
// before that its statistics calls fail with "Invalid device argument".
void ensureCudaInitialized(Device device)
{
    static std::once_flag once[64];
    const int index = std::clamp(device.index, 0, 63);
    std::call_once(once[index], [&] {
        (void)at::empty(
            {1}, at::TensorOptions().device(at::kCUDA, static_cast<c10::DeviceIndex>(index)));
    });
}
} // namespace
#endif

MemoryStats deviceMemoryStats(Device device)
{
    MemoryStats s;
#ifdef PW_TORCH_CUDA
    if (device.isCuda()) {
        ensureCudaInitialized(device);
        const auto stats = c10::cuda::CUDACachingAllocator::getDeviceStats(
            static_cast<c10::DeviceIndex>(device.index));
        s.isCuda = true;
        s.allocatedBytes = static_cast<std::uint64_t>(stats.allocated_bytes[0].current);
        s.peakAllocatedBytes = static_cast<std::uint64_t>(stats.allocated_bytes[0].peak);
        s.reservedBytes = static_cast<std::uint64_t>(stats.reserved_bytes[0].current);
    }
#else
    (void)device;
#endif
    return s;
}

void resetPeakMemory(Device device)
{
#ifdef PW_TORCH_CUDA
    if (device.isCuda()) {
        ensureCudaInitialized(device);
        c10::cuda::CUDACachingAllocator::resetPeakStats(
            static_cast<c10::DeviceIndex>(device.index));
    }
#else
    (void)device;
#endif
}

void synchronizeDevice(Device device)
{
#ifdef PW_TORCH_CUDA
    if (device.isCuda()) {
        c10::cuda::CUDAGuard guard(static_cast<c10::DeviceIndex>(device.index));
        c10::cuda::getCurrentCUDAStream().synchronize();
    }
#else
    (void)device;
#endif
}

// ---- sampler --------------------------------------------------------------------------------

DitSampleResult MotionDit::sample(const DitSampleArgs& a, const RunControl& control) const
{
    const c10::InferenceMode inferenceMode; // no autograd bookkeeping (version counters, views)
    const DitConfig& c = config();
    const auto S = static_cast<std::int64_t>(a.seeds.size());
    auto invalid = [](std::string msg, std::string item) {
        return Error(Errc::InvalidArgument, std::move(msg)).at(std::move(item));
    };
    if (S == 0) {
        fail(invalid("at least one seed is needed", "seeds"));
    }
    if (a.ctxt.dim() != 3 || a.ctxt.size(0) != S || a.ctxt.size(2) != c.ctxtInputDim) {
        fail(invalid("text context has the wrong shape", "ctxt")
                 .mismatch(fmt::format("({}, T, {})", S, c.ctxtInputDim),
                           shapeString(a.ctxt.sizes().vec())));
    }
    if (a.vtxt.dim() != 3 || a.vtxt.size(0) != S || a.vtxt.size(1) != 1 ||
        a.vtxt.size(2) != c.vtxtInputDim) {
        fail(invalid("sentence vector has the wrong shape", "vtxt")
                 .mismatch(fmt::format("({}, 1, {})", S, c.vtxtInputDim),
                           shapeString(a.vtxt.sizes().vec())));
    }
    const at::Tensor lengths = a.ctxtLengths.to(at::kCPU, at::kLong).contiguous().view({-1});
    const std::int64_t Tfull = a.ctxt.size(1);
    if (lengths.numel() != S || lengths.min().item<std::int64_t>() < 1 ||
        lengths.max().item<std::int64_t>() > Tfull) {
        fail(invalid("text lengths must be 1..T, one per seed", "ctxtLengths")
                 .mismatch(fmt::format("{} values in 1..{}", S, Tfull),
                           fmt::format("{} values, {}..{}", lengths.numel(),
                                       lengths.numel() ? lengths.min().item<std::int64_t>() : 0,
                                       lengths.numel() ? lengths.max().item<std::int64_t>() : 0)));
    }
    if (a.frames < c.minFrames() || a.frames > c.trainFrames) {
        fail(invalid("requested length out of range", "frames")
                 .mismatch(fmt::format("{}..{}", c.minFrames(), c.trainFrames),
                           std::to_string(a.frames)));
    }
    if (a.steps < 1 || a.steps > 10000) {
        fail(invalid("steps out of range", "steps").mismatch("1..10000", std::to_string(a.steps)));
    }
    if (!std::isfinite(a.cfgScale) || a.cfgScale < 0.0) {
        fail(invalid("CFG scale out of range", "cfg")
                 .mismatch(">= 0", fmt::format("{}", a.cfgScale)));
    }
    if (c.trainFrames + Tfull > 5000) {
        fail(invalid("text longer than the RoPE table allows", "ctxt"));
    }

    DitSampleResult result;
    if (a.noise.defined()) {
        if (a.noise.dim() != 3 || a.noise.size(0) != S || a.noise.size(1) != c.trainFrames ||
            a.noise.size(2) != c.inputDim) {
            fail(invalid("recorded noise has the wrong shape", "noise")
                     .mismatch(fmt::format("({}, {}, {})", S, c.trainFrames, c.inputDim),
                               shapeString(a.noise.sizes().vec())));
        }
        result.noise = a.noise.to(torchDevice(), at::kFloat);
    } else {
        result.noise = drawNoise(a.seeds);
    }

    const bool cfg = a.cfgScale > 1.0;
    const std::int64_t B = cfg ? 2 * S : S;
    const std::int64_t M = a.trimmed ? a.frames : c.trainFrames;
    const std::int64_t T = a.trimmed ? lengths.max().item<std::int64_t>() : Tfull;
    const at::Tensor ctxt = a.ctxt.narrow(1, 0, T).to(torchDevice(), at::kFloat);
    const at::Tensor vtxt = a.vtxt.to(torchDevice(), at::kFloat);
    at::Tensor ctxtIn = ctxt;
    at::Tensor vtxtIn = vtxt;
    at::Tensor lens = lengths;
    if (cfg) {
        // [uncond; cond]: null sentence vector; null context token broadcast over every slot
        // when enable_ctxt_null_feat (else the real context); both halves use the prompt's mask.
        const at::Tensor uncondCtxt =
            c.enableCtxtNullFeat ? nullCtxt().expand({S, T, c.ctxtInputDim}) : ctxt;
        ctxtIn = at::cat({uncondCtxt, ctxt}, 0);
        vtxtIn = at::cat({nullVtxt().expand({S, 1, c.vtxtInputDim}), vtxt}, 0);
        lens = at::cat({lengths, lengths}, 0);
    }
    const at::Tensor xLens = at::full({B}, a.frames, at::kLong);
    // Text keeps its reference RoPE positions (train_frames + j) in both modes.
    const DitContext ctx = prepare(B, M, T, xLens, lens, c.trainFrames);
    const DitConditioning cond = condition(ctx, ctxtIn, vtxtIn);

    // Time grid exactly as torch.linspace(0, 1, steps + 1) in float32.
    const at::Tensor grid = at::linspace(0.0, 1.0, a.steps + 1, at::kFloat).contiguous();
    const float* tg = grid.data_ptr<float>();
    const float g = static_cast<float>(a.cfgScale);

    at::Tensor y = result.noise.narrow(1, 0, M).clone(); // float32 state
    const auto tOpts = at::TensorOptions().dtype(at::kFloat).device(torchDevice());

    // One Euler step on static buffers: y += dt * v(t, y).
    auto step = [&](at::Tensor& state, const at::Tensor& tBuf, const at::Tensor& dtBuf) {
        const at::Tensor xIn = cfg ? at::cat({state, state}, 0) : state;
        at::Tensor v = forwardPrepared(ctx, cond, xIn, tBuf).to(at::kFloat);
        if (cfg) {
            const auto halves = v.chunk(2, 0);
            v = halves[0] + g * (halves[1] - halves[0]);
        }
        state.add_(dtBuf * v);
    };

    bool done = false;
#ifdef PW_TORCH_CUDA
    if (a.useCudaGraph && device().isCuda()) {
        try {
            c10::cuda::CUDAGuard deviceGuard(torchDevice());
            at::Tensor tBuf = at::zeros({B}, tOpts);
            at::Tensor dtBuf = at::zeros({}, tOpts);
            const at::Tensor tDev = grid.to(torchDevice());
            auto side = c10::cuda::getStreamFromPool(false, torchDevice().index());
            c10::cuda::getCurrentCUDAStream().synchronize(); // inputs ready before the side stream
            at::cuda::CUDAGraph graph;
            {
                c10::cuda::CUDAStreamGuard streamGuard(side);
                // Warm-up (cuBLAS/attention kernels initialise outside the capture) on a copy.
                at::Tensor scratch = y.clone();
                tBuf.fill_(0.0);
                dtBuf.fill_(0.0);
                step(scratch, tBuf, dtBuf);
                side.synchronize();
                graph.capture_begin();
                step(y, tBuf, dtBuf);
                graph.capture_end();
                for (int i = 0; i < a.steps; ++i) {
                    control.cancel.throwIfCancelled();
                    tBuf.copy_(tDev.narrow(0, i, 1).expand({B}));
                    dtBuf.copy_(tDev[i + 1] - tDev[i]);
                    graph.replay();
                    side.synchronize(); // progress reports finished steps
                    control.report(i + 1, a.steps, "sample");
                }
            }
            result.usedCudaGraph = true;
            done = true;
        } catch (const Exception&) {
            throw; // cancellation and our own errors
        } catch (const c10::Error& e) {
            log::get(log::kInfer)
                ->warn("CUDA graph capture failed, running the steps eagerly: {}",
                       e.what_without_backtrace());
            y = result.noise.narrow(1, 0, M).clone();
        }
    }
#endif
    if (!done) {
        for (int i = 0; i < a.steps; ++i) {
            control.cancel.throwIfCancelled();
            const at::Tensor tBuf = at::full({B}, tg[i], tOpts);
            // dt = t[i+1] - t[i] in float32, as torchdiffeq's fixed-grid Euler.
            const float dt = tg[i + 1] - tg[i];
            const at::Tensor dtBuf = at::full({}, dt, tOpts);
            step(y, tBuf, dtBuf);
            control.report(i + 1, a.steps, "sample");
        }
    }
    result.latent = y.narrow(1, 0, a.frames).contiguous();
    if (!at::isfinite(result.latent).all().item<bool>()) {
        fail(Error(Errc::BadModelOutput, "sampling produced non-finite values (NaN/inf)")
                 .at("latent")
                 .mismatch("finite values",
                           precisionName(precision()) + std::string(" run overflowed")));
    }
    return result;
}

// ---- MotionModel facade ---------------------------------------------------------------------

namespace {

at::Tensor toTorch(const HostTensor& h)
{
    return at::from_blob(const_cast<float*>(h.data.data()), h.shape, at::kFloat).clone();
}

HostTensor toHost(const at::Tensor& t)
{
    const at::Tensor c = t.to(at::kCPU, at::kFloat).contiguous();
    HostTensor h;
    h.shape = c.sizes().vec();
    h.data.assign(c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
    return h;
}

at::Tensor longs(const std::vector<std::int64_t>& v)
{
    return at::tensor(v, at::kLong);
}

} // namespace

std::int64_t HostTensor::numel() const
{
    std::int64_t n = 1;
    for (auto d : shape) {
        n *= d;
    }
    return n;
}

Result<void> HostTensor::check(const char* name) const
{
    for (auto d : shape) {
        if (d < 0) {
            return Error(Errc::InvalidArgument, "negative dimension").at(name);
        }
    }
    if (static_cast<std::int64_t>(data.size()) != numel()) {
        return Error(Errc::InvalidArgument, "array size does not match its shape")
            .at(name)
            .mismatch(std::to_string(numel()), std::to_string(data.size()));
    }
    return {};
}

struct MotionModel::Impl
{
    std::unique_ptr<MotionDit> dit;
};

MotionModel::MotionModel() : m_impl(std::make_unique<Impl>()) {}
MotionModel::MotionModel(MotionModel&&) noexcept = default;
MotionModel& MotionModel::operator=(MotionModel&&) noexcept = default;
MotionModel::~MotionModel() = default;

Result<MotionModel> MotionModel::load(const MotionModelOptions& options, const RunControl& control)
{
    return guardTorch([&]() -> MotionModel {
        MotionModel model;
        DitLoadOptions o;
        o.device = options.device;
        o.precision = options.precision;
        o.weights = options.weights;
        o.verifyChecksums = options.verifyChecksums;
        try {
            model.m_impl->dit = MotionDit::load(options.dir, o, control);
        } catch (const c10::Error& e) {
            if (options.device.isCuda()) { // e.g. no such device / no driver
                fail(Error(Errc::UnsupportedDevice, e.what_without_backtrace())
                         .at("device")
                         .mismatch("a usable CUDA device", options.device.toString()));
            }
            throw;
        }
        return model;
    });
}

const DitConfig& MotionModel::config() const
{
    return m_impl->dit->config();
}
std::filesystem::path MotionModel::weightsFile() const
{
    return m_impl->dit->weightsFile();
}
Device MotionModel::device() const
{
    return m_impl->dit->device();
}
Precision MotionModel::precision() const
{
    return m_impl->dit->precision();
}
std::int64_t MotionModel::parameterCount() const
{
    return m_impl->dit->parameterCount();
}

Result<MotionModel::ForwardOutput> MotionModel::forward(const ForwardInput& in) const
{
    return guardTorch([&]() -> ForwardOutput {
        for (auto [t, name] :
             {std::pair{&in.x, "x"}, {&in.ctxt, "ctxt"}, {&in.vtxt, "vtxt"}, {&in.t, "t"}}) {
            if (auto ok = t->check(name); !ok) {
                fail(std::move(ok).error());
            }
        }
        DitForwardArgs args;
        args.x = toTorch(in.x);
        args.ctxt = toTorch(in.ctxt);
        args.vtxt = toTorch(in.vtxt);
        args.t = toTorch(in.t);
        args.xLengths = longs(in.xLengths);
        args.ctxtLengths = longs(in.ctxtLengths);
        args.textPositionOffset = in.textPositionOffset;
        DitTrace trace;
        ForwardOutput out;
        out.out = toHost(m_impl->dit->forward(args, in.trace ? &trace : nullptr));
        for (auto& [name, t] : trace.tensors) {
            out.trace.emplace_back(name, toHost(t));
        }
        return out;
    });
}

Result<MotionModel::SampleOutput> MotionModel::sample(const SampleInput& in,
                                                      const RunControl& control) const
{
    return guardTorch([&]() -> SampleOutput {
        for (auto [t, name] : {std::pair{&in.ctxt, "ctxt"}, {&in.vtxt, "vtxt"}}) {
            if (auto ok = t->check(name); !ok) {
                fail(std::move(ok).error());
            }
        }
        DitSampleArgs args;
        args.ctxt = toTorch(in.ctxt);
        args.vtxt = toTorch(in.vtxt);
        args.ctxtLengths = longs(in.ctxtLengths);
        args.seeds = in.seeds;
        args.frames = in.frames;
        args.cfgScale = in.cfgScale;
        args.steps = in.steps;
        args.trimmed = in.trimmed;
        args.useCudaGraph = in.useCudaGraph;
        if (in.noise) {
            if (auto ok = in.noise->check("noise"); !ok) {
                fail(std::move(ok).error());
            }
            args.noise = toTorch(*in.noise);
        }
        const DitSampleResult r = m_impl->dit->sample(args, control);
        SampleOutput out;
        out.latent = toHost(r.latent);
        out.noise = toHost(r.noise);
        out.usedCudaGraph = r.usedCudaGraph;
        return out;
    });
}

Result<int> MotionModel::framesForDuration(double durationSec) const
{
    return guard([&] { return infer::framesForDuration(durationSec, config()); });
}

// ---- benchmark ------------------------------------------------------------------------------

DitConfig liteConfig()
{
    DitConfig c;
    c.inputDim = 201;
    c.featDim = 1024;
    c.ctxtInputDim = 4096;
    c.vtxtInputDim = 768;
    c.numLayers = 18;
    c.numHeads = 16;
    c.mlpRatio = 4.0;
    c.maskMode = "narrowband";
    c.applyRopeToSingleBranch = false;
    c.timeFactor = 1000.0;
    c.trainFrames = 360;
    c.fps = 30.0;
    c.cfgScale = 5.0;
    c.steps = 50;
    c.maxTextTokens = 128;
    c.enableCtxtNullFeat = true;
    c.randomGeneratorOnGpu = true;
    return c;
}

Result<std::vector<BenchResult>> runDitBenchmark(const BenchOptions& o, const RunControl& control)
{
    return guardTorch([&]() -> std::vector<BenchResult> {
        auto logger = log::get(log::kInfer);
        std::vector<BenchResult> results;
        const int total =
            static_cast<int>(o.precisions.size() * o.seedCounts.size() * o.durationsSec.size());
        int doneCases = 0;
        if (o.validTextTokens < 1 || o.validTextTokens > o.textTokens) {
            fail(Error(Errc::InvalidArgument, "valid text tokens must be 1..text tokens")
                     .at("valid-text-tokens")
                     .mismatch("1.." + std::to_string(o.textTokens),
                               std::to_string(o.validTextTokens)));
        }
        for (Precision p : o.precisions) {
            resetPeakMemory(o.device);
            const std::uint64_t before = deviceMemoryStats(o.device).allocatedBytes;
            auto dit = MotionDit::randomInit(o.config, o.device, p, 1234);
            synchronizeDevice(o.device);
            const std::uint64_t weightBytes = deviceMemoryStats(o.device).allocatedBytes - before;
            for (int seeds : o.seedCounts) {
                for (double sec : o.durationsSec) {
                    control.cancel.throwIfCancelled();
                    at::Generator gen = at::detail::createCPUGenerator(7);
                    DitSampleArgs args;
                    args.ctxt =
                        at::randn({seeds, o.textTokens, o.config.ctxtInputDim}, gen, at::kFloat);
                    args.vtxt = at::randn({seeds, 1, o.config.vtxtInputDim}, gen, at::kFloat);
                    args.ctxtLengths = at::full({seeds}, o.validTextTokens, at::kLong);
                    for (int s = 0; s < seeds; ++s) {
                        args.seeds.push_back(static_cast<std::uint64_t>(s));
                    }
                    args.frames = framesForDuration(sec, o.config);
                    args.cfgScale = o.cfgScale;
                    args.steps = o.steps;
                    args.trimmed = o.trimmed;
                    args.useCudaGraph = o.cudaGraph;
                    BenchResult r;
                    r.precision = p;
                    r.seeds = seeds;
                    r.durationSec = sec;
                    r.frames = args.frames;
                    r.steps = o.steps;
                    r.trimmed = o.trimmed;
                    r.weightBytes = weightBytes;
                    double best = 1e300;
                    resetPeakMemory(o.device);
                    for (int rep = 0; rep <= std::max(1, o.repeats); ++rep) {
                        synchronizeDevice(o.device);
                        const auto t0 = std::chrono::steady_clock::now();
                        const DitSampleResult res = dit->sample(args, {control.cancel, {}});
                        synchronizeDevice(o.device);
                        const auto t1 = std::chrono::steady_clock::now();
                        r.cudaGraph = res.usedCudaGraph;
                        if (rep > 0) { // rep 0 is the warm-up
                            best = std::min(
                                best, std::chrono::duration<double, std::milli>(t1 - t0).count());
                        }
                    }
                    r.totalMs = best;
                    r.msPerStep = best / o.steps;
                    r.peakDeviceBytes = deviceMemoryStats(o.device).peakAllocatedBytes;
                    logger->info("bench {} {} seed(s) {} s: {:.1f} ms ({:.2f} ms/step)",
                                 precisionName(p), seeds, sec, r.totalMs, r.msPerStep);
                    results.push_back(r);
                    control.report(++doneCases, total, "bench");
                }
            }
        }
        return results;
    });
}

Result<HostTensor> drawSeedNoise(std::uint64_t seed, std::int64_t frames, std::int64_t channels,
                                 Device device)
{
    return guardTorch([&] {
        if (frames < 1 || channels < 1) {
            fail(Error(Errc::InvalidArgument, "noise shape must be positive")
                     .mismatch(">= 1", std::to_string(frames) + " x " + std::to_string(channels)));
        }
        std::optional<at::Device> gpu;
        if (device.isCuda()) {
#ifdef PW_TORCH_CUDA
            gpu = at::Device(at::kCUDA, static_cast<c10::DeviceIndex>(device.index));
#else
            fail(Error(Errc::UnsupportedDevice, "this build of libtorch has no CUDA support")
                     .at("device"));
#endif
        }
        return toHost(seededNoise(seed, frames, channels, gpu));
    });
}

} // namespace pw::infer
