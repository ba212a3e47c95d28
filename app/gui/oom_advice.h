// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "generation_settings.h"

#include <pw/core/error.h>

#include <QString>

#include <optional>

namespace pw::gui {

/// "Tried to allocate 2.00 GiB" (libtorch's CUDA message) or "allocate 512 MiB" -> bytes.
std::optional<quint64> requestedBytesFromMessage(const std::string& message);

/// One step down in memory use, or nullopt when nothing is left to lower: one candidate first
/// (less activation and encoding memory), then bf16 for the motion model on CUDA (half of its
/// weights), then the CPU (system RAM instead of device memory).
std::optional<GenerationSettings> lowerSettings(const GenerationSettings& settings,
                                                bool runsOnCuda);

/// What ran out, where, how much was asked for, and what the retry will change; translated.
QString outOfMemoryExplanation(const Error& error, const QString& stage,
                               const GenerationSettings& settings,
                               const std::optional<GenerationSettings>& retry);

} // namespace pw::gui
