// SPDX-License-Identifier: Apache-2.0
#include "bpe_common.h"
#include <utf8proc.h>

#include <pw/core/atomic_file.h>
#include <pw/core/clip_tokenizer.h>
#include <pw/core/utf8.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <sstream>
#include <unordered_map>

namespace pw {
namespace {

using nlohmann::json;

// CLIP's word pattern (transformers' CLIPTokenizer, case-insensitive).
constexpr std::string_view kClipPattern =
    R"(<\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+)";
constexpr std::string_view kStartText = "<|startoftext|>";
constexpr std::string_view kEndText = "<|endoftext|>";
// The reference reads only this many merges (49152 - 256 - 2 lines after the header).
constexpr std::size_t kMaxMerges = 49152 - 256 - 2;

utf8proc_category_t category(char32_t c)
{
    return utf8proc_category(static_cast<utf8proc_int32_t>(c));
}

// BasicTokenizer._is_control: \t \n \r are not, any "C*" category is.
bool isControl(char32_t c)
{
    if (c == '\t' || c == '\n' || c == '\r') {
        return false;
    }
    switch (category(c)) {
    case UTF8PROC_CATEGORY_CC:
    case UTF8PROC_CATEGORY_CF:
    case UTF8PROC_CATEGORY_CN:
    case UTF8PROC_CATEGORY_CO:
    case UTF8PROC_CATEGORY_CS:
        return true;
    default:
        return false;
    }
}

// BasicTokenizer._is_whitespace: space, \t, \n, \r or category Zs.
bool isBasicWhitespace(char32_t c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || category(c) == UTF8PROC_CATEGORY_ZS;
}

// What Python's str.split() splits on among the characters that survive cleaning.
bool isPythonSpace(char32_t c)
{
    return c == ' ' || c == 0x2028 || c == 0x2029 || category(c) == UTF8PROC_CATEGORY_ZS;
}

bool isCjk(char32_t cp)
{
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
           (cp >= 0x20000 && cp <= 0x2A6DF) || (cp >= 0x2A700 && cp <= 0x2B73F) ||
           (cp >= 0x2B740 && cp <= 0x2B81F) || (cp >= 0x2B820 && cp <= 0x2CEAF) ||
           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x2F800 && cp <= 0x2FA1F);
}

bool isCased(char32_t c)
{
    const auto cat = category(c);
    return cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LL ||
           cat == UTF8PROC_CATEGORY_LT || utf8proc_islower(static_cast<utf8proc_int32_t>(c)) ||
           utf8proc_isupper(static_cast<utf8proc_int32_t>(c));
}

bool isCaseIgnorable(char32_t c)
{
    switch (category(c)) {
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_CF:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_SK:
        return true;
    default:
        break;
    }
    // Word_Break MidLetter / MidNumLet / Single_Quote.
    return c == 0x27 || c == 0x2E || c == 0x3A || c == 0xB7 || c == 0x387 || c == 0x55F ||
           c == 0x5F4 || c == 0x2018 || c == 0x2019 || c == 0x2024 || c == 0x2027 || c == 0xFE13 ||
           c == 0xFE52 || c == 0xFE55 || c == 0xFF07 || c == 0xFF0E || c == 0xFF1A;
}

// Python's str.lower(): full lower-case mapping, i.e. the simple mapping plus U+0130 -> "i̇" and
// the final-sigma rule.
std::string pythonLower(const std::u32string& word)
{
    std::string out;
    for (std::size_t i = 0; i < word.size(); ++i) {
        const char32_t c = word[i];
        if (c < 0x80) {
            out += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
            continue;
        }
        if (c == 0x130) {
            out += "i\xCC\x87";
            continue;
        }
        if (c == 0x3A3) {
            std::size_t j = i;
            bool finalSigma = false;
            while (j > 0 && isCaseIgnorable(word[j - 1])) {
                --j;
            }
            if (j > 0 && isCased(word[j - 1])) {
                std::size_t k = i + 1;
                while (k < word.size() && isCaseIgnorable(word[k])) {
                    ++k;
                }
                finalSigma = k == word.size() || !isCased(word[k]);
            }
            appendUtf8(out, finalSigma ? 0x3C2 : 0x3C3);
            continue;
        }
        appendUtf8(out, static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(c))));
    }
    return out;
}

