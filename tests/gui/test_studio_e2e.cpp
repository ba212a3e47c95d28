// SPDX-License-Identifier: Apache-2.0
// Generation end to end with the real engine (infer::Engine::load) and the fixture models
// (dit-tiny, qwen3-tiny, clip-tiny) on the CPU through the studio's worker: load errors, progress
// through every stage, cancel within one sampler step, takes saved before they are announced and
// reloadable.
#include "engine_factory.h"
#include "generation_controller.h"
#include "generation_settings.h"
#include "metatypes.h"
#include "take_io.h"

#include <pw/core/log.h>
#include <pw/io/take_file.h>

#include <QDir>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>

using namespace pw;
using namespace pw::gui;

namespace {

/// What a probed engine saw of the sampler while the job's cancel token was set.
struct CancelProbe
{
    std::atomic<int> sampleStepsAfterCancel{0};
    std::atomic<int> sampleSteps{0};
};

/// The real engine, with its progress watched: counts the sampler steps reported after the
/// cancel token was set (the engine checks it at every step, so at most the step in flight).
class ProbedEngine : public infer::Engine
{
  public:
    ProbedEngine(std::unique_ptr<infer::Engine> inner, std::shared_ptr<CancelProbe> probe)
        : m_inner(std::move(inner)), m_probe(std::move(probe))
    {
    }

    Result<std::vector<Take>> generate(const infer::GenerateRequest& request,
                                       const RunControl& control) override
    {
        RunControl probed;
        probed.cancel = control.cancel;
        probed.onProgress = [this, &control](const Progress& p) {
            if (p.stage == "sample") {
                ++m_probe->sampleSteps;
                if (control.cancel.isCancelRequested()) {
                    ++m_probe->sampleStepsAfterCancel;
                }
            }
            if (control.onProgress) {
                control.onProgress(p);
            }
        };
        return m_inner->generate(request, probed);
    }
    infer::ModelSummary summary() const override { return m_inner->summary(); }
    infer::MemoryStats memoryStats() const override { return m_inner->memoryStats(); }
    const infer::EngineConfig& config() const override { return m_inner->config(); }

  private:
    std::unique_ptr<infer::Engine> m_inner;
    std::shared_ptr<CancelProbe> m_probe;
};

EngineFactory probedFactory(std::shared_ptr<CancelProbe> probe)
{
    return [probe](const infer::EngineConfig& config,
                   const RunControl& control) -> Result<std::unique_ptr<infer::Engine>> {
        auto engine = defaultEngineFactory()(config, control);
        if (!engine) {
            return engine.error();
        }
        return std::unique_ptr<infer::Engine>(
            std::make_unique<ProbedEngine>(std::move(*engine), probe));
    };
}

infer::EngineConfig fixtureConfig()
{
    infer::EngineConfig c;
    c.modelDir = PW_FIXTURES_DIR "/dit-tiny";
    c.qwenDir = PW_FIXTURES_DIR "/text/qwen3-tiny";
    c.clipDir = PW_FIXTURES_DIR "/text/clip-tiny";
    c.device = infer::Device{};
    c.precision = infer::Precision::Fp32;
    return c;
}

} // namespace

