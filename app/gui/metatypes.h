// SPDX-License-Identifier: Apache-2.0
// Value types that cross the GUI/inference thread boundary in queued signals (style.md §4).
// Core stays Qt-free: the Q_DECLARE_METATYPE lines live here. Call registerMetaTypes() once at
// startup (main() and tests) before the first queued connection.
#pragma once

#include <pw/core/error.h>
#include <pw/core/motion_clip.h>
#include <pw/core/take.h>
#include <pw/infer/engine.h>

#include <QMetaType>
#include <QString>
#include <QtGlobal>

#include <filesystem>
#include <vector>

namespace pw::gui {

/// Monotonically increasing id of a request to the inference thread; 0 means none.
using JobId = quint64;

/// What the GUI asks the inference thread to generate.
struct GenerationJob
{
    infer::GenerateRequest request;
    std::filesystem::path projectDir; ///< takes are saved here before they are announced
    GenerationParams params;          ///< recorded in each take (device, precision...)
};

/// One generated take and where it was saved.
struct SavedTake
{
    Take take;
    QString path;      ///< the take file; empty when saving failed
    QString saveError; ///< why saving failed (the take is still shown)
};

/// The outcome of one generation job: one take per candidate (seed).
struct GenerationResult
{
    std::vector<SavedTake> takes;
    double seconds = 0.0; ///< wall time of the job on the inference thread
};

/// Registers the metatypes below with Qt's type system. Idempotent. Thread: any.
void registerMetaTypes();

} // namespace pw::gui

Q_DECLARE_METATYPE(pw::Errc)
Q_DECLARE_METATYPE(pw::Error)
Q_DECLARE_METATYPE(pw::MotionClipPtr)
Q_DECLARE_METATYPE(pw::Take)
Q_DECLARE_METATYPE(pw::infer::ModelSummary)
Q_DECLARE_METATYPE(pw::infer::MemoryStats)
Q_DECLARE_METATYPE(pw::gui::GenerationResult)
