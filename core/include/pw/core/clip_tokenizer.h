// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <pw/core/error.h>
#include <pw/core/token_batch.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace pw {

/// CLIP's BPE tokenizer from a Hugging Face CLIP folder (`vocab.json` + `merges.txt`, special
/// tokens from `tokenizer_config.json` / `special_tokens_map.json`), reproducing transformers'
/// slow `CLIPTokenizer` as HY-Motion runs it (without ftfy): BasicTokenizer cleaning (control
/// characters dropped, whitespace collapsed, spaces around CJK ideographs, NFC, lower case),
/// CLIP's word regex, byte-level alphabet with `</w>` on the last character of a word, GPT-2
/// merge order, unknown pieces -> the unk token. Thread: any (the word cache is locked).
class ClipTokenizer
{
  public:
    /// Errors: FileNotFound (vocab.json or merges.txt missing), IoError, BadModelFile
    /// (malformed JSON, a merge line without two tokens, a merge whose tokens or result are not
    /// in vocab.json, special tokens missing from the vocabulary), naming file, line and token.
    static Result<ClipTokenizer> load(const std::filesystem::path& dir);

    ClipTokenizer(ClipTokenizer&&) noexcept;
    ClipTokenizer& operator=(ClipTokenizer&&) noexcept;
    ~ClipTokenizer();

    /// The BPE ids of `text` without start/end tokens. Error: InvalidArgument (invalid UTF-8,
    /// naming the byte offset).
    Result<std::vector<std::int32_t>> encode(std::string_view text) const;
    /// start + ids (cut to maxLength - 2) + end, as `tokenizer(text, truncation=True,
    /// max_length=maxLength)`. Errors: InvalidArgument (invalid UTF-8, maxLength < 2).
    Result<std::vector<std::int32_t>> encodeForModel(std::string_view text, int maxLength) const;
    /// A batch padded with the pad token to its longest row (`padding=True`).
    Result<TokenBatch> encodeBatch(std::span<const std::string> texts, int maxLength) const;

    std::int32_t startId() const; ///< <|startoftext|> (49406 in openai/clip-vit-large-patch14)
    std::int32_t endId() const;   ///< <|endoftext|> (49407)
    std::int32_t padId() const;   ///< the pad token's id (the end token in CLIP)
    std::int32_t unkId() const;
    std::size_t vocabSize() const;
    std::size_t mergeCount() const;

  private:
    struct Impl;
    explicit ClipTokenizer(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

} // namespace pw
