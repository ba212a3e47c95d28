// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "engine_factory.h"
#include "metatypes.h"
#include "take_io.h"

#include <pw/core/cancel.h>

#include <QElapsedTimer>
#include <QObject>

#include <memory>

namespace pw::gui {

/// Owns the inference engine on the inference thread (style.md §3). Created on the GUI thread,
/// then moved to the long-lived QThread of GenerationController; every public function except
/// the constructor runs on that thread, called through queued invocations. Results leave as
/// queued signals. Takes are saved to the project folder *before* generationFinished is
/// emitted, so a crash after a finished generation never loses it.
class InferenceWorker : public QObject
{
    Q_OBJECT
  public:
    InferenceWorker(EngineFactory factory, TakeFileIo takeIo);
    ~InferenceWorker() override;

    /// Thread: inference thread. Replaces any loaded engine.
    void loadModel(pw::gui::JobId id, const infer::EngineConfig& config, CancelToken cancel);
    /// Thread: inference thread. Frees the engine (and its device memory).
    void unloadModel(pw::gui::JobId id);
    /// Thread: inference thread. Needs a loaded model.
    void generate(pw::gui::JobId id, const GenerationJob& job, CancelToken cancel);
    /// Thread: inference thread. Emits memoryStatsChanged with the allocator's figures.
    void publishMemoryStats();

  Q_SIGNALS:
    void modelLoaded(pw::gui::JobId id, const pw::infer::ModelSummary& summary);
    void modelLoadFailed(pw::gui::JobId id, const pw::Error& error);
    void modelUnloaded(pw::gui::JobId id);
    /// At most one per step and about 30 per second; `stage` is "load", "encode", "sample"...
    void progressChanged(pw::gui::JobId id, const QString& stage, int step, int stepCount);
    void generationFinished(pw::gui::JobId id, const pw::gui::GenerationResult& result);
    /// `stage` is the last stage reported before the failure ("sample", "decode"...), so an
    /// out-of-memory error can say which phase needed the memory.
    void generationFailed(pw::gui::JobId id, const pw::Error& error, const QString& stage);
    void memoryStatsChanged(const pw::infer::MemoryStats& stats);

  private:
    RunControl makeControl(JobId id, const CancelToken& cancel);

    EngineFactory m_factory;
    TakeFileIo m_takeIo;
    std::unique_ptr<infer::Engine> m_engine;
    QString m_stage;
    int m_lastStep = -1;
    QElapsedTimer m_progressClock;
    QElapsedTimer m_statsClock;
};

} // namespace pw::gui
