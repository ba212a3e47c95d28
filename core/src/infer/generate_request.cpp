// SPDX-License-Identifier: Apache-2.0
// Torch-free part of the Engine: request validation against a model's limits.
#include <fmt/format.h>

#include <pw/core/utf8.h>
#include <pw/infer/engine.h>

#include <algorithm>
#include <cmath>
#include <utility>

namespace pw::infer {

namespace {
constexpr std::pair<TextEncoderPlacement, const char*> kPlacementNames[] = {
    {TextEncoderPlacement::Auto, "auto"},
    {TextEncoderPlacement::Device, "device"},
    {TextEncoderPlacement::Cpu, "cpu"},
    {TextEncoderPlacement::Release, "release"},
};
} // namespace

Result<TextEncoderPlacement> parseTextEncoderPlacement(std::string_view text)
{
    for (const auto& [placement, name] : kPlacementNames) {
        if (text == name) {
            return placement;
        }
    }
    return Error(Errc::InvalidArgument, "unknown text encoder placement")
        .mismatch("auto, device, cpu or release", std::string(text));
}

TextEncoderPlacement resolveTextEncoderPlacement(TextEncoderPlacement requested,
                                                 const Device& device,
                                                 std::uint64_t vramBudgetBytes,
                                                 std::uint64_t weightsOnDeviceBytes)
{
    if (requested != TextEncoderPlacement::Auto) {
        return requested;
    }
    if (device.isCuda() && vramBudgetBytes > 0 && weightsOnDeviceBytes > vramBudgetBytes) {
        return TextEncoderPlacement::Cpu;
    }
    return TextEncoderPlacement::Device;
}

const char* textEncoderPlacementName(TextEncoderPlacement placement)
{
    for (const auto& [p, name] : kPlacementNames) {
        if (p == placement) {
            return name;
        }
    }
    return "auto";
}

ModelSummary summaryFromConfig(const DitConfig& config, const std::string& name)
{
    ModelSummary s;
    s.name = name;
    s.trainFrames = config.trainFrames;
    s.minFrames = config.minFrames();
    s.fps = static_cast<float>(config.fps);
    s.defaultCfgScale = static_cast<float>(config.cfgScale);
    s.defaultSteps = config.steps;
    s.maxTextTokens = config.maxTextTokens;
    return s;
}

Result<int> validateRequest(const GenerateRequest& request, const ModelSummary& model)
{
    auto invalid = [](std::string message, std::string item, std::string expected,
                      std::string found) {
        return Error(Errc::InvalidArgument, std::move(message))
            .at(std::move(item))
            .mismatch(std::move(expected), std::move(found));
    };
    const bool blank = std::all_of(request.prompt.begin(), request.prompt.end(), [](char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    });
    if (blank) {
        return invalid("the prompt is empty", "prompt", "a description of the motion",
                       request.prompt.empty() ? "an empty text" : "only whitespace");
    }
    if (auto ok = validateUtf8(request.prompt, "prompt"); !ok) {
        return std::move(ok).error();
    }
    DitConfig limits;
    limits.trainFrames = model.trainFrames;
    limits.fps = model.fps;
    auto frames = durationToFrames(request.durationSec, limits);
    if (!frames) {
        return std::move(frames).error();
    }
    const int steps = request.steps.value_or(model.defaultSteps);
    if (steps < 1 || steps > 10000) {
        return invalid("the number of sampling steps is out of range", "steps", "1..10000",
                       std::to_string(steps));
    }
    const float cfg = request.cfgScale.value_or(model.defaultCfgScale);
    if (!std::isfinite(cfg) || cfg < 0.0f) {
        return invalid("the CFG scale must be a finite number >= 0 (1 or less: no guidance)", "cfg",
                       ">= 0", fmt::format("{}", cfg));
    }
    if (request.seeds.empty()) {
        return invalid("at least one seed is needed (one take per seed)", "seeds",
                       "1 or more seeds", "none");
    }
    const int textMax = request.textMaxLength.value_or(model.maxTextTokens);
    if (textMax < 1 || textMax > model.maxTextTokens) {
        return invalid("the text max length is out of range (Qwen3 tokens of the prompt given "
                       "to the model)",
                       "text-max-length",
                       fmt::format("1..{} (max_length_llm)", model.maxTextTokens),
                       std::to_string(textMax));
    }
    return *frames;
}

} // namespace pw::infer
