// SPDX-License-Identifier: Apache-2.0
#include "generation_controller.h"

#include "inference_worker.h"

#include <pw/core/log.h>

namespace pw::gui {

GenerationController::GenerationController(EngineFactory factory, TakeFileIo takeIo,
                                           QObject* parent)
    : QObject(parent)
{
    registerMetaTypes();
    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("inference"));
    auto* worker = new InferenceWorker(std::move(factory), std::move(takeIo));
    worker->moveToThread(m_thread);
    m_worker = worker;
    connect(m_thread, &QThread::finished, worker, &QObject::deleteLater);

    // Worker -> GUI: queued (different threads). Events of jobs that are no longer current
    // are dropped in the handlers.
    connect(worker, &InferenceWorker::progressChanged, this, &GenerationController::onProgress);
    connect(worker, &InferenceWorker::memoryStatsChanged, this,
            &GenerationController::memoryStatsChanged);
    connect(worker, &InferenceWorker::modelLoaded, this,
            [this](JobId id, const infer::ModelSummary& summary) {
                m_summary = summary;
                if (id == m_running.id) {
                    finishRunning(id);
                }
                Q_EMIT modelLoaded(summary);
                startNext();
            });
    connect(worker, &InferenceWorker::modelLoadFailed, this, [this](JobId id, const Error& error) {
        m_summary.reset();
        m_config.reset();
        if (id == m_running.id) {
            finishRunning(id);
        }
        // Without a model the queued generations cannot run.
        if (!m_pendingLoad) {
            dropQueue("the model could not be loaded");
        }
        Q_EMIT modelLoadFailed(error);
        startNext();
    });
    connect(worker, &InferenceWorker::modelUnloaded, this, [this](JobId id) {
        m_summary.reset();
        m_config.reset();
        if (id == m_running.id) {
            finishRunning(id);
        }
        Q_EMIT modelUnloaded();
        startNext();
    });
    connect(worker, &InferenceWorker::generationFinished, this,
            [this](JobId id, const GenerationResult& result) {
                if (id == m_running.id) {
                    finishRunning(id);
                }
                Q_EMIT generationFinished(id, result);
                startNext();
            });
    connect(worker, &InferenceWorker::generationFailed, this,
            [this](JobId id, const Error& error, const QString& stage) {
                if (id == m_running.id) {
                    finishRunning(id);
                }
                Q_EMIT generationFailed(id, error, stage);
                startNext();
            });
    m_thread->start();
}

GenerationController::~GenerationController()
{
    shutdown();
}

JobId GenerationController::loadModel(const infer::EngineConfig& config)
{
    Job job;
    job.id = m_nextId++;
    job.kind = Kind::Load;
    job.config = config;
    // A running job (on the old model, or an older load) is pointless now; queued generations
    // wait for the new model.
    if (isBusy()) {
        m_running.cancel.requestCancel();
    }
    m_pendingLoad = std::move(job);
    const JobId id = m_pendingLoad->id;
    startNext();
    return id;
}

void GenerationController::unloadModel()
{
    dropQueue("the model was unloaded");
    cancel();
    Job job;
    job.id = m_nextId++;
    job.kind = Kind::Unload;
    m_pendingLoad = std::move(job);
    startNext();
}

JobId GenerationController::generate(const GenerationJob& request)
{
    Job job;
    job.id = m_nextId++;
    job.kind = Kind::Generate;
    job.generation = request;
    const JobId id = job.id;
    if (m_shutDown) {
        return id;
    }
    m_queue.push_back(std::move(job));
    Q_EMIT queueChanged(queuedCount());
    startNext();
    return id;
}

void GenerationController::cancel()
{
    if (isBusy() && m_running.kind != Kind::Unload) {
        // A direct write, not a message: a queued "cancel" would arrive after the job.
        m_running.cancel.requestCancel();
    }
}

void GenerationController::clearQueue()
{
    dropQueue("removed from the queue");
}

