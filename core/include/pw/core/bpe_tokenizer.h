// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <pw/core/error.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pw {

/// A byte-level BPE tokenizer read from a Hugging Face `tokenizer.json` (the Qwen2/Qwen3 family,
/// GPT-2 style): added/special tokens are matched first (leftmost, longest), the rest is
/// normalised (NFC/NFKC/NFD/NFKD or none), split by the pre-tokenizer regex (PCRE2 with Unicode
/// properties), mapped to the byte-level alphabet and merged by rank. Reproduces the `tokenizers`
/// library's ids; no special tokens are added around the text (Qwen adds none).
///
/// Supported `tokenizer.json` features: normalizer null | NFC | NFKC | NFD | NFKD | Sequence of
/// those; pre_tokenizer ByteLevel (GPT-2 regex when use_regex) | Split(Regex, Isolated) |
/// Sequence of those, add_prefix_space false; model BPE (vocab + merges as "a b" strings or
/// ["a", "b"] pairs; ignore_merges; no dropout, no byte_fallback, no subword affixes); added
/// tokens with lstrip/rstrip. Anything else is rejected at load with BadModelFile.
/// Thread: any (encode is const; the word cache is internally locked).
class BpeTokenizer
{
  public:
    /// Reads `path` (a tokenizer.json file, or a folder containing one). Errors: FileNotFound,
    /// IoError, BadModelFile (malformed JSON, missing model/vocab/merges, a merge naming a token
    /// absent from the vocab, unsupported features), each naming the file and the key.
    static Result<BpeTokenizer> load(const std::filesystem::path& path);
    /// Parses tokenizer.json text already in memory; `label` names it in errors.
    static Result<BpeTokenizer> parse(std::string_view json, const std::string& label);

    BpeTokenizer(BpeTokenizer&&) noexcept;
    BpeTokenizer& operator=(BpeTokenizer&&) noexcept;
    ~BpeTokenizer();

    /// Token ids of `text` (UTF-8). Error: InvalidArgument naming the byte offset of invalid
    /// UTF-8.
    Result<std::vector<std::int32_t>> encode(std::string_view text) const;

    /// The id of a vocabulary or added token spelled exactly `token` (byte-level spelling for
    /// vocabulary entries, e.g. "Ġthe"), if any.
    std::optional<std::int32_t> tokenId(std::string_view token) const;
    /// The raw bytes a token id stands for (added tokens: their content); empty if unknown.
    std::string tokenBytes(std::int32_t id) const;
    /// One more than the largest id (vocabulary and added tokens).
    std::int32_t idLimit() const;
    /// Number of merge rules.
    std::size_t mergeCount() const;
    /// The file or label it was read from.
    const std::string& source() const;

  private:
    struct Impl;
    explicit BpeTokenizer(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

} // namespace pw
