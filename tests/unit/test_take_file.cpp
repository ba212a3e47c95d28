// SPDX-License-Identifier: Apache-2.0
#include "fixture_take.h"

#include <pw/core/safetensors.h>
#include <pw/io/take_file.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include <filesystem>

using namespace pw;

namespace {

std::string pathIn(const QTemporaryDir& dir, const char* name)
{
    return (dir.path() + "/" + name).toStdString();
}

// Writes a take-like safetensors file with the given metadata and tensors, to damage takes in
// one place at a time.
struct RawTake
{
    std::map<std::string, std::string> metadata;
    nlohmann::json take;
    std::vector<float> trans, rot, rest;
    std::vector<std::int64_t> transShape, rotShape, restShape;

    explicit RawTake(const Take& t)
    {
        const MotionClip& c = *t.motion;
        const auto f = static_cast<std::int64_t>(c.frameCount);
        const auto n = static_cast<std::int64_t>(c.jointCount());
        for (const auto& v : c.rootTranslation) {
            trans.insert(trans.end(), {v.x, v.y, v.z});
        }
        for (const auto& q : c.localRotation) {
            rot.insert(rot.end(), {q.w, q.x, q.y, q.z});
        }
        for (const auto& p : c.skeleton->restPositions) {
            rest.insert(rest.end(), {p.x, p.y, p.z});
        }
        transShape = {f, 3};
        rotShape = {f, n, 4};
        restShape = {n, 3};
        take = {{"id", t.id},
                {"prompt", t.prompt},
                {"seed", t.seed},
                {"candidate_index", t.candidateIndex},
                {"created_utc", t.createdUtc},
                {"app_version", t.appVersion},
                {"params",
                 {{"duration_sec", 2.5},
                  {"frames", 75},
                  {"cfg_scale", 5.0},
                  {"steps", 10},
                  {"device", "cpu"},
                  {"precision", "fp32"},
                  {"text_max_length", 128},
                  {"trimmed", true}}},
                {"model",
                 {{"name", "m"},
                  {"dir", "d"},
                  {"weights_file", "w"},
                  {"weights_bytes", 1},
                  {"config_sha256", ""},
                  {"qwen_dir", ""},
                  {"clip_dir", ""}}},
                {"motion",
                 {{"fps", 30.0},
                  {"frames", c.frameCount},
                  {"joints", c.skeleton->names},
                  {"parents", c.skeleton->parents}}}};
        metadata = {{"format", "posewright.take"}, {"format_version", "1"}};
    }

    void write(const std::string& path)
    {
        auto meta = metadata;
        if (!meta.count("take")) {
            meta["take"] = take.dump();
        }
        const TensorToWrite tensors[] = {
            {"motion.root_translation", transShape, trans},
            {"motion.local_rotation", rotShape, rot},
            {"skeleton.rest_positions", restShape, rest},
        };
        QVERIFY(writeSafetensors(path, tensors, meta).has_value());
    }
};

} // namespace

