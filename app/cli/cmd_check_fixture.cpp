// SPDX-License-Identifier: Apache-2.0
// `posewright-cli check-fixture DIR [--groups a,b]`: runs golden cases and prints per-tensor
// relative errors with PASS/FAIL; exits non-zero on any FAIL.
#include "cli_context.h"
#include "fixture_check.h"

#include <pw/core/atomic_file.h>
#include <pw/core/log.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

namespace pw::cli {

bool FixtureReport::compare(const std::string& name, std::span<const float> ours,
                            std::span<const float> reference, double tolerance)
{
    if (ours.size() != reference.size()) {
        fail(name, "size mismatch: ours " + std::to_string(ours.size()) + " values, reference " +
                       std::to_string(reference.size()));
        return false;
    }
    double num = 0.0;
    double den = 0.0;
    bool finite = true;
    for (std::size_t i = 0; i < ours.size(); ++i) {
        const double a = ours[i];
        const double b = reference[i];
        finite = finite && std::isfinite(a);
        num += (a - b) * (a - b);
        den += b * b;
    }
    const double rel = den > 0.0 ? std::sqrt(num / den) : std::sqrt(num);
    const bool ok = finite && rel <= tolerance;
    std::printf("%s  %-28s rel_err=%.3e  tol=%.0e%s\n", ok ? "PASS" : "FAIL", name.c_str(), rel,
                tolerance, finite ? "" : "  (non-finite values)");
    (ok ? m_passed : m_failed)++;
    return ok;
}

bool FixtureReport::check(const std::string& name, bool ok, const std::string& detail)
{
    std::printf("%s  %-28s %s\n", ok ? "PASS" : "FAIL", name.c_str(), detail.c_str());
    (ok ? m_passed : m_failed)++;
    return ok;
}

void FixtureReport::fail(const std::string& name, const std::string& reason)
{
    std::printf("FAIL  %-28s %s\n", name.c_str(), reason.c_str());
    ++m_failed;
}

void FixtureReport::note(const std::string& text)
{
    std::printf("      %s\n", text.c_str());
}

std::optional<std::vector<float>> FixtureContext::reference(const std::string& key)
{
    if (!cases) {
        report.fail(key, "no cases.safetensors in " + options.dir.string());
        return std::nullopt;
    }
    auto t = cases->require(key);
    if (!t) {
        report.fail(key, t.error().describe());
        return std::nullopt;
    }
    auto values = (*t)->toFloat32();
    if (!values) {
        report.fail(key, values.error().describe());
        return std::nullopt;
    }
    return std::move(*values);
}

std::vector<std::string> FixtureContext::keysWithPrefix(const std::string& prefix) const
{
    std::vector<std::string> keys;
    if (cases) {
        for (const auto& t : cases->tensors()) {
            if (t.name.rfind(prefix, 0) == 0) {
                keys.push_back(t.name);
            }
        }
    }
    return keys;
}

namespace {

bool hasPrefix(const FixtureContext& ctx, const char* prefix)
{
    return !ctx.keysWithPrefix(prefix).empty();
}

bool isTextFolder(const FixtureContext& ctx)
{
    return std::filesystem::exists(ctx.options.dir / "qwen3_tokenization_public.json") ||
           std::filesystem::exists(ctx.options.dir / "clip_tokenization.json");
}

// The table of groups. A nullptr `run` is a group this build cannot run yet.
const FixtureGroup kGroups[] = {
    {"fwd", "one DiT forward and its intermediates",
     [](const FixtureContext& c) { return hasPrefix(c, "fwd."); }, &runForwardGroup},
    {"sample", "seeded noise and sampled latents with and without CFG",
     [](const FixtureContext& c) { return hasPrefix(c, "gen.") || hasPrefix(c, "gen_nocfg."); },
     &runSampleGroup},
    {"decode", "latent decoding and smoothing",
     [](const FixtureContext& c) { return hasPrefix(c, "dec.") || hasPrefix(c, "gen.rot6d"); },
     runDecodeGroup},
    {"e2e", "prompt strings through both text encoders into the DiT",
     [](const FixtureContext& c) { return hasPrefix(c, "e2e"); }, &runEndToEndGroup},
    {"text", "tokenizers, Qwen3 and CLIP text encoders", isTextFolder, &runTextGroup},
};

struct CheckOptions
{
    FixtureOptions fixture;
    std::string groups;
};

int runCheckFixture(const CheckOptions& opt)
{
    const auto& dir = opt.fixture.dir;
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) {
        return reportError(
            Error(Errc::FileNotFound, "fixture folder does not exist").inFile(dir.string()));
    }
    FixtureReport report;
    FixtureContext ctx{opt.fixture, report, std::nullopt, {}};
    if (std::filesystem::exists(dir / "cases.safetensors")) {
        auto cases = SafetensorsFile::open(dir / "cases.safetensors");
        if (!cases) {
            return reportError(cases.error());
        }
        ctx.cases = std::move(*cases);
    }
    if (std::filesystem::exists(dir / "cases.json")) {
        auto text = readWholeFile(dir / "cases.json");
        if (!text) {
            return reportError(text.error());
        }
        try {
            ctx.casesJson = nlohmann::json::parse(*text);
        } catch (const nlohmann::json::exception& e) {
            return reportError(Error(Errc::BadInput, std::string("malformed JSON: ") + e.what())
                                   .inFile((dir / "cases.json").string()));
        }
    }

