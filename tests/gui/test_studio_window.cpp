// SPDX-License-Identifier: Apache-2.0
// The whole studio window with injected services (a fake engine, test take files): generate
// end to end, candidates, cancel, out-of-memory retry, takes reloading, language switching.
// Runs under Xvfb (the window holds the OpenGL viewport).
#include "dialogs/licence_dialog.h"
#include "fake_engine.h"
#include "fake_mannequin_assets.h"
#include "fake_take_io.h"
#include "generation_controller.h"
#include "language.h"
#include "main_window.h"
#include "parameters_panel.h"
#include "prompt_panel.h"
#include "takes_panel.h"
#include "timeline_widget.h"
#include "viewport_widget.h"

#include <pw/core/bpe_tokenizer.h>
#include <pw/core/log.h>
#include <pw/core/prompt_linter.h>

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QDialog>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QLabel>
#include <QListView>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStatusBar>
#include <QSurfaceFormat>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>

using namespace pw;
using namespace pw::gui;

namespace {

StudioServices fakeServices(std::shared_ptr<test::FakeEngineBehaviour> behaviour)
{
    StudioServices s;
    s.engineFactory = test::fakeEngineFactory(std::move(behaviour));
    s.takeIo = test::fakeTakeIo();
    s.exporter = makeDefaultTakeExporter();
    s.memorySampler = [] {
        MemorySample m;
        m.hasHost = true;
        m.processBytes = 300ULL << 20;
        m.hostTotalBytes = 16ULL << 30;
        return m;
    };
    return s;
}

/// Model folders that pass the quick checks (the fixtures); the fake engine ignores them.
void configureModels()
{
    QSettings s;
    ModelPaths p;
    p.modelDir = QStringLiteral(PW_FIXTURES_DIR "/dit-tiny");
    p.qwenDir = QStringLiteral(PW_FIXTURES_DIR "/text/qwen3-tiny");
    p.clipDir = QStringLiteral(PW_FIXTURES_DIR "/text/clip-tiny");
    p.save(s);
}

QMessageBox* findBox(QWidget& w, const QString& name)
{
    for (QMessageBox* box : w.findChildren<QMessageBox*>()) {
        if (box->objectName() == name && box->isVisible()) {
            return box;
        }
    }
    return nullptr;
}

/// Loads the (fake) model through the window and waits for it; false on timeout.
bool loadModel(MainWindow& w)
{
    QSignalSpy loaded(w.controller(), &GenerationController::modelLoaded);
    w.loadModel();
    return loaded.wait(5000);
}

} // namespace

class TestStudioWindow : public QObject
{
    Q_OBJECT
  private:
    QTemporaryDir m_project;

  private Q_SLOTS:
    void initTestCase()
    {
        log::LogConfig config;
        config.file = false;
        config.level = spdlog::level::warn;
        log::init(config);
        installTranslators(QStringLiteral("en"));
        QVERIFY(m_project.isValid());
    }

    void init()
    {
        // Every test starts from the same settings: fixture folders, licence accepted, a fresh
        // project folder, defaults for the parameters.
        QSettings().clear();
        configureModels();
        setLicenceAccepted(true);
        QDir(m_project.path()).removeRecursively();
        QDir().mkpath(m_project.path());
        setProjectFolder(m_project.path());
    }

    void windowHasEveryPanel()
    {
        auto behaviour = std::make_shared<test::FakeEngineBehaviour>();
        MainWindow w(fakeServices(behaviour));
        for (const char* name :
             {"promptDock", "parametersDock", "takesDock", "memoryDock", "logDock"}) {
            QVERIFY2(w.findChild<QDockWidget*>(QString::fromLatin1(name)) != nullptr, name);
        }
        QVERIFY(w.findChild<QWidget*>(QStringLiteral("candidateBar")) != nullptr);
        QVERIFY(w.vramGauge()->headline().contains(QStringLiteral("CPU")));
        // The fixture folders give the parameters their limits before any load: 120 frames.
        QCOMPARE(w.parametersPanel()->limits().trainFrames, 120);
        QVERIFY(!w.promptPanel()->isGenerateEnabled());
    }

