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

    void promptOptionFillsTheEditorAndItIsLinted()
    {
        // --prompt puts text in the editor as if typed: a warning's orange wave underline and
        // the findings list's warning icon show in the prompt dock, empty without the prompt.
        QTemporaryDir dir;
        auto shoot = [&dir](const QStringList& extra, const QString& name) {
            const QString png = dir.filePath(name);
            QProcess p;
            p.setProcessChannelMode(QProcess::ForwardedChannels);
            p.start(QStringLiteral(PW_STUDIO_PATH),
                    QStringList{QStringLiteral("--screenshot"), png, QStringLiteral("--lang"),
                                QStringLiteral("en")} +
                        extra);
            return p.waitForFinished(60000) && p.exitCode() == 0 ? QImage(png) : QImage();
        };
        auto orange = [](const QImage& image) {
            const QImage img = image.convertToFormat(QImage::Format_RGB32);
            int n = 0;
            for (int y = 0; y < img.height(); ++y) {
                const auto* row = reinterpret_cast<const QRgb*>(img.constScanLine(y));
                // The prompt dock is on the left third of the window.
                for (int x = 0; x < img.width() / 3; ++x) {
                    n += (qRed(row[x]) > 150 && qBlue(row[x]) < 90 &&
                          qRed(row[x]) - qBlue(row[x]) > 100)
                             ? 1
                             : 0;
                }
            }
            return n;
        };
        const QImage plain = shoot({}, QStringLiteral("plain.png"));
        const QImage linted =
            shoot({QStringLiteral("--prompt"), QStringLiteral("A person happily jumps.")},
                  QStringLiteral("linted.png"));
        QVERIFY(!plain.isNull() && !linted.isNull());
        QVERIFY2(orange(linted) > orange(plain) + 10,
                 qPrintable(QStringLiteral("%1 vs %2").arg(orange(linted)).arg(orange(plain))));
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
