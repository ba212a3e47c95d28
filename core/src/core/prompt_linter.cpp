// SPDX-License-Identifier: Apache-2.0
#include <pw/core/bpe_tokenizer.h>
#include <pw/core/prompt_linter.h>
#include <pw/core/utf8.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <utf8proc.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace pw {
namespace detail {
// Generated at configure time from resources/lint/rules.json (see core/CMakeLists.txt).
extern const unsigned char kLintRulesJson[];
extern const std::size_t kLintRulesJsonSize;
} // namespace detail

namespace {

using Json = nlohmann::json;

// --- text helpers -----------------------------------------------------------------------------

/// One decoded code point and where it sits in the UTF-8 text. Invalid bytes decode as U+FFFD
/// one byte long, so offsets always advance.
struct CodePoint
{
    char32_t value;
    std::size_t start;
    std::size_t end;
};

std::vector<CodePoint> decode(std::string_view text)
{
    std::vector<CodePoint> out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        utf8proc_int32_t cp = 0;
        const auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + i),
                                        static_cast<utf8proc_ssize_t>(text.size() - i), &cp);
        if (n <= 0) {
            out.push_back({0xFFFD, i, i + 1});
            ++i;
        } else {
            out.push_back({static_cast<char32_t>(cp), i, i + static_cast<std::size_t>(n)});
            i += static_cast<std::size_t>(n);
        }
    }
    return out;
}

bool isSpace(char32_t cp)
{
    if (cp == U'\t' || cp == U'\n' || cp == U'\v' || cp == U'\f' || cp == U'\r') {
        return true;
    }
    const auto cat = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
    return cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL ||
           cat == UTF8PROC_CATEGORY_ZP;
}

bool isLetter(char32_t cp)
{
    const auto cat = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
    return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO;
}

bool isAlnum(char32_t cp)
{
    const auto cat = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
    return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
           (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO);
}

bool isMark(char32_t cp)
{
    const auto cat = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
    return cat >= UTF8PROC_CATEGORY_MN && cat <= UTF8PROC_CATEGORY_ME;
}

/// Letters of the Latin script (basic, Latin-1, extended A/B, IPA, additional, C/D/E).
bool isLatinLetter(char32_t cp)
{
    return cp < 0x0250 || (cp >= 0x1D00 && cp < 0x1DC0) || (cp >= 0x1E00 && cp < 0x1F00) ||
           (cp >= 0x2C60 && cp < 0x2C80) || (cp >= 0xA720 && cp < 0xA800) ||
           (cp >= 0xAB30 && cp < 0xAB70) || (cp >= 0xFB00 && cp < 0xFB07) ||
           (cp >= 0xFF21 && cp <= 0xFF5A);
}

struct Span
{
    std::size_t start = 0;
    std::size_t end = 0;
};

/// Whitespace-separated chunks that contain a letter or digit: the words users count.
std::vector<Span> countedWords(const std::vector<CodePoint>& cps)
{
    std::vector<Span> words;
    std::size_t i = 0;
    while (i < cps.size()) {
        while (i < cps.size() && isSpace(cps[i].value)) {
            ++i;
        }
        if (i >= cps.size()) {
            break;
        }
        const std::size_t first = i;
        bool hasAlnum = false;
        while (i < cps.size() && !isSpace(cps[i].value)) {
            hasAlnum = hasAlnum || isAlnum(cps[i].value);
            ++i;
        }
        if (hasAlnum) {
            words.push_back({cps[first].start, cps[i - 1].end});
        }
    }
    return words;
}

/// A lexical token: a run of letters, digits, marks, apostrophes and inner hyphens, with its
/// ASCII-lower-cased text (the word lists are English) and whether a sentence ends before it.
struct Token
{
    Span span;
    std::string lower;
    bool sentenceBreakBefore = false;
};

std::vector<Token> lexicalTokens(std::string_view text, const std::vector<CodePoint>& cps)
{
    std::vector<Token> tokens;
    bool pendingBreak = false;
    std::size_t i = 0;
    auto isWordChar = [&](std::size_t k) {
        const char32_t c = cps[k].value;
        if (isAlnum(c) || isMark(c) || c == U'\'' || c == U'\u2019') {
            return true;
        }
        // A hyphen inside a word ("sit-up", "long-haired").
        return c == U'-' && k > 0 && k + 1 < cps.size() && isAlnum(cps[k - 1].value) &&
               isAlnum(cps[k + 1].value);
    };
    while (i < cps.size()) {
        if (!isWordChar(i)) {
            const char32_t c = cps[i].value;
            if (c == U'.' || c == U';' || c == U'!' || c == U'?' || c == U'\n' || c == U'\u3002') {
                pendingBreak = true;
            }
            ++i;
            continue;
        }
        const std::size_t first = i;
        while (i < cps.size() && isWordChar(i)) {
            ++i;
        }
        Token t;
        t.span = {cps[first].start, cps[i - 1].end};
        t.lower.assign(text.substr(t.span.start, t.span.end - t.span.start));
        std::transform(t.lower.begin(), t.lower.end(), t.lower.begin(), [](char ch) {
            return (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch - 'A' + 'a') : ch;
        });
        t.sentenceBreakBefore = pendingBreak;
        pendingBreak = false;
        tokens.push_back(std::move(t));
    }
    return tokens;
}

