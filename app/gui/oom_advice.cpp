// SPDX-License-Identifier: Apache-2.0
#include "oom_advice.h"

#include "widgets/vram_gauge.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <cmath>

namespace pw::gui {
namespace {

/// Translation context of the out-of-memory texts.
class OutOfMemory
{
    Q_DECLARE_TR_FUNCTIONS(OutOfMemory)
  public:
    static QString stageName(const QString& stage);
};

QString OutOfMemory::stageName(const QString& stage)
{
    if (stage == QLatin1String("load")) {
        return tr("loading the models");
    }
    if (stage == QLatin1String("encode")) {
        return tr("encoding the prompt (Qwen3 and CLIP)");
    }
    if (stage == QLatin1String("sample")) {
        return tr("sampling (the motion model's steps)");
    }
    if (stage == QLatin1String("decode")) {
        return tr("decoding the motion");
    }
    return tr("generation");
}

} // namespace

std::optional<quint64> requestedBytesFromMessage(const std::string& message)
{
    static const QRegularExpression kRe(
        QStringLiteral("allocate\\s+([0-9]+(?:\\.[0-9]+)?)\\s*(GiB|MiB|KiB|GB|MB|KB|bytes|B)\\b"),
        QRegularExpression::CaseInsensitiveOption);
    const auto m = kRe.match(QString::fromStdString(message));
    if (!m.hasMatch()) {
        return std::nullopt;
    }
    const double value = m.captured(1).toDouble();
    const QString unit = m.captured(2).toLower();
    double scale = 1.0;
    if (unit == QLatin1String("gib")) {
        scale = 1024.0 * 1024.0 * 1024.0;
    } else if (unit == QLatin1String("mib")) {
        scale = 1024.0 * 1024.0;
    } else if (unit == QLatin1String("kib")) {
        scale = 1024.0;
    } else if (unit == QLatin1String("gb")) {
        scale = 1e9;
    } else if (unit == QLatin1String("mb")) {
        scale = 1e6;
    } else if (unit == QLatin1String("kb")) {
        scale = 1e3;
    }
    return static_cast<quint64>(std::llround(value * scale));
}

std::optional<GenerationSettings> lowerSettings(const GenerationSettings& settings, bool runsOnCuda)
{
    GenerationSettings lower = settings;
    if (settings.candidates > 1) {
        lower.candidates = 1;
        return lower;
    }
    if (runsOnCuda && settings.precision == QLatin1String("fp32")) {
        lower.precision = QStringLiteral("bf16");
        return lower;
    }
    if (runsOnCuda) {
        lower.device = QStringLiteral("cpu");
        lower.precision = QStringLiteral("fp32");
        return lower;
    }
    return std::nullopt;
}

QString outOfMemoryExplanation(const Error& error, const QString& stage,
                               const GenerationSettings& settings,
                               const std::optional<GenerationSettings>& retry)
{
    QString text = OutOfMemory::tr("Memory ran out while %1.").arg(OutOfMemory::stageName(stage));
    if (auto bytes = requestedBytesFromMessage(error.message)) {
        text += QLatin1Char(' ') +
                OutOfMemory::tr("It needed %1 more at that moment.").arg(formatBytes(*bytes));
    }
    text += QStringLiteral("\n\n");
    text += OutOfMemory::tr(
        "Where the memory goes: the Qwen3-8B text encoder takes about 15 GiB in bf16, "
        "the motion model 1.7 GiB (Lite, fp32) or 3.9 GiB (1.0B), and each candidate adds "
        "about 0.1 GiB of activations and a copy of the prompt encoding. The prompt's "
        "wording and length do not change memory use.");
    text += QStringLiteral("\n\n");
    if (!retry) {
        text += OutOfMemory::tr(
            "There is no lower setting left to try. Close other programs that use the "
            "device, or use a machine with more memory.");
    } else if (retry->candidates != settings.candidates) {
        text += OutOfMemory::tr("Retry with one candidate instead of %1?").arg(settings.candidates);
    } else if (retry->precision != settings.precision && retry->device == settings.device) {
        text += OutOfMemory::tr(
            "Retry with the motion model in bf16 (half its memory; the model is reloaded)?");
    } else {
        text += OutOfMemory::tr(
            "Retry on the CPU (slower, uses system memory; the model is reloaded)?");
    }
    return text;
}

} // namespace pw::gui
