// SPDX-License-Identifier: Apache-2.0
#include "grid_pixels.h"
#include "log_model.h"
#include "main_window.h"
#include "prompt_panel.h"
#include "timeline_widget.h"
#include "viewport_widget.h"

#include <pw/core/log.h>

#include <QApplication>
#include <QLabel>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSurfaceFormat>
#include <QTest>

#include <thread>

using namespace pw::gui;

class TestMainWindow : public QObject
{
    Q_OBJECT
  private Q_SLOTS:
    void initTestCase()
    {
        pw::log::LogConfig config;
        config.file = false;
        pw::log::init(config);
    }

    void windowHasTheStudioLayout()
    {
        MainWindow w;
        QVERIFY(w.findChild<QPlainTextEdit*>(QStringLiteral("promptEditor")) != nullptr);
        QVERIFY(w.findChild<QPushButton*>(QStringLiteral("generateButton")) != nullptr);
        QVERIFY(w.findChild<TimelineWidget*>(QStringLiteral("timeline")) != nullptr);
        QVERIFY(w.findChild<QListView*>(QStringLiteral("logView")) != nullptr);
        QVERIFY(w.findChild<ViewportWidget*>(QStringLiteral("viewport")) != nullptr);
        // No model loaded yet: generating is not possible and says why.
        auto* generate = w.findChild<QPushButton*>(QStringLiteral("generateButton"));
        QVERIFY(!generate->isEnabled());
        QVERIFY(!generate->toolTip().isEmpty());
    }

    void viewportRendersTheGroundGrid()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QTRY_VERIFY_WITH_TIMEOUT(w.viewport()->framesRendered() > 0, 10000);
        const QImage frame = w.viewport()->grabFramebuffer();
        QVERIFY(!frame.isNull());
        const auto stats = pw::test::gridPixelStats(frame);
        const int total = frame.width() * frame.height();
        QVERIFY2(stats.lineish > total / 200, qPrintable(QString::number(stats.lineish)));
        QVERIFY2(stats.reddish > 50, "the red X axis is missing");
        QVERIFY2(stats.bluish > 50, "the blue Z axis is missing");
        QVERIFY(w.viewport()->glDescription().contains(QStringLiteral("OpenGL")));
    }

    void logPanelShowsRecordsFromOtherThreads()
    {
        MainWindow w;
        const int before = w.logModel()->rowCount();
        std::thread([] { pw::log::get(pw::log::kInfer)->warn("worker says hello"); }).join();
        QTRY_VERIFY(w.logModel()->rowCount() > before);
        const auto& rec = w.logModel()->record(w.logModel()->rowCount() - 1);
        QCOMPARE(rec.message, QStringLiteral("worker says hello"));
        QCOMPARE(rec.logger, QStringLiteral("infer"));
    }

    void timelineScrubsAndClampsFrames()
    {
        TimelineWidget t;
        QSignalSpy spy(&t, &TimelineWidget::frameChanged);
        t.setClip(150, 30.0);
        t.setCurrentFrame(75);
        QCOMPARE(t.currentFrame(), 75);
        t.setCurrentFrame(1000);
        QCOMPARE(t.currentFrame(), 149);
        QCOMPARE(spy.count(), 2);
        t.setClip(0, 30.0);
        t.setPlaying(true);
        QVERIFY(!t.isPlaying()); // nothing to play
    }

    void timelinePlaysInRealTimeAndLoops()
    {
        TimelineWidget t;
        t.setClip(30, 30.0); // one second
        t.setPlaying(true);
        QTest::qWait(450);
        QVERIFY2(t.currentFrame() >= 8 && t.currentFrame() <= 24,
                 qPrintable(QString::number(t.currentFrame())));
        QTest::qWait(900); // past the end: looping wraps around and keeps playing
        QVERIFY(t.isPlaying());
        t.setPlaying(false);
    }

    void promptCounterCountsWords()
    {
        PromptPanel p;
        p.setPrompt(QStringLiteral("  A person   walks forward.  "));
        auto* counter = p.findChild<QLabel*>(QStringLiteral("wordCounter"));
        QVERIFY(counter != nullptr);
        QVERIFY2(counter->text().startsWith(QStringLiteral("4 ")), qPrintable(counter->text()));
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
    TestMainWindow test;
    return QTest::qExec(&test, argc, argv);
}
#include "test_main_window.moc"
