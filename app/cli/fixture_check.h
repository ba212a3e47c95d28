// SPDX-License-Identifier: Apache-2.0
// `posewright-cli check-fixture`: framework shared by the fixture groups (fwd, sample, decode,
// e2e for DiT folders; text for text-encoder folders). Torch-free: groups call pw_infer/pw_core
// APIs that return plain float arrays, and this file compares them with the goldens.
#pragma once

#include <pw/core/error.h>
#include <pw/core/safetensors.h>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace pw::cli {

/// Prints one line per check and counts the results.
class FixtureReport
{
  public:
    /// Compares `ours` with `reference` (same element count required) by the relative error
    /// ||ours - ref|| / ||ref|| and prints "PASS|FAIL  <name>  rel_err=...  tol=...".
    bool compare(const std::string& name, std::span<const float> ours,
                 std::span<const float> reference, double tolerance);
    /// A yes/no check with an explanation, e.g. bit-exact noise.
    bool check(const std::string& name, bool ok, const std::string& detail);
    /// A check that could not run (missing implementation, error): always FAIL.
    void fail(const std::string& name, const std::string& reason);
    /// An informational line that does not count.
    void note(const std::string& text);

    int passed() const { return m_passed; }
    int failed() const { return m_failed; }

  private:
    int m_passed = 0;
    int m_failed = 0;
};

/// Options of one check-fixture run.
struct FixtureOptions
{
    std::filesystem::path dir;
    std::string device = "cpu";
    std::string precision = "fp32";
    std::string weights;         ///< "ckpt", "safetensors" or empty (both that exist)
    double toleranceScale = 1.0; ///< multiplies every tolerance (bf16/fp16 runs)
};

/// What a group gets: the folder, its case files (loaded once), options and the report.
struct FixtureContext
{
    FixtureOptions options;
    FixtureReport& report;
    std::optional<SafetensorsFile> cases; ///< cases.safetensors when present
    nlohmann::json casesJson;             ///< cases.json when present

    /// A reference tensor as float32, or a report failure (returns nullopt) naming the key.
    std::optional<std::vector<float>> reference(const std::string& key);
    /// Keys of `cases` that start with `prefix`.
    std::vector<std::string> keysWithPrefix(const std::string& prefix) const;
};

/// One group of checks. `run == nullptr` means this build cannot run it yet: it FAILs with
/// "not implemented".
struct FixtureGroup
{
    const char* name;
    const char* description;
    bool (*applies)(const FixtureContext& ctx); ///< the folder has cases for this group
    void (*run)(FixtureContext& ctx);
};

// Group implementations (one file per owner). A group that is not implemented yet is nullptr in
// the table in cmd_check_fixture.cpp.
void runForwardGroup(FixtureContext& ctx); ///< fixture_dit.cpp: fwd.*
void runSampleGroup(FixtureContext& ctx);  ///< fixture_dit.cpp: gen.latent, gen_nocfg.latent, noise
void runDecodeGroup(FixtureContext& ctx);  ///< fixture_decode.cpp: dec.*, gen.rot6d/transl
void runEndToEndGroup(FixtureContext& ctx); ///< fixture_e2e.cpp: e2e* through the Engine
void runTextGroup(FixtureContext& ctx);     ///< fixture_text.cpp: tokenizers, Qwen3, CLIP

} // namespace pw::cli