std::string nfc(const std::string& text)
{
    if (std::all_of(text.begin(), text.end(), [](char c) { return (c & 0x80) == 0; })) {
        return text;
    }
    utf8proc_uint8_t* result = nullptr;
    const utf8proc_ssize_t len =
        utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                     static_cast<utf8proc_ssize_t>(text.size()), &result,
                     static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
    if (len < 0) {
        fail(Errc::InvalidArgument,
             std::string("Unicode normalisation failed: ") + utf8proc_errmsg(len));
    }
    std::string out(reinterpret_cast<const char*>(result), static_cast<std::size_t>(len));
    std::free(result);
    return out;
}

std::u32string toU32(std::string_view text)
{
    std::u32string out;
    out.reserve(text.size());
    std::size_t pos = 0;
    while (pos < text.size()) {
        out.push_back(decodeUtf8(text, pos));
    }
    return out;
}

// transformers' BasicTokenizer(strip_accents=False, do_split_on_punc=False).tokenize joined by
// spaces.
std::string basicClean(std::string_view text)
{
    std::string cleaned;
    cleaned.reserve(text.size() + 8);
    std::size_t pos = 0;
    while (pos < text.size()) {
        const char32_t c = decodeUtf8(text, pos);
        if (c == 0 || c == 0xFFFD || isControl(c)) {
            continue;
        }
        if (isBasicWhitespace(c)) {
            cleaned += ' ';
        } else if (isCjk(c)) {
            cleaned += ' ';
            appendUtf8(cleaned, c);
            cleaned += ' ';
        } else {
            appendUtf8(cleaned, c);
        }
    }
    const std::u32string normalized = toU32(nfc(cleaned));
    std::string out;
    std::u32string word;
    auto flush = [&] {
        if (!word.empty()) {
            if (!out.empty()) {
                out += ' ';
            }
            out += pythonLower(word);
            word.clear();
        }
    };
    for (const char32_t c : normalized) {
        if (isPythonSpace(c)) {
            flush();
        } else {
            word.push_back(c);
        }
    }
    flush();
    return out;
}

std::string specialToken(const json& config, const char* key, std::string fallback, bool& lstrip,
                         bool& rstrip)
{
    if (!config.is_object() || !config.contains(key)) {
        return fallback;
    }
    const json& v = config[key];
    if (v.is_string()) {
        return v.get<std::string>();
    }
    if (v.is_object() && v.contains("content") && v["content"].is_string()) {
        lstrip = v.value("lstrip", false);
        rstrip = v.value("rstrip", false);
        return v["content"].get<std::string>();
    }
    return fallback;
}

struct Special
{
    std::string content;
    std::int32_t id = 0;
    bool lstrip = false;
    bool rstrip = false;
};

std::string pyStrip(std::string_view s, bool left, bool right)
{
    std::size_t b = 0;
    std::size_t e = s.size();
    auto isWs = [](unsigned char c) { return c == ' ' || (c >= 0x09 && c <= 0x0D); };
    if (left) {
        while (b < e && isWs(static_cast<unsigned char>(s[b]))) {
            ++b;
        }
    }
    if (right) {
        while (e > b && isWs(static_cast<unsigned char>(s[e - 1]))) {
            --e;
        }
    }
    return std::string(s.substr(b, e - b));
}

} // namespace

struct ClipTokenizer::Impl
{
    std::unordered_map<std::string, std::int32_t> vocab;
    // BPE symbols: every byte-level character (alone and with "</w>") and every merge part and
    // result, interned; merges run on symbol ids, then symbols map to vocabulary ids.
    std::unordered_map<std::string, std::int32_t> symbolIds;
    std::vector<std::int32_t> symbolToVocab;
    std::array<std::int32_t, 256> byteSymbol{};
    std::array<std::int32_t, 256> byteEndSymbol{};
    detail::BpeMerges merges;
    std::size_t mergeCount = 0;
    std::vector<Special> specials; // longest first
    std::int32_t startId = 0;
    std::int32_t endId = 0;
    std::int32_t padId = 0;
    std::int32_t unkId = 0;
    detail::Regex pattern;
    mutable detail::WordCache cache;

