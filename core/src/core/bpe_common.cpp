// SPDX-License-Identifier: Apache-2.0
#include "bpe_common.h"

#include <pw/core/utf8.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <queue>

#include <algorithm>

namespace pw::detail {

const std::array<char32_t, 256>& byteToUnicode()
{
    static const std::array<char32_t, 256> table = [] {
        std::array<char32_t, 256> t{};
        char32_t next = 256;
        for (int b = 0; b < 256; ++b) {
            const bool printable =
                (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            t[static_cast<std::size_t>(b)] = printable ? char32_t(b) : next++;
        }
        return t;
    }();
    return table;
}

const std::array<std::string, 256>& byteToUnicodeUtf8()
{
    static const std::array<std::string, 256> table = [] {
        std::array<std::string, 256> t;
        for (std::size_t b = 0; b < 256; ++b) {
            appendUtf8(t[b], byteToUnicode()[b]);
        }
        return t;
    }();
    return table;
}

std::string byteLevelEncode(std::string_view bytes)
{
    const auto& table = byteToUnicodeUtf8();
    std::string out;
    out.reserve(bytes.size() * 2);
    for (const char c : bytes) {
        out += table[static_cast<unsigned char>(c)];
    }
    return out;
}

std::optional<std::string> byteLevelDecode(std::string_view text)
{
    static const std::unordered_map<char32_t, unsigned char> inverse = [] {
        std::unordered_map<char32_t, unsigned char> m;
        for (int b = 0; b < 256; ++b) {
            m[byteToUnicode()[static_cast<std::size_t>(b)]] = static_cast<unsigned char>(b);
        }
        return m;
    }();
    if (findInvalidUtf8(text)) {
        return std::nullopt;
    }
    std::string out;
    out.reserve(text.size());
    std::size_t pos = 0;
    while (pos < text.size()) {
        const char32_t cp = decodeUtf8(text, pos);
        const auto it = inverse.find(cp);
        if (it == inverse.end()) {
            return std::nullopt;
        }
        out += static_cast<char>(it->second);
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
namespace {

// Unicode White_Space (Unicode 15): what `\s` means in Oniguruma, Rust regex and Python regex.
constexpr std::string_view kWhiteSpaceSet =
    R"(\t\n\x{0B}\f\r\x{20}\x{85}\x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F})"
    R"(\x{205F}\x{3000})";

} // namespace

Result<std::string> translateWhitespaceClasses(std::string_view pattern)
{
    std::string out;
    out.reserve(pattern.size() + 64);
    bool inClass = false;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        const char c = pattern[i];
        if (c == '\\' && i + 1 < pattern.size()) {
            const char e = pattern[i + 1];
            ++i;
            if (e == 's') {
                if (inClass) {
                    out += kWhiteSpaceSet;
                } else {
                    out += '[';
                    out += kWhiteSpaceSet;
                    out += ']';
                }
                continue;
            }
            if (e == 'S') {
                if (inClass) {
                    return Error(Errc::BadModelFile,
                                 "unsupported regex: \\S inside a character class")
                        .at("pattern")
                        .mismatch("\\S outside [...]", std::string(pattern));
                }
                out += "[^";
                out += kWhiteSpaceSet;
                out += ']';
                continue;
            }
            out += '\\';
            out += e;
            continue;
        }
        if (!inClass && c == '[') {
            inClass = true;
            out += c;
            // A ']' right after '[' or '[^' is a literal member.
            if (i + 1 < pattern.size() && pattern[i + 1] == '^') {
                out += '^';
                ++i;
            }
            if (i + 1 < pattern.size() && pattern[i + 1] == ']') {
                out += ']';
                ++i;
            }
            continue;
        }
        if (inClass && c == '[' && i + 1 < pattern.size() && pattern[i + 1] == ':') {
            // POSIX class [:alpha:] inside a class: copy through its closing ":]".
            const auto close = pattern.find(":]", i + 2);
            if (close != std::string_view::npos) {
                out.append(pattern.substr(i, close + 2 - i));
                i = close + 1;
                continue;
            }
        }
        if (inClass && c == ']') {
            inClass = false;
        }
        out += c;
    }
    return out;
}

Result<Regex> Regex::compile(std::string_view pattern, bool caseless)
{
    auto translated = translateWhitespaceClasses(pattern);
    if (!translated) {
        return std::move(translated).error();
    }
    int errorCode = 0;
    PCRE2_SIZE errorOffset = 0;
    std::uint32_t options = PCRE2_UTF | PCRE2_UCP | PCRE2_NO_UTF_CHECK;
    if (caseless) {
        options |= PCRE2_CASELESS;
    }
    pcre2_code* code =
        pcre2_compile(reinterpret_cast<PCRE2_SPTR>(translated->data()), translated->size(), options,
                      &errorCode, &errorOffset, nullptr);
    if (code == nullptr) {
        PCRE2_UCHAR message[256];
        pcre2_get_error_message(errorCode, message, sizeof message);
        return Error(Errc::BadModelFile, std::string("invalid pre-tokenizer regex: ") +
                                             reinterpret_cast<const char*>(message) +
                                             " at offset " + std::to_string(errorOffset))
            .at("pattern")
            .mismatch("a PCRE2-compatible pattern", std::string(pattern));
    }
    Regex r;
    r.m_code =
        std::shared_ptr<void>(code, [](void* p) { pcre2_code_free(static_cast<pcre2_code*>(p)); });
    r.m_jit = pcre2_jit_compile(code, PCRE2_JIT_COMPLETE) == 0;
    return r;
}

void Regex::forEachMatch(std::string_view text,
                         const std::function<void(std::size_t, std::size_t)>& onMatch) const
{
    auto* code = static_cast<pcre2_code*>(m_code.get());
    std::unique_ptr<pcre2_match_data, void (*)(pcre2_match_data*)> md(
        pcre2_match_data_create_from_pattern(code, nullptr), &pcre2_match_data_free);
    const auto* subject = reinterpret_cast<PCRE2_SPTR>(text.data());
    std::size_t offset = 0;
    while (offset < text.size()) {
        const int rc =
            pcre2_match(code, subject, text.size(), offset, PCRE2_NO_UTF_CHECK, md.get(), nullptr);
        if (rc == PCRE2_ERROR_NOMATCH) {
            return;
        }
        if (rc < 0) {
            PCRE2_UCHAR message[256];
            pcre2_get_error_message(rc, message, sizeof message);
            fail(Errc::Internal, std::string("regex matching failed at byte ") +
                                     std::to_string(offset) + ": " +
                                     reinterpret_cast<const char*>(message));
        }
        const PCRE2_SIZE* ov = pcre2_get_ovector_pointer(md.get());
        const std::size_t begin = ov[0];
        std::size_t end = ov[1];
        if (end == begin) {
            // An empty match: step over one code point so the loop always advances.
            std::size_t pos = begin;
            if (pos >= text.size()) {
                return;
            }
            decodeUtf8(text, pos);
            offset = pos;
            continue;
        }
        onMatch(begin, end);
        offset = end;
    }
}

// ---------------------------------------------------------------------------------------------
void BpeMerges::add(std::int32_t left, std::int32_t right, int rank, std::int32_t result)
{
    m_rules[key(left, right)] = MergeRule{rank, result};
}

const MergeRule* BpeMerges::find(std::int32_t left, std::int32_t right) const
{
    const auto it = m_rules.find(key(left, right));
    return it == m_rules.end() ? nullptr : &it->second;
}

void BpeMerges::apply(std::vector<std::int32_t>& symbols, Order order) const
{
    const int n = static_cast<int>(symbols.size());
    if (n < 2) {
        return;
    }
    struct Node
    {
        std::int32_t id;
        int prev;
        int next;
        bool alive;
    };
    struct Candidate
    {
        int rank;
        int pos;
        std::int32_t result;
        bool operator>(const Candidate& o) const
        {
            return rank != o.rank ? rank > o.rank : pos > o.pos;
        }
    };
    std::vector<Node> nodes(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
        nodes[static_cast<std::size_t>(i)] =
            Node{symbols[static_cast<std::size_t>(i)], i - 1, i + 1 < n ? i + 1 : -1, true};
    }
    std::priority_queue<Candidate, std::vector<Candidate>, std::greater<>> queue;
    for (int i = 0; i + 1 < n; ++i) {
        if (const MergeRule* r = find(symbols[static_cast<std::size_t>(i)],
                                      symbols[static_cast<std::size_t>(i + 1)])) {
            queue.push(Candidate{r->rank, i, r->result});
        }
    }

    std::vector<Candidate> pending; // RankPasses: pairs created during the current pass
    int passRank = -1;
    auto offer = [&](int pos) {
        const Node& a = nodes[static_cast<std::size_t>(pos)];
        if (a.next < 0) {
            return;
        }
        if (const MergeRule* r = find(a.id, nodes[static_cast<std::size_t>(a.next)].id)) {
            const Candidate c{r->rank, pos, r->result};
            if (order == Order::RankPasses) {
                pending.push_back(c);
            } else {
                queue.push(c);
            }
        }
    };

    while (!queue.empty() || !pending.empty()) {
        if (order == Order::RankPasses && !pending.empty() &&
            (queue.empty() || queue.top().rank != passRank)) {
            // The pass over `passRank` is complete: its new pairs become candidates now.
            for (const Candidate& c : pending) {
                queue.push(c);
            }
            pending.clear();
            continue;
        }
        const Candidate top = queue.top();
        queue.pop();
        Node& left = nodes[static_cast<std::size_t>(top.pos)];
        if (!left.alive || left.next < 0) {
            continue;
        }
        Node& right = nodes[static_cast<std::size_t>(left.next)];
        const MergeRule* current = find(left.id, right.id);
        if (current == nullptr || current->result != top.result) {
            continue; // stale candidate
        }
        passRank = top.rank;
        left.id = top.result;
        right.alive = false;
        left.next = right.next;
        if (right.next >= 0) {
            nodes[static_cast<std::size_t>(right.next)].prev = top.pos;
        }
        if (left.prev >= 0) {
            offer(left.prev);
        }
        offer(top.pos);
    }

    symbols.clear();
    for (int i = 0; i >= 0; i = nodes[static_cast<std::size_t>(i)].next) {
        symbols.push_back(nodes[static_cast<std::size_t>(i)].id);
    }
}

// ---------------------------------------------------------------------------------------------
std::optional<std::vector<std::int32_t>> WordCache::find(std::string_view word) const
{
    std::lock_guard lock(m_mutex);
    const auto it = m_map.find(std::string(word));
    if (it == m_map.end()) {
        return std::nullopt;
    }
    return it->second;
}

void WordCache::insert(std::string_view word, const std::vector<std::int32_t>& ids)
{
    if (word.size() > kMaxWordBytes) {
        return;
    }
    std::lock_guard lock(m_mutex);
    if (m_map.size() >= m_capacity) {
        m_map.clear();
    }
    m_map.emplace(std::string(word), ids);
}

} // namespace pw::detail
