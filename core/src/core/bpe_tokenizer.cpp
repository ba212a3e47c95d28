// SPDX-License-Identifier: Apache-2.0
#include "bpe_common.h"
#include <utf8proc.h>

#include <pw/core/atomic_file.h>
#include <pw/core/bpe_tokenizer.h>
#include <pw/core/utf8.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <bitset>
#include <cstdlib>
#include <unordered_map>

namespace pw {
namespace {

using nlohmann::json;

// GPT-2's pre-tokenizer pattern (ByteLevel with use_regex = true).
constexpr std::string_view kGpt2Pattern =
    R"('s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+)";

bool isWhiteSpace(char32_t c)
{
    return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680 ||
           (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
           c == 0x205F || c == 0x3000;
}

bool isAscii(std::string_view s)
{
    return std::all_of(s.begin(), s.end(), [](char c) { return (c & 0x80) == 0; });
}

struct AddedToken
{
    std::string content;
    std::int32_t id = 0;
    bool lstrip = false;
    bool rstrip = false;
    bool normalized = false;
};

enum class NormForm {
    Nfc,
    Nfd,
    Nfkc,
    Nfkd,
};

struct Segment
{
    std::string text;     ///< text to tokenize (when id < 0)
    std::int32_t id = -1; ///< an added token's id
};

class BadFile
{
  public:
    explicit BadFile(std::string label) : m_label(std::move(label)) {}
    [[noreturn]] void operator()(const std::string& key, const std::string& message) const
    {
        fail(Error(Errc::BadModelFile, message).inFile(m_label).at(key));
    }
    [[noreturn]] void mismatch(const std::string& key, const std::string& message,
                               const std::string& expected, const std::string& found) const
    {
        fail(Error(Errc::BadModelFile, message).inFile(m_label).at(key).mismatch(expected, found));
    }

  private:
    std::string m_label;
};

std::string typeOf(const json& j, const std::string& key, const BadFile& bad)
{
    if (!j.is_object() || !j.contains("type") || !j["type"].is_string()) {
        bad(key, "expected an object with a string \"type\"");
    }
    return j["type"].get<std::string>();
}

bool boolOr(const json& j, const char* key, bool fallback)
{
    const auto it = j.find(key);
    return it != j.end() && it->is_boolean() ? it->get<bool>() : fallback;
}

} // namespace

struct BpeTokenizer::Impl
{
    std::string source;
    std::unordered_map<std::string, std::int32_t> vocab; ///< byte-level spelling -> id
    std::vector<std::string> idBytes;                    ///< id -> raw bytes
    std::array<std::int32_t, 256> byteIds{};             ///< single byte -> id (-1: none)
    detail::BpeMerges merges;
    bool ignoreMerges = false;
    std::vector<AddedToken> added; ///< sorted by content length, longest first
    std::bitset<256> firstBytes;   ///< first bytes of the added tokens
    std::unordered_map<std::string, std::int32_t> addedIds;
    std::vector<NormForm> normalizers;
    std::vector<detail::Regex> splits; ///< pre-tokenizer regexes, applied in order
    mutable detail::WordCache cache;

