// SPDX-License-Identifier: Apache-2.0
// `posewright-cli lint [--json] TEXT`: the studio's prompt linter on the command line.
// Exit status: 0 without error findings, 1 with at least one, 3 for unusable input.
#include "cli_context.h"

#include <pw/core/prompt_linter.h>

#include <cstdio>
#include <iostream>
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
    // TODO(#4): count tokens with the Qwen3 tokenizer (--qwen DIR) once the text encoder lands;
    // until then "tokens" is null and the token rule is skipped.
    const LintReport report = PromptLinter::builtin().lint(text, options);

    if (opt.json) {
        std::cout << lintReportToJson(report) << '\n';
        return report.hasErrors() ? 1 : 0;
    }
    std::printf("%d word%s, tokens: %s\n", report.words, report.words == 1 ? "" : "s",
                report.tokens ? std::to_string(*report.tokens).c_str()
                              : "unknown (no tokenizer loaded)");
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
    sub->add_option("--max-text-tokens", opt->maxTextTokens,
                    "The model's max_length_llm (text tokens it reads)")
        ->check(CLI::Range(3, 4096))
        ->capture_default_str();
    sub->callback([&ctx, opt] { ctx.action = [opt] { return runLint(*opt); }; });
}

} // namespace pw::cli