    std::int32_t intern(const std::string& symbol)
    {
        const auto [it, inserted] =
            symbolIds.emplace(symbol, static_cast<std::int32_t>(symbolToVocab.size()));
        if (inserted) {
            const auto v = vocab.find(symbol);
            symbolToVocab.push_back(v == vocab.end() ? -1 : v->second);
        }
        return it->second;
    }

    void bpeWord(std::string_view bytes, std::vector<std::int32_t>& out) const;
    void tokenizePiece(std::string_view text, std::vector<std::int32_t>& out) const;
};

void ClipTokenizer::Impl::bpeWord(std::string_view bytes, std::vector<std::int32_t>& out) const
{
    if (bytes == kStartText || bytes == kEndText) {
        // The reference pre-seeds its BPE cache with these two: they map to themselves.
        const auto it = vocab.find(std::string(bytes));
        out.push_back(it == vocab.end() ? unkId : it->second);
        return;
    }
    if (auto hit = cache.find(bytes)) {
        out.insert(out.end(), hit->begin(), hit->end());
        return;
    }
    std::vector<std::int32_t> symbols;
    symbols.reserve(bytes.size());
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        const auto b = static_cast<unsigned char>(bytes[i]);
        symbols.push_back(i + 1 == bytes.size() ? byteEndSymbol[b] : byteSymbol[b]);
    }
    merges.apply(symbols, detail::BpeMerges::Order::RankPasses);
    std::vector<std::int32_t> ids;
    ids.reserve(symbols.size());
    for (const std::int32_t s : symbols) {
        const std::int32_t v = symbolToVocab[static_cast<std::size_t>(s)];
        ids.push_back(v >= 0 ? v : unkId);
    }
    cache.insert(bytes, ids);
    out.insert(out.end(), ids.begin(), ids.end());
}

void ClipTokenizer::Impl::tokenizePiece(std::string_view text, std::vector<std::int32_t>& out) const
{
    const std::string cleaned = basicClean(text);
    pattern.forEachMatch(cleaned, [&](std::size_t begin, std::size_t end) {
        bpeWord(std::string_view(cleaned).substr(begin, end - begin), out);
    });
}

