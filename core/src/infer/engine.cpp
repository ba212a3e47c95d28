// SPDX-License-Identifier: Apache-2.0
// Torch translation unit: pw::infer::Engine, the whole text-to-motion pipeline (text encoders ->
// flow-matching DiT -> decoding -> takes), its diagnostics and the end-to-end benchmark.
// Progress protocol, placement and memory: docs/engine.md.
#include "motion_dit.h"
#include "text_encoders.h"

#include <pw/core/log.h>
#include <pw/core/motion_decode.h>
#include <pw/core/sha256.h>
#include <pw/core/utc_time.h>
#include <pw/core/version.h>
#include <pw/infer/engine.h>
#include <pw/infer/motion_model.h>

#include <torch/torch.h>

#ifdef PW_TORCH_CUDA
#include <c10/cuda/CUDACachingAllocator.h>
#endif

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <random>
#include <sstream>

namespace pw::infer {
namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point t0)
{
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

std::string gib(std::uint64_t bytes)
{
    return fmt::format("{:.2f} GiB", static_cast<double>(bytes) / (1024.0 * 1024.0 * 1024.0));
}

std::string placementString(const Device& device, Precision precision)
{
    return device.toString() + " " + precisionName(precision);
}

std::uint64_t bytesPerElement(Precision p)
{
    return p == Precision::Fp32 ? 4 : 2;
}

/// The folder's own name, also for paths written with a trailing separator.
std::string folderName(const std::filesystem::path& dir)
{
    std::filesystem::path p = dir.lexically_normal();
    if (p.filename().empty()) {
        p = p.parent_path();
    }
    return p.filename().string();
}

/// A RunControl that forwards cancel and maps a sub-task's steps into [offset, offset + its
/// count] of a larger total (clamped), keeping the sub-task's stage names.
RunControl mappedControl(const RunControl& parent, int offset, int total)
{
    RunControl c;
    c.cancel = parent.cancel;
    if (parent.onProgress) {
        const RunControl* p = &parent;
        c.onProgress = [p, offset, total](const Progress& progress) {
            p->report(std::min(offset + progress.step, total), total, progress.stage);
        };
    }
    return c;
}

/// Memory of this process: resident set, virtual size and resident high-water mark.
MemoryStats processMemoryStats()
{
    MemoryStats s;
    std::ifstream in("/proc/self/status");
    std::string line;
    auto kib = [](const std::string& l) {
        std::istringstream ss(l.substr(l.find(':') + 1));
        std::uint64_t v = 0;
        ss >> v;
        return v * 1024;
    };
    while (std::getline(in, line)) {
        if (line.rfind("VmRSS:", 0) == 0) {
            s.allocatedBytes = kib(line);
        } else if (line.rfind("VmSize:", 0) == 0) {
            s.reservedBytes = kib(line);
        } else if (line.rfind("VmHWM:", 0) == 0) {
            s.peakAllocatedBytes = kib(line);
        }
    }
    return s;
}

/// Returns the CUDA allocator's cached, unused blocks to the driver (no-op on the CPU).
void releaseCachedDeviceMemory(const Device& device)
{
#ifdef PW_TORCH_CUDA
    if (device.isCuda() && torch::cuda::is_available()) {
        c10::cuda::CUDACachingAllocator::emptyCache();
    }
#else
    (void)device;
#endif
}

/// Parameters of the CLIP text tower (for placement decisions before loading).
std::int64_t clipParameters(const ClipTextConfig& c)
{
    const std::int64_t h = c.hiddenSize;
    const std::int64_t perLayer =
        4 * (h * h + h) + 2 * h * c.intermediateSize + c.intermediateSize + h + 4 * h;
    return c.vocabSize * h + c.maxPositions * h + c.layerCount * perLayer + 2 * h;
}

std::int64_t ditParameters(const DitConfig& config)
{
    std::int64_t n = 0;
    for (const auto& e : expectedTensors(config)) {
        if (e.name.rfind("special_game_", 0) == 0) {
            continue;
        }
        std::int64_t numel = 1;
        for (auto d : e.shape) {
            numel *= d;
        }
        n += numel;
    }
    return n;
}

int ditLoadSteps(const DitConfig& config)
{
    int total = 0;
    for (const auto& e : expectedTensors(config)) {
        total += e.name.rfind("special_game_", 0) == 0 ? 0 : 1;
    }
    return total;
}

/// libtorch's CPU allocator reports exhaustion as a plain c10::Error (Internal here).
bool isHostOom(const Error& e)
{
    return e.code == Errc::Internal &&
           (e.message.find("can't allocate memory") != std::string::npos ||
            e.message.find("not enough memory") != std::string::npos);
}

bool isOom(const Error& e)
{
    return e.code == Errc::OutOfMemory || isHostOom(e);
}

/// The error in flight as an Error; out-of-memory (device or host) gets what was being done and
/// the device's figures in its message.
Error phaseError(const std::string& phase, const std::string& what, const Device& device)
{
    Error e = currentTorchError();
    const bool hostOom = isHostOom(e);
    if (!isOom(e)) {
        return e;
    }
    std::string detail = e.message;
    if (const auto nl = detail.find('\n'); nl != std::string::npos) {
        detail.resize(nl);
    }
    std::string figures;
    if (device.isCuda()) {
        const MemoryStats m = deviceMemoryStats(device);
        figures = fmt::format("; {} allocated, {} reserved by this process on {}",
                              gib(m.allocatedBytes), gib(m.reservedBytes), device.toString());
    }
    Error out(Errc::OutOfMemory, fmt::format("out of {} memory in '{}' while {}: {}{}",
                                             device.isCuda() && !hostOom ? "device" : "host", phase,
                                             what, detail, figures));
    out.item = phase;
    return out;
}

// --- the engine ----------------------------------------------------------------------------

class EngineImpl final : public Engine
{
  public:
    EngineImpl() : m_rng(std::random_device{}()) {}
    ~EngineImpl() override
    {
        const Device device = m_config.device;
        m_text.reset();
        m_dit.reset();
        releaseCachedDeviceMemory(device);
    }

    Result<std::vector<Take>> generate(const GenerateRequest& request,
                                       const RunControl& control) override
    {
        return run(request, control, nullptr);
    }
    ModelSummary summary() const override { return m_summary; }
    MemoryStats memoryStats() const override
    {
        if (m_config.device.isCuda()) {
            auto stats = guardTorch([&] { return deviceMemoryStats(m_config.device); });
            return stats ? *stats : MemoryStats{true, 0, 0, 0};
        }
        return processMemoryStats();
    }
    const EngineConfig& config() const override { return m_config; }

    Result<std::vector<Take>> run(const GenerateRequest& request, const RunControl& control,
                                  GenerateTrace* trace);
    TextCacheStats cacheStats() const { return m_text->cacheStats(); }
    void clearTextCache() { m_text->clearCache(); }

    /// Fills summary fields that depend on the loaded models.
    void finishSummary(const std::string& name);

    EngineConfig m_config;
    std::unique_ptr<MotionDit> m_dit;
    std::unique_ptr<TextEncoders> m_text;
    TextEncoderPlacement m_placement = TextEncoderPlacement::Device; ///< as resolved
    ModelSummary m_summary;
    ModelIdentity m_identity;
    std::mt19937_64 m_rng;
};

void EngineImpl::finishSummary(const std::string& name)
{
    const DitConfig& c = m_dit->config();
    const TextEncoderInfo& t = m_text->info();
    m_summary = summaryFromConfig(c, name);
    ModelSummary& s = m_summary;
    s.parameterCount = m_dit->parameterCount();
    s.ditPlacement = placementString(m_dit->device(), m_dit->precision());
    s.qwenPlacement = placementString(t.qwenDevice, t.qwenPrecision);
    s.clipPlacement = placementString(t.clipDevice, t.clipPrecision);
    s.textEncodersResident = m_placement != TextEncoderPlacement::Release;
    s.ditWeightBytes =
        static_cast<std::uint64_t>(ditParameters(c)) * bytesPerElement(m_dit->precision());
    s.textEncoderWeightBytes = t.qwenWeightBytes + t.clipWeightBytes;
}

Result<std::vector<Take>> EngineImpl::run(const GenerateRequest& request, const RunControl& control,
                                          GenerateTrace* trace)
{
    const DitConfig& c = m_dit->config();
    // --- validation (nothing runs before the whole request is known to be valid) -------------
    auto frames = validateRequest(request, m_summary);
    if (!frames) {
        return std::move(frames).error();
    }
    const int steps = request.steps.value_or(c.steps);
    const float cfg = request.cfgScale.value_or(static_cast<float>(c.cfgScale));
    const int textMax = request.textMaxLength.value_or(c.maxTextTokens);
    if (control.cancel.isCancelRequested()) {
        return Error(Errc::Cancelled, "cancelled before generation started");
    }

    const auto S = static_cast<std::int64_t>(request.seeds.size());
    const Device device = m_dit->device();
    const TextEncoderInfo& textInfo = m_text->info();
    const bool timed = trace != nullptr;
    auto boundary = [&] {
        if (timed) {
            synchronizeDevice(device);
            if (textInfo.qwenDevice.isCuda() && !(textInfo.qwenDevice == device)) {
                synchronizeDevice(textInfo.qwenDevice);
            }
        }
    };
    if (timed) {
        auto reset = guardTorch([&] { resetPeakMemory(device); });
        (void)reset;
    }
    // --- encode ----------------------------------------------------------------------------
    const std::string prompts[] = {request.prompt};
    const bool cached = m_text->allCached(prompts);
    torch::Tensor ctxt;
    torch::Tensor ctxtLength;
    torch::Tensor vtxt;
    auto t0 = Clock::now();
    {
        if (!cached && !m_text->modelsLoaded()) {
            auto reload = guardTorch([&] { m_text->ensureModels(control); });
            if (!reload) {
                Error e = reload.error();
                if (isOom(e)) {
                    e.code = Errc::OutOfMemory;
                    e.message = fmt::format(
                        "out of memory in 'encode' while reloading the text "
                        "encoders ({} of weights, Qwen3 {}): {}",
                        gib(textInfo.qwenWeightBytes + textInfo.clipWeightBytes),
                        placementString(textInfo.qwenDevice, textInfo.qwenPrecision), e.message);
                    e.item = "encode";
                }
                return e;
            }
        }
        const int encodeSteps = textInfo.qwenLayers + textInfo.clipLayers;
        control.report(0, cached ? 1 : encodeSteps, "encode");
        auto features = m_text->encode(prompts, control);
        if (!features) {
            Error e = std::move(features).error();
            if (isOom(e)) {
                e.code = Errc::OutOfMemory;
                e.message = fmt::format(
                    "out of memory in 'encode' while running Qwen3 ({}) and "
                    "CLIP ({}) on the prompt: {}",
                    placementString(textInfo.qwenDevice, textInfo.qwenPrecision),
                    placementString(textInfo.clipDevice, textInfo.clipPrecision), e.message);
                e.item = "encode";
            }
            return e;
        }
        if (cached) {
            control.report(1, 1, "encode");
        }
        auto shaped = guardTorch([&] {
            c10::InferenceMode inferenceMode;
            // Rows of one prompt, expanded to the seed count as the reference batches them
            // ([prompt] * S: identical rows). A shorter text max length keeps the first rows:
            // Qwen3 is causal, so this equals encoding with max_length_llm = textMax.
            const std::int64_t n = std::min<std::int64_t>(textMax, features->ctxt.size(1));
            ctxt =
                features->ctxt.narrow(1, 0, n).expand({S, n, features->ctxt.size(2)}).contiguous();
            ctxtLength = features->ctxtLength.clamp_max(n).expand({S}).contiguous();
            vtxt = features->vtxt.expand({S, 1, features->vtxt.size(2)}).contiguous();
        });
        if (!shaped) {
            return shaped.error();
        }
        if (m_placement == TextEncoderPlacement::Release && m_text->modelsLoaded()) {
            m_text->releaseModels();
            releaseCachedDeviceMemory(textInfo.qwenDevice);
        }
    }
    boundary();
    if (trace) {
        trace->encodeSec = secondsSince(t0);
        trace->textFromCache = cached;
    }

    // --- sample ----------------------------------------------------------------------------
    t0 = Clock::now();
    DitSampleArgs args;
    args.ctxt = ctxt;
    args.ctxtLengths = ctxtLength;
    args.vtxt = vtxt;
    args.seeds = request.seeds;
    args.frames = *frames;
    args.cfgScale = cfg;
    args.steps = steps;
    args.trimmed = request.trimmed;
    control.report(0, steps, "sample");
    torch::Tensor latent;
    try {
        latent = m_dit->sample(args, control).latent.to(torch::kCPU, torch::kFloat32).contiguous();
    } catch (...) {
        const bool withCfg = cfg > 1.0f;
        const std::int64_t textTokens =
            request.trimmed ? ctxtLength.max().item<std::int64_t>() : ctxt.size(1);
        return phaseError(
            "sample",
            fmt::format("sampling with the DiT ({}): {} rows ({} seed{}{}), {} motion frames + "
                        "{} text tokens",
                        placementString(device, m_dit->precision()), withCfg ? 2 * S : S, S,
                        S == 1 ? "" : "s", withCfg ? " x 2 for CFG" : "",
                        request.trimmed ? *frames : c.trainFrames, textTokens),
            device);
    }
    boundary();
    if (trace) {
        trace->sampleSec = secondsSince(t0);
    }

    // --- decode ----------------------------------------------------------------------------
    t0 = Clock::now();
    std::vector<DecodedMotion> decoded;
    {
        auto stats = guardTorch([&] {
            const auto mean = m_dit->mean().to(torch::kCPU, torch::kFloat32).contiguous();
            const auto stdv = m_dit->std().to(torch::kCPU, torch::kFloat32).contiguous();
            return std::pair{
                std::vector<float>(mean.data_ptr<float>(), mean.data_ptr<float>() + mean.numel()),
                std::vector<float>(stdv.data_ptr<float>(), stdv.data_ptr<float>() + stdv.numel())};
        });
        if (!stats) {
            return stats.error();
        }
        const std::size_t perSample = static_cast<std::size_t>(*frames) * kMotionChannels;
        const float* base = latent.data_ptr<float>();
        control.report(0, static_cast<int>(S), "decode");
        for (std::int64_t i = 0; i < S; ++i) {
            if (control.cancel.isCancelRequested()) {
                return Error(Errc::Cancelled, "cancelled while decoding");
            }
            auto one = guard([&] {
                return decodeLatent(std::span<const float>(base + i * perSample, perSample),
                                    *frames, stats->first, stats->second, true);
            });
            if (!one || !*one) {
                Error e = one ? (*one).error() : one.error();
                if (e.code == Errc::OutOfMemory) {
                    e.message = fmt::format("out of host memory in 'decode' while decoding {} "
                                            "frames of seed {}: {}",
                                            *frames, request.seeds[i], e.message);
                    e.item = "decode";
                }
                return e;
            }
            decoded.push_back(std::move(**one));
            control.report(static_cast<int>(i + 1), static_cast<int>(S), "decode");
        }
    }

    // --- takes -----------------------------------------------------------------------------
    const std::tm now = utcNow();
    const std::string created = formatTime(now, "%Y-%m-%dT%H:%M:%SZ");
    const std::string compact = formatTime(now, "%Y%m%d-%H%M%S");
    std::vector<Take> takes;
    takes.reserve(static_cast<std::size_t>(S));
    for (std::int64_t i = 0; i < S; ++i) {
        Take t;
        t.id = fmt::format("{}-s{}-c{}-{:04x}", compact, request.seeds[i], i,
                           static_cast<unsigned>(m_rng() & 0xffff));
        t.prompt = request.prompt;
        t.params.durationSec = request.durationSec;
        t.params.frames = *frames;
        t.params.cfgScale = cfg;
        t.params.steps = steps;
        t.params.device = device.toString();
        t.params.precision = precisionName(m_dit->precision());
        t.params.textMaxLength = textMax;
        t.params.trimmed = request.trimmed;
        t.seed = request.seeds[i];
        t.candidateIndex = static_cast<int>(i);
        t.model = m_identity;
        t.createdUtc = created;
        t.appVersion = kVersion;
        t.motion = std::make_shared<const MotionClip>(
            motionClipFromDecoded(decoded[i], nullptr, static_cast<float>(c.fps)));
        takes.push_back(std::move(t));
    }
    if (trace) {
        trace->decodeSec = secondsSince(t0);
        auto filled = guardTorch([&] {
            auto host = [](const torch::Tensor& x) {
                const auto h = x.to(torch::kCPU, torch::kFloat32).contiguous();
                return HostTensor{
                    h.sizes().vec(),
                    std::vector<float>(h.data_ptr<float>(), h.data_ptr<float>() + h.numel())};
            };
            trace->ctxt = host(ctxt);
            trace->vtxt = host(vtxt);
            trace->latent = host(latent);
            trace->ctxtLength.assign(ctxtLength.data_ptr<std::int64_t>(),
                                     ctxtLength.data_ptr<std::int64_t>() + ctxtLength.numel());
            trace->peakDeviceBytes = deviceMemoryStats(device).peakAllocatedBytes;
        });
        if (!filled) {
            return filled.error();
        }
        trace->decoded = std::move(decoded);
    }
    return takes;
}

/// Throws UnsupportedDevice when the DiT cannot run on `device` in `precision`.
void checkDitPlacement(const Device& device, Precision precision)
{
    if (!device.isCuda() && precision != Precision::Fp32) {
        fail(Error(Errc::UnsupportedDevice, "the CPU runs the DiT in fp32 only")
                 .at("precision")
                 .mismatch("fp32", precisionName(precision)));
    }
    checkPlacement(device, precision, "the DiT");
}

void checkFolder(const std::filesystem::path& dir, const char* what)
{
    std::error_code ec;
    if (dir.empty()) {
        fail(Error(Errc::FileNotFound, std::string("no ") + what + " folder was given"));
    }
    if (!std::filesystem::is_directory(dir, ec)) {
        fail(Error(Errc::FileNotFound, std::string(what) + " folder does not exist")
                 .inFile(dir.string()));
    }
}

} // namespace

