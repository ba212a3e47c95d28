// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "engine_factory.h"
#include "metatypes.h"
#include "take_io.h"

#include <pw/core/cancel.h>

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QThread>

#include <deque>
#include <optional>

namespace pw::gui {

class InferenceWorker;

/// The GUI side of generation (style.md §3): owns the long-lived inference QThread and its
/// InferenceWorker, gives every request a JobId, keeps at most one pending model load (run
/// first) and a first-in first-out queue of generations, and computes the ETA from the
/// sampler's step times. Cancel is a direct write to the running job's CancelToken, honoured by
/// the engine within one sampler step; the next queued job then starts. Thread: GUI thread.
class GenerationController : public QObject
{
    Q_OBJECT
  public:
    GenerationController(EngineFactory factory, TakeFileIo takeIo, QObject* parent = nullptr);
    ~GenerationController() override;

    /// Loads (or reloads) the model; cancels a running generation first. Queued generations
    /// wait and run on the new model (they are dropped if the load fails).
    JobId loadModel(const infer::EngineConfig& config);
    /// Cancels the running job, drops the queue and frees the model.
    void unloadModel();
    /// Appends a generation to the queue; it runs when the jobs before it are done.
    JobId generate(const GenerationJob& job);
    /// Cancels the running job (within one sampler step); the queue goes on.
    void cancel();
    /// Drops every queued generation that has not started (each reported as
    /// generationFailed(Cancelled)); the running one goes on.
    void clearQueue();
    /// Cancel, quit the thread and wait for it (MainWindow::closeEvent). Idempotent.
    void shutdown(int timeoutMs = 10000);

    bool isBusy() const { return m_running.id != 0; }
    bool isGenerating() const { return isBusy() && m_running.kind == Kind::Generate; }
    bool isLoading() const { return isBusy() && m_running.kind == Kind::Load; }
    std::optional<infer::ModelSummary> modelSummary() const { return m_summary; }
    /// The config of the loaded (or loading) model.
    std::optional<infer::EngineConfig> modelConfig() const { return m_config; }
    JobId currentJob() const { return m_running.id; }
    /// Generations waiting behind the running job, oldest first.
    int queuedCount() const { return static_cast<int>(m_queue.size()); }
    std::vector<JobId> queuedJobs() const;
    /// Their prompts, oldest first (the queue's tooltip).
    QStringList queuedPrompts() const;
    QThread* inferenceThread() const { return m_thread; }

  Q_SIGNALS:
    /// From the first job's start to the end of the last queued one (not between jobs).
    void busyChanged(bool busy);
    void modelLoadStarted(pw::gui::JobId id);
    void modelLoaded(const pw::infer::ModelSummary& summary);
    void modelLoadFailed(const pw::Error& error);
    void modelUnloaded();
    void generationStarted(pw::gui::JobId id);
    /// The number of queued generations changed (added, started or dropped).
    void queueChanged(int queued);
    /// `etaSec` < 0 when unknown.
    void progressChanged(pw::gui::JobId id, const QString& stage, int step, int stepCount,
                         double etaSec);
    void generationFinished(pw::gui::JobId id, const pw::gui::GenerationResult& result);
    void generationFailed(pw::gui::JobId id, const pw::Error& error, const QString& stage);
    void memoryStatsChanged(const pw::infer::MemoryStats& stats);

  private:
    enum class Kind {
        None,
        Load,
        Unload,
        Generate,
    };
    struct Job
    {
        JobId id = 0;
        Kind kind = Kind::None;
        CancelToken cancel;
        infer::EngineConfig config;
        GenerationJob generation;
    };

    void startNext();
    void start(Job job);
    void finishRunning(JobId id);
    void onProgress(JobId id, const QString& stage, int step, int stepCount);
    /// Emits busyChanged when the state differs from the last one reported.
    void reportBusy(bool busy);
    /// Empties the queue, reporting each job as cancelled with `reason`.
    void dropQueue(const char* reason);

    QThread* m_thread = nullptr;
    QPointer<InferenceWorker> m_worker;
    JobId m_nextId = 1;
    Job m_running;
    std::optional<Job> m_pendingLoad;
    std::deque<Job> m_queue;
    std::optional<infer::ModelSummary> m_summary;
    std::optional<infer::EngineConfig> m_config;
    QString m_etaStage;
    QElapsedTimer m_etaClock;
    int m_etaFirstStep = -1;
    bool m_shutDown = false;
    bool m_busyReported = false;
};

} // namespace pw::gui
