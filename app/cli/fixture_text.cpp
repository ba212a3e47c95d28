// SPDX-License-Identifier: Apache-2.0
// check-fixture group "text" (../shared/fixtures/text): tokenizer goldens (Qwen3 templated and
// plain, CLIP), the qwen3-tiny cases (last hidden state and cropped ctxt, fp32 and bf16 compute),
// the clip-tiny cases (last hidden state, pooled output), and the TextEncoder facade end to end.
#include "fixture_check.h"

#include <pw/core/atomic_file.h>
#include <pw/core/clip_tokenizer.h>
#include <pw/core/qwen_prompt.h>
#include <pw/infer/text_encoder.h>

#include <algorithm>
#include <cstdio>

namespace pw::cli {
namespace {

using nlohmann::json;

std::optional<json> readJson(FixtureContext& ctx, const std::filesystem::path& path,
                             const std::string& check)
{
    auto text = readWholeFile(path);
    if (!text) {
        ctx.report.fail(check, text.error().describe());
        return std::nullopt;
    }
    try {
        return json::parse(*text);
    } catch (const json::exception& e) {
        ctx.report.fail(check, path.string() + ": malformed JSON: " + e.what());
        return std::nullopt;
    }
}

std::string firstDifference(const std::vector<std::int32_t>& ours,
                            const std::vector<std::int32_t>& ref)
{
    const auto n = std::min(ours.size(), ref.size());
    for (std::size_t i = 0; i < n; ++i) {
        if (ours[i] != ref[i]) {
            return "first difference at " + std::to_string(i) + ": ours " +
                   std::to_string(ours[i]) + ", reference " + std::to_string(ref[i]);
        }
    }
    return "lengths differ: ours " + std::to_string(ours.size()) + ", reference " +
           std::to_string(ref.size());
}

bool sameIds(FixtureContext& ctx, const std::string& name, const std::vector<std::int32_t>& ours,
             const json& ref)
{
    const auto expected = ref.get<std::vector<std::int32_t>>();
    const bool ok = ours == expected;
    return ctx.report.check(name, ok,
                            ok ? std::to_string(ours.size()) + " ids exact"
                               : firstDifference(ours, expected));
}

/// Precision of a run and the tolerance it is held to.
struct Run
{
    infer::Precision precision;
    double tolerance;
};

void checkQwenTokenizer(FixtureContext& ctx, const std::filesystem::path& dir,
                        std::vector<std::string>& prompts)
{
    const auto golden = readJson(ctx, dir / "qwen3_tokenization_public.json", "qwen3.tokenizer");
    if (!golden) {
        return;
    }
    auto tok = QwenPromptTokenizer::load(dir / "qwen3-tiny", golden->value("max_length_llm", 128));
    if (!tok) {
        ctx.report.fail("qwen3.tokenizer", tok.error().describe());
        return;
    }
    const json& g = *golden;
    ctx.report.check("qwen3.system_prompt",
                     std::string(hymotionSystemPrompt()) == g["system_prompt"].get<std::string>(),
                     std::to_string(hymotionSystemPrompt().size()) + " characters");
    ctx.report.check("qwen3.marker_template",
                     hymotionChatTemplate("<BOC>") == g["marker_templated"].get<std::string>(),
                     "template of <BOC>");
    ctx.report.check("qwen3.crop_start", tok->cropStart() == g["crop_start"].get<int>(),
                     "ours " + std::to_string(tok->cropStart()) + ", reference " +
                         g["crop_start"].dump());
    for (std::size_t i = 0; i < g["rows"].size(); ++i) {
        const json& row = g["rows"][i];
        const std::string prompt = row["prompt"];
        prompts.push_back(prompt);
        const std::string tag = "qwen3.row" + std::to_string(i);
        ctx.report.check(tag + ".template",
                         hymotionChatTemplate(prompt) == row["templated"].get<std::string>(),
                         "templated string");
        auto templated = tok->templatedIds(prompt);
        auto plain = tok->tokenizer().encode(prompt);
        if (!templated || !plain) {
            ctx.report.fail(tag, (templated ? plain.error() : templated.error()).describe());
            continue;
        }
        sameIds(ctx, tag + ".templated_ids", *templated, row["templated_ids"]);
        sameIds(ctx, tag + ".plain_ids", *plain, row["plain_ids"]);
    }
}

void checkClipTokenizer(FixtureContext& ctx, const std::filesystem::path& dir)
{
    const auto golden = readJson(ctx, dir / "clip_tokenization.json", "clip.tokenizer");
    if (!golden) {
        return;
    }
    auto tok = ClipTokenizer::load(dir / "clip-tiny");
    if (!tok) {
        ctx.report.fail("clip.tokenizer", tok.error().describe());
        return;
    }
    for (std::size_t i = 0; i < (*golden)["rows"].size(); ++i) {
        const json& row = (*golden)["rows"][i];
        auto ids = tok->encodeForModel(row["prompt"].get<std::string>(), 77);
        if (!ids) {
            ctx.report.fail("clip.row" + std::to_string(i), ids.error().describe());
            continue;
        }
        sameIds(ctx, "clip.row" + std::to_string(i) + ".ids", *ids, row["ids"]);
    }
}

std::optional<SafetensorsFile> openCases(FixtureContext& ctx, const std::filesystem::path& path)
{
    auto f = SafetensorsFile::open(path);
    if (!f) {
        ctx.report.fail(path.filename().string(), f.error().describe());
        return std::nullopt;
    }
    return std::move(*f);
}

std::optional<std::vector<float>> floats(FixtureContext& ctx, const SafetensorsFile& f,
                                         const std::string& key)
{
    auto t = f.require(key);
    if (!t) {
        ctx.report.fail(key, t.error().describe());
        return std::nullopt;
    }
    auto v = (*t)->toFloat32();
    if (!v) {
        ctx.report.fail(key, v.error().describe());
        return std::nullopt;
    }
    return std::move(*v);
}

std::optional<TokenBatch> batchOf(FixtureContext& ctx, const SafetensorsFile& f)
{
    auto ids = f.require("input_ids");
    auto mask = f.require("attention_mask");
    if (!ids || !mask) {
        ctx.report.fail("input_ids", (ids ? mask.error() : ids.error()).describe());
        return std::nullopt;
    }
    TokenBatch b;
    b.batch = static_cast<int>((*ids)->shape.at(0));
    b.length = static_cast<int>((*ids)->shape.at(1));
    b.ids = (*ids)->toInt64().value();
    b.mask = (*mask)->toInt64().value();
    return b;
}

/// Rows [0, lengths[b]) of a (B, T, D) tensor, concatenated (valid rows only).
std::vector<float> validRows(const std::vector<float>& values, int batch, int rows, int width,
                             const std::vector<std::int64_t>& lengths)
{
    std::vector<float> out;
    for (int b = 0; b < batch; ++b) {
        const auto begin = values.begin() + static_cast<std::ptrdiff_t>(b) * rows * width;
        out.insert(out.end(), begin, begin + lengths[static_cast<std::size_t>(b)] * width);
    }
    return out;
}

void checkQwenModel(FixtureContext& ctx, const std::filesystem::path& dir,
                    const infer::Device& device, const std::vector<Run>& runs, bool fp32Compute)
{
    auto cases = openCases(ctx, dir / "qwen3-tiny-cases.safetensors");
    if (!cases) {
        return;
    }
    auto batch = batchOf(ctx, *cases);
    if (!batch) {
        return;
    }
    // Our tokenizer reproduces the cases' padded ids.
    auto tok = QwenPromptTokenizer::load(dir / "qwen3-tiny");
    const auto golden = readJson(ctx, dir / "qwen3_tokenization_public.json", "qwen3.cases");
    if (tok && golden) {
        std::vector<std::string> prompts;
        for (int i = 0; i < batch->batch; ++i) {
            prompts.push_back((*golden)["rows"][static_cast<std::size_t>(i)]["prompt"]);
        }
        auto ours = tok->tokenize(prompts);
        ctx.report.check("qwen3.cases.input_ids",
                         ours && ours->tokens.ids == batch->ids && ours->tokens.mask == batch->mask,
                         "padded to " + std::to_string(batch->length) + " tokens");
    }
    for (const Run& run : runs) {
        const std::string p = infer::precisionName(run.precision);
        auto hidden = infer::runQwen3(dir / "qwen3-tiny", *batch, device, run.precision);
        if (!hidden) {
            ctx.report.fail("qwen3." + p, hidden.error().describe());
            continue;
        }
        const bool bf16 = run.precision == infer::Precision::Bf16;
        if (auto ref = floats(ctx, *cases, bf16 ? "hidden_last_bf16" : "hidden_last_fp32")) {
            ctx.report.compare(std::string(bf16 ? "hidden_last_bf16" : "hidden_last_fp32") + " (" +
                                   p + ")",
                               hidden->data, *ref, run.tolerance);
        }
        if (bf16 && !fp32Compute) {
            // Only a bf16 run: also hold it to the fp32 reference at the bf16 tolerance.
            if (auto ref = floats(ctx, *cases, "hidden_last_fp32")) {
                ctx.report.compare("hidden_last_fp32 (bf16)", hidden->data, *ref, run.tolerance);
            }
        }
    }
}

void checkClipModel(FixtureContext& ctx, const std::filesystem::path& dir,
                    const infer::Device& device, const Run& run)
{
    auto cases = openCases(ctx, dir / "clip-tiny-cases.safetensors");
    if (!cases) {
        return;
    }
    auto batch = batchOf(ctx, *cases);
    if (!batch) {
        return;
    }
    const std::string p = infer::precisionName(run.precision);
    auto out = infer::runClipText(dir / "clip-tiny", *batch, device, run.precision);
    if (!out) {
        ctx.report.fail("clip." + p, out.error().describe());
        return;
    }
    if (auto ref = floats(ctx, *cases, "last_hidden_state")) {
        ctx.report.compare("clip.last_hidden_state (" + p + ")", out->lastHidden.data, *ref,
                           run.tolerance);
    }
    if (auto ref = floats(ctx, *cases, "pooler_output")) {
        ctx.report.compare("clip.pooler_output (" + p + ")", out->pooled.data, *ref, run.tolerance);
    }
}

/// The facade end to end: prompts -> (ctxt, ctxt_length, vtxt), both Qwen3 modes.
void checkEncoder(FixtureContext& ctx, const std::filesystem::path& dir,
                  const infer::Device& device, const Run& qwenRun, const Run& clipRun,
                  const std::vector<std::string>& allPrompts)
{
    auto qcases = openCases(ctx, dir / "qwen3-tiny-cases.safetensors");
    auto ccases = openCases(ctx, dir / "clip-tiny-cases.safetensors");
    if (!qcases || !ccases || allPrompts.size() < 3) {
        return;
    }
    auto ctxtRef = floats(ctx, *qcases, "ctxt_fp32");
    auto lengthRef = (*qcases->require("ctxt_length"))->toInt64();
    auto pooledRef = floats(ctx, *ccases, "pooler_output");
    if (!ctxtRef || !lengthRef || !pooledRef) {
        return;
    }
    // The qwen3 cases are the first three golden prompts; so are the first three clip cases.
    const std::vector<std::string> prompts(allPrompts.begin(), allPrompts.begin() + 3);
    for (const bool referencePadding : {false, true}) {
        infer::TextEncoderConfig config;
        config.qwenDir = dir / "qwen3-tiny";
        config.clipDir = dir / "clip-tiny";
        config.qwen = {device, qwenRun.precision};
        config.clip = {device, clipRun.precision};
        config.referencePadding = referencePadding;
        const std::string tag = referencePadding ? "encoder[padded]" : "encoder";
        auto encoder = infer::TextEncoder::load(config, RunControl{});
        if (!encoder) {
            ctx.report.fail(tag, encoder.error().describe());
            return;
        }
        auto enc = (*encoder)->encode(prompts, RunControl{});
        if (!enc) {
            ctx.report.fail(tag, enc.error().describe());
            return;
        }
        ctx.report.check(tag + ".ctxt_length", enc->ctxtLength == *lengthRef,
                         "lengths of the cropped context");
        if (referencePadding) {
            // Every row, padded ones included, as the reference computes them.
            ctx.report.compare(tag + ".ctxt", enc->ctxt, *ctxtRef, qwenRun.tolerance);
        } else {
            const auto ours =
                validRows(enc->ctxt, enc->batch, enc->textTokens, enc->ctxtDim, *lengthRef);
            const auto ref =
                validRows(*ctxtRef, enc->batch, enc->textTokens, enc->ctxtDim, *lengthRef);
            ctx.report.compare(tag + ".ctxt (valid rows)", ours, ref, qwenRun.tolerance);
        }
        const std::vector<float> pooled(pooledRef->begin(), pooledRef->begin() + 3 * enc->vtxtDim);
        ctx.report.compare(tag + ".vtxt", enc->vtxt, pooled, clipRun.tolerance);
        if (!referencePadding) {
            // Re-encoding the same prompts is served from the cache.
            auto again = (*encoder)->encode(prompts, RunControl{});
            const auto stats = (*encoder)->cacheStats();
            ctx.report.check(tag + ".cache",
                             again && again->ctxt == enc->ctxt && stats.misses == 3 &&
                                 stats.hits == 3,
                             std::to_string(stats.misses) + " encoded, " +
                                 std::to_string(stats.hits) + " from the cache");
        }
    }
}

} // namespace

void runTextGroup(FixtureContext& ctx)
{
    const auto& dir = ctx.options.dir;
    const double scale = ctx.options.toleranceScale;
    auto device = infer::parseDevice(ctx.options.device);
    if (!device) {
        ctx.report.fail("text", device.error().describe());
        return;
    }
    auto precision = infer::parsePrecision(ctx.options.precision);
    if (!precision) {
        ctx.report.fail("text", precision.error().describe());
        return;
    }
    constexpr double kFp32Tol = 1e-4;
    constexpr double kBf16Tol = 2e-2;

    std::vector<std::string> prompts;
    std::error_code ec;
    if (std::filesystem::exists(dir / "qwen3_tokenization_public.json", ec)) {
        checkQwenTokenizer(ctx, dir, prompts);
    }
    if (std::filesystem::exists(dir / "clip_tokenization.json", ec)) {
        checkClipTokenizer(ctx, dir);
    }

    // fp32 (default): fp32 compute against the fp32 goldens, plus bf16 compute against the bf16
    // golden. bf16: bf16 compute against both at the bf16 tolerance.
    const bool fp32 = *precision == infer::Precision::Fp32;
    if (*precision == infer::Precision::Fp16) {
        ctx.report.fail("qwen3.fp16", "Qwen3 runs in bf16 or fp32 (fp16 overflows)");
    }
    std::vector<Run> qwenRuns;
    if (fp32) {
        qwenRuns.push_back({infer::Precision::Fp32, kFp32Tol * scale});
    }
    qwenRuns.push_back({infer::Precision::Bf16, kBf16Tol * scale});
    const Run clipRun{*precision, (fp32 ? kFp32Tol : kBf16Tol) * scale};
    const Run qwenMain = qwenRuns.front();

    if (std::filesystem::exists(dir / "qwen3-tiny-cases.safetensors", ec)) {
        checkQwenModel(ctx, dir, *device, qwenRuns, fp32);
    }
    if (std::filesystem::exists(dir / "clip-tiny-cases.safetensors", ec)) {
        checkClipModel(ctx, dir, *device, clipRun);
    }
    if (std::filesystem::exists(dir / "qwen3-tiny-cases.safetensors", ec) &&
        std::filesystem::exists(dir / "clip-tiny-cases.safetensors", ec)) {
        checkEncoder(ctx, dir, *device, qwenMain, clipRun, prompts);
    }
}

} // namespace pw::cli