// --- Engine::load ------------------------------------------------------------------------------

Result<std::unique_ptr<Engine>> Engine::load(const EngineConfig& config, const RunControl& control)
{
    return guardTorch([&]() -> std::unique_ptr<Engine> {
        auto logger = log::get(log::kInfer);
        torch::NoGradGuard noGrad;
        checkFolder(config.modelDir, "HY-Motion model");
        checkFolder(config.qwenDir, "Qwen3");
        checkFolder(config.clipDir, "CLIP");

        // Everything that can be checked without reading weights, first.
        const ModelFolder folder = findModelFolder(config.modelDir, config.weights).value();
        const DitConfig dit = loadDitConfig(folder.configFile).value();
        const Qwen3Config qcfg = Qwen3Config::load(config.qwenDir / "config.json");
        const ClipTextConfig ccfg = ClipTextConfig::load(config.clipDir / "config.json");
        if (qcfg.hiddenSize != dit.ctxtInputDim) {
            fail(Error(Errc::BadModelFile,
                       "the Qwen3 folder does not fit the HY-Motion model: its hidden size "
                       "differs from the model's text context width (wrong Qwen3 size?)")
                     .inFile(config.qwenDir.string())
                     .at("hidden_size vs ctxt_input_dim")
                     .mismatch(fmt::format("{} (ctxt_input_dim in {})", dit.ctxtInputDim,
                                           folder.configFile.string()),
                               fmt::format("{} (hidden_size in {})", qcfg.hiddenSize,
                                           (config.qwenDir / "config.json").string())));
        }
        if (ccfg.hiddenSize != dit.vtxtInputDim) {
            fail(Error(Errc::BadModelFile,
                       "the CLIP folder does not fit the HY-Motion model: its text width "
                       "differs from the model's sentence vector width (wrong CLIP size?)")
                     .inFile(config.clipDir.string())
                     .at("hidden_size vs vtxt_input_dim")
                     .mismatch(fmt::format("{} (vtxt_input_dim in {})", dit.vtxtInputDim,
                                           folder.configFile.string()),
                               fmt::format("{} (text hidden_size in {})", ccfg.hiddenSize,
                                           (config.clipDir / "config.json").string())));
        }

        // Placement.
        checkDitPlacement(config.device, config.precision);
        auto engine = std::make_unique<EngineImpl>();
        engine->m_config = config;
        TextEncoderPlacement placement = config.textEncoders;
        const std::uint64_t ditBytes =
            static_cast<std::uint64_t>(ditParameters(dit)) * bytesPerElement(config.precision);
        auto qwenPrecisionFor = [&](const Device& d) {
            if (config.qwenPrecision) {
                return *config.qwenPrecision;
            }
            if (d.isCuda()) {
                return Precision::Bf16;
            }
            return config.device.isCuda() ? Precision::Bf16 : Precision::Fp32;
        };
        const Precision clipPrecision = config.clipPrecision.value_or(Precision::Fp32);
        const std::uint64_t need =
            ditBytes +
            static_cast<std::uint64_t>(qcfg.parameterCount()) *
                bytesPerElement(qwenPrecisionFor(config.device)) +
            static_cast<std::uint64_t>(clipParameters(ccfg)) * bytesPerElement(clipPrecision);
        placement =
            resolveTextEncoderPlacement(placement, config.device, config.vramBudgetBytes, need);
        if (config.textEncoders == TextEncoderPlacement::Auto &&
            placement == TextEncoderPlacement::Cpu) {
            logger->info("weights on the GPU would need {} > the VRAM budget {}: the text "
                         "encoders run on the CPU",
                         gib(need), gib(config.vramBudgetBytes));
        }
        engine->m_placement = placement;
        const Device textDevice = placement == TextEncoderPlacement::Cpu ? Device{} : config.device;
        const Precision qwenPrecision = qwenPrecisionFor(textDevice);
        if (qwenPrecision == Precision::Fp16) {
            fail(Error(Errc::UnsupportedDevice,
                       "Qwen3 cannot run in fp16: its activations overflow (use bf16 or fp32)")
                     .at("qwen precision")
                     .mismatch("bf16 or fp32", "fp16"));
        }
        checkPlacement(textDevice, qwenPrecision, "Qwen3");
        checkPlacement(textDevice, clipPrecision, "CLIP");

        // Identity of the model files (takes record it).
        ModelIdentity& id = engine->m_identity;
        id.name = folderName(config.modelDir);
        id.dir = config.modelDir.string();
        id.weightsFile = folder.weightsFile.filename().string();
        std::error_code ec;
        id.weightsBytes = std::filesystem::file_size(folder.weightsFile, ec);
        id.configSha256 = sha256File(folder.configFile).value();
        id.qwenDir = config.qwenDir.string();
        id.clipDir = config.clipDir.string();
        control.cancel.throwIfCancelled();

        // Weights: the DiT first (small; its errors come fast), then the encoders.
        const int ditSteps = ditLoadSteps(dit);
        const int textSteps = static_cast<int>(qcfg.layerCount + ccfg.layerCount);
        const int total = ditSteps + textSteps;
        control.report(0, total, "load");
        DitLoadOptions o;
        o.device = config.device;
        o.precision = config.precision;
        o.weights = config.weights;
        try {
            engine->m_dit = MotionDit::load(config.modelDir, o, mappedControl(control, 0, total));
        } catch (const Exception&) {
            throw;
        } catch (...) {
            const Error e =
                phaseError("load",
                           fmt::format("loading the DiT ({} of weights, {})", gib(ditBytes),
                                       placementString(config.device, config.precision)),
                           config.device);
            fail(e.code == Errc::Internal && config.device.isCuda()
                     ? Error(Errc::UnsupportedDevice, e.message)
                           .at("device")
                           .mismatch("a usable CUDA device", config.device.toString())
                     : e);
        }
        control.cancel.throwIfCancelled();

        TextEncoderConfig tc;
        tc.qwenDir = config.qwenDir;
        tc.clipDir = config.clipDir;
        tc.qwen = EncoderPlacement{textDevice, qwenPrecision};
        tc.clip = EncoderPlacement{textDevice, clipPrecision};
        tc.maxTextTokens = dit.maxTextTokens;
        auto text = TextEncoders::load(tc, mappedControl(control, ditSteps, total));
        if (!text) {
            Error e = std::move(text).error();
            if (isOom(e)) {
                e.code = Errc::OutOfMemory;
                e.message = fmt::format(
                    "out of memory in 'load' while loading Qwen3 ({} of weights, {}){}: {}",
                    gib(static_cast<std::uint64_t>(qcfg.parameterCount()) *
                        bytesPerElement(qwenPrecision)),
                    placementString(textDevice, qwenPrecision),
                    textDevice.isCuda() ? " (TextEncoderPlacement::Cpu keeps them off the GPU)"
                                        : "",
                    e.message);
                e.item = "load";
            }
            fail(std::move(e));
        }
        engine->m_text = std::move(*text);
        engine->finishSummary(id.name);
        if (placement == TextEncoderPlacement::Release) {
            // Loaded once to validate the folders; from now on only while encoding.
            engine->m_text->releaseModels();
            releaseCachedDeviceMemory(textDevice);
        }
        control.report(total, total, "load");
        logger->info(
            "engine: {} on {}, Qwen3 on {}, CLIP on {}{}", id.name, engine->m_summary.ditPlacement,
            engine->m_summary.qwenPlacement, engine->m_summary.clipPlacement,
            placement == TextEncoderPlacement::Release ? " (released after encoding)" : "");
        return engine;
    });
}

