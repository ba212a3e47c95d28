// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "metatypes.h"

#include <pw/infer/dit_config.h>
#include <pw/infer/engine.h>

#include <QString>
#include <QStringList>

#include <cstdint>
#include <filesystem>
#include <vector>

class QSettings;

namespace pw::gui {

/// The generation parameters the user edits in the parameters panel, remembered with
/// QSettings under "generation/". Values read back are clamped to their valid ranges.
struct GenerationSettings
{
    int candidates = 1;       ///< seeds per request, 1-4
    double durationSec = 5.0; ///< requested length
    bool randomSeed = true;   ///< draw a new first seed for every request
    quint64 seed = 0;         ///< first seed when not random; candidate i uses seed + i
    double cfgScale = 5.0;    ///< classifier-free guidance (1 = off)
    int steps = 50;           ///< Euler steps
    int textMaxLength = 128;  ///< Qwen3 tokens fed to the DiT
    QString device = QStringLiteral("auto");    ///< "auto", "cpu", "cuda:N"
    QString precision = QStringLiteral("fp32"); ///< one of precisionsFor(device)
    double vramBudgetGiB = 0.0;                 ///< 0: no budget
    /// Where Qwen3 and CLIP live: "auto", "device", "cpu", "release"
    /// (infer::parseTextEncoderPlacement; docs/engine.md).
    QString textEncoders = QStringLiteral("auto");

    static GenerationSettings load(QSettings& settings);
    void save(QSettings& settings) const;
    friend bool operator==(const GenerationSettings&, const GenerationSettings&) = default;
};

/// Whether `device` ("auto", "cpu", "cuda:N") runs on the CPU here: "cpu", or "auto" without a
/// CUDA device.
bool runsOnCpu(const QString& device);
/// The DiT precisions the engine accepts on `device`, best first: {"fp32"} on the CPU (the
/// engine runs the DiT in fp32 only there), {"bf16", "fp16", "fp32"} on CUDA.
QStringList precisionsFor(const QString& device);

/// Whether the text encoders would sit on the GPU with these settings and weights: not with the
/// "cpu" placement nor on the CPU, and not with "auto" when a VRAM budget is set and all the
/// weights exceed it (the engine's rule, see TextEncoderPlacement::Auto).
bool textEncodersOnGpu(const GenerationSettings& settings, std::uint64_t allWeightsBytes);

/// The model folders chosen in the model manager (QSettings "models/").
struct ModelPaths
{
    QString modelDir;     ///< HY-Motion folder
    QString qwenDir;      ///< Qwen3 folder
    QString clipDir;      ///< CLIP folder
    QString mannequinDir; ///< optional: the official repository's mannequin assets
    bool loadAtStart = false;

    static ModelPaths load(QSettings& settings);
    void save(QSettings& settings) const;
    bool isComplete() const
    {
        return !modelDir.isEmpty() && !qwenDir.isEmpty() && !clipDir.isEmpty();
    }
};

/// What the loaded model (or, before loading, its config) allows.
struct ModelLimits
{
    int trainFrames = 360;
    int minFrames = 20;
    double fps = 30.0;
    int defaultSteps = 50;
    double defaultCfgScale = 5.0;
    int maxTextTokens = 128;

    static ModelLimits fromSummary(const infer::ModelSummary& summary);
    static ModelLimits fromConfig(const infer::DitConfig& config);
    double minDurationSec() const { return minFrames / fps; }
    double maxDurationSec() const { return trainFrames / fps; }
    /// round(duration x fps) with ties to even, as the reference computes it (unclamped).
    int requestedFrames(double durationSec) const;
    /// requestedFrames clamped to [minFrames, trainFrames]: what the model generates.
    int generatedFrames(double durationSec) const;
};

/// The engine configuration for these folders and settings.
/// Errors: InvalidArgument (a device or precision the parser rejects).
Result<infer::EngineConfig> makeEngineConfig(const ModelPaths& paths,
                                             const GenerationSettings& settings);

/// Seeds of one request: `candidates` consecutive seeds from `firstSeed`.
std::vector<std::uint64_t> candidateSeeds(std::uint64_t firstSeed, int candidates);

/// The job for a prompt with these settings; takes go to `projectDir`.
GenerationJob makeGenerationJob(const QString& prompt, const GenerationSettings& settings,
                                std::uint64_t firstSeed, const std::filesystem::path& projectDir);

/// The folder new takes are saved in (QSettings "project/folder"); by default
/// $XDG_DATA_HOME/posewright/takes.
QString projectFolder();
void setProjectFolder(const QString& folder);

/// Settings keys of the one-time licence acceptance.
inline constexpr const char* kLicenceSettingKey = "licence/hymotionAccepted";
/// The licence version the user accepted (the release date of the HY-Motion 1.0 licence).
inline constexpr const char* kLicenceVersion = "2025-12-30";
bool isLicenceAccepted();
void setLicenceAccepted(bool accepted);

} // namespace pw::gui