    void thePromptCountsQwenTokensOnceTheTokenizerIsRead()
    {
        auto behaviour = std::make_shared<test::FakeEngineBehaviour>();
        MainWindow w(fakeServices(behaviour));
        // The fixture's Qwen3 folder carries the real tokenizer.json, read on the I/O pool.
        QTRY_VERIFY_WITH_TIMEOUT(w.promptPanel()->hasTokenCounter(), 20000);
        const QString prompt = QStringLiteral("A person walks forward, then turns left.");
        w.promptPanel()->setPrompt(prompt);
        auto tokenizer = BpeTokenizer::load(PW_FIXTURES_DIR "/text/qwen3-tiny/tokenizer.json");
        QVERIFY(tokenizer.has_value());
        const auto expected = makeTokenCounter(
            std::make_shared<const BpeTokenizer>(std::move(*tokenizer)))(prompt.toStdString());
        QVERIFY(expected && *expected > 5);
        QTRY_COMPARE(w.promptPanel()->report().tokens, expected);
        auto* label = w.promptPanel()->findChild<QLabel*>(QStringLiteral("tokenCounter"));
        // Of max_length_llm (128), two tokens are the template's own: 126 are the prompt's.
        QCOMPARE(label->text(), QStringLiteral("%1 / 126 tokens").arg(*expected));

        // Without a Qwen3 folder the count is unknown, and says so.
        QSettings s;
        ModelPaths p = ModelPaths::load(s);
        p.qwenDir.clear();
        p.save(s);
        MainWindow none(fakeServices(behaviour));
        QTest::qWait(50);
        QVERIFY(!none.promptPanel()->hasTokenCounter());
        none.promptPanel()->setPrompt(prompt);
        QVERIFY(none.findChild<QLabel*>(QStringLiteral("tokenCounter"))
                    ->text()
                    .startsWith(QStringLiteral("tokens: ?")));
    }

    void bodyDisplayIsAViewMenuChoiceRememberedAcrossSessions()
    {
        auto behaviour = std::make_shared<test::FakeEngineBehaviour>();
        {
            MainWindow w(fakeServices(behaviour));
            // Default: the bones inside a translucent body.
            QCOMPARE(w.viewport()->bodyDisplay(), ViewportWidget::BodyDisplay::Both);
            auto* mesh = w.findChild<QAction*>(QStringLiteral("bodyMesh"));
            auto* bones = w.findChild<QAction*>(QStringLiteral("bodySkeleton"));
            QVERIFY(mesh != nullptr && bones != nullptr);
            QVERIFY(w.findChild<QAction*>(QStringLiteral("bodyBoth"))->isChecked());
            mesh->trigger();
            QCOMPARE(w.viewport()->bodyDisplay(), ViewportWidget::BodyDisplay::Mesh);
            QVERIFY(mesh->isChecked() && !bones->isChecked());
        }
        QCOMPARE(QSettings().value(QStringLiteral("view/body")).toString(), QStringLiteral("mesh"));
        MainWindow again(fakeServices(behaviour));
        QCOMPARE(again.viewport()->bodyDisplay(), ViewportWidget::BodyDisplay::Mesh);
        again.findChild<QAction*>(QStringLiteral("bodySkeleton"))->trigger();
        QCOMPARE(again.viewport()->bodyDisplay(), ViewportWidget::BodyDisplay::Skeleton);
        QCOMPARE(QSettings().value(QStringLiteral("view/body")).toString(),
                 QStringLiteral("skeleton"));
    }

    void theOfficialMannequinIsShownWhenItsFolderIsSet()
    {
        QTemporaryDir assets;
        test::FakeMannequinAssets().writeTo(assets.path());
        {
            QSettings s;
            ModelPaths p = ModelPaths::load(s);
            p.mannequinDir = assets.path();
            p.save(s);
        }
        auto behaviour = std::make_shared<test::FakeEngineBehaviour>();
        MainWindow w(fakeServices(behaviour));
        // Read on the I/O pool, then handed to the viewport (and its ground alignment).
        QTRY_COMPARE_WITH_TIMEOUT(w.viewport()->bodyMesh()->name, std::string("WoodenMannequin"),
                                  5000);
        QCOMPARE(w.viewport()->bodyMesh()->vertexCount(), std::size_t(6));

        // A clone of the official repository works too (the assets are found inside it).
        QTemporaryDir clone;
        const QString inside =
            clone.path() + QStringLiteral("/scripts/gradio/static/assets/dump_wooden");
        QVERIFY(QDir().mkpath(inside));
        test::FakeMannequinAssets().writeTo(inside);
        {
            QSettings s;
            ModelPaths p = ModelPaths::load(s);
            p.mannequinDir = clone.path();
            p.save(s);
        }
        MainWindow fromClone(fakeServices(behaviour));
        QTRY_COMPARE_WITH_TIMEOUT(fromClone.viewport()->bodyMesh()->name,
                                  std::string("WoodenMannequin"), 5000);
        {
            QSettings s;
            ModelPaths p = ModelPaths::load(s);
            p.mannequinDir = assets.path();
            p.save(s);
        }

        // A broken folder leaves the built-in mannequin and says why.
        QFile::remove(assets.path() + QStringLiteral("/faces.bin"));
        MainWindow broken(fakeServices(behaviour));
        QTRY_VERIFY_WITH_TIMEOUT(
            broken.statusBar()->currentMessage().contains(QStringLiteral("faces.bin")), 5000);
        QCOMPARE(broken.viewport()->bodyMesh().get(), builtinMannequinMesh().get());
    }