    std::vector<std::string> wanted;
    if (!opt.groups.empty()) {
        std::stringstream ss(opt.groups);
        for (std::string g; std::getline(ss, g, ',');) {
            bool known = false;
            for (const auto& group : kGroups) {
                known = known || g == group.name;
            }
            if (!known) {
                return reportError(Error(Errc::InvalidArgument, "unknown fixture group")
                                       .at("--groups")
                                       .mismatch("fwd, sample, decode, e2e or text", g));
            }
            wanted.push_back(g);
        }
    }

    int ran = 0;
    for (const auto& group : kGroups) {
        const bool selected =
            wanted.empty() ? group.applies(ctx)
                           : std::find(wanted.begin(), wanted.end(), group.name) != wanted.end();
        if (!selected) {
            continue;
        }
        ++ran;
        std::printf("== %s: %s\n", group.name, group.description);
        if (!group.applies(ctx)) {
            report.fail(group.name, "the folder has no cases for this group");
            continue;
        }
        if (group.run == nullptr) {
            report.fail(group.name, "not implemented in this build");
            continue;
        }
        try {
            group.run(ctx);
        } catch (...) {
            report.fail(group.name, currentExceptionToError().describe());
        }
    }
    if (ran == 0) {
        return reportError(Error(Errc::BadInput,
                                 "no fixture cases found (expected cases.safetensors "
                                 "or tokenization goldens)")
                               .inFile(dir.string()));
    }
    std::printf("%d passed, %d failed\n", report.passed(), report.failed());
    return report.failed() == 0 ? 0 : 1;
}

} // namespace

void addCheckFixtureCommand(CLI::App& app, CliContext& ctx)
{
    auto opt = std::make_shared<CheckOptions>();
    CLI::App* sub = app.add_subcommand(
        "check-fixture", "Compare this build with golden data from the reference implementation");
    sub->add_option("dir", opt->fixture.dir, "Fixture folder (e.g. ../shared/fixtures/dit-tiny)")
        ->required();
    sub->add_option(
        "--groups", opt->groups,
        "Comma-separated groups: fwd, sample, decode, e2e, text (default: all the folder "
        "has cases for)");
    sub->add_option("--device", opt->fixture.device, "cpu, cuda or cuda:N")->capture_default_str();
    sub->add_option("--precision", opt->fixture.precision, "fp32, bf16 or fp16")
        ->capture_default_str();
    sub->add_option("--weights", opt->fixture.weights,
                    "Which weights file to load: ckpt or safetensors (default: each that exists)")
        ->check(CLI::IsMember({"ckpt", "safetensors"}));
    sub->add_option("--tolerance-scale", opt->fixture.toleranceScale,
                    "Multiply every tolerance (e.g. for reduced-precision runs)")
        ->check(positive());
    sub->callback([&ctx, opt] { ctx.action = [opt] { return runCheckFixture(*opt); }; });
}

} // namespace pw::cli