ClipTokenizer::ClipTokenizer(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
ClipTokenizer::ClipTokenizer(ClipTokenizer&&) noexcept = default;
ClipTokenizer& ClipTokenizer::operator=(ClipTokenizer&&) noexcept = default;
ClipTokenizer::~ClipTokenizer() = default;

Result<ClipTokenizer> ClipTokenizer::load(const std::filesystem::path& dir)
{
    return guard([&]() -> ClipTokenizer {
        auto impl = std::make_unique<Impl>();
        const auto vocabPath = dir / "vocab.json";
        const auto mergesPath = dir / "merges.txt";
        std::error_code ec;
        for (const auto& p : {vocabPath, mergesPath}) {
            if (!std::filesystem::exists(p, ec)) {
                fail(Error(Errc::FileNotFound, "CLIP tokenizer file not found (a Hugging Face "
                                               "CLIP folder has vocab.json and merges.txt)")
                         .inFile(p.string()));
            }
        }
        auto readJson = [](const std::filesystem::path& p) {
            const std::string text = readWholeFile(p).value();
            try {
                return json::parse(text);
            } catch (const json::exception& e) {
                fail(Error(Errc::BadModelFile, std::string("malformed JSON: ") + e.what())
                         .inFile(p.string()));
            }
        };

        const json vocab = readJson(vocabPath);
        if (!vocab.is_object() || vocab.empty()) {
            fail(Error(Errc::BadModelFile, "expected a non-empty object of token -> id")
                     .inFile(vocabPath.string()));
        }
        for (const auto& [token, id] : vocab.items()) {
            if (!id.is_number_integer() || id.get<std::int64_t>() < 0 ||
                id.get<std::int64_t>() > INT32_MAX) {
                fail(Error(Errc::BadModelFile, "vocabulary ids must be non-negative integers")
                         .inFile(vocabPath.string())
                         .at(token));
            }
            impl->vocab.emplace(token, static_cast<std::int32_t>(id.get<std::int64_t>()));
        }

        // Special tokens (read before merges: unknown pieces map to unk).
        json config = json::object();
        for (const char* name : {"special_tokens_map.json", "tokenizer_config.json"}) {
            if (std::filesystem::exists(dir / name, ec)) {
                const json j = readJson(dir / name);
                if (j.is_object()) {
                    for (const auto& [k, v] : j.items()) {
                        config[k] = v; // tokenizer_config.json wins, as transformers reads it last
                    }
                }
            }
        }
        auto special = [&](const char* key, std::string_view fallback) {
            Special s;
            s.content = specialToken(config, key, std::string(fallback), s.lstrip, s.rstrip);
            const auto it = impl->vocab.find(s.content);
            if (it == impl->vocab.end()) {
                fail(Error(Errc::BadModelFile,
                           std::string("the ") + key + " is not in the vocabulary")
                         .inFile(vocabPath.string())
                         .at(key)
                         .mismatch("a token of vocab.json", "\"" + s.content + "\""));
            }
            s.id = it->second;
            return s;
        };
        const Special bos = special("bos_token", kStartText);
        const Special eos = special("eos_token", kEndText);
        const Special pad = special("pad_token", kEndText);
        const Special unk = special("unk_token", kEndText);
        impl->startId = bos.id;
        impl->endId = eos.id;
        impl->padId = pad.id;
        impl->unkId = unk.id;
        for (const Special& s : {bos, eos, pad, unk}) {
            const bool seen = std::any_of(impl->specials.begin(), impl->specials.end(),
                                          [&](const Special& o) { return o.content == s.content; });
            if (!seen) {
                impl->specials.push_back(s);
            }
        }
        std::stable_sort(
            impl->specials.begin(), impl->specials.end(),
            [](const Special& a, const Special& b) { return a.content.size() > b.content.size(); });

        // Symbols: byte-level characters, alone and as word ends.
        for (std::size_t b = 0; b < 256; ++b) {
            const std::string& ch = detail::byteToUnicodeUtf8()[b];
            impl->byteSymbol[b] = impl->intern(ch);
            impl->byteEndSymbol[b] = impl->intern(ch + "</w>");
        }

        // Merges: the first line (the "#version" header) is skipped, as in the reference.
        // Like the reference, strip the whole text first, then skip its first line.
        const std::string mergesText = pyStrip(readWholeFile(mergesPath).value(), true, true);
        std::istringstream lines(mergesText);
        std::string line;
        std::size_t lineNo = 0;
        int rank = 0;
        bool first = true;
        while (std::getline(lines, line)) {
            ++lineNo;
            if (first) {
                first = false;
                continue;
            }
            if (impl->mergeCount >= kMaxMerges) {
                break;
            }
            std::istringstream parts(line);
            std::vector<std::string> tokens;
            for (std::string t; parts >> t;) {
                tokens.push_back(t);
            }
            const std::string where = "line " + std::to_string(lineNo);
            if (tokens.size() != 2) {
                fail(Error(Errc::BadModelFile, "malformed merge: expected two tokens")
                         .inFile(mergesPath.string())
                         .at(where)
                         .mismatch("\"left right\"", "\"" + line + "\""));
            }
            for (const std::string& t : {tokens[0], tokens[1], tokens[0] + tokens[1]}) {
                if (impl->vocab.find(t) == impl->vocab.end()) {
                    fail(Error(Errc::BadModelFile,
                               "merges.txt and vocab.json do not match: a merge token is not "
                               "in the vocabulary")
                             .inFile(mergesPath.string())
                             .at(where)
                             .mismatch("a token of vocab.json", "\"" + t + "\""));
                }
            }
            const std::int32_t l = impl->intern(tokens[0]);
            const std::int32_t r = impl->intern(tokens[1]);
            const std::int32_t m = impl->intern(tokens[0] + tokens[1]);
            impl->merges.add(l, r, rank++, m);
            ++impl->mergeCount;
        }
        if (impl->mergeCount == 0) {
            fail(Error(Errc::BadModelFile, "no merges after the header line")
                     .inFile(mergesPath.string()));
        }
        impl->pattern = detail::Regex::compile(kClipPattern, true).value();
        return ClipTokenizer(std::move(impl));
    });
}

Result<std::vector<std::int32_t>> ClipTokenizer::encode(std::string_view text) const
{
    if (auto valid = validateUtf8(text, "text"); !valid) {
        return std::move(valid).error();
    }
    return guard([&] {
        // Special tokens are split out first (the slow tokenizer's added-token trie).
        std::vector<std::string> pieces;
        std::vector<std::int32_t> pieceIds; // -1: text
        std::size_t plainStart = 0;
        std::size_t i = 0;
        while (i < text.size()) {
            const Special* match = nullptr;
            for (const Special& s : m_impl->specials) {
                if (text.compare(i, s.content.size(), s.content) == 0) {
                    match = &s;
                    break;
                }
            }
            if (match == nullptr) {
                ++i;
                continue;
            }
            pieces.emplace_back(text.substr(plainStart, i - plainStart));
            pieceIds.push_back(-1);
            pieces.emplace_back();
            pieceIds.push_back(match->id);
            i += match->content.size();
            plainStart = i;
        }
        pieces.emplace_back(text.substr(plainStart));
        pieceIds.push_back(-1);
        // lstrip/rstrip of special tokens strip the neighbouring text.
        for (std::size_t k = 0; k < pieces.size(); ++k) {
            if (pieceIds[k] < 0) {
                continue;
            }
            const Special* s = nullptr;
            for (const Special& c : m_impl->specials) {
                if (c.id == pieceIds[k]) {
                    s = &c;
                }
            }
            if (s != nullptr && s->rstrip && k + 1 < pieces.size()) {
                pieces[k + 1] = pyStrip(pieces[k + 1], true, false);
            }
            if (s != nullptr && s->lstrip && k > 0) {
                pieces[k - 1] = pyStrip(pieces[k - 1], false, true);
            }
        }
        std::vector<std::int32_t> ids;
        for (std::size_t k = 0; k < pieces.size(); ++k) {
            if (pieceIds[k] >= 0) {
                ids.push_back(pieceIds[k]);
            } else if (!pieces[k].empty()) {
                m_impl->tokenizePiece(pieces[k], ids);
            }
        }
        return ids;
    });
}

Result<std::vector<std::int32_t>> ClipTokenizer::encodeForModel(std::string_view text,
                                                                int maxLength) const
{
    if (maxLength < 2) {
        return Error(Errc::InvalidArgument, "CLIP max length must leave room for start and end")
            .at("maxLength")
            .mismatch(">= 2", std::to_string(maxLength));
    }
    auto ids = encode(text);
    if (!ids) {
        return std::move(ids).error();
    }
    std::vector<std::int32_t> out;
    const std::size_t keep = std::min(ids->size(), static_cast<std::size_t>(maxLength - 2));
    out.reserve(keep + 2);
    out.push_back(m_impl->startId);
    out.insert(out.end(), ids->begin(), ids->begin() + static_cast<std::ptrdiff_t>(keep));
    out.push_back(m_impl->endId);
    return out;
}

Result<TokenBatch> ClipTokenizer::encodeBatch(std::span<const std::string> texts,
                                              int maxLength) const
{
    std::vector<std::vector<std::int32_t>> rows;
    rows.reserve(texts.size());
    std::size_t longest = 0;
    for (const std::string& t : texts) {
        auto ids = encodeForModel(t, maxLength);
        if (!ids) {
            return std::move(ids).error();
        }
        longest = std::max(longest, ids->size());
        rows.push_back(std::move(*ids));
    }
    TokenBatch batch;
    batch.batch = static_cast<int>(rows.size());
    batch.length = static_cast<int>(longest);
    batch.ids.assign(rows.size() * longest, m_impl->padId);
    batch.mask.assign(rows.size() * longest, 0);
    for (std::size_t r = 0; r < rows.size(); ++r) {
        std::copy(rows[r].begin(), rows[r].end(), batch.ids.begin() + r * longest);
        std::fill_n(batch.mask.begin() + r * longest, rows[r].size(), 1);
        batch.realTokens.push_back(static_cast<int>(rows[r].size()));
    }
    return batch;
}

std::int32_t ClipTokenizer::startId() const
{
    return m_impl->startId;
}
std::int32_t ClipTokenizer::endId() const
{
    return m_impl->endId;
}
std::int32_t ClipTokenizer::padId() const
{
    return m_impl->padId;
}
std::int32_t ClipTokenizer::unkId() const
{
    return m_impl->unkId;
}
std::size_t ClipTokenizer::vocabSize() const
{
    return m_impl->vocab.size();
}
std::size_t ClipTokenizer::mergeCount() const
{
    return m_impl->mergeCount;
}

} // namespace pw