std::string replaceAll(std::string text, std::string_view key, std::string_view value)
{
    std::size_t pos = 0;
    while ((pos = text.find(key, pos)) != std::string::npos) {
        text.replace(pos, key.size(), value);
        pos += value.size();
    }
    return text;
}

/// The matched text without surrounding whitespace and a leading comma, for messages.
std::string displayText(std::string_view text, Span span)
{
    std::string_view s = text.substr(span.start, span.end - span.start);
    auto trim = [](std::string_view v) {
        while (!v.empty() &&
               (v.front() == ' ' || v.front() == '\t' || v.front() == '\n' || v.front() == ',')) {
            v.remove_prefix(1);
        }
        while (!v.empty() && (v.back() == ' ' || v.back() == '\t' || v.back() == '\n')) {
            v.remove_suffix(1);
        }
        return v;
    };
    return std::string(trim(s));
}

// --- rule model ---------------------------------------------------------------------------------

using Localized = std::map<std::string, std::string, std::less<>>;

struct Pcre2CodeDeleter
{
    void operator()(pcre2_code* code) const { pcre2_code_free(code); }
};
using Pcre2Code = std::unique_ptr<pcre2_code, Pcre2CodeDeleter>;

struct Pattern
{
    std::string source;
    Pcre2Code code;
    int hitGroup = -1; ///< the named group "hit", -1 when absent
    std::optional<LintSeverity> severity;
};

enum class RuleKind {
    Empty,
    Length,
    Tokens,
    VagueVerb,
    Pattern,
    NonEnglish,
};

struct Rule
{
    std::string id;
    RuleKind kind = RuleKind::Pattern;
    LintSeverity severity = LintSeverity::Warning;
    Localized message;
    Localized warningMessage;
    Localized explanation;
    // length
    int warnFromWords = 28;
    int maxWords = 30;
    // tokens
    int reservedTokens = 2;
    // vague-verb
    std::unordered_set<std::string> verbs;
    std::vector<std::string> concrete;
    std::unordered_set<std::string> directions;     ///< concrete only after directionVerbs
    std::unordered_set<std::string> directionVerbs; ///< "look": the gaze direction is the action
    std::unordered_set<std::string> phrasal;        ///< "gets up": verb + particle is concrete
    std::unordered_set<std::string> namedMoveVerbs; ///< "performs a plié": a hint, not a warning
    std::unordered_set<std::string> genericObjects; ///< "performs a trick": still vague
    Localized hintMessage;
    Localized hintExplanation;
    std::string suggestions;
    // pattern
    std::vector<Pattern> patterns;
    std::optional<std::string> fix;
    bool fixConvertsVerb = false;
    // non-english
    std::unordered_set<std::string> foreignWords;
    std::unordered_set<std::string> englishWords;
};

const std::string& pick(const Localized& texts, const std::string& language)
{
    if (auto it = texts.find(language); it != texts.end()) {
        return it->second;
    }
    return texts.at("en");
}

Result<LintSeverity> parseSeverity(const std::string& text)
{
    if (text == "error") {
        return LintSeverity::Error;
    }
    if (text == "warning") {
        return LintSeverity::Warning;
    }
    if (text == "hint") {
        return LintSeverity::Hint;
    }
    return Error(Errc::BadInput, "unknown severity").mismatch("error, warning or hint", text);
}

} // namespace

struct PromptLinter::Impl
{
    std::vector<Rule> rules;
    std::unordered_map<std::string, std::string> ingToThirdPerson;

    std::string thirdPerson(const std::string& ing) const;
    void runPattern(const Rule& rule, std::string_view text, const std::vector<Token>& tokens,
                    const LintOptions& options, std::vector<LintFinding>& out) const;
};