    void generatesCandidatesEndToEnd()
    {
        auto behaviour = std::make_shared<test::FakeEngineBehaviour>();
        behaviour->steps = 8;
        behaviour->stepMs = 10;
        MainWindow w(fakeServices(behaviour));
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(loadModel(w));
        // The load's progress line gives way to the outcome.
        QCOMPARE(w.findChild<QLabel*>(QStringLiteral("generationStatus"))->text(),
                 QStringLiteral("Model fake-engine loaded."));

        auto* candidates = w.parametersPanel()->findChild<QSpinBox*>(QStringLiteral("candidates"));
        candidates->setValue(3);
        w.promptPanel()->setPrompt(QStringLiteral("A person walks forward, then waves."));
        QVERIFY(w.promptPanel()->isGenerateEnabled());
        QSignalSpy finished(w.controller(), &GenerationController::generationFinished);
        QTest::mouseClick(
            w.promptPanel()->findChild<QPushButton*>(QStringLiteral("generateButton")),
            Qt::LeftButton);
        QVERIFY(finished.wait(10000));

        // Three candidates side by side, saved in the project folder and listed.
        QCOMPARE(w.viewport()->candidateCount(), 3);
        QCOMPARE(static_cast<int>(w.shownTakes().size()), 3);
        QCOMPARE(w.takesPanel()->model()->rowCount(), 3);
        QCOMPARE(QDir(m_project.path()).entryList({QStringLiteral("*.pwtake")}).size(), 3);
        QVERIFY(w.timeline()->frameCount() > 0);
        QVERIFY(w.timeline()->isPlaying());
        // Consecutive seeds from the drawn first seed.
        const auto seed0 = w.shownTakes()[0].take.seed;
        QCOMPARE(w.shownTakes()[2].take.seed, seed0 + 2);

        // Picking candidate 2 selects its take in the list (the take to keep).
        auto* button2 = w.findChild<QToolButton*>(QStringLiteral("candidate2"));
        QVERIFY(button2 && button2->isVisible());
        QTest::mouseClick(button2, Qt::LeftButton);
        QCOMPARE(w.viewport()->selectedCandidate(), 1);
        QCOMPARE(w.selectedTake()->take.seed, seed0 + 1);
        QCOMPARE(w.takesPanel()->currentTake()->take.id, w.selectedTake()->take.id);

        // Overlay puts them on top of each other.
        w.findChild<QCheckBox*>(QStringLiteral("overlayCandidates"))->setChecked(true);
        QCOMPARE(w.viewport()->layout(), ViewportWidget::Layout::Overlay);

        if (qEnvironmentVariableIsSet("PW_STUDIO_DUMP")) {
            w.findChild<QCheckBox*>(QStringLiteral("overlayCandidates"))->setChecked(false);
            w.timeline()->setPlaying(false);
            w.timeline()->setCurrentFrame(30);
            QTest::qWait(200);
            (void)w.saveScreenshot(qEnvironmentVariable("PW_STUDIO_DUMP") +
                                   QStringLiteral("/studio.png"));
        }
    }

