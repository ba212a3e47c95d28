// SPDX-License-Identifier: Apache-2.0
#include <pw/core/model_folders.h>

#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

using namespace pw;
namespace fs = std::filesystem;

namespace {

const fs::path kFixtures = PW_FIXTURES_DIR;

void writeText(const fs::path& p, const std::string& text)
{
    std::ofstream(p, std::ios::binary) << text;
}

} // namespace

class TestModelFolders : public QObject
{
    Q_OBJECT
  private Q_SLOTS:
    void weightsHeadersAreChecked_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("needle");
        QTest::newRow("empty") << "latest.ckpt" << QByteArray() << int(Errc::BadModelFile)
                               << "empty";
        QTest::newRow("lfs pointer")
            << "latest.ckpt"
            << QByteArray("version https://git-lfs.github.com/spec/v1\noid sha256:abc\n")
            << int(Errc::BadModelFile) << "git lfs pull";
        QTest::newRow("not a zip") << "latest.ckpt" << QByteArray("not a checkpoint at all")
                                   << int(Errc::BadModelFile) << "zip signature";
        QTest::newRow("bad safetensors")
            << "model.safetensors" << QByteArray("\x10\x00\x00\x00garbage", 11)
            << int(Errc::BadModelFile) << "model.safetensors";
        QTest::newRow("zip ckpt") << "latest.ckpt" << QByteArray("PK\x03\x04rest", 8) << 0 << "";
    }

    void weightsHeadersAreChecked()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, bytes);
        QFETCH(int, code);
        QFETCH(QString, needle);
        QTemporaryDir tmp;
        const fs::path file = fs::path(tmp.path().toStdString()) / name.toStdString();
        writeText(file, bytes.toStdString());
        const auto r = checkWeightsFileHeader(file);
        if (code == 0) {
            QVERIFY2(r, r ? "" : r.error().describe().c_str());
            return;
        }
        QVERIFY(!r);
        QCOMPARE(int(r.error().code), code);
        QVERIFY2(QString::fromStdString(r.error().describe()).contains(needle),
                 r.error().describe().c_str());
        QCOMPARE(r.error().file, file.string());
    }

    void fixtureWeightsPassTheHeaderCheck()
    {
        QVERIFY(checkWeightsFileHeader(kFixtures / "dit-tiny/latest.ckpt"));
        QVERIFY(checkWeightsFileHeader(kFixtures / "dit-tiny/model.safetensors"));
        const auto missing = checkWeightsFileHeader(kFixtures / "dit-tiny/nope.ckpt");
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, Errc::FileNotFound);
    }

    void fixtureTextEncoderFoldersAreValid()
    {
        auto qwen = inspectQwenFolder(kFixtures / "text/qwen3-tiny");
        QVERIFY2(qwen, qwen ? "" : qwen.error().describe().c_str());
        QCOMPARE(qwen->modelType, std::string("qwen3"));
        QCOMPARE(qwen->hiddenSize, 32);
        QCOMPARE(qwen->weightFiles.size(), std::size_t(2));
        QVERIFY(qwen->weightsBytes > 9000000);

        auto clip = inspectClipFolder(kFixtures / "text/clip-tiny");
        QVERIFY2(clip, clip ? "" : clip.error().describe().c_str());
        QCOMPARE(clip->modelType, std::string("clip_text_model"));
        QCOMPARE(clip->hiddenSize, 32);
        QVERIFY(clip->weightsBytes > 1000000);
    }

    void untiedLmHeadIsNotCountedAsLoaded()
    {
        // Qwen3-8B's layout: tie_word_embeddings false and lm_head.weight in the shards. The
        // pipeline never loads the LM head, so the bytes it will hold leave it out.
        QTemporaryDir tmp;
        const fs::path q = fs::path(tmp.path().toStdString()) / "Qwen3-untied";
        fs::create_directories(q);
        const fs::path src = kFixtures / "text/qwen3-tiny";
        std::uint64_t fileBytes = 0;
        for (const char* f : {"model-00001-of-00002.safetensors",
                              "model-00002-of-00002.safetensors", "tokenizer.json"}) {
            fs::copy_file(src / f, q / f);
        }
        for (const char* f :
             {"model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors"}) {
            fileBytes += fs::file_size(q / f);
        }
        auto config = nlohmann::json::parse(std::ifstream(src / "config.json"));
        auto index = nlohmann::json::parse(std::ifstream(src / "model.safetensors.index.json"));
        const auto tied = inspectQwenFolder(src);
        QVERIFY(tied);
        QCOMPARE(tied->weightsBytes, fileBytes); // tied embeddings: nothing to leave out

        config["tie_word_embeddings"] = false;
        config["torch_dtype"] = "bfloat16";
        index["weight_map"]["lm_head.weight"] = "model-00002-of-00002.safetensors";
        writeText(q / "config.json", config.dump());
        writeText(q / "model.safetensors.index.json", index.dump());
        const auto untied = inspectQwenFolder(q);
        QVERIFY2(untied, untied ? "" : untied.error().describe().c_str());
        const std::uint64_t lmHead = std::uint64_t{151936} * 32 * 2;
        QCOMPARE(untied->weightsBytes, fileBytes - lmHead);
    }

    void textEncoderErrorsNameTheProblem()
    {
        QTemporaryDir tmp;
        const fs::path root = tmp.path().toStdString();
        // A CLIP folder given as the Qwen3 folder.
        auto wrong = inspectQwenFolder(kFixtures / "text/clip-tiny");
        QVERIFY(!wrong);
        QCOMPARE(wrong.error().code, Errc::BadModelFile);
        QVERIFY(wrong.error().describe().find("expected qwen3") != std::string::npos);
        auto wrong2 = inspectClipFolder(kFixtures / "text/qwen3-tiny");
        QVERIFY(!wrong2);
        QVERIFY(wrong2.error().describe().find("clip") != std::string::npos);

        // A Qwen3 folder whose index names a missing shard.
        const fs::path q = root / "Qwen3-8B";
        fs::create_directories(q);
        fs::copy_file(kFixtures / "text/qwen3-tiny/config.json", q / "config.json");
        writeText(q / "tokenizer.json", "{}");
        writeText(q / "model.safetensors.index.json",
                  R"({"weight_map": {"a": "model-00001-of-00005.safetensors"}})");
        auto missing = inspectQwenFolder(q);
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, Errc::FileNotFound);
        QCOMPARE(missing.error().item, std::string("model-00001-of-00005.safetensors"));

        // No tokenizer.
        fs::remove(q / "tokenizer.json");
        auto noTokenizer = inspectQwenFolder(q);
        QVERIFY(!noTokenizer);
        QVERIFY(noTokenizer.error().describe().find("tokenizer.json") != std::string::npos);

        // Broken config.json.
        const fs::path c = root / "clip";
        fs::create_directories(c);
        writeText(c / "config.json", "{ not json");
        auto broken = inspectClipFolder(c);
        QVERIFY(!broken);
        QCOMPARE(broken.error().code, Errc::BadModelFile);
        QVERIFY(broken.error().file.find("config.json") != std::string::npos);
    }

    void mannequinFolderIsFoundInsideARepositoryClone()
    {
        QTemporaryDir tmp;
        const fs::path repo = tmp.path().toStdString();
        const fs::path assets = repo / "scripts/gradio/static/assets/dump_wooden";
        fs::create_directories(assets);
        writeText(assets / "j_template.bin", std::string(52 * 12, '\0'));
        writeText(assets / "kintree.bin", std::string(52 * 4, '\0'));
        auto info = inspectMannequinFolder(repo);
        QVERIFY2(info, info ? "" : info.error().describe().c_str());
        QCOMPARE(info->assetsDir, assets);
        QVERIFY(!info->hasMesh);

        writeText(assets / "v_template.bin", "version https://git-lfs.github.com/spec/v1\n");
        auto lfs = inspectMannequinFolder(repo);
        QVERIFY(!lfs);
        QVERIFY(lfs.error().describe().find("git lfs pull") != std::string::npos);

        auto none = inspectMannequinFolder(repo / "scripts");
        QVERIFY(!none);
        QCOMPARE(none.error().code, Errc::FileNotFound);
    }
};

QTEST_APPLESS_MAIN(TestModelFolders)
#include "test_model_folders.moc"