void GenerationController::dropQueue(const char* reason)
{
    if (m_queue.empty()) {
        return;
    }
    std::deque<Job> dropped;
    dropped.swap(m_queue);
    Q_EMIT queueChanged(0);
    for (const Job& job : dropped) {
        Q_EMIT generationFailed(job.id, Error(Errc::Cancelled, reason), QString());
    }
    if (!isBusy() && !m_pendingLoad) {
        reportBusy(false);
    }
}

std::vector<JobId> GenerationController::queuedJobs() const
{
    std::vector<JobId> ids;
    for (const Job& job : m_queue) {
        ids.push_back(job.id);
    }
    return ids;
}

QStringList GenerationController::queuedPrompts() const
{
    QStringList prompts;
    for (const Job& job : m_queue) {
        prompts << QString::fromStdString(job.generation.request.prompt);
    }
    return prompts;
}

void GenerationController::shutdown(int timeoutMs)
{
    if (m_shutDown) {
        return;
    }
    m_shutDown = true;
    m_pendingLoad.reset();
    m_queue.clear();
    if (isBusy()) {
        m_running.cancel.requestCancel();
    }
    m_thread->quit();
    if (!m_thread->wait(timeoutMs)) {
        // A CUDA kernel or a file read cannot be interrupted; do not destroy a running thread.
        log::get(log::kGui)->error("the inference thread did not stop within {} ms", timeoutMs);
        m_thread->setParent(nullptr); // leak it rather than crash in ~QThread
    }
}

void GenerationController::startNext()
{
    if (isBusy() || m_shutDown) {
        return;
    }
    if (m_pendingLoad) {
        Job job = std::move(*m_pendingLoad);
        m_pendingLoad.reset();
        start(std::move(job));
    } else if (!m_queue.empty()) {
        Job job = std::move(m_queue.front());
        m_queue.pop_front();
        Q_EMIT queueChanged(queuedCount());
        start(std::move(job));
    }
}

void GenerationController::start(Job job)
{
    m_running = job;
    m_etaStage.clear();
    m_etaFirstStep = -1;
    const JobId id = job.id;
    const CancelToken token = job.cancel;
    InferenceWorker* worker = m_worker.data();
    switch (job.kind) {
    case Kind::Load:
        m_config = job.config;
        m_summary.reset();
        Q_EMIT modelLoadStarted(id);
        QMetaObject::invokeMethod(
            worker,
            [worker, id, config = job.config, token] { worker->loadModel(id, config, token); },
            Qt::QueuedConnection);
        break;
    case Kind::Unload:
        QMetaObject::invokeMethod(
            worker, [worker, id] { worker->unloadModel(id); }, Qt::QueuedConnection);
        break;
    case Kind::Generate:
        Q_EMIT generationStarted(id);
        QMetaObject::invokeMethod(
            worker,
            [worker, id, generation = job.generation, token] {
                worker->generate(id, generation, token);
            },
            Qt::QueuedConnection);
        break;
    case Kind::None:
        break;
    }
    reportBusy(true);
}

void GenerationController::reportBusy(bool busy)
{
    if (busy != m_busyReported) {
        m_busyReported = busy;
        Q_EMIT busyChanged(busy);
    }
}

void GenerationController::finishRunning(JobId id)
{
    if (id != m_running.id) {
        return;
    }
    m_running = Job{};
    if (!m_pendingLoad && m_queue.empty()) {
        reportBusy(false);
    }
}

void GenerationController::onProgress(JobId id, const QString& stage, int step, int stepCount)
{
    if (id != m_running.id) {
        return; // a superseded job still reporting
    }
    // ETA from the average step time of the current stage (sampling dominates).
    if (stage != m_etaStage) {
        m_etaStage = stage;
        m_etaFirstStep = step;
        m_etaClock.start();
    }
    double eta = -1.0;
    const int done = step - m_etaFirstStep;
    if (done > 0 && stepCount > 0) {
        const double perStep = static_cast<double>(m_etaClock.elapsed()) / 1000.0 / done;
        eta = perStep * (stepCount - step);
    }
    Q_EMIT progressChanged(id, stage, step, stepCount, eta);
}

} // namespace pw::gui