    void escapeCancelsTheRunningGeneration()
    {
        auto behaviour = std::make_shared<test::FakeEngineBehaviour>();
        behaviour->steps = 10000;
        behaviour->stepMs = 5;
        MainWindow w(fakeServices(behaviour));
        w.show();
        w.activateWindow(); // Xvfb has no window manager to do it
        QVERIFY(QTest::qWaitForWindowActive(&w));
        QVERIFY(loadModel(w));
        w.promptPanel()->setPrompt(QStringLiteral("A person jumps."));
        QSignalSpy progress(w.controller(), &GenerationController::progressChanged);
        QSignalSpy failed(w.controller(), &GenerationController::generationFailed);
        w.generate();
        QTRY_VERIFY(progress.count() > 2);
        QVERIFY(w.findChild<QPushButton*>(QStringLiteral("cancelButton"))->isVisible());
        QTest::keyClick(&w, Qt::Key_Escape);
        QVERIFY(failed.wait(3000));
        QCOMPARE(failed.first().at(1).value<Error>().code, Errc::Cancelled);
        QTRY_VERIFY(!w.findChild<QPushButton*>(QStringLiteral("cancelButton"))->isVisible());
        QCOMPARE(w.findChild<QLabel*>(QStringLiteral("generationStatus"))->text(),
                 QStringLiteral("Cancelled."));
        QCOMPARE(QDir(m_project.path()).entryList({QStringLiteral("*.pwtake")}).size(), 0);
    }

    void generateClicksQueueUpAndTheQueueIsShownAndCleared()
    {
        auto behaviour = std::make_shared<test::FakeEngineBehaviour>();
        behaviour->steps = 10000;
        behaviour->stepMs = 5;
        MainWindow w(fakeServices(behaviour));
        w.show();
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        QVERIFY(loadModel(w));
        auto* generate = w.promptPanel()->findChild<QPushButton*>(QStringLiteral("generateButton"));
        auto* queueLabel = w.promptPanel()->findChild<QLabel*>(QStringLiteral("queueLabel"));
        auto* clear = w.promptPanel()->findChild<QPushButton*>(QStringLiteral("clearQueueButton"));
        QVERIFY(generate && queueLabel && clear);
        QVERIFY(!queueLabel->isVisible());
        QSignalSpy failed(w.controller(), &GenerationController::generationFailed);
        QSignalSpy finished(w.controller(), &GenerationController::generationFinished);

        w.promptPanel()->setPrompt(QStringLiteral("A person jumps."));
        QTest::mouseClick(generate, Qt::LeftButton);
        QTRY_VERIFY(w.controller()->isGenerating());
        QCOMPARE(generate->text(), QStringLiteral("Add to queue"));
        w.promptPanel()->setPrompt(QStringLiteral("A person squats."));
        QTest::mouseClick(generate, Qt::LeftButton);
        w.promptPanel()->setPrompt(QStringLiteral("A person waves."));
        QTest::mouseClick(generate, Qt::LeftButton);
        QCOMPARE(w.controller()->queuedCount(), 2);
        QVERIFY(queueLabel->isVisible() && clear->isVisible());
        QCOMPARE(queueLabel->text(), QStringLiteral("2 more jobs queued"));
        QVERIFY(queueLabel->toolTip().contains(QStringLiteral("1. A person squats.")));
        QVERIFY(queueLabel->toolTip().contains(QStringLiteral("2. A person waves.")));

        // Esc cancels the running job only: the next one starts.
        const JobId first = w.controller()->currentJob();
        QTest::keyClick(&w, Qt::Key_Escape);
        QTRY_COMPARE(failed.count(), 1);
        QCOMPARE(failed.first().at(0).value<JobId>(), first);
        QTRY_COMPARE(w.controller()->queuedCount(), 1);
        QVERIFY(w.controller()->isGenerating());
        QCOMPARE(queueLabel->text(), QStringLiteral("1 more job queued"));

        // Clear queue drops the waiting one; the running one goes on until cancelled.
        QTest::mouseClick(clear, Qt::LeftButton);
        QCOMPARE(failed.count(), 2);
        QCOMPARE(w.controller()->queuedCount(), 0);
        QVERIFY(!queueLabel->isVisible() && !clear->isVisible());
        QVERIFY(w.controller()->isGenerating());
        w.controller()->cancel();
        QTRY_VERIFY(!w.controller()->isBusy());
        QCOMPARE(generate->text(), QStringLiteral("Generate"));
        QCOMPARE(finished.count(), 0);
    }