namespace {

LintFinding makeFinding(const Rule& rule, LintSeverity severity, Span span,
                        const std::string& message, const std::string& explanation)
{
    LintFinding f;
    f.rule = rule.id;
    f.severity = severity;
    f.start = span.start;
    f.end = span.end;
    f.message = message;
    f.explanation = explanation;
    return f;
}

Result<Localized> parseLocalized(const Json& rule, const char* key, bool required)
{
    Localized out;
    if (!rule.contains(key)) {
        if (required) {
            return Error(Errc::BadInput, "missing field").at(key);
        }
        return out;
    }
    const Json& j = rule.at(key);
    if (!j.is_object()) {
        return Error(Errc::BadInput, "expected an object of language -> text").at(key);
    }
    for (const auto& [lang, value] : j.items()) {
        if (!value.is_string()) {
            return Error(Errc::BadInput, "expected a string").at(std::string(key) + "." + lang);
        }
        out[lang] = value.get<std::string>();
    }
    if (!out.contains("en")) {
        return Error(Errc::BadInput, "missing the English text").at(std::string(key) + ".en");
    }
    return out;
}

Result<Pattern> compilePattern(const std::string& source)
{
    int errorCode = 0;
    PCRE2_SIZE errorOffset = 0;
    pcre2_code* code =
        pcre2_compile(reinterpret_cast<PCRE2_SPTR>(source.data()), source.size(),
                      PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS | PCRE2_MATCH_INVALID_UTF, &errorCode,
                      &errorOffset, nullptr);
    if (code == nullptr) {
        std::array<PCRE2_UCHAR, 256> buffer{};
        pcre2_get_error_message(errorCode, buffer.data(), buffer.size());
        return Error(Errc::BadInput, "invalid regular expression: " +
                                         std::string(reinterpret_cast<const char*>(buffer.data())) +
                                         " at offset " + std::to_string(errorOffset))
            .mismatch("a PCRE2 pattern", source);
    }
    Pattern p;
    p.source = source;
    p.code.reset(code);
    const int group = pcre2_substring_number_from_name(code, reinterpret_cast<PCRE2_SPTR>("hit"));
    p.hitGroup = group > 0 ? group : -1;
    return p;
}

Result<std::vector<std::string>> stringList(const Json& rule, const char* key)
{
    std::vector<std::string> out;
    if (!rule.contains(key)) {
        return Error(Errc::BadInput, "missing field").at(key);
    }
    if (!rule.at(key).is_array()) {
        return Error(Errc::BadInput, "expected an array of strings").at(key);
    }
    for (const Json& v : rule.at(key)) {
        if (!v.is_string()) {
            return Error(Errc::BadInput, "expected an array of strings").at(key);
        }
        out.push_back(v.get<std::string>());
    }
    return out;
}

Result<Rule> parseRule(const Json& j)
{
    Rule r;
    if (!j.is_object() || !j.contains("id") || !j.at("id").is_string()) {
        return Error(Errc::BadInput, "a rule needs a string \"id\"");
    }
    r.id = j.at("id").get<std::string>();
    auto withRule = [&r](Error e) {
        e.item = "rule '" + r.id + "'" + (e.item.empty() ? "" : ", " + e.item);
        return e;
    };
    const std::string kind = j.value("kind", "pattern");
    static const std::map<std::string, RuleKind, std::less<>> kKinds = {
        {"empty", RuleKind::Empty},     {"length", RuleKind::Length},
        {"tokens", RuleKind::Tokens},   {"vague-verb", RuleKind::VagueVerb},
        {"pattern", RuleKind::Pattern}, {"non-english", RuleKind::NonEnglish}};
    const auto kit = kKinds.find(kind);
    if (kit == kKinds.end()) {
        return withRule(
            Error(Errc::BadInput, "unknown rule kind")
                .at("kind")
                .mismatch("empty, length, tokens, vague-verb, pattern, non-english", kind));
    }
    r.kind = kit->second;
    auto severity = parseSeverity(j.value("severity", "warning"));
    if (!severity) {
        Error e = severity.error();
        e.item = "severity";
        return withRule(std::move(e));
    }
    r.severity = *severity;
    auto message = parseLocalized(j, "message", true);
    if (!message) {
        return withRule(message.error());
    }
    r.message = std::move(*message);
    auto explanation = parseLocalized(j, "explanation", true);
    if (!explanation) {
        return withRule(explanation.error());
    }
    r.explanation = std::move(*explanation);
    auto warningMessage = parseLocalized(j, "warningMessage", false);
    if (!warningMessage) {
        return withRule(warningMessage.error());
    }
    r.warningMessage = std::move(*warningMessage);

    switch (r.kind) {
    case RuleKind::Empty:
        break;
    case RuleKind::Length:
        r.warnFromWords = j.value("warnFromWords", 28);
        r.maxWords = j.value("maxWords", 30);
        if (r.maxWords < 1 || r.warnFromWords < 1 || r.warnFromWords > r.maxWords + 1) {
            return withRule(
                Error(Errc::BadInput, "inconsistent word limits")
                    .at("warnFromWords/maxWords")
                    .mismatch("1 <= warnFromWords <= maxWords + 1",
                              std::to_string(r.warnFromWords) + "/" + std::to_string(r.maxWords)));
        }
        break;
    case RuleKind::Tokens:
        r.reservedTokens = j.value("reservedTokens", 2);
        break;
    case RuleKind::VagueVerb: {
        auto verbs = stringList(j, "verbs");
        auto concrete = stringList(j, "concrete");
        if (!verbs) {
            return withRule(verbs.error());
        }
        if (!concrete) {
            return withRule(concrete.error());
        }
        r.verbs.insert(verbs->begin(), verbs->end());
        r.concrete = std::move(*concrete);
        r.suggestions = j.value("suggestions", "");
        const std::pair<const char*, std::unordered_set<std::string>*> optionalLists[] = {
            {"directions", &r.directions},
            {"directionVerbs", &r.directionVerbs},
            {"phrasal", &r.phrasal},
            {"namedMoveVerbs", &r.namedMoveVerbs},
            {"genericObjects", &r.genericObjects}};
        for (const auto& [key, target] : optionalLists) {
            if (!j.contains(key)) {
                continue;
            }
            auto list = stringList(j, key);
            if (!list) {
                return withRule(list.error());
            }
            target->insert(list->begin(), list->end());
        }
        auto hintMessage = parseLocalized(j, "hintMessage", !r.namedMoveVerbs.empty());
        if (!hintMessage) {
            return withRule(hintMessage.error());
        }
        r.hintMessage = std::move(*hintMessage);
        auto hintExplanation = parseLocalized(j, "hintExplanation", !r.namedMoveVerbs.empty());
        if (!hintExplanation) {
            return withRule(hintExplanation.error());
        }
        r.hintExplanation = std::move(*hintExplanation);
        break;
    }
    case RuleKind::NonEnglish: {
        auto foreign = stringList(j, "foreignWords");
        auto english = stringList(j, "englishWords");
        if (!foreign) {
            return withRule(foreign.error());
        }
        if (!english) {
            return withRule(english.error());
        }
        r.foreignWords.insert(foreign->begin(), foreign->end());
        r.englishWords.insert(english->begin(), english->end());
        break;
    }
    case RuleKind::Pattern: {
        if (!j.contains("patterns") || !j.at("patterns").is_array() || j.at("patterns").empty()) {
            return withRule(Error(Errc::BadInput, "expected a non-empty array").at("patterns"));
        }
        int index = 0;
        for (const Json& pj : j.at("patterns")) {
            std::string source;
            std::optional<LintSeverity> patternSeverity;
            if (pj.is_string()) {
                source = pj.get<std::string>();
            } else if (pj.is_object() && pj.contains("regex") && pj.at("regex").is_string()) {
                source = pj.at("regex").get<std::string>();
                if (pj.contains("severity")) {
                    auto s = parseSeverity(pj.value("severity", ""));
                    if (!s) {
                        Error e = s.error();
                        e.item = "patterns[" + std::to_string(index) + "].severity";
                        return withRule(std::move(e));
                    }
                    patternSeverity = *s;
                }
            } else {
                return withRule(Error(Errc::BadInput, "expected a string or {\"regex\": ...}")
                                    .at("patterns[" + std::to_string(index) + "]"));
            }
            auto pattern = compilePattern(source);
            if (!pattern) {
                Error e = pattern.error();
                e.item = "patterns[" + std::to_string(index) + "]";
                return withRule(std::move(e));
            }
            pattern->severity = patternSeverity;
            r.patterns.push_back(std::move(*pattern));
            ++index;
        }
        if (j.contains("fix") && j.at("fix").is_string()) {
            r.fix = j.at("fix").get<std::string>();
        }
        r.fixConvertsVerb = j.value("fixConvertsVerb", false);
        break;
    }
    }
    return r;
}

bool matchesStem(const std::string& token, const std::string& stem)
{
    if (token == stem) {
        return true;
    }
    if (token.size() > stem.size() && token.compare(0, stem.size(), stem) == 0) {
        static const std::set<std::string, std::less<>> kSuffixes = {
            "s",    "es",   "ed",   "d",   "ing", "er",  "ers", "ting", "ping", "ning", "ming",
            "ging", "ding", "bing", "ped", "ted", "ned", "med", "ged",  "ly",   "ward", "wards"};
        return kSuffixes.contains(std::string_view(token).substr(stem.size()));
    }
    // Silent e: "dance" -> "dancing"/"danced".
    if (stem.size() > 2 && stem.back() == 'e') {
        const std::string base = stem.substr(0, stem.size() - 1);
        return token == base + "ing" || token == base + "ed";
    }
    return false;
}

} // namespace

