// SPDX-License-Identifier: Apache-2.0
// The inference thread: progress, cancel, the FIFO job queue, out-of-memory, takes saved before
// they are announced. Uses an injected fake engine (tests/gui/fake_engine.h).
#include "fake_engine.h"
#include "generation_controller.h"
#include "metatypes.h"

#include <pw/core/log.h>

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <filesystem>
#include <fstream>
#include <mutex>

using namespace pw;
using namespace pw::gui;
namespace fs = std::filesystem;

namespace {

/// Take files for tests: a small text file per take (the real format belongs to issue 5).
TakeFileIo textTakeIo()
{
    TakeFileIo io;
    io.save = [](const Take& take, const fs::path& path) -> Result<void> {
        std::ofstream out(path);
        out << take.id << '\n' << take.prompt << '\n' << take.seed << '\n';
        if (!out) {
            return Error(Errc::IoError, "cannot write").inFile(path.string());
        }
        return {};
    };
    io.load = [](const fs::path& path) -> Result<Take> {
        return Error(Errc::BadInput, "not used").inFile(path.string());
    };
    return io;
}

infer::EngineConfig someConfig()
{
    infer::EngineConfig c;
    c.modelDir = "/models/HY-Motion-1.0-Lite";
    return c;
}

GenerationJob job(const fs::path& dir, std::vector<std::uint64_t> seeds = {7})
{
    GenerationJob j;
    j.request.prompt = "A person walks forward.";
    j.request.durationSec = 2.0;
    j.request.seeds = std::move(seeds);
    j.projectDir = dir;
    j.params.device = "cpu";
    j.params.precision = "fp32";
    return j;
}

/// Loads the fake engine and waits for it; false on timeout.
bool loadFake(GenerationController& c)
{
    QSignalSpy loaded(&c, &GenerationController::modelLoaded);
    c.loadModel(someConfig());
    return loaded.wait(5000);
}

} // namespace

class TestInferenceWorker : public QObject
{
    Q_OBJECT
  private Q_SLOTS:
    void initTestCase()
    {
        log::LogConfig config;
        config.file = false;
        config.level = spdlog::level::warn;
        log::init(config);
        registerMetaTypes();
    }

    void loadsAModelAndReportsItsSummary()
    {
        auto behaviour = std::make_shared<test::FakeEngineBehaviour>();
        GenerationController c(test::fakeEngineFactory(behaviour, 20), textTakeIo());
        QSignalSpy loaded(&c, &GenerationController::modelLoaded);
        QSignalSpy busy(&c, &GenerationController::busyChanged);
        c.loadModel(someConfig());
        QVERIFY(c.isLoading());
        QVERIFY(loaded.wait(5000));
        QCOMPARE(loaded.first().at(0).value<infer::ModelSummary>().name,
                 std::string("fake-engine"));
        QVERIFY(c.modelSummary().has_value());
        QVERIFY(!c.isBusy());
        QCOMPARE(busy.last().at(0).toBool(), false);
    }

    void loadFailureIsReportedWithTheCoreError()
    {
        auto behaviour = std::make_shared<test::FakeEngineBehaviour>();
        GenerationController c(test::fakeEngineFactory(behaviour), textTakeIo());
        QSignalSpy failed(&c, &GenerationController::modelLoadFailed);
        infer::EngineConfig config;
        config.modelDir = "/missing";
        c.loadModel(config);
        QVERIFY(failed.wait(5000));
        const auto error = failed.first().at(0).value<Error>();
        QCOMPARE(error.code, Errc::FileNotFound);
        QCOMPARE(error.file, std::string("/missing"));
        QVERIFY(!c.modelSummary().has_value());
    }

    void loadingIsCancellable()
    {
        auto behaviour = std::make_shared<test::FakeEngineBehaviour>();
        GenerationController c(test::fakeEngineFactory(behaviour, 20000), textTakeIo());
        QSignalSpy failed(&c, &GenerationController::modelLoadFailed);
        c.loadModel(someConfig());
        QTest::qWait(50);
        QElapsedTimer t;
        t.start();
        c.cancel();
        QVERIFY(failed.wait(3000));
        QVERIFY(t.elapsed() < 3000);
        QCOMPARE(failed.first().at(0).value<Error>().code, Errc::Cancelled);
    }

