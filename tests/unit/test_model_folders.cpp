// SPDX-License-Identifier: Apache-2.0
#include <pw/core/model_folders.h>

#include <QTemporaryDir>
#include <QTest>

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

/// A copy of dit-tiny's config plus a weights file of our choosing.
fs::path motionFolder(const QTemporaryDir& tmp, const std::string& config,
                      const std::string& weightsName, const std::string& weights)
{
    const fs::path dir = fs::path(tmp.path().toStdString()) / "HY-Motion-test";
    fs::create_directories(dir);
    writeText(dir / "config.yml", config);
    if (!weightsName.empty()) {
        writeText(dir / weightsName, weights);
    }
    return dir;
}

std::string fixtureConfig()
{
    std::ifstream in(kFixtures / "dit-tiny/config.yml");
    return {std::istreambuf_iterator<char>(in), {}};
}

} // namespace

class TestModelFolders : public QObject
{
    Q_OBJECT
  private Q_SLOTS:
    void fixtureMotionFolderIsValid()
    {
        auto info = inspectMotionModelFolder(kFixtures / "dit-tiny");
        QVERIFY2(info, info ? "" : info.error().describe().c_str());
        QCOMPARE(info->name, std::string("dit-tiny"));
        QCOMPARE(info->trainFrames, 120);
        QCOMPARE(info->fps, 30.0f);
        QCOMPARE(info->defaultSteps, 10);
        QCOMPARE(info->defaultCfgScale, 5.0f);
        QCOMPARE(info->maxTextTokens, 128);
        QCOMPARE(info->featDim, 64);
        QCOMPARE(info->numLayers, 6);
        QCOMPARE(info->ctxtInputDim, 32);
        QCOMPARE(info->vtxtInputDim, 32);
        QCOMPARE(info->weightsFile.filename().string(), std::string("latest.ckpt"));
        QVERIFY(info->weightsBytes > 1000000);
    }

    void motionFolderErrorsNameTheProblem_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("needle");
        QTest::newRow("missing folder") << 0 << int(Errc::FileNotFound) << "does not exist";
        QTest::newRow("no config") << 1 << int(Errc::FileNotFound) << "missing config.yml";
        QTest::newRow("bad yaml") << 2 << int(Errc::BadModelFile) << "not valid YAML";
        QTest::newRow("missing key") << 3 << int(Errc::BadModelFile) << "train_frames";
        QTest::newRow("not hy-motion") << 4 << int(Errc::BadModelFile) << "expected 201";
        QTest::newRow("no weights") << 5 << int(Errc::FileNotFound) << "latest.ckpt";
        QTest::newRow("lfs pointer") << 6 << int(Errc::BadModelFile) << "git lfs pull";
        QTest::newRow("not a zip") << 7 << int(Errc::BadModelFile) << "zip signature";
        QTest::newRow("bad safetensors") << 8 << int(Errc::BadModelFile) << "model.safetensors";
    }

    void motionFolderErrorsNameTheProblem()
    {
        QFETCH(int, kind);
        QFETCH(int, code);
        QFETCH(QString, needle);
        QTemporaryDir tmp;
        fs::path dir;
        std::string config = fixtureConfig();
        switch (kind) {
        case 0:
            dir = fs::path(tmp.path().toStdString()) / "nope";
            break;
        case 1:
            dir = fs::path(tmp.path().toStdString());
            break;
        case 2:
            dir = motionFolder(tmp, "train_pipeline_args: [unclosed\n  x: : :", "latest.ckpt",
                               "PK\x03\x04");
            break;
        case 3: {
            const auto pos = config.find("train_frames");
            config.replace(pos, 12, "train_framez");
            dir = motionFolder(tmp, config, "latest.ckpt", std::string("PK\x03\x04", 4));
            break;
        }
        case 4: {
            const auto pos = config.find("input_dim: 201");
            config.replace(pos, 14, "input_dim: 263");
            dir = motionFolder(tmp, config, "latest.ckpt", std::string("PK\x03\x04", 4));
            break;
        }
        case 5:
            dir = motionFolder(tmp, config, "", "");
            break;
        case 6:
            dir = motionFolder(tmp, config, "latest.ckpt",
                               "version https://git-lfs.github.com/spec/v1\noid sha256:abc\n");
            break;
        case 7:
            dir = motionFolder(tmp, config, "latest.ckpt", "not a checkpoint at all");
            break;
        case 8:
            dir = motionFolder(tmp, config, "model.safetensors", "\x10\x00\x00\x00garbage");
            break;
        }
        auto info = inspectMotionModelFolder(dir);
        QVERIFY(!info);
        const std::string text = info.error().describe();
        QCOMPARE(int(info.error().code), code);
        QVERIFY2(QString::fromStdString(text).contains(needle), text.c_str());
        QVERIFY2(!info.error().file.empty(), text.c_str()); // always names the file or folder
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
