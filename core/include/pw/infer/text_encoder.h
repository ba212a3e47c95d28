// SPDX-License-Identifier: Apache-2.0
#pragma once

// The text encoders of HY-Motion behind a torch-free facade: Qwen3 (the token context `ctxt`,
// cropped to the user text, up to 128 tokens) and the CLIP text tower (the sentence vector
// `vtxt`), loaded from the users' Hugging Face folders. The Engine uses the torch-level twin of
// this class (core/src/infer/text_encoders.h); the CLI and tests use this one.

#include <pw/core/cancel.h>
#include <pw/core/error.h>
#include <pw/core/token_batch.h>
#include <pw/infer/device.h>
#include <pw/infer/host_tensor.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace pw::infer {

/// Where one encoder runs. Precision defaults: Qwen3 bf16 on CUDA (as the reference) and fp32
/// on the CPU; CLIP fp32 everywhere (as the reference). bf16 also works on the CPU; fp16 only
/// on CUDA, and not for Qwen3.
struct EncoderPlacement
{
    Device device;
    std::optional<Precision> precision;
};

/// What to load.
struct TextEncoderConfig
{
    std::filesystem::path qwenDir; ///< Hugging Face Qwen3 folder (Qwen/Qwen3-8B)
    std::filesystem::path clipDir; ///< Hugging Face CLIP folder (openai/clip-vit-large-patch14)
    EncoderPlacement qwen;
    EncoderPlacement clip;
    int maxTextTokens = 128; ///< max_length_llm of the motion model's config
    /// Run Qwen3 over all cropStart + maxTextTokens positions with the padding mask, as the
    /// reference does. Off (default): only the real tokens run (Qwen3 is causal and positions
    /// do not depend on the mask, so the valid rows are the same) and padded rows are zero.
    bool referencePadding = false;
    std::size_t cacheCapacity = 64; ///< prompts whose encodings are kept (0: no cache)
};

/// The DiT's text inputs for a batch of prompts (row-major float32 copies).
struct TextEncoding
{
    int batch = 0;
    int textTokens = 0;                   ///< maxTextTokens
    int ctxtDim = 0;                      ///< Qwen3 hidden size (4096)
    int vtxtDim = 0;                      ///< CLIP width (768)
    std::vector<float> ctxt;              ///< batch x textTokens x ctxtDim
    std::vector<std::int64_t> ctxtLength; ///< batch: valid ctxt rows, in [0, textTokens]
    std::vector<float> vtxt;              ///< batch x 1 x vtxtDim
};

/// Facts about the loaded encoders.
struct TextEncoderInfo
{
    int cropStart = 0; ///< first user-text token of the template (101 for Qwen3)
    int maxTextTokens = 0;
    int ctxtDim = 0;
    int vtxtDim = 0;
    int qwenLayers = 0;
    int clipLayers = 0;
    Device qwenDevice;
    Precision qwenPrecision = Precision::Fp32;
    Device clipDevice;
    Precision clipPrecision = Precision::Fp32;
    std::uint64_t qwenWeightBytes = 0; ///< as held for compute
    std::uint64_t clipWeightBytes = 0;
};

struct TextCacheStats
{
    std::size_t entries = 0;
    std::size_t hits = 0;   ///< prompts served from the cache
    std::size_t misses = 0; ///< prompts encoded
};

/// Both text encoders, their tokenizers and a prompt cache. Not thread-safe: use it on one
/// thread (the inference thread).
class TextEncoder
{
  public:
    /// Loads and validates both folders. Progress: stage "load". Cancellable between layers.
    /// Errors: FileNotFound, BadModelFile (naming file, tensor or field, expected and found),
    /// UnsupportedDevice, OutOfMemory, Cancelled.
    static Result<std::unique_ptr<TextEncoder>> load(const TextEncoderConfig& config,
                                                     const RunControl& control);
    ~TextEncoder();

    /// Encodes `prompts` (duplicates are encoded once; cached prompts not at all). Progress:
    /// stage "encode", one step per layer run. Errors: InvalidArgument (invalid UTF-8, naming the
    /// prompt and byte offset), OutOfMemory, Cancelled (checked between layers).
    Result<TextEncoding> encode(std::span<const std::string> prompts, const RunControl& control);

    const TextEncoderInfo& info() const;
    TextCacheStats cacheStats() const;
    void clearCache();

  private:
    struct Impl;
    explicit TextEncoder(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

// --- Diagnostics: one model run on given ids (check-fixture, tests) ---------------------------

/// Loads the Qwen3 folder and runs the padded batch as transformers does (every position, causal
/// and key-padding mask): the last hidden state after the final norm, (B, L, hidden).
Result<HostTensor> runQwen3(const std::filesystem::path& dir, const TokenBatch& batch,
                            const Device& device, Precision precision);

struct ClipTextRun
{
    HostTensor lastHidden; ///< (B, L, width), after the final LayerNorm
    HostTensor pooled;     ///< (B, width)
};

/// Loads the CLIP folder and runs the padded batch with its mask.
Result<ClipTextRun> runClipText(const std::filesystem::path& dir, const TokenBatch& batch,
                                const Device& device, Precision precision);

// --- Benchmark: random weights of the real shapes ----------------------------------------------

struct TextBenchOptions
{
    Device device;
    Precision qwenPrecision = Precision::Bf16;
    Precision clipPrecision = Precision::Fp32;
    std::string prompt = "A person walks unsteadily, then slowly sits down.";
    /// A Qwen3 tokenizer folder to tokenize `prompt` with (the real template); empty: 115
    /// random ids (the length of the default prompt templated).
    std::filesystem::path qwenTokenizerDir;
    int qwenLayers = 36; ///< Qwen3-8B has 36; fewer for a quick run
    int warmup = 2;
    int iterations = 10;
};

struct TextBenchResult
{
    std::string device;
    int templatedTokens = 0; ///< real tokens of the templated prompt
    int paddedTokens = 0;    ///< cropStart + 128
    double qwenInitSec = 0;  ///< random init on the device
    std::uint64_t qwenWeightBytes = 0;
    std::int64_t qwenParameters = 0;
    double qwenRealTokensSec = 0;    ///< median encode, real tokens only (our default)
    double qwenPaddedSec = 0;        ///< median encode over the padded length (the reference's way)
    std::uint64_t qwenPeakBytes = 0; ///< peak device memory during the padded encode (0: n/a)
    std::uint64_t deviceBytesAfterInit = 0; ///< allocated after both inits (0: n/a)
    double clipInitSec = 0;
    std::uint64_t clipWeightBytes = 0;
    double clipSec = 0; ///< median CLIP-L encode
    bool memoryStatsAvailable = false;
};

/// Builds Qwen3-8B-shaped (and CLIP-L-shaped) models with random weights on `options.device`
/// and times the encode of one prompt. Errors: UnsupportedDevice, OutOfMemory, Cancelled.
Result<TextBenchResult> benchmarkTextEncoders(const TextBenchOptions& options,
                                              const RunControl& control);

} // namespace pw::infer
