// SPDX-License-Identifier: Apache-2.0
#include <pw/core/cancel.h>
#include <pw/core/error.h>

#include <QTest>

#include <new>
#include <stdexcept>

using namespace pw;

class TestError : public QObject
{
    Q_OBJECT
  private Q_SLOTS:
    void resultHoldsValueOrError()
    {
        Result<int> ok = 42;
        QVERIFY(ok.has_value());
        QCOMPARE(*ok, 42);
        Result<int> bad = Error(Errc::BadModelFile, "truncated");
        QVERIFY(!bad);
        QCOMPARE(bad.error().code, Errc::BadModelFile);
        QCOMPARE(bad.value_or(7), 7);
        QVERIFY_THROWS_EXCEPTION(Exception, (void)bad.value());
    }

    void describeNamesFileTensorAndMismatch()
    {
        const Error e = Error(Errc::BadModelFile, "wrong shape")
                            .inFile("/m/latest.ckpt")
                            .at("motion_transformer.input_encoder.weight")
                            .mismatch("[1024, 201]", "[1024, 200]");
        QCOMPARE(QString::fromStdString(e.describe()),
                 QStringLiteral("/m/latest.ckpt: 'motion_transformer.input_encoder.weight': wrong "
                                "shape (expected [1024, 201], found [1024, 200])"));
    }

    void describeWithoutContextIsJustTheMessage()
    {
        QCOMPARE(
            QString::fromStdString(Error(Errc::InvalidArgument, "steps must be > 0").describe()),
            QStringLiteral("steps must be > 0"));
        QCOMPARE(QString::fromStdString(Error(Errc::OutOfMemory, "").describe()),
                 QStringLiteral("out of memory"));
    }

    void guardTranslatesExceptions()
    {
        auto r1 = guard([]() -> int { fail(Errc::BadInput, "bad take"); });
        QCOMPARE(r1.error().code, Errc::BadInput);
        auto r2 = guard([]() -> int { throw std::bad_alloc(); });
        QCOMPARE(r2.error().code, Errc::OutOfMemory);
        auto r3 = guard([] { throw std::runtime_error("boom"); });
        QCOMPARE(r3.error().code, Errc::Internal);
        QCOMPARE(QString::fromStdString(r3.error().message), QStringLiteral("boom"));
        auto r4 = guard([] { return 5; });
        QCOMPARE(*r4, 5);
    }

    void voidResultDefaultsToSuccess()
    {
        Result<void> ok;
        QVERIFY(ok.has_value());
        Result<void> bad = Error(Errc::IoError, "disk full");
        QVERIFY(!bad.has_value());
        QVERIFY_THROWS_EXCEPTION(Exception, bad.value());
    }

    void cancelTokenIsSharedBetweenCopies()
    {
        CancelToken a;
        CancelToken b = a;
        QVERIFY(!b.isCancelRequested());
        a.requestCancel();
        QVERIFY(b.isCancelRequested());
        auto r = guard([&] { b.throwIfCancelled(); });
        QCOMPARE(r.error().code, Errc::Cancelled);
    }

    void exitCodesAreStable()
    {
        // The CLI documents these numbers; changing them breaks scripts.
        QCOMPARE(static_cast<int>(Errc::Cancelled), 2);
        QCOMPARE(static_cast<int>(Errc::BadModelFile), 5);
        QCOMPARE(static_cast<int>(Errc::Internal), 12);
    }
};

QTEST_APPLESS_MAIN(TestError)
#include "test_error.moc"