std::string PromptLinter::Impl::thirdPerson(const std::string& ing) const
{
    if (auto it = ingToThirdPerson.find(ing); it != ingToThirdPerson.end()) {
        return it->second;
    }
    if (ing.size() < 5 || ing.compare(ing.size() - 3, 3, "ing") != 0) {
        return {};
    }
    std::string stem = ing.substr(0, ing.size() - 3);
    const auto n = stem.size();
    auto isVowel = [](char c) { return std::string_view("aeiou").find(c) != std::string::npos; };
    if (n >= 2 && stem[n - 1] == stem[n - 2] && !isVowel(stem[n - 1]) &&
        std::string_view("lsfz").find(stem[n - 1]) == std::string::npos) {
        stem.pop_back(); // running -> run
    }
    const auto m = stem.size();
    auto endsWith = [&stem](std::string_view s) {
        return stem.size() >= s.size() && stem.compare(stem.size() - s.size(), s.size(), s) == 0;
    };
    if (endsWith("s") || endsWith("sh") || endsWith("ch") || endsWith("x") || endsWith("z")) {
        return stem + "es";
    }
    if (m >= 2 && stem[m - 1] == 'y' && !isVowel(stem[m - 2])) {
        return stem.substr(0, m - 1) + "ies";
    }
    return stem + "s";
}

