// SPDX-License-Identifier: Apache-2.0
// `posewright-cli lint [--json] [--tokenizer DIR] TEXT`: the studio's prompt linter on the
// command line. Exit status: 0 without error findings, 1 with at least one, otherwise the Errc
// of the failure (3 for invalid UTF-8, 4 for a missing tokenizer folder...).
#include "cli_context.h"

#include <pw/core/bpe_tokenizer.h>
#include <pw/core/prompt_linter.h>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

namespace pw::cli {
namespace {

struct LintCommandOptions
{
    std::vector<std::string> words; ///< the prompt, possibly split by the shell
    bool json = false;
    bool explain = false;
    int maxTextTokens = 128;
    std::filesystem::path tokenizer; ///< Qwen3 folder (tokenizer.json); empty: no token count
};

int runLint(const LintCommandOptions& opt)
{
    // "lint A person walks" and "lint 'A person walks'" mean the same prompt.
    std::string text;
    for (const std::string& w : opt.words) {
        if (!text.empty()) {
            text += ' ';
        }
        text += w;
    }
    LintOptions options;
    options.maxTextTokens = opt.maxTextTokens;
    if (!opt.tokenizer.empty()) {
        std::error_code ec;
        if (!std::filesystem::is_directory(opt.tokenizer, ec)) {
            return reportError(Error(Errc::FileNotFound, "tokenizer folder does not exist")
                                   .inFile(opt.tokenizer.string())
                                   .at("--tokenizer"));
        }
        auto loaded = BpeTokenizer::load(opt.tokenizer / "tokenizer.json");
        if (!loaded) {
            return reportError(loaded.error());
        }
        auto tokenizer = std::make_shared<const BpeTokenizer>(std::move(*loaded));
        options.countTokens = makeTokenCounter(tokenizer);
        options.tokenEnds = makeTokenSplitter(tokenizer);
    }
    auto linted = PromptLinter::builtin().lint(text, options);
    if (!linted) {
        return reportError(linted.error());
    }
    const LintReport& report = *linted;

    if (opt.json) {
        std::cout << lintReportToJson(report) << '\n';
        return report.hasErrors() ? 1 : 0;
    }
    std::printf("%d word%s, tokens: %s\n", report.words, report.words == 1 ? "" : "s",
                report.tokens ? std::to_string(*report.tokens).c_str()
                              : "unknown (no --tokenizer)");
    if (report.findings.empty()) {
        std::printf("no findings\n");
    }
    for (const LintFinding& f : report.findings) {
        const std::string span = text.substr(f.start, f.end - f.start);
        std::printf("%-7s %-13s %zu-%zu \"%s\": %s\n", lintSeverityName(f.severity), f.rule.c_str(),
                    f.start, f.end, span.c_str(), f.message.c_str());
        if (f.fix) {
            std::printf("        fix: replace with \"%s\" -> %s\n", f.fix->c_str(),
                        applyLintFix(text, f).c_str());
        }
        if (opt.explain) {
            std::printf("        %s\n", f.explanation.c_str());
        }
    }
    std::printf("%d error%s, %d warning%s, %d hint%s\n", report.count(LintSeverity::Error),
                report.count(LintSeverity::Error) == 1 ? "" : "s",
                report.count(LintSeverity::Warning),
                report.count(LintSeverity::Warning) == 1 ? "" : "s",
                report.count(LintSeverity::Hint), report.count(LintSeverity::Hint) == 1 ? "" : "s");
    return report.hasErrors() ? 1 : 0;
}

} // namespace

void addLintCommand(CLI::App& app, CliContext& ctx)
{
    auto opt = std::make_shared<LintCommandOptions>();
    CLI::App* sub = app.add_subcommand(
        "lint", "Check a prompt for HY-Motion: length, vague verbs, unsupported content, style "
                "(exit 1 when there are errors)");
    sub->add_option("text", opt->words, "The prompt (quote it, or pass it as several words)")
        ->required();
    sub->add_flag("--json", opt->json,
                  "Print {\"words\", \"tokens\", \"findings\": [{\"rule\", \"severity\", "
                  "\"start\", \"end\", \"message\", \"fix\"}]} with byte offsets");
    sub->add_flag("--explain", opt->explain, "Also print why each finding matters");
    sub->add_option("--tokenizer", opt->tokenizer,
                    "Qwen3 folder with tokenizer.json: count the prompt's tokens (the tokens "
                    "rule and \"tokens\" in the output)");
    sub->add_option("--max-text-tokens", opt->maxTextTokens,
                    "The model's max_length_llm (text tokens it reads)")
        ->check(CLI::Range(3, 4096))
        ->capture_default_str();
    sub->callback([&ctx, opt] { ctx.action = [opt] { return runLint(*opt); }; });
}

} // namespace pw::cli
