// SPDX-License-Identifier: Apache-2.0
// `posewright-cli tokenize --tokenizer DIR [--template none|hymotion] [--json] TEXT...`: token ids
// of each TEXT with the Qwen3 tokenizer (tokenizer.json) or the CLIP tokenizer (vocab.json +
// merges.txt) of a Hugging Face folder.
#include "cli_context.h"

#include <pw/core/atomic_file.h>
#include <pw/core/clip_tokenizer.h>
#include <pw/core/qwen_prompt.h>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>
#include <sstream>

namespace pw::cli {
namespace {

struct TokenizeOptions
{
    std::filesystem::path dir;
    std::string templateName = "none";
    bool json = false;
    std::vector<std::string> texts;
};

struct Row
{
    std::string text;
    std::vector<std::int32_t> ids;
    int cropStart = 0; ///< index of the first token of TEXT in ids
};

std::string rowJson(const Row& row)
{
    std::ostringstream out;
    out << "{\"text\": " << nlohmann::json(row.text).dump() << ", \"ids\": [";
    for (std::size_t i = 0; i < row.ids.size(); ++i) {
        out << (i ? ", " : "") << row.ids[i];
    }
    out << "], \"crop_start\": " << row.cropStart << "}";
    return out.str();
}

/// tokenizer_config.json's "tokenizer_class", or "" when absent or unreadable.
std::string tokenizerClass(const std::filesystem::path& dir)
{
    auto text = readWholeFile(dir / "tokenizer_config.json");
    if (!text) {
        return {};
    }
    try {
        const auto j = nlohmann::json::parse(*text);
        if (j.is_object() && j.contains("tokenizer_class") && j["tokenizer_class"].is_string()) {
            return j["tokenizer_class"].get<std::string>();
        }
    } catch (const nlohmann::json::exception&) {
        // A malformed file is reported by the tokenizer that reads it.
    }
    return {};
}

int runTokenize(const TokenizeOptions& opt)
{
    std::error_code ec;
    // Qwen folders also ship vocab.json + merges.txt and CLIP folders a tokenizer.json: the
    // tokenizer class decides, then the files present.
    const bool clipClass = tokenizerClass(opt.dir).rfind("CLIPTokenizer", 0) == 0;
    const bool clip = std::filesystem::exists(opt.dir / "vocab.json", ec) &&
                      std::filesystem::exists(opt.dir / "merges.txt", ec) &&
                      (clipClass || !std::filesystem::exists(opt.dir / "tokenizer.json", ec));
    const bool qwen = !clip && std::filesystem::exists(opt.dir / "tokenizer.json", ec);
    if (!std::filesystem::is_directory(opt.dir, ec)) {
        return reportError(
            Error(Errc::FileNotFound, "tokenizer folder does not exist").inFile(opt.dir.string()));
    }
    if (!qwen && !clip) {
        return reportError(
            Error(Errc::FileNotFound, "no tokenizer in the folder")
                .inFile(opt.dir.string())
                .mismatch("tokenizer.json (Qwen3) or vocab.json + merges.txt (CLIP)", "neither"));
    }
    const bool hymotion = opt.templateName == "hymotion";
    std::vector<Row> rows;
    if (qwen) {
        auto tok = QwenPromptTokenizer::load(opt.dir);
        if (!tok) {
            return reportError(tok.error());
        }
        for (std::size_t i = 0; i < opt.texts.size(); ++i) {
            const std::string& text = opt.texts[i];
            auto ids = hymotion ? tok->templatedIds(text) : tok->tokenizer().encode(text);
            if (!ids) {
                Error e = std::move(ids).error();
                e.item = "TEXT " + std::to_string(i + 1);
                return reportError(e);
            }
            rows.push_back(Row{text, std::move(*ids), hymotion ? tok->cropStart() : 0});
        }
    } else {
        if (hymotion) {
            return reportError(
                Error(Errc::InvalidArgument, "the HY-Motion template applies to Qwen3 only")
                    .at("--template")
                    .mismatch("none with a CLIP tokenizer", "hymotion"));
        }
        auto tok = ClipTokenizer::load(opt.dir);
        if (!tok) {
            return reportError(tok.error());
        }
        for (std::size_t i = 0; i < opt.texts.size(); ++i) {
            // What the model gets: start, up to 75 tokens, end.
            auto ids = tok->encodeForModel(opt.texts[i], 77);
            if (!ids) {
                Error e = std::move(ids).error();
                e.item = "TEXT " + std::to_string(i + 1);
                return reportError(e);
            }
            rows.push_back(Row{opt.texts[i], std::move(*ids), 1});
        }
    }

    if (opt.json) {
        if (rows.size() == 1) {
            std::cout << rowJson(rows[0]) << '\n';
        } else {
            std::cout << "[\n";
            for (std::size_t i = 0; i < rows.size(); ++i) {
                std::cout << "  " << rowJson(rows[i]) << (i + 1 < rows.size() ? ",\n" : "\n");
            }
            std::cout << "]\n";
        }
        return 0;
    }
    for (const Row& row : rows) {
        std::string line;
        for (std::size_t i = 0; i < row.ids.size(); ++i) {
            line += (i ? " " : "") + std::to_string(row.ids[i]);
        }
        std::printf("%s\n", line.c_str());
    }
    return 0;
}

} // namespace

void addTokenizeCommand(CLI::App& app, CliContext& ctx)
{
    auto opt = std::make_shared<TokenizeOptions>();
    CLI::App* sub = app.add_subcommand(
        "tokenize", "Print the token ids of each TEXT (Qwen3 or CLIP tokenizer of a folder)");
    sub->add_option("--tokenizer", opt->dir,
                    "Hugging Face folder: tokenizer.json (Qwen3) or vocab.json + merges.txt "
                    "(CLIP)")
        ->required();
    sub->add_option("--template", opt->templateName,
                    "none: the text alone; hymotion: HY-Motion's chat template (Qwen3)")
        ->check(CLI::IsMember({"none", "hymotion"}))
        ->capture_default_str();
    sub->add_flag("--json", opt->json,
                  "One JSON object per TEXT: {\"text\", \"ids\", \"crop_start\"} (an array for "
                  "several)");
    sub->add_option("text", opt->texts, "Text(s) to tokenize")->required();
    sub->callback([&ctx, opt] { ctx.action = [opt] { return runTokenize(*opt); }; });
}

} // namespace pw::cli
