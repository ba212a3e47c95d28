// SPDX-License-Identifier: Apache-2.0
// Needs the real engine (issue 4, infer::Engine::load): registered by tests/gui/CMakeLists.txt
// only when core/src/infer/engine.cpp exists. Generation end to end with the fixture model on the
// CPU through the studio's worker: progress, cancel, takes saved before they are announced.
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

using namespace pw;
using namespace pw::gui;

namespace {

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
        QVERIFY(defaultEngineAvailable());
    }

    void generatesWithTheFixtureModelAndSavesTakes()
    {
        QTemporaryDir project;
        GenerationController c(defaultEngineFactory(), TakeFileIo::defaults());
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
        int samples = 0;
        for (const auto& args : progress) {
            samples += args.at(1).toString() == QLatin1String("sample") ? 1 : 0;
        }
        QVERIFY(samples >= 1);
        const auto result = finished.first().at(1).value<GenerationResult>();
        QCOMPARE(result.takes.size(), std::size_t(2));
        for (const SavedTake& t : result.takes) {
            QCOMPARE(t.take.motion->frameCount, 60);
            auto back = io::loadTake(t.path.toStdString());
            QVERIFY2(back, back ? "" : back.error().describe().c_str());
            QCOMPARE(back->seed, t.take.seed);
            QCOMPARE(back->motion->frameCount, 60);
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
        QCOMPARE(QDir(project.path()).entryList(QDir::Files).size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestStudioE2e)
#include "test_studio_e2e.moc"