    void outOfMemoryIsExplainedAndRetriedWithLowerSettings()
    {
        auto behaviour = std::make_shared<test::FakeEngineBehaviour>();
        behaviour->oomAtStep = 2;
        MainWindow w(fakeServices(behaviour));
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(loadModel(w));
        w.parametersPanel()->findChild<QSpinBox*>(QStringLiteral("candidates"))->setValue(4);
        w.promptPanel()->setPrompt(QStringLiteral("A person jumps."));
        QSignalSpy failed(w.controller(), &GenerationController::generationFailed);
        w.generate();
        QVERIFY(failed.wait(5000));
        QMessageBox* box = nullptr;
        QTRY_VERIFY((box = findBox(w, QStringLiteral("outOfMemoryBox"))) != nullptr);
        // Which phase, how much, and the plan.
        QVERIFY2(box->text().contains(QStringLiteral("sampling")), qPrintable(box->text()));
        QVERIFY(box->text().contains(QStringLiteral("2.00 GiB")));
        QVERIFY(box->text().contains(QStringLiteral("one candidate instead of 4")));
        QVERIFY(box->text().contains(QStringLiteral("do not change memory")));
        behaviour->oomAtStep = -1;
        QSignalSpy finished(w.controller(), &GenerationController::generationFinished);
        auto* retry = box->findChild<QPushButton*>(QStringLiteral("retryLower"));
        QVERIFY(retry != nullptr);
        QTest::mouseClick(retry, Qt::LeftButton);
        QVERIFY(finished.wait(5000));
        QCOMPARE(w.parametersPanel()->settings().candidates, 1);
        QCOMPARE(w.viewport()->candidateCount(), 1);
    }

    void takesReloadFromTheProjectFolderAndOpenInTheViewport()
    {
        // A project folder with two takes and a broken file.
        auto io = test::fakeTakeIo();
        for (int i = 0; i < 2; ++i) {
            Take t = test::syntheticTake("take-" + std::to_string(i), 10 + i, 90);
            t.createdUtc = "2026-11-2" + std::to_string(i) + "T10:00:00Z";
            QVERIFY(io.save(t, takePath(m_project.path().toStdString(), t.id)));
        }
        QFile broken(m_project.filePath(QStringLiteral("broken.pwtake")));
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write("garbage");
        broken.close();

        auto behaviour = std::make_shared<test::FakeEngineBehaviour>();
        MainWindow w(fakeServices(behaviour));
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QTRY_COMPARE(w.takesPanel()->model()->rowCount(), 2);
        QTRY_VERIFY(!w.takesPanel()->isScanning());
        // Newest first.
        QCOMPARE(w.takesPanel()->model()->entry(0)->take.id, std::string("take-1"));
        QVERIFY(w.findChild<QLabel*>(QStringLiteral("takesStatus"))
                    ->text()
                    .contains(QStringLiteral("could not be read")));
        // Activating a take shows it.
        w.takesPanel()->selectTake("take-0");
        Q_EMIT w.takesPanel()->takeActivated(QStringLiteral("take-0"));
        QCOMPARE(w.viewport()->candidateCount(), 1);
        QCOMPARE(w.timeline()->frameCount(), 90);

        // Opening a file directly.
        QSignalSpy opened(&w, &MainWindow::takeOpened);
        w.openTakeFile(m_project.filePath(QStringLiteral("take-1.pwtake")));
        QVERIFY(opened.wait(5000));
        QCOMPARE(opened.first().at(0).toBool(), true);
        QCOMPARE(w.selectedTake()->take.id, std::string("take-1"));
        // A broken file is refused with a message, not a crash.
        w.openTakeFile(m_project.filePath(QStringLiteral("broken.pwtake")));
        QVERIFY(opened.wait(5000));
        QCOMPARE(opened.last().at(0).toBool(), false);
        QVERIFY(w.lastErrorText().contains(QStringLiteral("broken.pwtake")));
    }