// --- diagnostics -------------------------------------------------------------------------------

Result<std::vector<Take>> generateTraced(Engine& engine, const GenerateRequest& request,
                                         const RunControl& control, GenerateTrace& trace)
{
    auto* impl = dynamic_cast<EngineImpl*>(&engine);
    if (impl == nullptr) {
        return Error(Errc::InvalidArgument, "tracing needs an engine made by Engine::load");
    }
    trace = GenerateTrace{};
    return impl->run(request, control, &trace);
}

TextCacheStats textCacheStats(const Engine& engine)
{
    const auto* impl = dynamic_cast<const EngineImpl*>(&engine);
    return impl != nullptr ? impl->cacheStats() : TextCacheStats{};
}

// --- benchmark ---------------------------------------------------------------------------------

Result<PipelineBenchReport> benchmarkPipeline(const PipelineBenchOptions& options,
                                              const RunControl& control)
{
    if (options.seedCounts.empty() || options.repeats < 1 || options.qwenLayers < 1 ||
        options.steps < 1) {
        return Error(Errc::InvalidArgument, "the pipeline benchmark needs seed counts, "
                                            "repeats >= 1, steps >= 1 and at least one layer");
    }
    for (int s : options.seedCounts) {
        if (s < 1) {
            return Error(Errc::InvalidArgument, "seed counts must be >= 1")
                .at("seeds")
                .mismatch(">= 1", std::to_string(s));
        }
    }
    return guardTorch([&]() -> PipelineBenchReport {
        torch::NoGradGuard noGrad;
        const Device& dev = options.device;
        checkDitPlacement(dev, options.ditPrecision);
        const Precision qp =
            options.qwenPrecision.value_or(dev.isCuda() ? Precision::Bf16 : Precision::Fp32);
        checkPlacement(dev, qp, "Qwen3");
        PipelineBenchReport report;
        report.device = dev.toString();

        auto engine = std::make_unique<EngineImpl>();
        engine->m_config.device = dev;
        engine->m_config.precision = options.ditPrecision;
        engine->m_placement = TextEncoderPlacement::Device;
        engine->m_identity.name = "random HY-Motion-1.0-Lite";

        resetPeakMemory(dev);
        synchronizeDevice(dev);
        const auto t0 = Clock::now();
        DitConfig lite = liteConfig();
        engine->m_dit = MotionDit::randomInit(lite, dev, options.ditPrecision, 1234);
        Qwen3Config qcfg = Qwen3Config::qwen3_8b();
        qcfg.layerCount = options.qwenLayers;
        auto qwen = Qwen3Model::random(qcfg, {dev, qp}, 99);
        auto clip =
            ClipTextModel::random(ClipTextConfig::clipVitLarge14(), {dev, Precision::Fp32}, 7);
        TextEncoderConfig tc;
        tc.qwenDir = options.qwenTokenizerDir;
        tc.clipDir = options.clipTokenizerDir;
        tc.qwen = EncoderPlacement{dev, qp};
        tc.clip = EncoderPlacement{dev, Precision::Fp32};
        tc.maxTextTokens = lite.maxTextTokens;
        engine->m_text = TextEncoders::fromModels(tc, std::move(qwen), std::move(clip));
        engine->finishSummary(engine->m_identity.name);
        synchronizeDevice(dev);
        report.initSec = secondsSince(t0);
        report.weightDeviceBytes = deviceMemoryStats(dev).allocatedBytes;

        const RunControl quiet{control.cancel, {}};
        auto once = [&](int seeds) {
            GenerateRequest r;
            r.prompt = options.prompt;
            r.durationSec = options.durationSec;
            r.steps = options.steps;
            r.seeds.clear();
            for (int s = 0; s < seeds; ++s) {
                r.seeds.push_back(static_cast<std::uint64_t>(s));
            }
            engine->clearTextCache();
            GenerateTrace trace;
            auto takes = engine->run(r, quiet, &trace);
            if (!takes) {
                fail(std::move(takes).error());
            }
            PipelineBenchResult res;
            res.seeds = seeds;
            res.frames = takes->front().params.frames;
            res.encodeSec = trace.encodeSec;
            res.sampleSec = trace.sampleSec;
            res.decodeSec = trace.decodeSec;
            res.totalSec = trace.encodeSec + trace.sampleSec + trace.decodeSec;
            res.peakDeviceBytes = trace.peakDeviceBytes;
            return res;
        };
        const int cases = static_cast<int>(options.seedCounts.size());
        int done = 0;
        for (int seeds : options.seedCounts) {
            control.cancel.throwIfCancelled();
            (void)once(seeds); // warm-up: kernels, CUDA graph pools, allocator
            std::vector<PipelineBenchResult> runs;
            for (int i = 0; i < options.repeats; ++i) {
                control.cancel.throwIfCancelled();
                runs.push_back(once(seeds));
            }
            auto median = [&](double PipelineBenchResult::*field) {
                std::vector<double> v;
                for (const auto& r : runs) {
                    v.push_back(r.*field);
                }
                std::sort(v.begin(), v.end());
                return v[v.size() / 2];
            };
            PipelineBenchResult r = runs.front();
            r.encodeSec = median(&PipelineBenchResult::encodeSec);
            r.sampleSec = median(&PipelineBenchResult::sampleSec);
            r.decodeSec = median(&PipelineBenchResult::decodeSec);
            r.totalSec = median(&PipelineBenchResult::totalSec);
            for (const auto& x : runs) {
                r.peakDeviceBytes = std::max(r.peakDeviceBytes, x.peakDeviceBytes);
            }
            report.results.push_back(r);
            control.report(++done, cases, "bench");
        }
        return report;
    });
}

} // namespace pw::infer
