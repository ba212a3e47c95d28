// SPDX-License-Identifier: Apache-2.0
#pragma once

// CONTRACT (foundation): the whole text-to-motion pipeline behind one object, used by the GUI's
// inference worker and by `posewright-cli generate`. Implemented by the text-encoder issue (#4)
// on top of the DiT (#3) and decode (#5); the declarations here are what other modules code
// against. No torch types.

#include <pw/core/cancel.h>
#include <pw/core/error.h>
#include <pw/core/motion_decode.h>
#include <pw/core/take.h>
#include <pw/infer/device.h>
#include <pw/infer/dit_config.h>
#include <pw/infer/host_tensor.h>
#include <pw/infer/text_encoder.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pw::infer {

/// Where the text encoders (Qwen3-8B: 15.3 GB in bf16; CLIP-L: 0.5 GB) live. See docs/engine.md.
enum class TextEncoderPlacement {
    /// On the device, kept loaded (the reference's way): fastest, but a GPU needs room for
    /// Qwen3 and the DiT together. With a VRAM budget that the weights do not fit in, the Engine
    /// places them as Cpu instead (logged, and visible in ModelSummary).
    Auto,
    Device, ///< on the device, kept loaded, whatever the budget
    Cpu,    ///< on the CPU, kept loaded: the GPU holds only the DiT (the low-VRAM setting)
    /// On the device while encoding, freed after (device memory returned to the driver; on a
    /// CPU-only run the RAM); the next uncached prompt reloads them from the folders.
    Release,
};

/// "auto", "device", "cpu", "release" (the CLI's --text-encoders and the studio's setting).
/// Errors: InvalidArgument naming the accepted words (the caller adds .at(...)).
Result<TextEncoderPlacement> parseTextEncoderPlacement(std::string_view text);
const char* textEncoderPlacementName(TextEncoderPlacement placement);
/// The placement `requested` becomes on `device`: Auto is Device, except on CUDA with a VRAM
/// budget (> 0) that `weightsOnDeviceBytes` (DiT + Qwen3 + CLIP as loaded) exceed: then Cpu.
/// The Engine's rule, shared with the studio's memory prediction.
TextEncoderPlacement resolveTextEncoderPlacement(TextEncoderPlacement requested,
                                                 const Device& device,
                                                 std::uint64_t vramBudgetBytes,
                                                 std::uint64_t weightsOnDeviceBytes);

/// What to load. Folders are the users' downloads, used in place (nothing is copied).
struct EngineConfig
{
    std::filesystem::path modelDir; ///< HY-Motion folder: config.yml + latest.ckpt or *.safetensors
    std::filesystem::path qwenDir;  ///< Hugging Face Qwen3 folder (Qwen/Qwen3-8B)
    std::filesystem::path clipDir;  ///< Hugging Face CLIP folder (openai/clip-vit-large-patch14)
    Device device;                  ///< where the DiT runs
    Precision precision = Precision::Fp32; ///< DiT precision (CPU: fp32 only)
    std::uint64_t vramBudgetBytes = 0;     ///< 0: no budget (see TextEncoderPlacement::Auto)
    TextEncoderPlacement textEncoders = TextEncoderPlacement::Auto;
    /// Qwen3 compute precision. Default: bf16 on CUDA (as the reference); on the CPU fp32 when
    /// the DiT runs on the CPU too, bf16 when only the encoders were moved there (half the RAM,
    /// the reference's rounding). fp16 is refused (its activations overflow).
    std::optional<Precision> qwenPrecision;
    /// CLIP compute precision. Default fp32 (as the reference).
    std::optional<Precision> clipPrecision;
    std::string weights; ///< HY-Motion weights: "", "ckpt" or "safetensors" (see findModelFolder)
};

/// One request: a prompt and the candidates (one per seed) to generate from it.
struct GenerateRequest
{
    std::string prompt;
    double durationSec = 5.0;
    std::vector<std::uint64_t> seeds{0};
    std::optional<float> cfgScale; ///< default: the model config's text_guidance_scale
    std::optional<int> steps;      ///< default: the model config's validation_steps
    /// Qwen3 tokens of the prompt fed to the DiT (1..max_length_llm); default: the config's
    /// max_length_llm (128). Smaller values cut the prompt; the take records the value used.
    std::optional<int> textMaxLength;
    bool trimmed = true; ///< run the network on the requested frames only (exact)
};

/// Facts about the loaded model that the UI shows and validates against.
struct ModelSummary
{
    std::string name;      ///< folder name, e.g. "HY-Motion-1.0-Lite"
    int trainFrames = 360; ///< the longest clip (frames)
    int minFrames = 20;    ///< the shortest clip (frames)
    float fps = 30.0f;
    float defaultCfgScale = 5.0f;
    int defaultSteps = 50;
    int maxTextTokens = 128;         ///< max_length_llm
    std::int64_t parameterCount = 0; ///< DiT network + pipeline tensors (not the encoders)

    // Where the parts run, as loaded: e.g. "cuda:0 fp32", "cpu bf16".
    std::string ditPlacement;
    std::string qwenPlacement;
    std::string clipPlacement;
    bool textEncodersResident = true; ///< false with TextEncoderPlacement::Release
    std::uint64_t ditWeightBytes = 0;
    std::uint64_t textEncoderWeightBytes = 0; ///< Qwen3 + CLIP as held for compute
};

