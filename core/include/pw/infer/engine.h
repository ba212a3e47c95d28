// SPDX-License-Identifier: Apache-2.0
#pragma once

// CONTRACT (foundation): the whole text-to-motion pipeline behind one object, used by the GUI's
// inference worker and by `posewright-cli generate`. Implemented by the text-encoder issue (#4)
// on top of the DiT (#3) and decode (#5); the declarations here are what other modules code
// against. No torch types.

#include <pw/core/cancel.h>
#include <pw/core/error.h>
#include <pw/core/take.h>
#include <pw/infer/device.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace pw::infer {

/// What to load. Folders are the users' downloads, used in place (nothing is copied).
struct EngineConfig
{
    std::filesystem::path modelDir; ///< HY-Motion folder: config.yml + latest.ckpt or *.safetensors
    std::filesystem::path qwenDir;  ///< Hugging Face Qwen3 folder (Qwen/Qwen3-8B)
    std::filesystem::path clipDir;  ///< Hugging Face CLIP folder (openai/clip-vit-large-patch14)
    Device device;                  ///< where the DiT runs
    Precision precision = Precision::Fp32; ///< DiT precision (CPU: fp32 only)
    std::uint64_t vramBudgetBytes = 0;     ///< 0: no budget
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
    bool trimmed = true;           ///< run the network on the requested frames only (exact)
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
    int maxTextTokens = 128; ///< max_length_llm
    std::int64_t parameterCount = 0;
};

/// Device memory as seen by libtorch's allocator (CUDA) or the process (CPU).
struct MemoryStats
{
    bool isCuda = false;
    std::uint64_t allocatedBytes = 0;
    std::uint64_t reservedBytes = 0;
    std::uint64_t peakAllocatedBytes = 0;
};

/// Owns the DiT and the text encoders. Not thread-safe: create and use it on one thread (the
/// GUI's inference thread, or the CLI's main thread).
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
    /// Cancelled.
    virtual Result<std::vector<Take>> generate(const GenerateRequest& request,
                                               const RunControl& control) = 0;

    virtual ModelSummary summary() const = 0;
    virtual MemoryStats memoryStats() const = 0;
    virtual const EngineConfig& config() const = 0;
};

} // namespace pw::infer
