// SPDX-License-Identifier: Apache-2.0
#include <pw/core/atomic_file.h>
#include <pw/core/qwen_prompt.h>

#include <nlohmann/json.hpp>

#include <algorithm>

namespace pw {
namespace {

// HY-Motion's system prompt (the model's conditioning context, 449 characters, sha256
// b9c55290b778c01739a337a36315c2065ef6ccfbfa0a1898b727377ed4965283). Kept byte-exact: the
// context encoder's output, and so the motion, depends on every character.
constexpr std::string_view kSystemPrompt = R"sys(
    Summarize human motion only from the user text for representation: action categories, key body-part movements, order/transitions, trajectory/direction, posture; include style/emotion/speed only if present. Explicitly capture laterality (left/right) when mentioned; do not guess. If multiple actions are described, indicate the count of distinct actions (e.g., actions=3) and their order. Do not invent missing info. Keep one concise paragraph.
)sys";

} // namespace

std::string_view hymotionSystemPrompt()
{
    return kSystemPrompt;
}

std::string hymotionChatTemplate(std::string_view userText)
{
    std::string out;
    out.reserve(kSystemPrompt.size() + userText.size() + 64);
    out += "<|im_start|>system\n";
    out += kSystemPrompt;
    out += "<|im_end|>\n<|im_start|>user\n";
    out += userText;
    out += "<|im_end|>\n";
    return out;
}

QwenPromptTokenizer::QwenPromptTokenizer(BpeTokenizer tokenizer, int cropStart, int maxTextTokens,
                                         std::int32_t padId)
    : m_tokenizer(std::move(tokenizer)), m_cropStart(cropStart), m_maxTextTokens(maxTextTokens),
      m_padId(padId)
{
}

Result<QwenPromptTokenizer> QwenPromptTokenizer::load(const std::filesystem::path& dir,
                                                      int maxTextTokens)
{
    if (maxTextTokens < 1) {
        return Error(Errc::InvalidArgument, "the text token budget must be positive")
            .at("max_length_llm")
            .mismatch(">= 1", std::to_string(maxTextTokens));
    }
    auto tokenizer = BpeTokenizer::load(dir);
    if (!tokenizer) {
        return std::move(tokenizer).error();
    }

    // The pad token: tokenizer_config.json's pad_token (a string or {"content": ...}).
    std::string padToken = "<|endoftext|>";
    const auto configPath = dir / "tokenizer_config.json";
    std::error_code ec;
    if (std::filesystem::exists(configPath, ec)) {
        auto text = readWholeFile(configPath);
        if (!text) {
            return std::move(text).error();
        }
        nlohmann::json config;
        try {
            config = nlohmann::json::parse(*text);
        } catch (const nlohmann::json::exception& e) {
            return Error(Errc::BadModelFile, std::string("malformed JSON: ") + e.what())
                .inFile(configPath.string());
        }
        if (config.is_object() && config.contains("pad_token")) {
            const auto& pad = config["pad_token"];
            if (pad.is_string()) {
                padToken = pad.get<std::string>();
            } else if (pad.is_object() && pad.contains("content") && pad["content"].is_string()) {
                padToken = pad["content"].get<std::string>();
            }
        }
    }
    const auto padId = tokenizer->tokenId(padToken);
    if (!padId) {
        return Error(Errc::BadModelFile, "the pad token is not a token of tokenizer.json")
            .inFile(configPath.string())
            .at("pad_token")
            .mismatch("a token of tokenizer.json", "\"" + padToken + "\"");
    }

    // crop_start as the reference computes it: template a marker, find the marker's ids.
    constexpr std::string_view kMarker = "<BOC>";
    auto full = tokenizer->encode(hymotionChatTemplate(kMarker));
    auto marker = tokenizer->encode(kMarker);
    if (!full || !marker) {
        return Error(Errc::Internal, "the HY-Motion template cannot be tokenized");
    }
    int cropStart = std::max(0, static_cast<int>(full->size()) - 1);
    const auto it = std::search(full->begin(), full->end(), marker->begin(), marker->end());
    if (!marker->empty() && it != full->end()) {
        cropStart = static_cast<int>(it - full->begin());
    }
    return QwenPromptTokenizer(std::move(*tokenizer), cropStart, maxTextTokens, *padId);
}

Result<std::vector<std::int32_t>> QwenPromptTokenizer::templatedIds(std::string_view prompt) const
{
    return m_tokenizer.encode(hymotionChatTemplate(prompt));
}

Result<QwenPromptBatch> QwenPromptTokenizer::tokenize(std::span<const std::string> prompts) const
{
    QwenPromptBatch out;
    out.cropStart = m_cropStart;
    out.maxTextTokens = m_maxTextTokens;
    const int length = paddedLength();
    out.tokens.batch = static_cast<int>(prompts.size());
    out.tokens.length = length;
    out.tokens.ids.assign(prompts.size() * static_cast<std::size_t>(length), m_padId);
    out.tokens.mask.assign(prompts.size() * static_cast<std::size_t>(length), 0);
    for (std::size_t r = 0; r < prompts.size(); ++r) {
        auto ids = templatedIds(prompts[r]);
        if (!ids) {
            Error e = std::move(ids).error();
            e.item = "prompt " + std::to_string(r);
            return e;
        }
        // Truncation keeps the first tokens: an over-long prompt loses its end (and the
        // closing "<|im_end|>\n"), exactly as the reference.
        const int real = std::min(static_cast<int>(ids->size()), length);
        const std::size_t base = r * static_cast<std::size_t>(length);
        std::copy(ids->begin(), ids->begin() + real, out.tokens.ids.begin() + base);
        std::fill_n(out.tokens.mask.begin() + base, real, 1);
        out.tokens.realTokens.push_back(real);
        out.ctxtLength.push_back(std::clamp(real - m_cropStart, 0, m_maxTextTokens));
    }
    return out;
}

} // namespace pw
