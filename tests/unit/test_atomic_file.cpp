// SPDX-License-Identifier: Apache-2.0
#include <pw/core/atomic_file.h>

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace pw;

class TestAtomicFile : public QObject
{
    Q_OBJECT
  private Q_SLOTS:
    void writesAndReplacesWithoutLeftovers()
    {
        QTemporaryDir dir;
        const std::filesystem::path p = dir.filePath(QStringLiteral("take.json")).toStdString();
        QVERIFY(writeFileAtomically(p, "first").has_value());
        QCOMPARE(QString::fromStdString(*readWholeFile(p)), QStringLiteral("first"));
        QVERIFY(writeFileAtomically(p, "second, longer").has_value());
        QCOMPARE(QString::fromStdString(*readWholeFile(p)), QStringLiteral("second, longer"));
        // Only the destination remains: no temporary files beside it.
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 1);
    }

    void missingFolderIsAnIoErrorNamingIt()
    {
        QTemporaryDir dir;
        const std::filesystem::path p =
            dir.filePath(QStringLiteral("nope/take.json")).toStdString();
        auto r = writeFileAtomically(p, "x");
        QVERIFY(!r);
        QCOMPARE(r.error().code, Errc::IoError);
        QVERIFY(r.error().describe().find("nope") != std::string::npos);
    }

    void unwritableFolderKeepsTheOldFile()
    {
        if (geteuid() == 0) {
            QSKIP("root ignores directory permissions");
        }
        QTemporaryDir dir;
        const std::filesystem::path p = dir.filePath(QStringLiteral("a.txt")).toStdString();
        QVERIFY(writeFileAtomically(p, "old").has_value());
        QFile::setPermissions(dir.path(), QFileDevice::ReadOwner | QFileDevice::ExeOwner);
        auto r = writeFileAtomically(p, "new");
        QFile::setPermissions(dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                              QFileDevice::ExeOwner);
        QVERIFY(!r);
        QCOMPARE(QString::fromStdString(*readWholeFile(p)), QStringLiteral("old"));
    }

    void readingMissingFileIsFileNotFound()
    {
        auto r = readWholeFile("/definitely/not/here.json");
        QCOMPARE(r.error().code, Errc::FileNotFound);
    }

    void destinationThatIsAFolderIsRefused()
    {
        QTemporaryDir dir;
        auto r = writeFileAtomically(dir.path().toStdString(), "x");
        QCOMPARE(r.error().code, Errc::IoError);
    }
};

QTEST_APPLESS_MAIN(TestAtomicFile)
#include "test_atomic_file.moc"
