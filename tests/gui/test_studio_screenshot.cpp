// SPDX-License-Identifier: Apache-2.0
// Runs the real `posewright` binary the way reviewers do: --screenshot under Xvfb.
#include "grid_pixels.h"

#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

class TestStudioScreenshot : public QObject
{
    Q_OBJECT
  private Q_SLOTS:
    void screenshotShowsTheWindowWithTheGrid()
    {
        QTemporaryDir dir;
        const QString png = dir.filePath(QStringLiteral("studio.png"));
        QProcess p;
        p.setProcessChannelMode(QProcess::ForwardedChannels);
        p.start(QStringLiteral(PW_STUDIO_PATH), {QStringLiteral("--screenshot"), png,
                                                 QStringLiteral("--lang"), QStringLiteral("en")});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 0);
        QImage image(png);
        QVERIFY2(!image.isNull(), "no PNG was written");
        QVERIFY(image.width() >= 800 && image.height() >= 500);
        const auto stats = pw::test::gridPixelStats(image);
        QVERIFY2(stats.reddish > 50 && stats.bluish > 50,
                 "grid axes not visible in the screenshot");
    }

    void unwritableScreenshotPathFailsWithAMessage()
    {
        QProcess p;
        p.start(QStringLiteral(PW_STUDIO_PATH),
                {QStringLiteral("--screenshot"), QStringLiteral("/nonexistent-dir/x.png"),
                 QStringLiteral("--quit-after-ms"), QStringLiteral("200")});
        QVERIFY(p.waitForFinished(60000));
        QVERIFY(p.exitCode() != 0);
        QVERIFY(p.readAllStandardError().contains("cannot write the screenshot"));
    }

    void badOptionsAreUsageErrors()
    {
        QProcess p;
        p.start(QStringLiteral(PW_STUDIO_PATH),
                {QStringLiteral("--quit-after-ms"), QStringLiteral("soon")});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 2);
        QVERIFY(p.readAllStandardError().contains("--quit-after-ms"));
    }
};

QTEST_GUILESS_MAIN(TestStudioScreenshot)
#include "test_studio_screenshot.moc"
