// SPDX-License-Identifier: Apache-2.0
#include "generation_settings.h"

#include <pw/core/paths.h>
#include <pw/infer/device.h>
#include <pw/infer/runtime.h>

#include <QSettings>

#include <algorithm>
#include <cmath>

namespace pw::gui {

bool runsOnCpu(const QString& device)
{
    return device == QLatin1String("cpu") ||
           (device == QLatin1String("auto") && !infer::runtimeInfo().cudaAvailable);
}

QStringList precisionsFor(const QString& device)
{
    if (runsOnCpu(device)) {
        return {QStringLiteral("fp32")};
    }
    return {QStringLiteral("bf16"), QStringLiteral("fp16"), QStringLiteral("fp32")};
}

GenerationSettings GenerationSettings::load(QSettings& s)
{
    GenerationSettings g;
    s.beginGroup(QStringLiteral("generation"));
    g.candidates = std::clamp(s.value(QStringLiteral("candidates"), g.candidates).toInt(), 1, 4);
    g.durationSec =
        std::clamp(s.value(QStringLiteral("durationSec"), g.durationSec).toDouble(), 0.1, 60.0);
    g.randomSeed = s.value(QStringLiteral("randomSeed"), g.randomSeed).toBool();
    g.seed = s.value(QStringLiteral("seed"), g.seed).toULongLong();
    g.cfgScale = std::clamp(s.value(QStringLiteral("cfgScale"), g.cfgScale).toDouble(), 1.0, 20.0);
    g.steps = std::clamp(s.value(QStringLiteral("steps"), g.steps).toInt(), 1, 1000);
    g.textMaxLength =
        std::clamp(s.value(QStringLiteral("textMaxLength"), g.textMaxLength).toInt(), 1, 4096);
    g.device = s.value(QStringLiteral("device"), g.device).toString();
    if (!infer::parseDevice(g.device.toStdString())) {
        g.device = QStringLiteral("auto");
    }
    g.precision = s.value(QStringLiteral("precision"), g.precision).toString();
    if (!precisionsFor(g.device).contains(g.precision)) {
        g.precision = QStringLiteral("fp32"); // e.g. bf16 remembered from a CUDA machine
    }
    g.vramBudgetGiB = std::clamp(
        s.value(QStringLiteral("vramBudgetGiB"), g.vramBudgetGiB).toDouble(), 0.0, 1024.0);
    g.textEncoders = s.value(QStringLiteral("textEncoders"), g.textEncoders).toString();
    if (!infer::parseTextEncoderPlacement(g.textEncoders.toStdString())) {
        g.textEncoders = QStringLiteral("auto");
    }
    s.endGroup();
    return g;
}

void GenerationSettings::save(QSettings& s) const
{
    s.beginGroup(QStringLiteral("generation"));
    s.setValue(QStringLiteral("candidates"), candidates);
    s.setValue(QStringLiteral("durationSec"), durationSec);
    s.setValue(QStringLiteral("randomSeed"), randomSeed);
    s.setValue(QStringLiteral("seed"), seed);
    s.setValue(QStringLiteral("cfgScale"), cfgScale);
    s.setValue(QStringLiteral("steps"), steps);
    s.setValue(QStringLiteral("textMaxLength"), textMaxLength);
    s.setValue(QStringLiteral("device"), device);
    s.setValue(QStringLiteral("precision"), precision);
    s.setValue(QStringLiteral("vramBudgetGiB"), vramBudgetGiB);
    s.setValue(QStringLiteral("textEncoders"), textEncoders);
    s.endGroup();
}

bool textEncodersOnGpu(const GenerationSettings& settings, std::uint64_t allWeightsBytes)
{
    auto device = infer::parseDevice(settings.device.toStdString());
    auto requested = infer::parseTextEncoderPlacement(settings.textEncoders.toStdString());
    if (!device || !requested || runsOnCpu(settings.device)) {
        return false;
    }
    const auto budget =
        static_cast<std::uint64_t>(std::llround(settings.vramBudgetGiB * 1024.0 * 1024.0 * 1024.0));
    return infer::resolveTextEncoderPlacement(*requested, *device, budget, allWeightsBytes) !=
           infer::TextEncoderPlacement::Cpu;
}

ModelPaths ModelPaths::load(QSettings& s)
{
    ModelPaths p;
    s.beginGroup(QStringLiteral("models"));
    p.modelDir = s.value(QStringLiteral("hymotion")).toString();
    p.qwenDir = s.value(QStringLiteral("qwen3")).toString();
    p.clipDir = s.value(QStringLiteral("clip")).toString();
    p.mannequinDir = s.value(QStringLiteral("mannequin")).toString();
    p.loadAtStart = s.value(QStringLiteral("loadAtStart"), false).toBool();
    s.endGroup();
    return p;
}

void ModelPaths::save(QSettings& s) const
{
    s.beginGroup(QStringLiteral("models"));
    s.setValue(QStringLiteral("hymotion"), modelDir);
    s.setValue(QStringLiteral("qwen3"), qwenDir);
    s.setValue(QStringLiteral("clip"), clipDir);
    s.setValue(QStringLiteral("mannequin"), mannequinDir);
    s.setValue(QStringLiteral("loadAtStart"), loadAtStart);
    s.endGroup();
}

ModelLimits ModelLimits::fromSummary(const infer::ModelSummary& summary)
{
    ModelLimits l;
    l.trainFrames = summary.trainFrames;
    l.minFrames = std::min(summary.minFrames, summary.trainFrames);
    l.fps = summary.fps > 0.0f ? summary.fps : 30.0;
    l.defaultSteps = summary.defaultSteps;
    l.defaultCfgScale = summary.defaultCfgScale;
    l.maxTextTokens = summary.maxTextTokens;
    return l;
}

ModelLimits ModelLimits::fromConfig(const infer::DitConfig& config)
{
    ModelLimits l;
    l.trainFrames = config.trainFrames;
    l.minFrames = config.minFrames();
    l.fps = config.fps;
    l.defaultSteps = config.steps;
    l.defaultCfgScale = config.cfgScale;
    l.maxTextTokens = config.maxTextTokens;
    return l;
}

int ModelLimits::requestedFrames(double durationSec) const
{
    // std::nearbyint rounds half to even in the default rounding mode, like Python's round().
    return static_cast<int>(std::nearbyint(durationSec * fps));
}

int ModelLimits::generatedFrames(double durationSec) const
{
    return std::clamp(requestedFrames(durationSec), minFrames, trainFrames);
}

Result<infer::EngineConfig> makeEngineConfig(const ModelPaths& paths,
                                             const GenerationSettings& settings)
{
    infer::EngineConfig config;
    config.modelDir = paths.modelDir.toStdString();
    config.qwenDir = paths.qwenDir.toStdString();
    config.clipDir = paths.clipDir.toStdString();
    auto device = infer::parseDevice(settings.device.toStdString());
    if (!device) {
        return device.error();
    }
    auto precision = infer::parsePrecision(settings.precision.toStdString());
    if (!precision) {
        return precision.error();
    }
    config.device = *device;
    config.precision = *precision;
    config.vramBudgetBytes =
        static_cast<std::uint64_t>(std::llround(settings.vramBudgetGiB * 1024.0 * 1024.0 * 1024.0));
    auto placement = infer::parseTextEncoderPlacement(settings.textEncoders.toStdString());
    if (!placement) {
        return Error(placement.error()).at("text encoders");
    }
    config.textEncoders = *placement;
    return config;
}

std::vector<std::uint64_t> candidateSeeds(std::uint64_t firstSeed, int candidates)
{
    std::vector<std::uint64_t> seeds;
    for (int i = 0; i < std::clamp(candidates, 1, 4); ++i) {
        seeds.push_back(firstSeed + static_cast<std::uint64_t>(i));
    }
    return seeds;
}

GenerationJob makeGenerationJob(const QString& prompt, const GenerationSettings& settings,
                                std::uint64_t firstSeed, const std::filesystem::path& projectDir)
{
    GenerationJob job;
    job.request.prompt = prompt.trimmed().toStdString();
    job.request.durationSec = settings.durationSec;
    job.request.seeds = candidateSeeds(firstSeed, settings.candidates);
    job.request.cfgScale = static_cast<float>(settings.cfgScale);
    job.request.steps = settings.steps;
    job.request.textMaxLength = settings.textMaxLength;
    job.projectDir = projectDir;
    job.params.durationSec = settings.durationSec;
    job.params.cfgScale = static_cast<float>(settings.cfgScale);
    job.params.steps = settings.steps;
    job.params.textMaxLength = settings.textMaxLength;
    job.params.device = settings.device.toStdString();
    job.params.precision = settings.precision.toStdString();
    return job;
}

QString projectFolder()
{
    const QString fallback = QString::fromStdString((paths::dataDir() / "takes").string());
    return QSettings().value(QStringLiteral("project/folder"), fallback).toString();
}

void setProjectFolder(const QString& folder)
{
    QSettings().setValue(QStringLiteral("project/folder"), folder);
}

bool isLicenceAccepted()
{
    return QSettings().value(QLatin1String(kLicenceSettingKey)).toString() ==
           QLatin1String(kLicenceVersion);
}

void setLicenceAccepted(bool accepted)
{
    QSettings s;
    if (accepted) {
        s.setValue(QLatin1String(kLicenceSettingKey), QLatin1String(kLicenceVersion));
    } else {
        s.remove(QLatin1String(kLicenceSettingKey));
    }
}

} // namespace pw::gui