    std::vector<Segment> splitAdded(std::string_view text, bool normalizedPass) const;
    std::string normalize(std::string_view text) const;
    void encodeWord(std::string_view bytes, std::vector<std::int32_t>& out) const;
    void encodeText(std::string_view text, std::vector<std::int32_t>& out) const;
};

std::vector<Segment> BpeTokenizer::Impl::splitAdded(std::string_view text,
                                                    bool normalizedPass) const
{
    std::vector<Segment> out;
    std::size_t plainStart = 0;
    std::size_t i = 0;
    auto flushPlain = [&](std::size_t end) {
        if (end > plainStart) {
            out.push_back(Segment{std::string(text.substr(plainStart, end - plainStart)), -1});
        }
    };
    while (i < text.size()) {
        if (!firstBytes[static_cast<unsigned char>(text[i])]) {
            ++i;
            continue;
        }
        const AddedToken* match = nullptr;
        // Leftmost-longest: `added` is sorted longest first, so the first hit is the longest.
        for (const AddedToken& t : added) {
            if (t.normalized != normalizedPass) {
                continue;
            }
            if (text.compare(i, t.content.size(), t.content) == 0) {
                match = &t;
                break;
            }
        }
        if (match == nullptr) {
            ++i;
            continue;
        }
        std::size_t begin = i;
        std::size_t end = i + match->content.size();
        if (match->lstrip) {
            // Swallow the whitespace before the token (not past the previous token).
            std::size_t pos = begin;
            while (pos > plainStart) {
                std::size_t prev = pos - 1;
                while (prev > plainStart &&
                       (static_cast<unsigned char>(text[prev]) & 0xC0) == 0x80) {
                    --prev;
                }
                std::size_t probe = prev;
                if (!isWhiteSpace(decodeUtf8(text, probe))) {
                    break;
                }
                pos = prev;
            }
            begin = pos;
        }
        if (match->rstrip) {
            std::size_t pos = end;
            while (pos < text.size()) {
                std::size_t next = pos;
                if (!isWhiteSpace(decodeUtf8(text, next))) {
                    break;
                }
                pos = next;
            }
            end = pos;
        }
        flushPlain(begin);
        out.push_back(Segment{{}, match->id});
        i = end;
        plainStart = end;
    }
    flushPlain(text.size());
    return out;
}

std::string BpeTokenizer::Impl::normalize(std::string_view text) const
{
    std::string current(text);
    for (const NormForm form : normalizers) {
        if (isAscii(current)) {
            break; // every normal form of ASCII text is itself
        }
        int options = UTF8PROC_STABLE;
        switch (form) {
        case NormForm::Nfc:
            options |= UTF8PROC_COMPOSE;
            break;
        case NormForm::Nfd:
            options |= UTF8PROC_DECOMPOSE;
            break;
        case NormForm::Nfkc:
            options |= UTF8PROC_COMPOSE | UTF8PROC_COMPAT;
            break;
        case NormForm::Nfkd:
            options |= UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT;
            break;
        }
        utf8proc_uint8_t* result = nullptr;
        const utf8proc_ssize_t len =
            utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(current.data()),
                         static_cast<utf8proc_ssize_t>(current.size()), &result,
                         static_cast<utf8proc_option_t>(options));
        if (len < 0) {
            fail(Errc::InvalidArgument,
                 std::string("Unicode normalisation failed: ") + utf8proc_errmsg(len));
        }
        current.assign(reinterpret_cast<const char*>(result), static_cast<std::size_t>(len));
        std::free(result);
    }
    return current;
}

void BpeTokenizer::Impl::encodeWord(std::string_view bytes, std::vector<std::int32_t>& out) const
{
    if (auto hit = cache.find(bytes)) {
        out.insert(out.end(), hit->begin(), hit->end());
        return;
    }
    std::vector<std::int32_t> ids;
    bool done = false;
    if (ignoreMerges) {
        const auto it = vocab.find(detail::byteLevelEncode(bytes));
        if (it != vocab.end()) {
            ids.push_back(it->second);
            done = true;
        }
    }
    if (!done) {
        ids.reserve(bytes.size());
        for (const char c : bytes) {
            const std::int32_t id = byteIds[static_cast<unsigned char>(c)];
            if (id >= 0) {
                ids.push_back(id); // bytes missing from the vocabulary are dropped, as in HF
            }
        }
        merges.apply(ids, detail::BpeMerges::Order::LowestRankFirst);
    }
    cache.insert(bytes, ids);
    out.insert(out.end(), ids.begin(), ids.end());
}

void BpeTokenizer::Impl::encodeText(std::string_view text, std::vector<std::int32_t>& out) const
{
    std::vector<std::string> pieces{std::string(text)};
    for (const detail::Regex& regex : splits) {
        std::vector<std::string> next;
        for (const std::string& piece : pieces) {
            std::size_t last = 0;
            regex.forEachMatch(piece, [&](std::size_t begin, std::size_t end) {
                if (begin > last) {
                    next.push_back(piece.substr(last, begin - last)); // Isolated: gaps stay too
                }
                next.push_back(piece.substr(begin, end - begin));
                last = end;
            });
            if (last < piece.size()) {
                next.push_back(piece.substr(last));
            }
        }
        pieces = std::move(next);
    }
    for (const std::string& piece : pieces) {
        encodeWord(piece, out);
    }
}

BpeTokenizer::BpeTokenizer(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
BpeTokenizer::BpeTokenizer(BpeTokenizer&&) noexcept = default;
BpeTokenizer& BpeTokenizer::operator=(BpeTokenizer&&) noexcept = default;
BpeTokenizer::~BpeTokenizer() = default;

Result<BpeTokenizer> BpeTokenizer::load(const std::filesystem::path& path)
{
    std::error_code ec;
    const std::filesystem::path file =
        std::filesystem::is_directory(path, ec) ? path / "tokenizer.json" : path;
    if (!std::filesystem::exists(file, ec)) {
        return Error(Errc::FileNotFound, "tokenizer.json not found").inFile(file.string());
    }
    auto text = readWholeFile(file);
    if (!text) {
        return std::move(text).error();
    }
    return parse(*text, file.string());
}

Result<BpeTokenizer> BpeTokenizer::parse(std::string_view text, const std::string& label)
{
    return guard([&]() -> BpeTokenizer {
        const BadFile bad(label);
        json root;
        try {
            root = json::parse(text.begin(), text.end());
        } catch (const json::exception& e) {
            bad("", std::string("malformed JSON: ") + e.what());
        }
        if (!root.is_object()) {
            bad("", "expected a JSON object (a Hugging Face tokenizer.json)");
        }
        auto impl = std::make_unique<Impl>();
        impl->source = label;

        // --- model ---------------------------------------------------------------------------
        if (!root.contains("model") || !root["model"].is_object()) {
            bad("model", "missing the \"model\" object (not a Hugging Face tokenizer.json?)");
        }
        const json& model = root["model"];
        const std::string modelType = model.contains("type") && model["type"].is_string()
                                          ? model["type"].get<std::string>()
                                          : std::string("BPE");
        if (modelType != "BPE") {
            bad.mismatch("model.type", "unsupported tokenizer model", "BPE", modelType);
        }
        if (!model.contains("vocab") || !model["vocab"].is_object()) {
            bad("model.vocab", "missing the vocabulary object");
        }
        if (!model.contains("merges") || !model["merges"].is_array()) {
            bad("model.merges", "missing the merges array");
        }
        if (model.contains("dropout") && !model["dropout"].is_null()) {
            bad("model.dropout", "BPE dropout is not supported (inference needs determinism)");
        }
        if (boolOr(model, "byte_fallback", false)) {
            bad("model.byte_fallback", "byte_fallback BPE is not supported");
        }
        for (const char* affix : {"continuing_subword_prefix", "end_of_word_suffix"}) {
            if (model.contains(affix) && model[affix].is_string() &&
                !model[affix].get<std::string>().empty()) {
                bad(std::string("model.") + affix, "subword affixes are not supported");
            }
        }
        impl->ignoreMerges = boolOr(model, "ignore_merges", false);

        std::int32_t maxId = -1;
        impl->vocab.reserve(model["vocab"].size());
        for (const auto& [token, idJson] : model["vocab"].items()) {
            if (!idJson.is_number_integer() || idJson.get<std::int64_t>() < 0 ||
                idJson.get<std::int64_t>() > INT32_MAX) {
                bad("model.vocab." + token, "vocabulary ids must be non-negative integers");
            }
            const auto id = static_cast<std::int32_t>(idJson.get<std::int64_t>());
            impl->vocab.emplace(token, id);
            maxId = std::max(maxId, id);
        }
        if (impl->vocab.empty()) {
            bad("model.vocab", "the vocabulary is empty");
        }
        impl->byteIds.fill(-1);
        for (std::size_t b = 0; b < 256; ++b) {
            const auto it = impl->vocab.find(detail::byteToUnicodeUtf8()[b]);
            if (it != impl->vocab.end()) {
                impl->byteIds[b] = it->second;
            }
        }

        const json& merges = model["merges"];
        auto lookup = [&](const std::string& token, std::size_t rank,
                          const char* role) -> std::int32_t {
            const auto it = impl->vocab.find(token);
            if (it == impl->vocab.end()) {
                bad.mismatch("model.merges[" + std::to_string(rank) + "]",
                             std::string("merge ") + role + " is not in the vocabulary",
                             "a token of model.vocab", "\"" + token + "\"");
            }
            return it->second;
        };
        for (std::size_t rank = 0; rank < merges.size(); ++rank) {
            const json& m = merges[rank];
            std::string left;
            std::string right;
            if (m.is_string()) {
                const std::string line = m.get<std::string>();
                const auto space = line.find(' ');
                if (space == std::string::npos || line.find(' ', space + 1) != std::string::npos) {
                    bad.mismatch("model.merges[" + std::to_string(rank) + "]", "malformed merge",
                                 "\"left right\"", "\"" + line + "\"");
                }
                left = line.substr(0, space);
                right = line.substr(space + 1);
            } else if (m.is_array() && m.size() == 2 && m[0].is_string() && m[1].is_string()) {
                left = m[0].get<std::string>();
                right = m[1].get<std::string>();
            } else {
                bad.mismatch("model.merges[" + std::to_string(rank) + "]", "malformed merge",
                             "\"left right\" or [\"left\", \"right\"]", m.dump());
            }
            const std::int32_t l = lookup(left, rank, "left token");
            const std::int32_t r = lookup(right, rank, "right token");
            const std::int32_t result = lookup(left + right, rank, "result");
            impl->merges.add(l, r, static_cast<int>(rank), result);
        }

        // --- added tokens --------------------------------------------------------------------
        if (root.contains("added_tokens") && !root["added_tokens"].is_null()) {
            if (!root["added_tokens"].is_array()) {
                bad("added_tokens", "expected an array");
            }
            for (std::size_t k = 0; k < root["added_tokens"].size(); ++k) {
                const json& t = root["added_tokens"][k];
                const std::string key = "added_tokens[" + std::to_string(k) + "]";
                if (!t.is_object() || !t.contains("content") || !t["content"].is_string() ||
                    !t.contains("id") || !t["id"].is_number_integer() ||
                    t["id"].get<std::int64_t>() < 0 || t["id"].get<std::int64_t>() > INT32_MAX) {
                    bad(key, "expected {\"id\": N, \"content\": \"...\"}");
                }
                AddedToken token;
                token.content = t["content"].get<std::string>();
                token.id = static_cast<std::int32_t>(t["id"].get<std::int64_t>());
                token.lstrip = boolOr(t, "lstrip", false);
                token.rstrip = boolOr(t, "rstrip", false);
                token.normalized = boolOr(t, "normalized", false);
                if (boolOr(t, "single_word", false)) {
                    bad(key + ".single_word", "single_word added tokens are not supported");
                }
                if (token.content.empty() || findInvalidUtf8(token.content)) {
                    bad(key + ".content", "an added token must be non-empty UTF-8 text");
                }
                maxId = std::max(maxId, token.id);
                impl->firstBytes.set(static_cast<unsigned char>(token.content[0]));
                impl->addedIds[token.content] = token.id;
                impl->added.push_back(std::move(token));
            }
            std::stable_sort(impl->added.begin(), impl->added.end(),
                             [](const AddedToken& a, const AddedToken& b) {
                                 return a.content.size() > b.content.size();
                             });
        }

        // --- normalizer ----------------------------------------------------------------------
        std::function<void(const json&, const std::string&)> addNormalizer =
            [&](const json& n, const std::string& key) {
                if (n.is_null()) {
                    return;
                }
                const std::string type = typeOf(n, key, bad);
                if (type == "Sequence") {
                    if (!n.contains("normalizers") || !n["normalizers"].is_array()) {
                        bad(key + ".normalizers", "expected an array");
                    }
                    for (std::size_t k = 0; k < n["normalizers"].size(); ++k) {
                        addNormalizer(n["normalizers"][k],
                                      key + ".normalizers[" + std::to_string(k) + "]");
                    }
                } else if (type == "NFC") {
                    impl->normalizers.push_back(NormForm::Nfc);
                } else if (type == "NFD") {
                    impl->normalizers.push_back(NormForm::Nfd);
                } else if (type == "NFKC") {
                    impl->normalizers.push_back(NormForm::Nfkc);
                } else if (type == "NFKD") {
                    impl->normalizers.push_back(NormForm::Nfkd);
                } else {
                    bad.mismatch(key + ".type", "unsupported normalizer",
                                 "NFC, NFD, NFKC, NFKD or Sequence", type);
                }
            };
        if (root.contains("normalizer")) {
            addNormalizer(root["normalizer"], "normalizer");
        }

        // --- pre-tokenizer -------------------------------------------------------------------
        bool byteLevel = false;
        std::function<void(const json&, const std::string&)> addPreTokenizer =
            [&](const json& p, const std::string& key) {
                if (p.is_null()) {
                    return;
                }
                const std::string type = typeOf(p, key, bad);
                if (type == "Sequence") {
                    if (!p.contains("pretokenizers") || !p["pretokenizers"].is_array()) {
                        bad(key + ".pretokenizers", "expected an array");
                    }
                    for (std::size_t k = 0; k < p["pretokenizers"].size(); ++k) {
                        addPreTokenizer(p["pretokenizers"][k],
                                        key + ".pretokenizers[" + std::to_string(k) + "]");
                    }
                } else if (type == "Split") {
                    if (!p.contains("pattern") || !p["pattern"].is_object() ||
                        !p["pattern"].contains("Regex") || !p["pattern"]["Regex"].is_string()) {
                        bad(key + ".pattern", "expected {\"Regex\": \"...\"}");
                    }
                    const std::string behavior = p.contains("behavior") && p["behavior"].is_string()
                                                     ? p["behavior"].get<std::string>()
                                                     : std::string();
                    if (behavior != "Isolated") {
                        bad.mismatch(key + ".behavior", "unsupported split behavior", "Isolated",
                                     behavior);
                    }
                    if (boolOr(p, "invert", false)) {
                        bad(key + ".invert", "inverted splits are not supported");
                    }
                    auto regex =
                        detail::Regex::compile(p["pattern"]["Regex"].get<std::string>(), false);
                    if (!regex) {
                        Error e = std::move(regex).error();
                        e.file = label;
                        e.item = key + ".pattern";
                        fail(std::move(e));
                    }
                    impl->splits.push_back(std::move(*regex));
                } else if (type == "ByteLevel") {
                    if (boolOr(p, "add_prefix_space", false)) {
                        bad(key + ".add_prefix_space", "add_prefix_space is not supported");
                    }
                    byteLevel = true;
                    if (boolOr(p, "use_regex", true)) {
                        impl->splits.push_back(*detail::Regex::compile(kGpt2Pattern, false));
                    }
                } else {
                    bad.mismatch(key + ".type", "unsupported pre-tokenizer",
                                 "ByteLevel, Split or Sequence", type);
                }
            };
        if (root.contains("pre_tokenizer")) {
            addPreTokenizer(root["pre_tokenizer"], "pre_tokenizer");
        }
        if (!byteLevel) {
            bad("pre_tokenizer", "not a byte-level BPE tokenizer (no ByteLevel pre-tokenizer)");
        }
        if (root.contains("post_processor") && !root["post_processor"].is_null()) {
            const std::string type = typeOf(root["post_processor"], "post_processor", bad);
            if (type != "ByteLevel") {
                bad.mismatch("post_processor.type",
                             "unsupported post-processor (it would add tokens)",
                             "ByteLevel or null", type);
            }
        }

        // --- id -> bytes -----------------------------------------------------------------------
        impl->idBytes.assign(static_cast<std::size_t>(maxId) + 1, std::string());
        for (const auto& [token, id] : impl->vocab) {
            auto bytes = detail::byteLevelDecode(token);
            impl->idBytes[static_cast<std::size_t>(id)] = bytes ? std::move(*bytes) : token;
        }
        for (const AddedToken& t : impl->added) {
            impl->idBytes[static_cast<std::size_t>(t.id)] = t.content;
        }
        return BpeTokenizer(std::move(impl));
    });
}

Result<std::vector<std::int32_t>> BpeTokenizer::encode(std::string_view text) const
{
    if (auto valid = validateUtf8(text, "text"); !valid) {
        return std::move(valid).error();
    }
    return guard([&] {
        std::vector<std::int32_t> ids;
        ids.reserve(text.size() / 3 + 8);
        for (const Segment& raw : m_impl->splitAdded(text, false)) {
            if (raw.id >= 0) {
                ids.push_back(raw.id);
                continue;
            }
            const std::string normalized = m_impl->normalize(raw.text);
            for (const Segment& seg : m_impl->splitAdded(normalized, true)) {
                if (seg.id >= 0) {
                    ids.push_back(seg.id);
                } else {
                    m_impl->encodeText(seg.text, ids);
                }
            }
        }
        return ids;
    });
}

std::optional<std::int32_t> BpeTokenizer::tokenId(std::string_view token) const
{
    const std::string key(token);
    if (const auto it = m_impl->addedIds.find(key); it != m_impl->addedIds.end()) {
        return it->second;
    }
    if (const auto it = m_impl->vocab.find(key); it != m_impl->vocab.end()) {
        return it->second;
    }
    return std::nullopt;
}

std::string BpeTokenizer::tokenBytes(std::int32_t id) const
{
    if (id < 0 || static_cast<std::size_t>(id) >= m_impl->idBytes.size()) {
        return {};
    }
    return m_impl->idBytes[static_cast<std::size_t>(id)];
}

std::int32_t BpeTokenizer::idLimit() const
{
    return static_cast<std::int32_t>(m_impl->idBytes.size());
}

std::size_t BpeTokenizer::mergeCount() const
{
    return m_impl->merges.size();
}

const std::string& BpeTokenizer::source() const
{
    return m_impl->source;
}

} // namespace pw