    void keepOnlyThisDeletesTheOtherCandidates()
    {
        auto behaviour = std::make_shared<test::FakeEngineBehaviour>();
        MainWindow w(fakeServices(behaviour));
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(loadModel(w));
        w.parametersPanel()->findChild<QSpinBox*>(QStringLiteral("candidates"))->setValue(2);
        w.promptPanel()->setPrompt(QStringLiteral("A person jumps."));
        QSignalSpy finished(w.controller(), &GenerationController::generationFinished);
        w.generate();
        QVERIFY(finished.wait(5000));
        w.selectCandidate(1);
        const std::string keep = w.selectedTake()->take.id;
        // Confirm the question box when it opens.
        QTimer::singleShot(200, &w, [] {
            if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget())) {
                box->button(QMessageBox::Yes)->click();
            }
        });
        QTest::mouseClick(w.findChild<QPushButton*>(QStringLiteral("keepOnly")), Qt::LeftButton);
        QCOMPARE(w.viewport()->candidateCount(), 1);
        QCOMPARE(w.selectedTake()->take.id, keep);
        QCOMPARE(w.takesPanel()->model()->rowCount(), 1);
        QCOMPARE(QDir(m_project.path()).entryList({QStringLiteral("*.pwtake")}).size(), 1);
    }

    void loadingAsksForTheLicenceOnce()
    {
        setLicenceAccepted(false);
        auto behaviour = std::make_shared<test::FakeEngineBehaviour>();
        MainWindow w(fakeServices(behaviour));
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        // Declining: nothing loads.
        QTimer::singleShot(200, &w, [] {
            if (auto* d = qobject_cast<LicenceDialog*>(QApplication::activeModalWidget())) {
                d->reject();
            }
        });
        w.loadModel();
        QVERIFY(!w.controller()->isLoading());
        QVERIFY(!isLicenceAccepted());
        // Accepting: the checkbox enables OK; the choice is remembered.
        QTimer::singleShot(200, &w, [] {
            if (auto* d = qobject_cast<LicenceDialog*>(QApplication::activeModalWidget())) {
                const auto ok = d->findChildren<QPushButton*>();
                auto* agree = d->findChild<QCheckBox*>(QStringLiteral("licenceAgree"));
                QPushButton* accept = nullptr;
                for (QPushButton* b : ok) {
                    if (b->text() == QStringLiteral("Accept")) {
                        accept = b;
                    }
                }
                if (accept && agree && !accept->isEnabled()) {
                    agree->setChecked(true);
                    accept->click();
                }
            }
        });
        QSignalSpy loaded(w.controller(), &GenerationController::modelLoaded);
        w.loadModel();
        QVERIFY(isLicenceAccepted());
        QVERIFY(loaded.wait(5000));
    }

    void licenceTextNamesTheTerritoryAndUsageLimits()
    {
        LicenceDialog d{QString()};
        const QString text = d.findChild<QLabel*>(QStringLiteral("licenceText"))->text();
        for (const char* needle : {"European Union", "United Kingdom", "South Korea",
                                   "one million monthly active", "improve other AI models"}) {
            QVERIFY2(text.contains(QString::fromLatin1(needle)), needle);
        }
    }

    void switchingLanguageRetranslatesTheStudio()
    {
        auto behaviour = std::make_shared<test::FakeEngineBehaviour>();
        MainWindow w(fakeServices(behaviour));
        w.show();
        auto* takesDock = w.findChild<QDockWidget*>(QStringLiteral("takesDock"));
        QCOMPARE(takesDock->windowTitle(), QStringLiteral("Takes"));
        QAction* chinese = nullptr;
        for (QAction* a : w.findChildren<QAction*>()) {
            if (a->data().toString() == QLatin1String("zh_CN")) {
                chinese = a;
            }
        }
        QVERIFY(chinese != nullptr);
        chinese->trigger();
        QCoreApplication::processEvents();
        QCOMPARE(QSettings().value(QStringLiteral("ui/language")).toString(),
                 QStringLiteral("zh_CN"));
        QVERIFY(takesDock->windowTitle() != QStringLiteral("Takes"));
        QCOMPARE(w.findChild<QPushButton*>(QStringLiteral("generateButton"))->text(),
                 QStringLiteral("生成"));
        QVERIFY(!w.findChild<QLabel*>(QStringLiteral("framesLabel"))
                     ->text()
                     .contains(QStringLiteral("frame")));
        installTranslators(QStringLiteral("en"));
        QCoreApplication::processEvents();
        QCOMPARE(takesDock->windowTitle(), QStringLiteral("Takes"));
    }
};

int main(int argc, char** argv)
{
    QSurfaceFormat format;
    format.setVersion(3, 3);
    format.setProfile(QSurfaceFormat::CoreProfile);
    format.setDepthBufferSize(24);
    QSurfaceFormat::setDefaultFormat(format);
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("PosewrightTests"));
    QApplication::setApplicationName(QStringLiteral("test_studio_window"));
    TestStudioWindow test;
    return QTest::qExec(&test, argc, argv);
}
#include "test_studio_window.moc"
