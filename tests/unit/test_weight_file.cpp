// SPDX-License-Identifier: Apache-2.0
// WeightFile::open names the usual download mistakes instead of failing on parser details.
#include <pw/core/atomic_file.h>
#include <pw/core/weight_file.h>

#include <QTemporaryDir>
#include <QTest>

using namespace pw;

class TestWeightFile : public QObject
{
    Q_OBJECT
  private Q_SLOTS:
    void downloadMistakesAreNamed_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");
        QTest::newRow("lfs pointer") << "latest.ckpt"
                                     << QByteArray("version https://git-lfs.github.com/spec/v1\n"
                                                   "oid sha256:d83f118f\nsize 1843542538\n")
                                     << "Git LFS pointer";
        QTest::newRow("empty") << "latest.ckpt" << QByteArray() << "is empty";
        QTest::newRow("html") << "model.safetensors" << QByteArray("\n<!DOCTYPE html><html>")
                              << "web page";
        QTest::newRow("ckpt not zip") << "latest.ckpt" << QByteArray("garbage garbage garbage")
                                      << "not a torch.save checkpoint";
        QTest::newRow("safetensors garbage")
            << "model.safetensors" << QByteArray("garbage garbage garbage")
            << "header length out of range";
    }

    void downloadMistakesAreNamed()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const std::filesystem::path p = dir.filePath(name).toStdString();
        QVERIFY(writeFileAtomically(p, std::string_view(bytes.constData(), bytes.size())));
        auto w = WeightFile::open(p);
        QVERIFY(!w);
        QCOMPARE(w.error().code, Errc::BadModelFile);
        QCOMPARE(w.error().file, p.string());
        QVERIFY2(w.error().describe().find(expected.toStdString()) != std::string::npos,
                 w.error().describe().c_str());
    }

    void realWeightsAreNotMistakes()
    {
        QVERIFY(!downloadMistake(PW_FIXTURES_DIR "/dit-tiny/latest.ckpt"));
        QVERIFY(!downloadMistake(PW_FIXTURES_DIR "/dit-tiny/model.safetensors"));
        QVERIFY(WeightFile::open(PW_FIXTURES_DIR "/dit-tiny/latest.ckpt").has_value());
    }

    void folderIsNotAWeightsFile()
    {
        QTemporaryDir dir;
        auto w = WeightFile::open(dir.path().toStdString());
        QCOMPARE(w.error().code, Errc::BadModelFile);
    }
};

QTEST_APPLESS_MAIN(TestWeightFile)
#include "test_weight_file.moc"
