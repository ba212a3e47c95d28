// SPDX-License-Identifier: Apache-2.0
// Private, torch-level: HY-Motion's two text encoders for the Engine. This is the API the
// pipeline calls (the public pw::infer::TextEncoder is a thin host-copy facade over it):
//
//   auto enc = TextEncoders::load(config, control);        // Result<unique_ptr<TextEncoders>>
//   auto f = (*enc)->encode(std::span(&prompt, 1), control); // Result<TextFeatures>
//   // f->ctxt (1, 128, 4096), f->ctxtLength (1) int64, f->vtxt (1, 1, 768)
//   // expand/repeat the rows to the seed count; move to the DiT's device and dtype.
//
// A prompt is encoded once and cached (key: prompt, encoder files, placement, max length), so
// regenerating with other seeds never re-encodes.
#pragma once

#include "clip_text.h"
#include "qwen3.h"

#include <pw/core/clip_tokenizer.h>
#include <pw/core/qwen_prompt.h>
#include <pw/infer/text_encoder.h>

#include <torch/torch.h>

#include <cstdint>
#include <list>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <utility>

namespace pw::infer {

/// Text features as tensors on the encoders' devices.
struct TextFeatures
{
    torch::Tensor ctxt;       ///< (B, maxTextTokens, ctxtDim), Qwen3's device and dtype
    torch::Tensor ctxtLength; ///< (B) int64 on the CPU
    torch::Tensor vtxt;       ///< (B, 1, vtxtDim), CLIP's device and dtype
};

class TextEncoders
{
  public:
    /// Errors as TextEncoder::load.
    static Result<std::unique_ptr<TextEncoders>> load(const TextEncoderConfig& config,
                                                      const RunControl& control);

    /// Random-weight models (benchmarks) with real tokenizers: `config` names the tokenizer
    /// folders and the placement; `qwen`/`clip` must already sit where it says. Throws.
    static std::unique_ptr<TextEncoders> fromModels(const TextEncoderConfig& config,
                                                    std::unique_ptr<Qwen3Model> qwen,
                                                    std::unique_ptr<ClipTextModel> clip);

    /// Errors as TextEncoder::encode. Rows of duplicate prompts share one encode. After
    /// releaseModels(), a prompt that is not cached first reloads the models (progress stage
    /// "load", then "encode").
    Result<TextFeatures> encode(std::span<const std::string> prompts, const RunControl& control);

    /// Frees both models (device memory included); tokenizers, info and the cache stay. The next
    /// encode of an uncached prompt reloads them from the folders (random models cannot be
    /// reloaded: FileNotFound). Thread: the owning thread.
    void releaseModels();
    /// Reloads the models after releaseModels() (no-op while loaded). Progress stage "load".
    /// Throws (pw::Exception, c10::Error).
    void ensureModels(const RunControl& control)
    {
        if (!modelsLoaded()) {
            loadModels(control);
        }
    }
    bool modelsLoaded() const { return m_qwen != nullptr && m_clip != nullptr; }
    /// Whether every prompt of `prompts` is in the cache (nothing would be encoded).
    bool allCached(std::span<const std::string> prompts) const;

    const TextEncoderInfo& info() const { return m_info; }
    TextCacheStats cacheStats() const;
    void clearCache();

    /// The models (only while modelsLoaded()).
    const Qwen3Model& qwen() const { return *m_qwen; }
    const ClipTextModel& clip() const { return *m_clip; }
    const QwenPromptTokenizer& qwenTokenizer() const { return *m_qwenTokenizer; }
    const ClipTokenizer& clipTokenizer() const { return *m_clipTokenizer; }

  private:
    struct Entry
    {
        torch::Tensor ctxt; ///< (1, T, D)
        std::int64_t length = 0;
        torch::Tensor vtxt; ///< (1, 1, Dv)
    };
    Entry encodeOne(const std::string& prompt, const RunControl& control) const;
    std::string cacheKey(const std::string& prompt) const;
    /// Loads the models of m_config (stage "load", one step per layer); throws.
    void loadModels(const RunControl& control);
    /// Checks the tokenizers against the models and fills info and identity; throws.
    void finishModels();

    TextEncoderConfig m_config;
    TextEncoderInfo m_info;
    std::unique_ptr<Qwen3Model> m_qwen;
    std::unique_ptr<ClipTextModel> m_clip;
    std::optional<QwenPromptTokenizer> m_qwenTokenizer;
    std::optional<ClipTokenizer> m_clipTokenizer;
    int m_clipMaxTokens = 77;
    std::string m_identity;
    bool m_reloadable = true; ///< false for random models (fromModels)

    // LRU cache: most recent at the front.
    std::list<std::pair<std::string, Entry>> m_lru;
    std::unordered_map<std::string, std::list<std::pair<std::string, Entry>>::iterator> m_index;
    std::size_t m_hits = 0;
    std::size_t m_misses = 0;
};

} // namespace pw::infer