class TestTakeFile : public QObject
{
    Q_OBJECT
  private Q_SLOTS:
    void roundTripKeepsEveryFieldAndTheMotionBitForBit()
    {
        QTemporaryDir dir;
        const Take take = test::fixtureTake();
        const std::string path = pathIn(dir, "a.pwtake");
        QVERIFY(io::saveTake(take, path).has_value());
        auto loaded = io::loadTake(path);
        QVERIFY2(loaded.has_value(), loaded ? "" : loaded.error().describe().c_str());
        const Take& t = *loaded;
        QCOMPARE(t.id, take.id);
        QCOMPARE(t.prompt, take.prompt);
        QCOMPARE(t.seed, take.seed);
        QCOMPARE(t.candidateIndex, take.candidateIndex);
        QCOMPARE(t.createdUtc, take.createdUtc);
        QCOMPARE(t.appVersion, take.appVersion);
        QCOMPARE(t.params.durationSec, take.params.durationSec);
        QCOMPARE(t.params.frames, take.params.frames);
        QCOMPARE(t.params.cfgScale, take.params.cfgScale);
        QCOMPARE(t.params.steps, take.params.steps);
        QCOMPARE(t.params.device, take.params.device);
        QCOMPARE(t.params.precision, take.params.precision);
        QCOMPARE(t.params.textMaxLength, take.params.textMaxLength);
        QCOMPARE(t.params.trimmed, take.params.trimmed);
        QCOMPARE(t.model.name, take.model.name);
        QCOMPARE(t.model.dir, take.model.dir);
        QCOMPARE(t.model.weightsFile, take.model.weightsFile);
        QCOMPARE(t.model.weightsBytes, take.model.weightsBytes);
        QCOMPARE(t.model.configSha256, take.model.configSha256);
        QCOMPARE(t.model.qwenDir, take.model.qwenDir);
        QCOMPARE(t.model.clipDir, take.model.clipDir);
        const MotionClip& a = *take.motion;
        const MotionClip& b = *t.motion;
        QCOMPARE(b.fps, a.fps);
        QCOMPARE(b.frameCount, a.frameCount);
        QVERIFY(b.skeleton == Skeleton::smplhBody()); // the shared built-in body is recognised
        QVERIFY(b.rootTranslation == a.rootTranslation);
        QVERIFY(b.localRotation == a.localRotation);
        // No temporary file is left beside it.
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{"a.pwtake"});
    }

    void customSkeletonsSurviveTooAndSavingReplacesAtomically()
    {
        QTemporaryDir dir;
        Take take = test::fixtureTake();
        auto sk = std::make_shared<Skeleton>(*Skeleton::smplhBody());
        sk->restPositions[3].y += 0.01f;
        sk->names[0] = "Hips";
        auto clip = std::make_shared<MotionClip>(*take.motion);
        clip->skeleton = sk;
        take.motion = clip;
        const std::string path = pathIn(dir, "b.pwtake");
        QVERIFY(io::saveTake(test::fixtureTake(), path).has_value());
        QVERIFY(io::saveTake(take, path).has_value()); // overwrite
        auto loaded = io::loadTake(path);
        QVERIFY(loaded.has_value());
        QVERIFY(loaded->motion->skeleton != Skeleton::smplhBody());
        QCOMPARE(loaded->motion->skeleton->names[0], std::string("Hips"));
        QCOMPARE(loaded->motion->skeleton->restPositions[3], sk->restPositions[3]);
    }

    void savingRejectsATakeWithoutMotionOrWithInconsistentSizes()
    {
        QTemporaryDir dir;
        Take take = test::fixtureTake();
        take.motion = nullptr;
        auto r = io::saveTake(take, pathIn(dir, "c.pwtake"));
        QVERIFY(!r && r.error().code == Errc::InvalidArgument);
        Take bad = test::fixtureTake();
        auto clip = std::make_shared<MotionClip>(*bad.motion);
        clip->localRotation.pop_back();
        bad.motion = clip;
        r = io::saveTake(bad, pathIn(dir, "c.pwtake"));
        QVERIFY(!r && r.error().code == Errc::InvalidArgument);
        QVERIFY(!QFile::exists(dir.path() + "/c.pwtake"));
    }

    void savingIntoAMissingFolderIsAnIoError()
    {
        auto r = io::saveTake(test::fixtureTake(), "/nonexistent/folder/x.pwtake");
        QVERIFY(!r);
        QCOMPARE(r.error().code, Errc::IoError);
        QVERIFY(r.error().describe().find("/nonexistent/folder") != std::string::npos);
    }

    void loadingAMissingFileIsFileNotFound()
    {
        auto r = io::loadTake("/nonexistent/x.pwtake");
        QVERIFY(!r);
        QCOMPARE(r.error().code, Errc::FileNotFound);
    }

    void rejectsMalformedTakes_data()
    {
        QTest::addColumn<int>("damage");
        QTest::addColumn<QString>("message");
        QTest::newRow("garbage") << 0 << "not a valid take file";
        QTest::newRow("no metadata") << 1 << "not a Posewright take";
        QTest::newRow("future version") << 2 << "unsupported take format version";
        QTest::newRow("bad version") << 3 << "malformed take format version";
        QTest::newRow("broken json") << 4 << "malformed take JSON";
        QTest::newRow("missing field") << 5 << "'params.steps': missing field";
        QTest::newRow("wrong type") << 6 << "'prompt': field has the wrong type";
        QTest::newRow("negative seed") << 7 << "'seed': field has the wrong type";
        QTest::newRow("frames mismatch") << 8 << "'motion.root_translation': tensor has the wrong";
        QTest::newRow("joints mismatch") << 9 << "'motion.parents': parents must list one";
        QTest::newRow("bad parent") << 10 << "invalid parent index";
        QTest::newRow("not unit") << 11 << "not a unit quaternion";
        QTest::newRow("nan") << 12 << "non-finite value";
        QTest::newRow("missing tensor") << 13 << "'skeleton.rest_positions': missing tensor";
        QTest::newRow("zero frames") << 14 << "frame count out of range";
    }

    void rejectsMalformedTakes()
    {
        QFETCH(int, damage);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const std::string path = pathIn(dir, "bad.pwtake");
        RawTake raw(test::fixtureTake());
        switch (damage) {
        case 0: {
            QFile f(QString::fromStdString(path));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("this is not a take at all");
            break;
        }
        case 1:
            raw.metadata.erase("format");
            break;
        case 2:
            raw.metadata["format_version"] = "2";
            break;
        case 3:
            raw.metadata["format_version"] = "one";
            break;
        case 4:
            raw.metadata["take"] = "{\"id\": ";
            break;
        case 5:
            raw.take["params"].erase("steps");
            break;
        case 6:
            raw.take["prompt"] = 42;
            break;
        case 7:
            raw.take["seed"] = -5;
            break;
        case 8:
            raw.take["motion"]["frames"] = 74;
            break;
        case 9:
            raw.take["motion"]["parents"].erase(3);
            break;
        case 10:
            raw.take["motion"]["parents"][4] = 9;
            break;
        case 11:
            raw.rot[4 * 30] *= 1.5f;
            break;
        case 12:
            raw.trans[7] = std::nanf("");
            break;
        case 13:
            raw.restShape = {22, 3};
            break;
        case 14:
            raw.take["motion"]["frames"] = 0;
            break;
        default:
            break;
        }
        if (damage != 0) {
            if (damage == 13) {
                // Written without the rest positions.
                auto meta = raw.metadata;
                meta["take"] = raw.take.dump();
                const TensorToWrite tensors[] = {
                    {"motion.root_translation", raw.transShape, raw.trans},
                    {"motion.local_rotation", raw.rotShape, raw.rot},
                };
                QVERIFY(writeSafetensors(path, tensors, meta).has_value());
            } else {
                raw.write(path);
            }
        }
        auto r = io::loadTake(path);
        QVERIFY(!r);
        QCOMPARE(r.error().code, Errc::BadInput);
        const std::string text = r.error().describe();
        QVERIFY2(text.find(message.toStdString()) != std::string::npos, text.c_str());
        QVERIFY2(text.find(path) != std::string::npos, text.c_str());
    }
};

QTEST_APPLESS_MAIN(TestTakeFile)
#include "test_take_file.moc"