/// Device memory as seen by libtorch's allocator (CUDA) or the process (CPU: resident set as
/// allocated, virtual size as reserved, the resident high-water mark as peak).
struct MemoryStats
{
    bool isCuda = false;
    std::uint64_t allocatedBytes = 0;
    std::uint64_t reservedBytes = 0;
    std::uint64_t peakAllocatedBytes = 0;
};

/// Owns the DiT and the text encoders. Not thread-safe: create and use it on one thread (the
/// GUI's inference thread, or the CLI's main thread); progress callbacks run on that thread.
/// Destroying it frees the models (and returns cached CUDA memory to the driver).
class Engine
{
  public:
    virtual ~Engine() = default;

    /// Loads and validates everything in `config`; cancellable between files and layers.
    /// Errors: FileNotFound, BadModelFile (naming file/tensor/expected), UnsupportedDevice,
    /// OutOfMemory, Cancelled.
    static Result<std::unique_ptr<Engine>> load(const EngineConfig& config,
                                                const RunControl& control);

    /// Generates one take per seed. Progress stages: "encode", "sample" (one step per Euler
    /// step), "decode". Cancel is checked at every step. Errors: InvalidArgument (empty prompt,
    /// duration outside the model's limits, steps < 1, cfg < 0), OutOfMemory, BadModelOutput,
    /// Cancelled. Exact progress protocol: docs/engine.md.
    virtual Result<std::vector<Take>> generate(const GenerateRequest& request,
                                               const RunControl& control) = 0;

    virtual ModelSummary summary() const = 0;
    virtual MemoryStats memoryStats() const = 0;
    virtual const EngineConfig& config() const = 0;
};

/// The ModelSummary fields that a model folder's config.yml gives (nothing else is filled).
ModelSummary summaryFromConfig(const DitConfig& config, const std::string& name);

/// What generate() checks before it runs anything: a non-blank valid UTF-8 prompt, the duration
/// against the model's limits, steps 1..10000, a finite CFG scale >= 0, at least one seed, the
/// text max length 1..maxTextTokens. Returns the number of frames that will be generated.
/// Errors: InvalidArgument naming the field, the allowed range and the value. Thread: any.
Result<int> validateRequest(const GenerateRequest& request, const ModelSummary& model);

// --- Diagnostics (check-fixture e2e, tests, benchmarks) -----------------------------------------

/// What one generate() computed on the way, as float32 host copies.
struct GenerateTrace
{
    HostTensor ctxt; ///< (S, textMaxLength, ctxtDim): rows past ctxtLength are 0
    std::vector<std::int64_t> ctxtLength; ///< (S) valid ctxt rows
    HostTensor vtxt;                      ///< (S, 1, vtxtDim)
    HostTensor latent;                    ///< (S, frames, 201) normalised sampled latent
    std::vector<DecodedMotion> decoded;   ///< per seed, before ground alignment
    bool textFromCache = false;           ///< the prompt's encoding came from the cache
    // Wall-clock seconds per phase (device synchronised at each boundary) and the device's
    // allocator peak over the whole call (0 on the CPU).
    double encodeSec = 0.0;
    double sampleSec = 0.0;
    double decodeSec = 0.0;
    std::uint64_t peakDeviceBytes = 0;
};

/// Engine::generate that also fills `trace`. Only for engines made by Engine::load
/// (InvalidArgument for others).
Result<std::vector<Take>> generateTraced(Engine& engine, const GenerateRequest& request,
                                         const RunControl& control, GenerateTrace& trace);

/// The prompt cache of an engine made by Engine::load (zeros for others).
TextCacheStats textCacheStats(const Engine& engine);

/// End-to-end timing with random weights of the real shapes (HY-Motion-1.0-Lite DiT, Qwen3-8B,
/// CLIP ViT-L/14) and the real tokenizers (`qwenTokenizerDir`, `clipTokenizerDir`): one prompt,
/// each seed count, through the Engine's generate().
struct PipelineBenchOptions
{
    Device device;
    Precision ditPrecision = Precision::Fp32;
    std::optional<Precision> qwenPrecision; ///< default as EngineConfig
    std::filesystem::path qwenTokenizerDir; ///< a folder with Qwen3's tokenizer.json
    std::filesystem::path clipTokenizerDir; ///< a folder with CLIP's vocab.json + merges.txt
    std::string prompt = "A person walks unsteadily, then slowly sits down.";
    std::vector<int> seedCounts{1, 4};
    double durationSec = 5.0;
    int steps = 50;
    int qwenLayers = 36; ///< fewer for a quick run
    int repeats = 3;     ///< timed runs per seed count after one warm-up; the median is reported
};

struct PipelineBenchResult
{
    int seeds = 1;
    int frames = 0;
    double encodeSec = 0.0; ///< the prompt encoded (cache cleared before each run)
    double sampleSec = 0.0;
    double decodeSec = 0.0;
    double totalSec = 0.0;
    std::uint64_t peakDeviceBytes = 0; ///< allocator peak over one generate (weights included)
};

struct PipelineBenchReport
{
    std::string device;
    double initSec = 0.0;                ///< random weights generated on the device
    std::uint64_t weightDeviceBytes = 0; ///< allocated after init (0 on the CPU)
    std::vector<PipelineBenchResult> results;
};

/// Errors: InvalidArgument, FileNotFound (tokenizers), UnsupportedDevice, OutOfMemory, Cancelled.
Result<PipelineBenchReport> benchmarkPipeline(const PipelineBenchOptions& options,
                                              const RunControl& control = {});

} // namespace pw::infer
