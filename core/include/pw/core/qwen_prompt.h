// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <pw/core/bpe_tokenizer.h>
#include <pw/core/error.h>
#include <pw/core/token_batch.h>

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace pw {

/// HY-Motion's system prompt for the Qwen3 context encoder: conditioning data the model was
/// trained with (449 characters, starts with "\n" and four spaces, ends with "\n").
std::string_view hymotionSystemPrompt();

/// The Qwen3 chat template as HY-Motion renders it (system + user message, no generation
/// prompt): "<|im_start|>system\n" SYS "<|im_end|>\n<|im_start|>user\n" TEXT "<|im_end|>\n".
std::string hymotionChatTemplate(std::string_view userText);

/// A prompt batch for the Qwen3 encoder: templated, truncated and right-padded to
/// cropStart + maxTextTokens, as the reference's tokenizer call returns it.
struct QwenPromptBatch
{
    TokenBatch tokens;                    ///< batch x (cropStart + maxTextTokens)
    int cropStart = 0;                    ///< index of the first user-text token
    int maxTextTokens = 0;                ///< rows of ctxt (128 for HY-Motion)
    std::vector<std::int64_t> ctxtLength; ///< clamp(real tokens - cropStart, 0, maxTextTokens)
};

/// The Qwen3 tokenizer of a Hugging Face folder plus HY-Motion's template. `cropStart` is
/// computed as the reference does: the templated marker "<BOC>" is tokenized and its ids are
/// searched in the result (101 for the Qwen3 tokenizer; the last index if not found).
/// Thread: any.
class QwenPromptTokenizer
{
  public:
    /// Reads `dir`/tokenizer.json and (optionally) `dir`/tokenizer_config.json for the pad token
    /// (default "<|endoftext|>"). Errors: as BpeTokenizer::load; BadModelFile when the pad
    /// token is not a token of the tokenizer; InvalidArgument when maxTextTokens < 1.
    static Result<QwenPromptTokenizer> load(const std::filesystem::path& dir,
                                            int maxTextTokens = 128);

    /// Ids of the templated prompt, untruncated. Error: InvalidArgument (invalid UTF-8).
    Result<std::vector<std::int32_t>> templatedIds(std::string_view prompt) const;
    /// The padded batch. Error: InvalidArgument (invalid UTF-8, naming the prompt index).
    Result<QwenPromptBatch> tokenize(std::span<const std::string> prompts) const;

    const BpeTokenizer& tokenizer() const { return m_tokenizer; }
    int cropStart() const { return m_cropStart; }
    int maxTextTokens() const { return m_maxTextTokens; }
    /// cropStart + maxTextTokens: the padded length the reference runs the model on.
    int paddedLength() const { return m_cropStart + m_maxTextTokens; }
    std::int32_t padId() const { return m_padId; }

  private:
    QwenPromptTokenizer(BpeTokenizer tokenizer, int cropStart, int maxTextTokens,
                        std::int32_t padId);
    BpeTokenizer m_tokenizer;
    int m_cropStart = 0;
    int m_maxTextTokens = 0;
    std::int32_t m_padId = 0;
};

} // namespace pw
