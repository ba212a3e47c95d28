// SPDX-License-Identifier: Apache-2.0
// Private pieces shared by the Hugging Face BPE tokenizer and the CLIP tokenizer: the GPT-2
// byte-level alphabet, a PCRE2 regex wrapper with Hugging Face's whitespace semantics, the BPE
// merge loop and a bounded word cache. Torch-free.
#pragma once

#include <pw/core/error.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace pw::detail {

/// GPT-2's reversible byte -> printable character table ("bytes_to_unicode"): printable Latin-1
/// bytes map to themselves, the other 68 bytes to U+0100... in byte order.
const std::array<char32_t, 256>& byteToUnicode();
/// The UTF-8 spelling of each byte's character (e.g. 0x20 -> "Ġ").
const std::array<std::string, 256>& byteToUnicodeUtf8();
/// Maps raw bytes to their byte-level spelling.
std::string byteLevelEncode(std::string_view bytes);
/// Maps a byte-level spelling back to raw bytes; nullopt when a character is outside the
/// alphabet (e.g. "<|im_start|>" is not a byte-level string).
std::optional<std::string> byteLevelDecode(std::string_view text);

/// A compiled PCRE2 pattern (UTF + UCP) with Hugging Face's semantics for `\s` / `\S`: they are
/// rewritten to the Unicode White_Space set (tokenizers uses Oniguruma, Python `regex` the same
/// set), which differs from PCRE2's own UCP `\s` in U+180E. Thread: any (matching is const).
class Regex
{
  public:
    /// Errors: BadModelFile naming the pattern and PCRE2's message.
    static Result<Regex> compile(std::string_view pattern, bool caseless);

    /// Calls `onMatch(begin, end)` for every non-overlapping match, left to right, in valid
    /// UTF-8 `text`. Throws pw::Exception(Internal) when PCRE2 gives up (resource limits).
    void forEachMatch(std::string_view text,
                      const std::function<void(std::size_t, std::size_t)>& onMatch) const;

  private:
    std::shared_ptr<void> m_code; // pcre2_code_8
    bool m_jit = false;
};

/// Rewrites `\s` and `\S` of a Hugging Face / Python regex for PCRE2 (see Regex). Error:
/// BadModelFile for `\S` inside a character class.
Result<std::string> translateWhitespaceClasses(std::string_view pattern);

/// One merge: the pair it applies to has this rank (lower merges first) and becomes `result`.
struct MergeRule
{
    int rank = 0;
    std::int32_t result = 0;
};

/// Merge table over symbol ids and the merge loop.
class BpeMerges
{
  public:
    enum class Order {
        /// Hugging Face tokenizers (Word::merge_all): always the lowest (rank, position) pair
        /// next, including pairs created by earlier merges.
        LowestRankFirst,
        /// GPT-2 / CLIP Python: all occurrences of the lowest-ranked pair are merged left to
        /// right in one pass before any pair created by that pass is considered.
        RankPasses,
    };

    /// Adds a rule; a pair given twice keeps the last rule (as both references do).
    void add(std::int32_t left, std::int32_t right, int rank, std::int32_t result);
    const MergeRule* find(std::int32_t left, std::int32_t right) const;
    std::size_t size() const { return m_rules.size(); }

    /// Merges `symbols` in place. O(n log n) in the number of symbols.
    void apply(std::vector<std::int32_t>& symbols, Order order) const;

  private:
    static std::uint64_t key(std::int32_t left, std::int32_t right)
    {
        return (std::uint64_t(std::uint32_t(left)) << 32) | std::uint32_t(right);
    }
    std::unordered_map<std::uint64_t, MergeRule> m_rules;
};

/// A bounded, thread-safe cache of word -> token ids (words are short and repeat a lot). When
/// full it is cleared: simple, and the hit rate on prompts stays high.
class WordCache
{
  public:
    explicit WordCache(std::size_t capacity = 50000) : m_capacity(capacity) {}
    std::optional<std::vector<std::int32_t>> find(std::string_view word) const;
    void insert(std::string_view word, const std::vector<std::int32_t>& ids);
    /// Words longer than this are not cached (they are rare and would bloat the cache).
    static constexpr std::size_t kMaxWordBytes = 256;

  private:
    std::size_t m_capacity;
    mutable std::mutex m_mutex;
    std::unordered_map<std::string, std::vector<std::int32_t>> m_map;
};

} // namespace pw::detail