class TestStudioE2e : public QObject
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

    void aMissingModelFolderFailsWithTheEnginesError()
    {
        GenerationController c(defaultEngineFactory(), TakeFileIo::defaults());
        QSignalSpy failed(&c, &GenerationController::modelLoadFailed);
        infer::EngineConfig config = fixtureConfig();
        config.modelDir = PW_FIXTURES_DIR "/no-such-model";
        c.loadModel(config);
        QVERIFY(failed.wait(30000));
        const Error e = failed.first().at(0).value<Error>();
        QCOMPARE(e.code, Errc::FileNotFound);
        QVERIFY2(e.describe().find("no-such-model") != std::string::npos, e.describe().c_str());
        QVERIFY(!c.modelSummary());
    }

    void generatesWithTheFixtureModelAndSavesTakes()
    {
        QTemporaryDir project;
        auto probe = std::make_shared<CancelProbe>();
        GenerationController c(probedFactory(probe), TakeFileIo::defaults());
        QSignalSpy loaded(&c, &GenerationController::modelLoaded);
        QSignalSpy loadFailed(&c, &GenerationController::modelLoadFailed);
        c.loadModel(fixtureConfig());
        QVERIFY(loaded.wait(60000) || !loadFailed.isEmpty());
        QVERIFY2(loadFailed.isEmpty(),
                 loadFailed.isEmpty() ? ""
                                      : loadFailed.first().at(0).value<Error>().describe().c_str());
        const auto summary = loaded.first().at(0).value<infer::ModelSummary>();
        QCOMPARE(summary.trainFrames, 120);

        GenerationSettings s;
        s.candidates = 2;
        s.durationSec = 2.0;
        s.steps = summary.defaultSteps;
        s.cfgScale = summary.defaultCfgScale;
        s.device = QStringLiteral("cpu");
        QSignalSpy progress(&c, &GenerationController::progressChanged);
        QSignalSpy finished(&c, &GenerationController::generationFinished);
        QSignalSpy failed(&c, &GenerationController::generationFailed);
        bool filesExistedAtFinish = false;
        connect(&c, &GenerationController::generationFinished, this,
                [&](JobId, const GenerationResult& r) {
                    filesExistedAtFinish = !r.takes.empty();
                    for (const SavedTake& t : r.takes) {
                        filesExistedAtFinish = filesExistedAtFinish && QFileInfo::exists(t.path);
                    }
                });
        c.generate(makeGenerationJob(QStringLiteral("A person walks forward."), s, 5,
                                     project.path().toStdString()));
        QVERIFY(finished.wait(120000) || !failed.isEmpty());
        QVERIFY2(failed.isEmpty(),
                 failed.isEmpty() ? "" : failed.first().at(1).value<Error>().describe().c_str());
        QVERIFY(filesExistedAtFinish);
        // Every stage of the pipeline reported progress, the sampler up to its last step.
        QStringList stages;
        int lastSample = 0;
        for (const auto& args : progress) {
            if (!stages.contains(args.at(1).toString())) {
                stages << args.at(1).toString();
            }
            if (args.at(1).toString() == QLatin1String("sample")) {
                lastSample = std::max(lastSample, args.at(2).toInt());
                QCOMPARE(args.at(3).toInt(), summary.defaultSteps);
            }
        }
        QCOMPARE(stages, (QStringList{QStringLiteral("encode"), QStringLiteral("sample"),
                                      QStringLiteral("decode")}));
        QCOMPARE(lastSample, summary.defaultSteps);
        const auto result = finished.first().at(1).value<GenerationResult>();
        QCOMPARE(result.takes.size(), std::size_t(2));
        for (const SavedTake& t : result.takes) {
            QCOMPARE(t.take.motion->frameCount, 60);
            auto back = io::loadTake(t.path.toStdString());
            QVERIFY2(back, back ? "" : back.error().describe().c_str());
            QCOMPARE(back->seed, t.take.seed);
            QCOMPARE(back->prompt, std::string("A person walks forward."));
            QCOMPARE(back->params.steps, summary.defaultSteps);
            QCOMPARE(back->motion->frameCount, 60);
            QCOMPARE(back->motion->localRotation, t.take.motion->localRotation);
            QCOMPARE(back->motion->rootTranslation, t.take.motion->rootTranslation);
        }
        QCOMPARE(result.takes[0].take.seed, std::uint64_t(5));
        QCOMPARE(result.takes[1].take.seed, std::uint64_t(6));

        // Cancel: many steps, cancel after the first sampler step.
        s.steps = 5000;
        QSignalSpy progress2(&c, &GenerationController::progressChanged);
        c.generate(makeGenerationJob(QStringLiteral("A person jumps."), s, 1,
                                     project.path().toStdString()));
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(progress2.begin(), progress2.end(),
                                             [](const QList<QVariant>& a) {
                                                 return a.at(1).toString() ==
                                                        QLatin1String("sample");
                                             }),
                                 60000);
        const int before = static_cast<int>(failed.count());
        c.cancel();
        QTRY_VERIFY_WITH_TIMEOUT(failed.count() > before, 10000);
        QCOMPARE(failed.last().at(1).value<Error>().code, Errc::Cancelled);
        // Within one step: at most the step in flight reported after the token was set.
        QVERIFY2(probe->sampleStepsAfterCancel <= 1,
                 qPrintable(QString::number(probe->sampleStepsAfterCancel)));
        QVERIFY(probe->sampleSteps < 5000 + summary.defaultSteps);
        QCOMPARE(QDir(project.path()).entryList(QDir::Files).size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestStudioE2e)
#include "test_studio_e2e.moc"