    void progressArrivesPerStepWithAnEta()
    {
        QTemporaryDir dir;
        auto behaviour = std::make_shared<test::FakeEngineBehaviour>();
        behaviour->steps = 20;
        behaviour->stepMs = 40; // slower than the 33 ms throttle: every step is reported
        GenerationController c(test::fakeEngineFactory(behaviour), textTakeIo());
        QVERIFY(loadFake(c));
        QSignalSpy progress(&c, &GenerationController::progressChanged);
        QSignalSpy finished(&c, &GenerationController::generationFinished);
        const JobId id = c.generate(job(dir.path().toStdString()));
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.first().at(0).value<JobId>(), id);
        int lastSample = 0;
        int sampleSignals = 0;
        bool sawEta = false;
        QStringList stages;
        for (const auto& args : progress) {
            QCOMPARE(args.at(0).value<JobId>(), id);
            const QString stage = args.at(1).toString();
            if (!stages.contains(stage)) {
                stages << stage;
            }
            if (stage == QLatin1String("sample")) {
                const int step = args.at(2).toInt();
                QVERIFY(step > lastSample); // monotonic, at most one signal per step
                lastSample = step;
                ++sampleSignals;
                QCOMPARE(args.at(3).toInt(), 20);
                const double eta = args.at(4).toDouble();
                if (step > 2 && step < 20) {
                    QVERIFY2(eta > 0.0 && eta < 5.0, qPrintable(QString::number(eta)));
                    sawEta = true;
                }
            }
        }
        QCOMPARE(lastSample, 20);
        QVERIFY2(sampleSignals >= 15, qPrintable(QString::number(sampleSignals)));
        QVERIFY(sawEta);
        QCOMPARE(stages, (QStringList{QStringLiteral("encode"), QStringLiteral("sample"),
                                      QStringLiteral("decode")}));
    }

    void progressIsThrottledForFastSteps()
    {
        QTemporaryDir dir;
        auto behaviour = std::make_shared<test::FakeEngineBehaviour>();
        behaviour->steps = 200;
        behaviour->stepMs = 1;
        GenerationController c(test::fakeEngineFactory(behaviour), textTakeIo());
        QVERIFY(loadFake(c));
        QSignalSpy progress(&c, &GenerationController::progressChanged);
        QSignalSpy finished(&c, &GenerationController::generationFinished);
        c.generate(job(dir.path().toStdString()));
        QVERIFY(finished.wait(10000));
        int samples = 0;
        int last = 0;
        for (const auto& args : progress) {
            if (args.at(1).toString() == QLatin1String("sample")) {
                ++samples;
                last = args.at(2).toInt();
            }
        }
        // ~200 ms of sampling at <= 30 Hz, plus the first and the last step.
        QVERIFY2(samples < 40, qPrintable(QString::number(samples)));
        QCOMPARE(last, 200);
    }

    void cancelStopsTheRunWithinOneStep()
    {
        QTemporaryDir dir;
        auto behaviour = std::make_shared<test::FakeEngineBehaviour>();
        behaviour->steps = 1000;
        behaviour->stepMs = 20;
        GenerationController c(test::fakeEngineFactory(behaviour), textTakeIo());
        QVERIFY(loadFake(c));
        QSignalSpy progress(&c, &GenerationController::progressChanged);
        QSignalSpy failed(&c, &GenerationController::generationFailed);
        QSignalSpy finished(&c, &GenerationController::generationFinished);
        const JobId id = c.generate(job(dir.path().toStdString()));
        QTRY_VERIFY_WITH_TIMEOUT(progress.count() >= 3, 5000);
        QElapsedTimer t;
        t.start();
        c.cancel();
        QVERIFY(failed.wait(2000));
        QVERIFY2(t.elapsed() < 1000, qPrintable(QString::number(t.elapsed())));
        QCOMPARE(failed.first().at(0).value<JobId>(), id);
        QCOMPARE(failed.first().at(1).value<Error>().code, Errc::Cancelled);
        QCOMPARE(finished.count(), 0);
        QVERIFY(!c.isBusy());
        // Nothing was saved for a cancelled job.
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 0);
    }

    void requestsQueueAndRunInOrder()
    {
        QTemporaryDir dir;
        auto behaviour = std::make_shared<test::FakeEngineBehaviour>();
        behaviour->steps = 20;
        behaviour->stepMs = 5;
        GenerationController c(test::fakeEngineFactory(behaviour), textTakeIo());
        QVERIFY(loadFake(c));
        QSignalSpy started(&c, &GenerationController::generationStarted);
        QSignalSpy finished(&c, &GenerationController::generationFinished);
        QSignalSpy failed(&c, &GenerationController::generationFailed);
        QSignalSpy queue(&c, &GenerationController::queueChanged);
        QSignalSpy busy(&c, &GenerationController::busyChanged);
        const JobId first = c.generate(job(dir.path().toStdString(), {1}));
        const JobId second = c.generate(job(dir.path().toStdString(), {2}));
        const JobId third = c.generate(job(dir.path().toStdString(), {3}));
        // The first runs at once, the others wait in order; nothing is cancelled.
        QCOMPARE(c.currentJob(), first);
        QCOMPARE(c.queuedCount(), 2);
        QCOMPARE(c.queuedJobs(), (std::vector<JobId>{second, third}));
        QCOMPARE(c.queuedPrompts().size(), 2);
        QCOMPARE(queue.last().at(0).toInt(), 2);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 3, 10000);
        QCOMPARE(failed.count(), 0);
        for (int i = 0; i < 3; ++i) {
            const JobId expected = std::vector<JobId>{first, second, third}[i];
            QCOMPARE(started.at(i).at(0).value<JobId>(), expected);
            QCOMPARE(finished.at(i).at(0).value<JobId>(), expected);
            const auto result = finished.at(i).at(1).value<GenerationResult>();
            QCOMPARE(result.takes.front().take.seed, std::uint64_t(i + 1));
        }
        QCOMPARE(c.queuedCount(), 0);
        QCOMPARE(queue.last().at(0).toInt(), 0);
        QVERIFY(!c.isBusy());
        // Busy from the first start to the last finish, without flickering in between.
        QCOMPARE(busy.count(), 2);
        QCOMPARE(busy.first().at(0).toBool(), true);
        QCOMPARE(busy.last().at(0).toBool(), false);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 3);
    }

    void cancelStopsTheCurrentJobAndTheQueueGoesOn()
    {
        QTemporaryDir dir;
        auto behaviour = std::make_shared<test::FakeEngineBehaviour>();
        behaviour->steps = 400;
        behaviour->stepMs = 10;
        GenerationController c(test::fakeEngineFactory(behaviour), textTakeIo());
        QVERIFY(loadFake(c));
        QSignalSpy failed(&c, &GenerationController::generationFailed);
        QSignalSpy finished(&c, &GenerationController::generationFinished);
        QSignalSpy progress(&c, &GenerationController::progressChanged);
        const JobId first = c.generate(job(dir.path().toStdString(), {1}));
        QTRY_VERIFY_WITH_TIMEOUT(progress.count() >= 2, 5000);
        behaviour->steps = 5; // the queued one is quick
        const JobId second = c.generate(job(dir.path().toStdString(), {2}));
        c.cancel();
        QVERIFY(finished.wait(5000));
        QCOMPARE(failed.count(), 1);
        QCOMPARE(failed.first().at(0).value<JobId>(), first);
        QCOMPARE(failed.first().at(1).value<Error>().code, Errc::Cancelled);
        QCOMPARE(finished.first().at(0).value<JobId>(), second);
        // Progress of the cancelled job is never forwarded once the next one started.
        bool secondStarted = false;
        for (const auto& args : progress) {
            const JobId pid = args.at(0).value<JobId>();
            secondStarted = secondStarted || pid == second;
            if (secondStarted) {
                QCOMPARE(pid, second);
            }
        }
    }

    void clearQueueDropsOnlyTheJobsThatHaveNotStarted()
    {
        QTemporaryDir dir;
        auto behaviour = std::make_shared<test::FakeEngineBehaviour>();
        behaviour->steps = 60;
        behaviour->stepMs = 5;
        GenerationController c(test::fakeEngineFactory(behaviour), textTakeIo());
        QVERIFY(loadFake(c));
        QSignalSpy failed(&c, &GenerationController::generationFailed);
        QSignalSpy finished(&c, &GenerationController::generationFinished);
        QSignalSpy started(&c, &GenerationController::generationStarted);
        const JobId running = c.generate(job(dir.path().toStdString(), {1}));
        const JobId a = c.generate(job(dir.path().toStdString(), {2}));
        const JobId b = c.generate(job(dir.path().toStdString(), {3}));
        c.clearQueue();
        // Reported at once, in queue order, as cancelled; the running job goes on.
        QCOMPARE(failed.count(), 2);
        QCOMPARE(failed.at(0).at(0).value<JobId>(), a);
        QCOMPARE(failed.at(1).at(0).value<JobId>(), b);
        QCOMPARE(failed.at(0).at(1).value<Error>().code, Errc::Cancelled);
        QCOMPARE(c.queuedCount(), 0);
        QCOMPARE(c.currentJob(), running);
        QVERIFY(finished.wait(5000));
        QCOMPARE(finished.first().at(0).value<JobId>(), running);
        QTest::qWait(100);
        QCOMPARE(started.count(), 1);
        QCOMPARE(finished.count(), 1);
        QVERIFY(!c.isBusy());
        // Clearing an empty queue does nothing.
        c.clearQueue();
        QCOMPARE(failed.count(), 2);
    }

    void queuedJobsWaitForAModelLoadAndAreDroppedIfItFails()
    {
        QTemporaryDir dir;
        auto behaviour = std::make_shared<test::FakeEngineBehaviour>();
        behaviour->steps = 5;
        GenerationController c(test::fakeEngineFactory(behaviour, 50), textTakeIo());
        QVERIFY(loadFake(c));
        QSignalSpy finished(&c, &GenerationController::generationFinished);
        QSignalSpy failed(&c, &GenerationController::generationFailed);
        // Reloading: generations queued meanwhile run on the new model.
        c.loadModel(someConfig());
        const JobId queued = c.generate(job(dir.path().toStdString(), {4}));
        QVERIFY(c.isLoading());
        QVERIFY(finished.wait(5000));
        QCOMPARE(finished.first().at(0).value<JobId>(), queued);
        // A load that fails takes the queue with it, each job reported as cancelled.
        infer::EngineConfig missing = someConfig();
        missing.modelDir = "/missing";
        c.loadModel(missing);
        const JobId lost = c.generate(job(dir.path().toStdString(), {5}));
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 5000);
        QCOMPARE(failed.first().at(0).value<JobId>(), lost);
        QCOMPARE(failed.first().at(1).value<Error>().code, Errc::Cancelled);
        QTRY_VERIFY(!c.isBusy());
        QCOMPARE(c.queuedCount(), 0);
    }

    void outOfMemoryNamesThePhaseAndTheAmount()
    {
        QTemporaryDir dir;
        auto behaviour = std::make_shared<test::FakeEngineBehaviour>();
        behaviour->oomAtStep = 3;
        GenerationController c(test::fakeEngineFactory(behaviour), textTakeIo());
        QVERIFY(loadFake(c));
        QSignalSpy failed(&c, &GenerationController::generationFailed);
        QSignalSpy finished(&c, &GenerationController::generationFinished);
        c.generate(job(dir.path().toStdString(), {1, 2, 3, 4}));
        QVERIFY(failed.wait(5000));
        const auto error = failed.first().at(1).value<Error>();
        QCOMPARE(error.code, Errc::OutOfMemory);
        QVERIFY(error.message.find("2.00 GiB") != std::string::npos);
        QCOMPARE(failed.first().at(2).toString(), QStringLiteral("sample"));
        // The engine survives: a retry with lower settings works.
        behaviour->oomAtStep = -1;
        c.generate(job(dir.path().toStdString(), {1}));
        QVERIFY(finished.wait(5000));
    }

    void exceptionsFromTheEngineBecomeErrors()
    {
        QTemporaryDir dir;
        auto behaviour = std::make_shared<test::FakeEngineBehaviour>();
        behaviour->oomAtStep = 2;
        behaviour->throwAtStep = true;
        GenerationController c(test::fakeEngineFactory(behaviour), textTakeIo());
        QVERIFY(loadFake(c));
        QSignalSpy failed(&c, &GenerationController::generationFailed);
        c.generate(job(dir.path().toStdString()));
        QVERIFY(failed.wait(5000));
        QCOMPARE(failed.first().at(1).value<Error>().code, Errc::OutOfMemory);
    }

    void takesAreSavedBeforeFinishedIsEmitted()
    {
        QTemporaryDir dir;
        const fs::path project = fs::path(dir.path().toStdString()) / "takes";
        auto behaviour = std::make_shared<test::FakeEngineBehaviour>();
        GenerationController c(test::fakeEngineFactory(behaviour), textTakeIo());
        QVERIFY(loadFake(c));
        bool checked = false;
        connect(&c, &GenerationController::generationFinished, this,
                [&checked](JobId, const GenerationResult& result) {
                    // At the moment the GUI hears of the takes, their files exist.
                    QCOMPARE(result.takes.size(), std::size_t(3));
                    for (const SavedTake& t : result.takes) {
                        QVERIFY(t.saveError.isEmpty());
                        QVERIFY2(QFileInfo::exists(t.path), qPrintable(t.path));
                        QVERIFY(t.path.endsWith(QStringLiteral(".pwtake")));
                        QVERIFY(!t.take.id.empty());
                        QVERIFY(!t.take.createdUtc.empty());
                        QCOMPARE(t.take.prompt, std::string("A person walks forward."));
                        QCOMPARE(t.take.params.device, std::string("cpu"));
                        QVERIFY(t.take.motion != nullptr);
                    }
                    QCOMPARE(result.takes[1].take.candidateIndex, 1);
                    QVERIFY(result.takes[0].take.id != result.takes[1].take.id);
                    checked = true;
                });
        QSignalSpy finished(&c, &GenerationController::generationFinished);
        c.generate(job(project, {5, 6, 7}));
        QVERIFY(finished.wait(5000));
        QVERIFY(checked);
        QCOMPARE(QDir(QString::fromStdString(project.string())).entryList(QDir::Files).size(), 3);
    }

    void aTakeThatCannotBeSavedIsStillDeliveredWithTheReason()
    {
        auto behaviour = std::make_shared<test::FakeEngineBehaviour>();
        TakeFileIo failing = textTakeIo();
        failing.save = [](const Take&, const fs::path& path) -> Result<void> {
            return Error(Errc::IoError, "disk full").inFile(path.string());
        };
        GenerationController c(test::fakeEngineFactory(behaviour), failing);
        QVERIFY(loadFake(c));
        QSignalSpy finished(&c, &GenerationController::generationFinished);
        QTemporaryDir tmp;
        // A project folder that cannot be created: below a regular file.
        const fs::path blocker = fs::path(tmp.path().toStdString()) / "file";
        std::ofstream(blocker) << "x";
        c.generate(job(blocker / "takes"));
        QVERIFY(finished.wait(5000));
        const auto result = finished.first().at(1).value<GenerationResult>();
        QCOMPARE(result.takes.size(), std::size_t(1));
        QVERIFY(result.takes[0].path.isEmpty());
        QVERIFY(result.takes[0].saveError.contains(QStringLiteral("disk full")));
        QVERIFY(result.takes[0].take.motion != nullptr);
    }

    void generatingWithoutAModelFailsClearly()
    {
        auto behaviour = std::make_shared<test::FakeEngineBehaviour>();
        GenerationController c(test::fakeEngineFactory(behaviour), textTakeIo());
        QSignalSpy failed(&c, &GenerationController::generationFailed);
        c.generate(job("/tmp"));
        QVERIFY(failed.wait(5000));
        QCOMPARE(failed.first().at(1).value<Error>().code, Errc::InvalidArgument);
    }

    void memoryStatsFlowWhileGenerating()
    {
        QTemporaryDir dir;
        auto behaviour = std::make_shared<test::FakeEngineBehaviour>();
        behaviour->steps = 30;
        behaviour->stepMs = 30;
        GenerationController c(test::fakeEngineFactory(behaviour), textTakeIo());
        QSignalSpy stats(&c, &GenerationController::memoryStatsChanged);
        QVERIFY(loadFake(c));
        QSignalSpy finished(&c, &GenerationController::generationFinished);
        c.generate(job(dir.path().toStdString(), {1, 2}));
        QVERIFY(finished.wait(10000));
        QTRY_VERIFY(stats.count() >= 2);
        std::uint64_t peak = 0;
        for (const auto& args : stats) {
            peak = std::max(peak, args.at(0).value<infer::MemoryStats>().peakAllocatedBytes);
        }
        QVERIFY(peak > 0);
    }

    void shuttingDownDuringAGenerationDoesNotHang()
    {
        QTemporaryDir dir;
        auto behaviour = std::make_shared<test::FakeEngineBehaviour>();
        behaviour->steps = 100000;
        behaviour->stepMs = 5;
        QElapsedTimer t;
        {
            GenerationController c(test::fakeEngineFactory(behaviour), textTakeIo());
            QVERIFY(loadFake(c));
            QSignalSpy progress(&c, &GenerationController::progressChanged);
            c.generate(job(dir.path().toStdString()));
            QTRY_VERIFY(progress.count() > 2);
            t.start();
        } // ~GenerationController: cancel, quit, wait
        QVERIFY2(t.elapsed() < 2000, qPrintable(QString::number(t.elapsed())));
    }
};

QTEST_GUILESS_MAIN(TestInferenceWorker)
#include "test_inference_worker.moc"
