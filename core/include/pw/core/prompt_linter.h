// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <pw/core/error.h>

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pw {

/// How much a lint finding matters. Errors mean the model will not do what the text asks (or
/// will not see part of it); warnings are content the model card lists as unsupported; hints
/// are style advice. No severity blocks generation except an empty prompt (the engine refuses it).
enum class LintSeverity {
    Hint,
    Warning,
    Error,
};

/// "hint", "warning", "error".
const char* lintSeverityName(LintSeverity severity) noexcept;

/// One problem found in a prompt. `start`/`end` are byte offsets into the UTF-8 text
/// (half-open range, always on code-point boundaries).
struct LintFinding
{
    std::string rule; ///< stable rule id, e.g. "concurrency"
    LintSeverity severity = LintSeverity::Hint;
    std::size_t start = 0;
    std::size_t end = 0;
    std::string message;            ///< one sentence, in the requested language
    std::string explanation;        ///< why, and what to write instead (tooltips)
    std::optional<std::string> fix; ///< replacement text for [start, end), if one exists
};

/// The result of linting one prompt.
struct LintReport
{
    int words = 0;                     ///< whitespace-separated words with a letter or digit
    std::optional<int> tokens;         ///< text-encoder tokens, when a token counter was given
    std::vector<LintFinding> findings; ///< sorted by start offset, then by severity (highest first)

    bool hasErrors() const;
    int count(LintSeverity severity) const;
};

/// Counts the text encoder's tokens for a piece of user text (no chat template), or nullopt
/// when it cannot. Must be thread-safe if the linter is used from several threads.
using TokenCounter = std::function<std::optional<int>(std::string_view text)>;

/// The text encoder's tokens of a piece of user text as byte offsets: the end offset of each
/// token (ascending, the last one == text.size()), or nullopt when the tokens do not map back
/// onto the text's bytes (e.g. a normaliser changed them). Lets the token rule highlight from
/// exactly the first token that is cut. Must be thread-safe like TokenCounter.
using TokenSplitter = std::function<std::optional<std::vector<std::size_t>>(std::string_view text)>;

class BpeTokenizer;
/// A TokenCounter over a byte-level BPE tokenizer (Qwen3's tokenizer.json). Thread-safe.
TokenCounter makeTokenCounter(std::shared_ptr<const BpeTokenizer> tokenizer);
/// A TokenSplitter over a byte-level BPE tokenizer: each token's bytes (BpeTokenizer::tokenBytes)
/// laid end to end; nullopt when they do not spell the text (e.g. after NFC normalisation).
TokenSplitter makeTokenSplitter(std::shared_ptr<const BpeTokenizer> tokenizer);

struct LintOptions
{
    TokenCounter countTokens;    ///< optional; without it (and tokenEnds) no token rule
    TokenSplitter tokenEnds;     ///< optional; preferred over countTokens when it answers
    int maxTextTokens = 128;     ///< the model's max_length_llm
    std::string language = "en"; ///< message language: "en" or "zh_CN" (falls back to "en")
};

/// A data-driven prompt linter for HY-Motion 1.0. Rules, word lists, patterns, messages and
/// fixes come from a JSON document (resources/lint/rules.json, embedded at build time).
/// Immutable and cheap to copy; lint() may be called from any thread concurrently.
class PromptLinter
{
  public:
    /// Parses and compiles a rule document. Errors: BadInput naming the rule and the field (for
    /// example an invalid regular expression, with PCRE2's message and offset).
    static Result<PromptLinter> fromJson(std::string_view json, const std::string& label = "rules");
    /// The rules embedded in the build (resources/lint/rules.json). Parsed once.
    static const PromptLinter& builtin();
    /// The embedded rule document as text.
    static std::string_view builtinJson();

    /// Lints one prompt. Error: InvalidArgument "invalid UTF-8 at byte offset N" (item
    /// "prompt") when `text` is not valid UTF-8: the model's tokenizer refuses such text too.
    Result<LintReport> lint(std::string_view text, const LintOptions& options = {}) const;
    /// Rule ids in document order.
    std::vector<std::string> ruleIds() const;

  private:
    struct Impl;
    explicit PromptLinter(std::shared_ptr<const Impl> impl);
    std::shared_ptr<const Impl> m_impl;
};

/// Words as the linter counts them (whitespace-separated runs containing a letter or digit).
int countPromptWords(std::string_view text);

/// Applies a finding's fix to `text`; returns the text unchanged when it has none or when the
/// span does not fit the text.
std::string applyLintFix(std::string_view text, const LintFinding& finding);

/// The JSON document `posewright-cli lint --json` prints:
/// {"words": N, "tokens": N|null, "findings": [{"rule", "severity", "start", "end", "message",
/// "fix": "..."|null}]}.
std::string lintReportToJson(const LintReport& report, int indent = 2);

} // namespace pw