void PromptLinter::Impl::runPattern(const Rule& rule, std::string_view text,
                                    const std::vector<Token>& tokens, const LintOptions& options,
                                    std::vector<LintFinding>& out) const
{
    const std::string& messageTemplate = pick(rule.message, options.language);
    const std::string& explanationTemplate = pick(rule.explanation, options.language);
    for (const Pattern& pattern : rule.patterns) {
        std::unique_ptr<pcre2_match_data, decltype(&pcre2_match_data_free)> match(
            pcre2_match_data_create_from_pattern(pattern.code.get(), nullptr),
            &pcre2_match_data_free);
        PCRE2_SIZE offset = 0;
        while (offset <= text.size()) {
            const int rc =
                pcre2_match(pattern.code.get(), reinterpret_cast<PCRE2_SPTR>(text.data()),
                            text.size(), offset, 0, match.get(), nullptr);
            if (rc < 0) {
                break; // no match (or a matching limit: treat as no match)
            }
            const PCRE2_SIZE* ov = pcre2_get_ovector_pointer(match.get());
            Span span{ov[0], ov[1]};
            if (pattern.hitGroup > 0 && rc > pattern.hitGroup &&
                ov[2 * pattern.hitGroup] != PCRE2_UNSET) {
                span = {ov[2 * pattern.hitGroup], ov[2 * pattern.hitGroup + 1]};
            }
            // Advance past the match; an empty match advances by one code point.
            if (ov[1] > offset) {
                offset = ov[1];
            } else {
                ++offset;
                while (offset < text.size() &&
                       (static_cast<unsigned char>(text[offset]) & 0xC0) == 0x80) {
                    ++offset;
                }
            }
            if (span.end <= span.start) {
                continue;
            }
            const std::string shown = displayText(text, span);
            if (shown.empty()) {
                continue;
            }
            LintFinding f = makeFinding(rule, pattern.severity.value_or(rule.severity), span,
                                        replaceAll(messageTemplate, "{match}", shown),
                                        replaceAll(explanationTemplate, "{match}", shown));
            if (rule.fix) {
                // A connector at the very start has nothing before it to join.
                const bool atStart = text.substr(0, span.start).find_first_not_of(" \t\n,") ==
                                     std::string_view::npos;
                if (!atStart) {
                    std::string fix = *rule.fix;
                    if (rule.fixConvertsVerb) {
                        // "..., while waving" -> "..., then waves".
                        for (const Token& t : tokens) {
                            if (t.span.start < span.end) {
                                continue;
                            }
                            const bool adjacent =
                                text.substr(span.end, t.span.start - span.end)
                                    .find_first_not_of(" \t") == std::string_view::npos;
                            if (adjacent && t.lower.size() > 4 &&
                                t.lower.compare(t.lower.size() - 3, 3, "ing") == 0) {
                                if (const std::string verb = thirdPerson(t.lower); !verb.empty()) {
                                    fix += " " + verb;
                                    f.end = t.span.end;
                                }
                            }
                            break;
                        }
                    }
                    f.fix = std::move(fix);
                }
            }
            out.push_back(std::move(f));
        }
    }
}

