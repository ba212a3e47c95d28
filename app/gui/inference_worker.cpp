// SPDX-License-Identifier: Apache-2.0
#include "inference_worker.h"

#include <pw/core/log.h>
#include <pw/core/utc_time.h>
#include <pw/core/version.h>

#include <QElapsedTimer>

#include <filesystem>
#include <system_error>

namespace pw::gui {

InferenceWorker::InferenceWorker(EngineFactory factory, TakeFileIo takeIo)
    : m_factory(std::move(factory)), m_takeIo(std::move(takeIo))
{
    setObjectName(QStringLiteral("inferenceWorker"));
}

// The engine (models, CUDA context) is destroyed here, on the inference thread: the worker is
// deleted through QThread::finished -> deleteLater.
InferenceWorker::~InferenceWorker() = default;

RunControl InferenceWorker::makeControl(JobId id, const CancelToken& cancel)
{
    m_stage.clear();
    m_lastStep = -1;
    m_progressClock.start();
    m_statsClock.start();
    RunControl control;
    control.cancel = cancel;
    control.onProgress = [this, id](const Progress& p) {
        const QString stage = QString::fromUtf8(p.stage.data(), static_cast<int>(p.stage.size()));
        const bool newStage = stage != m_stage;
        const bool last = p.step >= p.stepCount;
        // At most one signal per step and ~30 Hz, but never drop a stage change or the last step.
        if (newStage || last || (p.step != m_lastStep && m_progressClock.elapsed() >= 33)) {
            m_stage = stage;
            m_lastStep = p.step;
            m_progressClock.restart();
            Q_EMIT progressChanged(id, stage, p.step, p.stepCount);
        }
        // The allocator's figures while the engine works (this is the engine's own thread).
        if (m_engine && m_statsClock.elapsed() >= 500) {
            m_statsClock.restart();
            Q_EMIT memoryStatsChanged(m_engine->memoryStats());
        }
    };
    return control;
}

void InferenceWorker::loadModel(JobId id, const infer::EngineConfig& config, CancelToken cancel)
{
    auto logger = log::get(log::kGui);
    logger->info("loading model {} on {}", config.modelDir.string(), config.device.toString());
    // The old engine goes first: two models rarely fit in memory together.
    m_engine.reset();
    RunControl control = makeControl(id, cancel);
    m_stage = QStringLiteral("load");
    auto engine = guard([&] { return m_factory(config, control); });
    Result<std::unique_ptr<infer::Engine>> loaded =
        engine ? std::move(*engine) : Result<std::unique_ptr<infer::Engine>>(engine.error());
    if (!loaded || !*loaded) {
        const Error error =
            loaded ? Error(Errc::Internal, "the engine factory returned nothing") : loaded.error();
        logger->warn("model load failed: {}", error.describe());
        Q_EMIT modelLoadFailed(id, error);
        return;
    }
    m_engine = std::move(*loaded);
    const infer::ModelSummary summary = m_engine->summary();
    logger->info("model {} loaded ({} parameters)", summary.name, summary.parameterCount);
    Q_EMIT modelLoaded(id, summary);
    publishMemoryStats();
}

void InferenceWorker::unloadModel(JobId id)
{
    m_engine.reset();
    Q_EMIT modelUnloaded(id);
    Q_EMIT memoryStatsChanged(infer::MemoryStats{});
}

void InferenceWorker::publishMemoryStats()
{
    if (m_engine) {
        Q_EMIT memoryStatsChanged(m_engine->memoryStats());
    }
}

void InferenceWorker::generate(JobId id, const GenerationJob& job, CancelToken cancel)
{
    auto logger = log::get(log::kGui);
    if (!m_engine) {
        Q_EMIT generationFailed(id, Error(Errc::InvalidArgument, "no model is loaded"), QString());
        return;
    }
    if (cancel.isCancelRequested()) {
        // Superseded while it waited in the queue.
        Q_EMIT generationFailed(id, Error(Errc::Cancelled, "cancelled before it started"),
                                QString());
        return;
    }
    QElapsedTimer clock;
    clock.start();
    RunControl control = makeControl(id, cancel);
    auto generated = guard([&] { return m_engine->generate(job.request, control); });
    Result<std::vector<Take>> takes =
        generated ? std::move(*generated) : Result<std::vector<Take>>(generated.error());
    if (!takes) {
        const Error& error = takes.error();
        if (error.code == Errc::Cancelled) {
            logger->info("generation {} cancelled", id);
        } else {
            logger->warn("generation {} failed during '{}': {}", id, m_stage.toStdString(),
                         error.describe());
        }
        Q_EMIT generationFailed(id, error, m_stage);
        publishMemoryStats();
        return;
    }

    // Save every take before announcing it: a finished take must survive a crash.
    GenerationResult result;
    std::error_code ec;
    std::filesystem::create_directories(job.projectDir, ec);
    const std::string created = utcIsoNow();
    int candidate = 0;
    for (Take& take : *takes) {
        if (take.createdUtc.empty()) {
            take.createdUtc = created;
        }
        if (take.appVersion.empty()) {
            take.appVersion = kVersion;
        }
        if (take.prompt.empty()) {
            take.prompt = job.request.prompt;
        }
        if (take.params.device.empty()) {
            take.params.device = job.params.device;
        }
        if (take.params.precision.empty()) {
            take.params.precision = job.params.precision;
        }
        take.candidateIndex = candidate;
        if (take.id.empty()) {
            take.id = makeTakeId(compactUtc(take.createdUtc), take.seed, candidate,
                                 [&job](const std::string& idCandidate) {
                                     std::error_code e;
                                     return std::filesystem::exists(
                                         takePath(job.projectDir, idCandidate), e);
                                 });
        }
        SavedTake saved;
        const std::filesystem::path path = takePath(job.projectDir, take.id);
        auto written = guard([&] { return m_takeIo.save(take, path); });
        Result<void> ok = written ? *written : Result<void>(written.error());
        if (ok) {
            saved.path = QString::fromStdString(path.string());
            logger->info("take {} saved to {}", take.id, path.string());
        } else {
            saved.saveError = QString::fromStdString(ok.error().describe());
            logger->error("take {} could not be saved: {}", take.id, ok.error().describe());
        }
        saved.take = std::move(take);
        result.takes.push_back(std::move(saved));
        ++candidate;
    }
    result.seconds = static_cast<double>(clock.elapsed()) / 1000.0;
    Q_EMIT generationFinished(id, result);
    publishMemoryStats();
}

} // namespace pw::gui
