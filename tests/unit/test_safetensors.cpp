// SPDX-License-Identifier: Apache-2.0
#include <pw/core/atomic_file.h>
#include <pw/core/safetensors.h>

#include <QTemporaryDir>
#include <QTest>

#include <cstring>

using namespace pw;

class TestSafetensors : public QObject
{
    Q_OBJECT
  private Q_SLOTS:
    void readsTheFixtureCheckpoint()
    {
        auto f = SafetensorsFile::open(PW_FIXTURES_DIR "/dit-tiny/model.safetensors");
        QVERIFY2(f.has_value(), f ? "" : f.error().describe().c_str());
        const TensorView* w = f->find("motion_transformer.input_encoder.weight");
        QVERIFY(w != nullptr);
        QCOMPARE(w->dtype, DType::F32);
        QCOMPARE(shapeString(w->shape), std::string("[64, 201]"));
        QCOMPARE(static_cast<qsizetype>(w->bytes.size()), qsizetype(64 * 201 * 4));
        auto mean = f->require("mean");
        QVERIFY(mean.has_value());
        QCOMPARE((*mean)->numel(), std::int64_t(201));
        auto missing = f->require("no.such.tensor");
        QCOMPARE(missing.error().code, Errc::BadModelFile);
        QVERIFY(missing.error().describe().find("no.such.tensor") != std::string::npos);
    }

    void writeThenReadRoundTripsValuesAndMetadata()
    {
        QTemporaryDir dir;
        const std::vector<float> a{1.0f, -2.5f, 3.25f, 0.0f, 7.0f, 8.0f};
        const std::vector<float> b{42.0f};
        const TensorToWrite tensors[] = {{"a", {2, 3}, a}, {"b", {1}, b}};
        const auto path = dir.filePath(QStringLiteral("t.safetensors")).toStdString();
        QVERIFY(writeSafetensors(path, tensors, {{"format", "pt"}}).has_value());
        auto f = SafetensorsFile::open(path);
        QVERIFY(f.has_value());
        QCOMPARE(f->metadata().at("format"), std::string("pt"));
        QCOMPARE(*f->find("a")->toFloat32(), a);
        QCOMPARE(*f->find("b")->toFloat32(), b);
    }

    void truncatedFileNamesTheTensor()
    {
        QTemporaryDir dir;
        const std::vector<float> a(100, 1.0f);
        const TensorToWrite tensors[] = {{"weights.big", {10, 10}, a}};
        const auto path = dir.filePath(QStringLiteral("t.safetensors")).toStdString();
        QVERIFY(writeSafetensors(path, tensors).has_value());
        std::string bytes = *readWholeFile(path);
        bytes.resize(bytes.size() - 17);
        QVERIFY(writeFileAtomically(path, bytes).has_value());
        auto f = SafetensorsFile::open(path);
        QVERIFY(!f);
        QCOMPARE(f.error().code, Errc::BadModelFile);
        QCOMPARE(f.error().item, std::string("weights.big"));
        QCOMPARE(f.error().file, path);
    }

    void malformedHeadersAreRejected_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not json") << QByteArray("{oops") << "malformed safetensors header";
        QTest::newRow("array") << QByteArray("[1,2]") << "expected a JSON object";
        QTest::newRow("bad dtype")
            << QByteArray(R"({"x":{"dtype":"Q4","shape":[1],"data_offsets":[0,1]}})")
            << "unsupported tensor dtype";
        QTest::newRow("size mismatch")
            << QByteArray(R"({"x":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}})")
            << "does not match its shape";
        QTest::newRow("negative dim")
            << QByteArray(R"({"x":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}})")
            << "non-negative integers";
        QTest::newRow("no offsets") << QByteArray(R"({"x":{"dtype":"F32","shape":[1]}})")
                                    << "needs dtype, shape, data_offsets";
    }

    void malformedHeadersAreRejected()
    {
        QFETCH(QByteArray, header);
        QFETCH(QString, expected);
        std::string bytes(8, '\0');
        const std::uint64_t len = static_cast<std::uint64_t>(header.size());
        std::memcpy(bytes.data(), &len, 8);
        bytes += header.toStdString();
        bytes += std::string(8, '\0');
        auto f =
            SafetensorsFile::parse(std::as_bytes(std::span(bytes.data(), bytes.size())), "mem");
        QVERIFY(!f);
        QVERIFY2(f.error().describe().find(expected.toStdString()) != std::string::npos,
                 f.error().describe().c_str());
    }

    void halfAndBfloat16ConvertExactly()
    {
        QCOMPARE(halfToFloat(0x3c00), 1.0f);
        QCOMPARE(halfToFloat(0xc000), -2.0f);
        QCOMPARE(halfToFloat(0x0001), 5.960464477539063e-08f); // smallest subnormal
        QCOMPARE(bf16ToFloat(0x3f80), 1.0f);
        QCOMPARE(bf16ToFloat(0x4049), 3.140625f);
    }
};

QTEST_APPLESS_MAIN(TestSafetensors)
#include "test_safetensors.moc"
