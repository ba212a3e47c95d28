// SPDX-License-Identifier: Apache-2.0
// `posewright --load-take FILE --screenshot out.png` shows the skeleton mid-motion with the panels.
#include "synthetic_motion.h"
#include "take_io.h"

#include <pw/io/take_file.h>

#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

/// Pixels of the selected skeleton's wood tone.
int woodPixels(const QImage& image)
{
    const QImage img = image.convertToFormat(QImage::Format_RGB32);
    int n = 0;
    for (int y = 0; y < img.height(); ++y) {
        const auto* row = reinterpret_cast<const QRgb*>(img.constScanLine(y));
        for (int x = 0; x < img.width(); ++x) {
            const int r = qRed(row[x]), g = qGreen(row[x]), b = qBlue(row[x]);
            n += (r > 120 && r > g + 15 && g > b + 15 && r - b > 60) ? 1 : 0;
        }
    }
    return n;
}

} // namespace

class TestTakeScreenshot : public QObject
{
    Q_OBJECT
  private Q_SLOTS:
    void defaultTakeFilesRoundTrip()
    {
        QTemporaryDir dir;
        const auto io = pw::gui::TakeFileIo::defaults();
        const pw::Take take = pw::test::syntheticTake("roundtrip", 42, 90);
        const auto path = pw::gui::takePath(dir.path().toStdString(), take.id);
        QVERIFY(io.save(take, path));
        auto back = io.load(path);
        QVERIFY2(back, back ? "" : back.error().describe().c_str());
        QCOMPARE(back->id, take.id);
        QCOMPARE(back->seed, take.seed);
        QVERIFY(back->motion != nullptr);
        QCOMPARE(back->motion->frameCount, 90);
    }

    void loadTakeScreenshotShowsTheSkeletonMidMotion()
    {
        QTemporaryDir dir;
        const pw::Take take = pw::test::syntheticTake("walk", 7, 150);
        const QString file =
            dir.filePath(QStringLiteral("walk") + QString::fromLatin1(pw::io::kTakeExtension));
        QVERIFY(pw::io::saveTake(take, file.toStdString()));
        const QString png = dir.filePath(QStringLiteral("studio.png"));
        QProcess p;
        p.setProcessChannelMode(QProcess::ForwardedChannels);
        p.start(QStringLiteral(PW_STUDIO_PATH),
                {QStringLiteral("--load-take"), file, QStringLiteral("--screenshot"), png,
                 QStringLiteral("--lang"), QStringLiteral("en")});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 0);
        const QImage image(png);
        QVERIFY(!image.isNull());
        QVERIFY2(woodPixels(image) > 200, qPrintable(QString::number(woodPixels(image))));
    }

    void aBrokenTakeFileFailsWithAMessage()
    {
        QTemporaryDir dir;
        const QString file =
            dir.filePath(QStringLiteral("broken") + QString::fromLatin1(pw::io::kTakeExtension));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("not a take");
        f.close();
        QProcess p;
        p.start(QStringLiteral(PW_STUDIO_PATH),
                {QStringLiteral("--load-take"), file, QStringLiteral("--screenshot"),
                 dir.filePath(QStringLiteral("x.png"))});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), static_cast<int>(pw::Errc::BadInput));
        QVERIFY(p.readAllStandardError().contains("broken"));
    }

    void aMissingTakeFileExitsLikeTheCli()
    {
        // posewright-cli exits 4 (file not found) for a take that does not exist: so does the
        // studio, with the same error text.
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("missing.pwtake"));
        QProcess p;
        p.start(QStringLiteral(PW_STUDIO_PATH),
                {QStringLiteral("--load-take"), file, QStringLiteral("--screenshot"),
                 dir.filePath(QStringLiteral("x.png"))});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), static_cast<int>(pw::Errc::FileNotFound));
        const QByteArray err = p.readAllStandardError();
        QVERIFY2(err.contains("missing.pwtake"), err.constData());
        const auto loaded = pw::io::loadTake(file.toStdString());
        QVERIFY(!loaded);
        QVERIFY2(err.contains(QByteArray::fromStdString(loaded.error().describe())),
                 err.constData());
    }
};

QTEST_GUILESS_MAIN(TestTakeScreenshot)
#include "test_take_screenshot.moc"