namespace {

/// The start of the code point that contains byte `pos` (valid UTF-8).
std::size_t codePointStart(std::string_view text, std::size_t pos)
{
    while (pos > 0 && pos < text.size() && (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80) {
        --pos;
    }
    return pos;
}

// The token rule. With max_length_llm = L and the template's two closing tokens (<|im_end|>,
// "\n"), the reference's truncation (spec 5.1 steps 4 and 6) drops the closing tokens first:
// up to L - 2 user tokens arrive whole and closed, L - 1 and L arrive whole without the closing
// marker (a warning), and from token L + 1 on the text itself is cut (an error).
void lintTokens(const Rule& rule, std::string_view text, const std::vector<Span>& words,
                const LintOptions& options, LintReport& report)
{
    std::optional<std::vector<std::size_t>> ends;
    if (options.tokenEnds) {
        ends = options.tokenEnds(text);
    }
    std::optional<int> count;
    if (ends) {
        count = static_cast<int>(ends->size());
    } else if (options.countTokens) {
        count = options.countTokens(text);
    }
    if (!count) {
        return;
    }
    report.tokens = *count;
    const int kept = std::max(1, options.maxTextTokens);
    const int intact = std::max(0, kept - rule.reservedTokens);
    if (*count <= intact) {
        return;
    }
    const bool cut = *count > kept;
    // Tokens [0, flaggedFrom) are unaffected.
    const int flaggedFrom = cut ? kept : intact;
    std::size_t start = 0;
    if (ends) {
        start = flaggedFrom > 0 ? (*ends)[static_cast<std::size_t>(flaggedFrom - 1)] : 0;
        start = codePointStart(text, start);
    } else {
        // Only counts: the first word whose prefix has more than flaggedFrom tokens.
        std::size_t lo = 0;
        std::size_t hi = words.size();
        while (lo < hi) {
            const std::size_t mid = (lo + hi) / 2;
            const auto c = options.countTokens(text.substr(0, words[mid].end));
            if (c && *c <= flaggedFrom) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        start = lo < words.size() ? words[lo].start : words.back().start;
    }
    // Underline from the first visible character (Qwen3 tokens carry their leading space).
    std::size_t end = text.find_last_not_of(" \t\r\n");
    end = end == std::string_view::npos ? text.size() : end + 1;
    while (start < end && (text[start] == ' ' || text[start] == '\t' || text[start] == '\r' ||
                           text[start] == '\n')) {
        ++start;
    }
    if (start >= end) {
        start = words.back().start;
        end = std::max(end, words.back().end);
    }
    const std::string& language = options.language;
    const std::string& templ = cut || rule.warningMessage.empty()
                                   ? pick(rule.message, language)
                                   : pick(rule.warningMessage, language);
    auto fill = [&](std::string s) {
        s = replaceAll(std::move(s), "{tokens}", std::to_string(*count));
        s = replaceAll(std::move(s), "{limit}", std::to_string(intact));
        s = replaceAll(std::move(s), "{first}", std::to_string(intact + 1));
        s = replaceAll(std::move(s), "{cutFrom}", std::to_string(kept + 1));
        return replaceAll(std::move(s), "{max}", std::to_string(kept));
    };
    report.findings.push_back(makeFinding(rule, cut ? LintSeverity::Error : LintSeverity::Warning,
                                          {start, end}, fill(templ),
                                          fill(pick(rule.explanation, language))));
}

// The vague-verb rule: a listed verb with no concrete action (or body part) after it in the
// same sentence. Directions count only after verbs of looking ("looks left"), particles only in
// listed phrasal verbs ("gets up"); "performs a plié" (a named move the lists do not know)
// is a hint.
void lintVagueVerbs(const Rule& rule, std::string_view text, const std::vector<Token>& tokens,
                    const LintOptions& options, std::vector<LintFinding>& out)
{
    static const std::unordered_set<std::string> kDeterminers = {
        "a",  "an",   "the",  "his",  "her",  "their", "its",
        "my", "your", "this", "that", "some", "one"};
    const std::string& language = options.language;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const std::string& verb = tokens[i].lower;
        if (!rule.verbs.contains(verb)) {
            continue;
        }
        if (i > 0 && !tokens[i].sentenceBreakBefore && kDeterminers.contains(tokens[i - 1].lower)) {
            continue; // a noun: "takes a look", "in the act"
        }
        const bool nextInSentence = i + 1 < tokens.size() && !tokens[i + 1].sentenceBreakBefore;
        if (nextInSentence && rule.phrasal.contains(verb + " " + tokens[i + 1].lower)) {
            continue;
        }
        const bool directionsCount = rule.directionVerbs.contains(verb);
        bool concreteFollows = false;
        for (std::size_t k = i + 1; k < tokens.size() && !tokens[k].sentenceBreakBefore; ++k) {
            if (directionsCount && rule.directions.contains(tokens[k].lower)) {
                concreteFollows = true;
                break;
            }
            for (const std::string& stem : rule.concrete) {
                if (matchesStem(tokens[k].lower, stem)) {
                    concreteFollows = true;
                    break;
                }
            }
            if (concreteFollows) {
                break;
            }
        }
        if (concreteFollows) {
            continue;
        }
        // "performs a plié", "does the haka": probably a named move the lists do not know.
        Span span = tokens[i].span;
        bool namedMove = false;
        if (rule.namedMoveVerbs.contains(verb) && nextInSentence) {
            std::size_t k = i + 1;
            if (kDeterminers.contains(tokens[k].lower) && k + 1 < tokens.size() &&
                !tokens[k + 1].sentenceBreakBefore) {
                ++k;
            }
            const std::string& object = tokens[k].lower;
            const bool isDeterminerOnly = kDeterminers.contains(object);
            if (!isDeterminerOnly && !rule.genericObjects.contains(object)) {
                namedMove = true;
                span.end = tokens[k].span.end;
            }
        }
        const std::string shown = displayText(text, span);
        auto fill = [&](std::string s) {
            s = replaceAll(std::move(s), "{match}", shown);
            return replaceAll(std::move(s), "{suggestions}", rule.suggestions);
        };
        if (namedMove) {
            out.push_back(makeFinding(rule, LintSeverity::Hint, span,
                                      fill(pick(rule.hintMessage, language)),
                                      fill(pick(rule.hintExplanation, language))));
        } else {
            out.push_back(makeFinding(rule, rule.severity, span, fill(pick(rule.message, language)),
                                      fill(pick(rule.explanation, language))));
        }
    }
}

} // namespace

TokenCounter makeTokenCounter(std::shared_ptr<const BpeTokenizer> tokenizer)
{
    PW_ASSERT(tokenizer != nullptr);
    return [tokenizer = std::move(tokenizer)](std::string_view text) -> std::optional<int> {
        auto ids = tokenizer->encode(text);
        if (!ids) {
            return std::nullopt;
        }
        return static_cast<int>(ids->size());
    };
}

TokenSplitter makeTokenSplitter(std::shared_ptr<const BpeTokenizer> tokenizer)
{
    PW_ASSERT(tokenizer != nullptr);
    return [tokenizer = std::move(tokenizer)](
               std::string_view text) -> std::optional<std::vector<std::size_t>> {
        auto ids = tokenizer->encode(text);
        if (!ids) {
            return std::nullopt;
        }
        std::vector<std::size_t> ends;
        ends.reserve(ids->size());
        std::size_t at = 0;
        for (const std::int32_t id : *ids) {
            const std::string bytes = tokenizer->tokenBytes(id);
            if (bytes.empty() || text.substr(at, bytes.size()) != bytes) {
                return std::nullopt; // a normaliser changed the text: no byte mapping
            }
            at += bytes.size();
            ends.push_back(at);
        }
        if (at != text.size()) {
            return std::nullopt;
        }
        return ends;
    };
}

// --- PromptLinter -------------------------------------------------------------------------------

const char* lintSeverityName(LintSeverity severity) noexcept
{
    switch (severity) {
    case LintSeverity::Hint:
        return "hint";
    case LintSeverity::Warning:
        return "warning";
    case LintSeverity::Error:
        return "error";
    }
    return "hint";
}

bool LintReport::hasErrors() const
{
    return count(LintSeverity::Error) > 0;
}

int LintReport::count(LintSeverity severity) const
{
    return static_cast<int>(
        std::count_if(findings.begin(), findings.end(),
                      [severity](const LintFinding& f) { return f.severity == severity; }));
}

PromptLinter::PromptLinter(std::shared_ptr<const Impl> impl) : m_impl(std::move(impl)) {}

Result<PromptLinter> PromptLinter::fromJson(std::string_view json, const std::string& label)
{
    Json doc = Json::parse(json, nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) {
        return Error(Errc::BadInput, "the lint rules are not a valid JSON object").inFile(label);
    }
    if (!doc.contains("rules") || !doc.at("rules").is_array()) {
        return Error(Errc::BadInput, "missing the \"rules\" array").inFile(label).at("rules");
    }
    auto impl = std::make_shared<Impl>();
    std::set<std::string, std::less<>> ids;
    for (const Json& rj : doc.at("rules")) {
        auto rule = parseRule(rj);
        if (!rule) {
            Error e = rule.error();
            e.file = label;
            return e;
        }
        if (!ids.insert(rule->id).second) {
            return Error(Errc::BadInput, "duplicate rule id").inFile(label).at(rule->id);
        }
        impl->rules.push_back(std::move(*rule));
    }
    if (doc.contains("ingToThirdPerson") && doc.at("ingToThirdPerson").is_object()) {
        for (const auto& [k, v] : doc.at("ingToThirdPerson").items()) {
            if (v.is_string()) {
                impl->ingToThirdPerson[k] = v.get<std::string>();
            }
        }
    }
    return PromptLinter(std::move(impl));
}

std::string_view PromptLinter::builtinJson()
{
    return {reinterpret_cast<const char*>(detail::kLintRulesJson), detail::kLintRulesJsonSize};
}

const PromptLinter& PromptLinter::builtin()
{
    static const PromptLinter kBuiltin = [] {
        auto linter = fromJson(builtinJson(), "resources/lint/rules.json");
        // The embedded rules are part of the build and covered by tests: a failure is a bug.
        if (!linter) {
            detail::assertFailed(linter.error().describe().c_str(), __FILE__, __LINE__);
        }
        return std::move(linter).value();
    }();
    return kBuiltin;
}

std::vector<std::string> PromptLinter::ruleIds() const
{
    std::vector<std::string> ids;
    for (const Rule& r : m_impl->rules) {
        ids.push_back(r.id);
    }
    return ids;
}

Result<LintReport> PromptLinter::lint(std::string_view text, const LintOptions& options) const
{
    if (auto valid = validateUtf8(text, "prompt"); !valid) {
        return valid.error();
    }
    LintReport report;
    const std::vector<CodePoint> cps = decode(text);
    const std::vector<Span> words = countedWords(cps);
    report.words = static_cast<int>(words.size());
    const std::vector<Token> tokens = lexicalTokens(text, cps);
    const std::string& lang = options.language;
    std::vector<LintFinding>& out = report.findings;
    const bool blank = words.empty();

    for (const Rule& rule : m_impl->rules) {
        const std::string& message = pick(rule.message, lang);
        const std::string& explanation = pick(rule.explanation, lang);
        switch (rule.kind) {
        case RuleKind::Empty:
            if (blank) {
                out.push_back(
                    makeFinding(rule, rule.severity, {0, text.size()}, message, explanation));
            }
            break;
        case RuleKind::Length: {
            const int n = report.words;
            if (n < rule.warnFromWords) {
                break;
            }
            const bool tooLong = n > rule.maxWords;
            const int firstFlagged = tooLong ? rule.maxWords : rule.warnFromWords - 1;
            const Span span{words[static_cast<std::size_t>(firstFlagged)].start, words.back().end};
            const std::string& templ =
                tooLong || rule.warningMessage.empty() ? message : pick(rule.warningMessage, lang);
            auto fill = [&](std::string s) {
                s = replaceAll(std::move(s), "{words}", std::to_string(n));
                s = replaceAll(std::move(s), "{max}", std::to_string(rule.maxWords));
                return replaceAll(std::move(s), "{warn}", std::to_string(rule.warnFromWords));
            };
            out.push_back(makeFinding(rule, tooLong ? LintSeverity::Error : LintSeverity::Warning,
                                      span, fill(templ), fill(explanation)));
            break;
        }
        case RuleKind::Tokens:
            if (!blank) {
                lintTokens(rule, text, words, options, report);
            }
            break;
        case RuleKind::VagueVerb:
            lintVagueVerbs(rule, text, tokens, options, out);
            break;
        case RuleKind::Pattern:
            if (!blank) {
                m_impl->runPattern(rule, text, tokens, options, out);
            }
            break;
        case RuleKind::NonEnglish: {
            // Runs of letters from non-Latin scripts (CJK, Cyrillic, Arabic...), joined across
            // spaces and punctuation as long as no Latin letter comes between.
            bool inRun = false;
            Span run;
            auto flush = [&] {
                if (inRun) {
                    out.push_back(makeFinding(rule, rule.severity, run, message, explanation));
                    inRun = false;
                }
            };
            for (const CodePoint& cp : cps) {
                if (isLetter(cp.value)) {
                    if (!isLatinLetter(cp.value)) {
                        if (inRun) {
                            run.end = cp.end;
                        } else {
                            run = Span{cp.start, cp.end};
                            inRun = true;
                        }
                    } else {
                        flush();
                    }
                } else if (inRun && isMark(cp.value)) {
                    run.end = cp.end;
                }
            }
            flush();
            // Latin-script text in another language: more foreign than English function words.
            int foreign = 0;
            int english = 0;
            for (const Token& t : tokens) {
                foreign += rule.foreignWords.contains(t.lower) ? 1 : 0;
                english += rule.englishWords.contains(t.lower) ? 1 : 0;
            }
            if (foreign >= 2 && foreign > english && !words.empty()) {
                const bool alreadyWhole = std::any_of(out.begin(), out.end(), [&](const auto& f) {
                    return f.rule == rule.id && f.start <= words.front().start &&
                           f.end >= words.back().end;
                });
                if (!alreadyWhole) {
                    out.push_back(makeFinding(rule, rule.severity,
                                              {words.front().start, words.back().end}, message,
                                              explanation));
                }
            }
            break;
        }
        }
        if (blank && rule.kind == RuleKind::Empty && !out.empty()) {
            return report; // nothing else to say about an empty prompt
        }
    }

    // One finding per rule and span: keep the most severe (e.g. a subject animal also matches
    // the general animal pattern).
    std::stable_sort(out.begin(), out.end(), [](const LintFinding& a, const LintFinding& b) {
        if (a.start != b.start) {
            return a.start < b.start;
        }
        if (a.severity != b.severity) {
            return a.severity > b.severity;
        }
        return a.end > b.end;
    });
    std::vector<LintFinding> unique;
    for (LintFinding& f : out) {
        const bool duplicate = std::any_of(unique.begin(), unique.end(), [&f](const auto& u) {
            return u.rule == f.rule && u.start < f.end && f.start < u.end;
        });
        if (!duplicate) {
            unique.push_back(std::move(f));
        }
    }
    out = std::move(unique);
    return report;
}

int countPromptWords(std::string_view text)
{
    return static_cast<int>(countedWords(decode(text)).size());
}

std::string applyLintFix(std::string_view text, const LintFinding& finding)
{
    if (!finding.fix || finding.start > finding.end || finding.end > text.size()) {
        return std::string(text);
    }
    std::string out(text.substr(0, finding.start));
    out += *finding.fix;
    out += text.substr(finding.end);
    return out;
}

std::string lintReportToJson(const LintReport& report, int indent)
{
    // Ordered so the output reads in the documented key order.
    using OJson = nlohmann::ordered_json;
    OJson j;
    j["words"] = report.words;
    j["tokens"] = report.tokens ? OJson(*report.tokens) : OJson(nullptr);
    j["findings"] = OJson::array();
    for (const LintFinding& f : report.findings) {
        OJson fj;
        fj["rule"] = f.rule;
        fj["severity"] = lintSeverityName(f.severity);
        fj["start"] = f.start;
        fj["end"] = f.end;
        fj["message"] = f.message;
        fj["fix"] = f.fix ? OJson(*f.fix) : OJson(nullptr);
        j["findings"].push_back(std::move(fj));
    }
    return j.dump(indent, ' ', false, OJson::error_handler_t::replace);
}

} // namespace pw
