// SPDX-License-Identifier: Apache-2.0
#include <pw/core/atomic_file.h>
#include <pw/core/safetensors.h>
#include <pw/core/torch_checkpoint.h>
#include <pw/core/weight_file.h>
#include <pw/core/zip_archive.h>

#include <QTemporaryDir>
#include <QTest>

#include <cstring>

using namespace pw;

namespace {

const std::string kData = PW_TEST_DATA_DIR "/ckpt/";
const std::string kFixture = PW_FIXTURES_DIR "/dit-tiny/latest.ckpt";

std::span<const std::byte> asBytes(const std::string& s)
{
    return {reinterpret_cast<const std::byte*>(s.data()), s.size()};
}

std::vector<float> floatsOf(const TensorView& t)
{
    return *t.toFloat32();
}

} // namespace

class TestTorchCheckpoint : public QObject
{
    Q_OBJECT
  private Q_SLOTS:
    void handBuiltCheckpointsParse_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<bool>("wrapped");
        QTest::newRow("model_state_dict") << "good.ckpt" << true;
        QTest::newRow("zip64 records") << "good_zip64.ckpt" << true;
        QTest::newRow("raw state dict") << "raw_state_dict.ckpt" << false;
    }
    void handBuiltCheckpointsParse()
    {
        QFETCH(QString, file);
        QFETCH(bool, wrapped);
        auto ck = TorchCheckpoint::open(kData + file.toStdString());
        QVERIFY2(ck.has_value(), ck ? "" : ck.error().describe().c_str());
        QCOMPARE(ck->tensors().size(), std::size_t(3));
        QCOMPARE(ck->hadModelStateDict(), wrapped);
        const TensorView* w = ck->find("w");
        QVERIFY(w != nullptr);
        QCOMPARE(shapeString(w->shape), std::string("[2, 3]"));
        QCOMPARE(floatsOf(*w), (std::vector<float>{1, 2, 3, 4, 5, 6}));
        // A view into the same storage at an element offset.
        QCOMPARE(floatsOf(*ck->find("tail")), (std::vector<float>{5, 6}));
        const TensorView* ids = ck->find("ids"); // saved as a Parameter
        QCOMPARE(ids->dtype, DType::I64);
        QCOMPARE(*ids->toInt64(), (std::vector<std::int64_t>{7, -8}));
        if (wrapped) {
            QCOMPARE(ck->metadata().at("epoch"), std::string("3"));
            QCOMPARE(ck->metadata().at("global_step"), std::string("99"));
        }
        QVERIFY(ck->archive().verifyCrc(*ck->storageEntry("w")).has_value());
    }

    void fixtureCheckpointEqualsItsSafetensorsCopy()
    {
        auto ck = TorchCheckpoint::open(kFixture);
        QVERIFY2(ck.has_value(), ck ? "" : ck.error().describe().c_str());
        auto st = SafetensorsFile::open(PW_FIXTURES_DIR "/dit-tiny/model.safetensors");
        QVERIFY(st.has_value());
        QCOMPARE(ck->tensors().size(), st->tensors().size());
        for (const auto& t : ck->tensors()) {
            const TensorView* u = st->find(t.name);
            QVERIFY2(u != nullptr, t.name.c_str());
            QCOMPARE(u->shape, t.shape);
            QCOMPARE(u->bytes.size(), t.bytes.size());
            QVERIFY2(std::memcmp(u->bytes.data(), t.bytes.data(), t.bytes.size()) == 0,
                     t.name.c_str());
        }
        QCOMPARE(ck->metadata().at("epoch"), std::string("7"));
        auto wf = WeightFile::open(kFixture);
        QVERIFY(wf.has_value());
        QCOMPARE(wf->format(), WeightFile::Format::TorchCheckpoint);
        QVERIFY(wf->verifyChecksum("mean").has_value());
    }

    void errorsNameTheProblem_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("item");
        QTest::addColumn<QString>("message");
        QTest::newRow("short storage") << "short_storage.ckpt"
                                       << "w"
                                       << "shorter than declared";
        QTest::newRow("missing storage") << "missing_storage.ckpt"
                                         << "w"
                                         << "missing from the archive";
        QTest::newRow("unknown global") << "evil_global.ckpt"
                                        << "posix.system"
                                        << "not allowed";
        QTest::newRow("strides") << "non_contiguous.ckpt"
                                 << "w"
                                 << "non-contiguous";
        QTest::newRow("offset") << "out_of_storage.ckpt"
                                << "w"
                                << "outside its storage";
        QTest::newRow("root list") << "not_a_dict.ckpt"
                                   << ""
                                   << "root is not a dict";
        QTest::newRow("float value") << "value_not_tensor.ckpt"
                                     << "w"
                                     << "not a tensor";
        QTest::newRow("no pickle") << "no_pickle.ckpt"
                                   << ""
                                   << "data.pkl";
    }
    void errorsNameTheProblem()
    {
        QFETCH(QString, file);
        QFETCH(QString, item);
        QFETCH(QString, message);
        const std::string path = kData + file.toStdString();
        auto ck = TorchCheckpoint::open(path);
        QVERIFY(!ck);
        QCOMPARE(ck.error().code, Errc::BadModelFile);
        QCOMPARE(ck.error().file, path);
        QCOMPARE(QString::fromStdString(ck.error().item), item);
        QVERIFY2(ck.error().describe().find(message.toStdString()) != std::string::npos,
                 ck.error().describe().c_str());
    }

    void truncatedFixtureIsRejected()
    {
        const std::string bytes = *readWholeFile(kFixture);
        for (std::size_t keep : {std::size_t(0), std::size_t(21), std::size_t(1000),
                                 bytes.size() / 2, bytes.size() - 100, bytes.size() - 1}) {
            const std::string cut = bytes.substr(0, keep);
            auto ck = TorchCheckpoint::parse(asBytes(cut), "cut.ckpt");
            QVERIFY2(!ck, std::to_string(keep).c_str());
            QCOMPARE(ck.error().code, Errc::BadModelFile);
            QCOMPARE(ck.error().file, std::string("cut.ckpt"));
        }
    }

    void corruptBytesAreDetected()
    {
        std::string bytes = *readWholeFile(kData + "good.ckpt");
        auto zip = ZipArchive::parse(asBytes(bytes), "good.ckpt");
        QVERIFY(zip.has_value());
        const auto* pkl = zip->find("archive/data.pkl");
        const auto* storage = zip->find("archive/data/0");
        QVERIFY(pkl != nullptr && storage != nullptr);
        // A flipped storage byte: the tensor still parses, its checksum does not match.
        bytes[storage->dataOffset + 5] ^= 0x40;
        auto z2 = ZipArchive::parse(asBytes(bytes), "good.ckpt");
        auto crc = z2->verifyCrc(*z2->find("archive/data/0"));
        QVERIFY(!crc);
        QVERIFY(crc.error().describe().find("CRC-32 mismatch") != std::string::npos);
        // A flipped pickle byte: reading data.pkl fails its CRC before unpickling.
        bytes[pkl->dataOffset + 20] ^= 0x01;
        auto ck = TorchCheckpoint::parse(asBytes(bytes), "good.ckpt");
        QVERIFY(!ck);
        QCOMPARE(ck.error().item, std::string("archive/data.pkl"));
    }

    void weightFileDetectsTheFormat()
    {
        auto st = WeightFile::open(PW_FIXTURES_DIR "/dit-tiny/model.safetensors");
        QVERIFY(st.has_value());
        QCOMPARE(st->format(), WeightFile::Format::Safetensors);
        QVERIFY(st->find("mean") != nullptr);
        auto missing = WeightFile::open(kData + "no_such.ckpt");
        QCOMPARE(missing.error().code, Errc::FileNotFound);
        // A bare pickle (the pre-1.6 torch.save format) gets its own message.
        QTemporaryDir dir;
        const std::string legacy = dir.filePath(QStringLiteral("old.pt")).toStdString();
        writeFileAtomically(legacy, std::string("\x80\x02\x8a\x0alegacy", 14)).value();
        auto old = WeightFile::open(legacy);
        QVERIFY(!old);
        QCOMPARE(old.error().code, Errc::BadModelFile);
        QVERIFY(old.error().message.find("legacy torch.save format") != std::string::npos);
    }
};

QTEST_APPLESS_MAIN(TestTorchCheckpoint)
#include "test_torch_checkpoint.moc"
