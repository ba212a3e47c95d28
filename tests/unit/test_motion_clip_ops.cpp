// SPDX-License-Identifier: Apache-2.0
#include "approx.h"
#include "fake_mannequin_assets.h"
#include "fixture_take.h"

#include <pw/core/body_mesh.h>
#include <pw/core/forward_kinematics.h>
#include <pw/core/motion_clip_ops.h>

#include <QTemporaryDir>
#include <QTest>

#include <fstream>
#include <limits>
#include <random>

using namespace pw;

namespace {

MotionClip fixtureClip()
{
    return motionClipFromDecoded(test::fixtureDecoded());
}

std::vector<glm::quat> randomPose(std::mt19937& rng, int joints)
{
    std::normal_distribution<float> n(0.0f, 0.4f);
    std::vector<glm::quat> q;
    for (int j = 0; j < joints; ++j) {
        q.push_back(glm::normalize(glm::quat(1.0f, n(rng), n(rng), n(rng))));
    }
    return q;
}

} // namespace

class TestMotionClipOps : public QObject
{
    Q_OBJECT
  private Q_SLOTS:
    void trimKeepsTheHalfOpenRange()
    {
        const MotionClip clip = fixtureClip();
        auto t = trimmed(clip, 10, 60);
        QVERIFY(t.has_value());
        QCOMPARE(t->frameCount, 50);
        QCOMPARE(t->rootTranslation.front(), clip.rootTranslation[10]);
        QCOMPARE(t->rootTranslation.back(), clip.rootTranslation[59]);
        QCOMPARE(t->rotation(0, 5), clip.rotation(10, 5));
        QCOMPARE(t->rotation(49, 21), clip.rotation(59, 21));
        QVERIFY(t->skeleton == clip.skeleton);
        QVERIFY(trimmed(clip, 0, clip.frameCount).has_value());
    }

    void trimRejectsRangesOutsideTheClip()
    {
        const MotionClip clip = fixtureClip();
        for (auto [a, b] :
             {std::pair{-1, 10}, std::pair{0, 76}, std::pair{30, 30}, std::pair{40, 20}}) {
            auto t = trimmed(clip, a, b);
            QVERIFY(!t);
            QCOMPARE(t.error().code, Errc::InvalidArgument);
            QVERIFY(t.error().expected.find("<= 75") != std::string::npos);
        }
    }

    void inPlaceRemovesOnlyHorizontalRootMotion()
    {
        const MotionClip clip = fixtureClip();
        const MotionClip p = inPlace(clip);
        for (int f = 0; f < clip.frameCount; ++f) {
            const auto u = static_cast<std::size_t>(f);
            QCOMPARE(p.rootTranslation[u].x, 0.0f);
            QCOMPARE(p.rootTranslation[u].z, 0.0f);
            QCOMPARE(p.rootTranslation[u].y, clip.rootTranslation[u].y);
        }
        QVERIFY(p.localRotation == clip.localRotation);
    }

    void groundAlignmentPutsTheLowestJointOnTheFloor()
    {
        const MotionClip clip = fixtureClip();
        const MotionClip g = groundAligned(clip, nullptr);
        float lowest = std::numeric_limits<float>::infinity();
        for (int f = 0; f < g.frameCount; ++f) {
            for (const auto& p : worldPositions(g, f)) {
                lowest = std::min(lowest, p.y);
            }
        }
        QVERIFY(std::abs(lowest) < 1e-5f);
        const float shift = clip.rootTranslation[0].y - g.rootTranslation[0].y;
        for (int f = 0; f < g.frameCount; ++f) {
            const auto u = static_cast<std::size_t>(f);
            QVERIFY(std::abs(clip.rootTranslation[u].y - g.rootTranslation[u].y - shift) < 1e-6f);
            QCOMPARE(g.rootTranslation[u].x, clip.rootTranslation[u].x);
        }
    }

    void groundAlignmentWithTheMannequinPutsItsSolesOnTheFloor()
    {
        const MotionClip clip = fixtureClip();
        const auto mesh = builtinMannequinMesh();
        const MotionClip g = groundAligned(clip, mesh.get());
        QVERIFY(std::abs(lowestPointY(g, mesh.get())) < 1e-5f);
        // The mesh reaches below the joints, so it sits the body higher than joint alignment.
        QVERIFY(lowestPointY(g, nullptr) > 0.0f);
    }

    void lowestPointIsExactlyTheBruteForceMinimum()
    {
        // lowestPointY skips frames and joints that cannot go lower; the result must still be
        // the minimum over every skinned vertex of every frame, bit for bit.
        std::mt19937 rng(7);
        std::uniform_real_distribution<float> angle(-0.6f, 0.6f);
        MotionClip clip = fixtureClip();
        for (auto& q : clip.localRotation) {
            q = glm::normalize(q * glm::quat(glm::vec3(angle(rng), angle(rng), angle(rng))));
        }
        // A blended mesh: each vertex 60 % its joint, 40 % the parent (like the official one).
        auto blended = std::make_shared<SkinnedMesh>(*builtinMannequinMesh());
        for (std::size_t i = 0; i < blended->positions.size(); ++i) {
            const int j = blended->joints[i][0];
            const int parent = std::max(0, clip.skeleton->parents[static_cast<std::size_t>(j)]);
            blended->joints[i] = {static_cast<std::uint16_t>(j), static_cast<std::uint16_t>(parent),
                                  0, 0};
            blended->weights[i] = glm::vec4(0.6f, 0.4f, 0.0f, 0.0f);
        }
        for (const SkinnedMesh* mesh :
             {builtinMannequinMesh().get(), static_cast<const SkinnedMesh*>(blended.get())}) {
            float brute = std::numeric_limits<float>::infinity();
            const int n = clip.jointCount();
            std::vector<glm::vec3> p;
            std::vector<glm::quat> r;
            std::vector<glm::vec3> v;
            for (int f = 0; f < clip.frameCount; ++f) {
                forwardKinematics(
                    *clip.skeleton,
                    std::span(clip.localRotation)
                        .subspan(static_cast<std::size_t>(f * n), static_cast<std::size_t>(n)),
                    clip.rootTranslation[static_cast<std::size_t>(f)], p, &r);
                skinMesh(*mesh, *clip.skeleton, r, p, v);
                for (const auto& x : v) {
                    brute = std::min(brute, x.y);
                }
            }
            QCOMPARE(lowestPointY(clip, mesh), brute);
        }
    }

    void builtinMannequinIsRigidClosedAndCoversEveryJoint()
    {
        const auto mesh = builtinMannequinMesh();
        const auto body = Skeleton::smplhBody();
        QVERIFY(mesh->isRigid());
        QCOMPARE(mesh->positions.size(), mesh->normals.size());
        QCOMPARE(mesh->indices.size() % 36, std::size_t{0}); // 12 triangles per box
        std::vector<int> perJoint(kBodyJointCount, 0);
        for (const auto& j : mesh->joints) {
            ++perJoint[j[0]];
        }
        for (int j = 0; j < kBodyJointCount; ++j) {
            QVERIFY2(perJoint[static_cast<std::size_t>(j)] > 0,
                     body->names[static_cast<std::size_t>(j)].c_str());
        }
        for (std::size_t t = 0; t < mesh->indices.size(); t += 3) {
            const glm::vec3 a = mesh->positions[mesh->indices[t]];
            const glm::vec3 b = mesh->positions[mesh->indices[t + 1]];
            const glm::vec3 c = mesh->positions[mesh->indices[t + 2]];
            const glm::vec3 n = glm::cross(b - a, c - a);
            // Counter-clockwise from outside: the winding agrees with the stored normal.
            QVERIFY(glm::dot(n, mesh->normals[mesh->indices[t]]) > 0.0f);
            QVERIFY(std::abs(glm::length(mesh->normals[mesh->indices[t]]) - 1.0f) < 1e-5f);
        }
        float minY = std::numeric_limits<float>::infinity();
        for (const auto& p : mesh->positions) {
            minY = std::min(minY, p.y);
        }
        QVERIFY(std::abs(minY - (body->restPositions[11].y - 0.025f)) < 1e-6f);
    }

    void skinningTheRestPoseGivesTheRestMesh()
    {
        const auto mesh = builtinMannequinMesh();
        const auto body = Skeleton::smplhBody();
        std::vector<glm::quat> rot(kBodyJointCount, glm::quat(1, 0, 0, 0));
        std::vector<glm::vec3> pos;
        std::vector<glm::quat> wr;
        forwardKinematics(*body, rot, glm::vec3(0.5f, 0.0f, -1.0f), pos, &wr);
        std::vector<glm::vec3> out;
        skinMesh(*mesh, *body, wr, pos, out);
        for (std::size_t i = 0; i < out.size(); ++i) {
            QVERIFY(test::approx(out[i], mesh->positions[i] + glm::vec3(0.5f, 0.0f, -1.0f), 1e-6f));
        }
    }

    void samplingInterpolatesBetweenFramesAndClamps()
    {
        const MotionClip clip = fixtureClip();
        const Pose at12 = samplePose(clip, 12.0 / 30.0);
        QVERIFY(test::approx(at12.rootTranslation, clip.rootTranslation[12], 1e-6f));
        QVERIFY(test::approx(at12.localRotation[7], clip.rotation(12, 7), 1e-6f));
        const Pose half = samplePose(clip, 12.5 / 30.0);
        QVERIFY(test::approx(half.rootTranslation,
                             0.5f * (clip.rootTranslation[12] + clip.rootTranslation[13]), 1e-6f));
        for (int j = 0; j < kBodyJointCount; ++j) {
            const glm::quat a = clip.rotation(12, j);
            const glm::quat b = clip.rotation(13, j);
            const glm::quat h = half.localRotation[static_cast<std::size_t>(j)];
            // Equal angular distance to both neighbours.
            const float da = std::abs(glm::dot(h, a));
            const float db = std::abs(glm::dot(h, b));
            QVERIFY(std::abs(da - db) < 1e-5f);
        }
        const Pose after = samplePose(clip, 100.0);
        QVERIFY(test::approx(after.rootTranslation, clip.rootTranslation.back(), 1e-6f));
        const Pose before = samplePose(clip, -1.0);
        QVERIFY(test::approx(before.rootTranslation, clip.rootTranslation.front(), 1e-6f));
        const auto world = worldPositions(*clip.skeleton, at12);
        const auto expected = worldPositions(clip, 12);
        for (int j = 0; j < kBodyJointCount; ++j) {
            QVERIFY(test::approx(world[static_cast<std::size_t>(j)],
                                 expected[static_cast<std::size_t>(j)], 1e-5f));
        }
        MotionClip empty;
        empty.skeleton = Skeleton::smplhBody();
        QCOMPARE(samplePose(empty, 0.3).localRotation.size(), std::size_t{22});
    }

    void loadsOfficialMannequinAssets()
    {
        QTemporaryDir dir;
        const test::FakeMannequinAssets fake;
        fake.writeTo(dir.path());
        auto assets = loadMannequinAssets(dir.path().toStdString());
        QVERIFY2(assets.has_value(), assets ? "" : assets.error().describe().c_str());
        QVERIFY(assets->skeleton == Skeleton::smplhBody());
        QCOMPARE(assets->jointTemplate.size(), std::size_t{52});
        QCOMPARE(assets->jointNames[51], std::string("R_Thumb3"));
        const SkinnedMesh& m = *assets->mesh;
        QCOMPARE(m.vertexCount(), fake.vertices.size());
        QCOMPARE(m.triangleCount(), std::size_t{4});
        // Vertex 2: Middle1 0.5 + Middle2 0.25 + wrist 0.25 -> all on the wrist.
        QCOMPARE(m.joints[2][0], std::uint16_t{20});
        QVERIFY(std::abs(m.weights[2].x - 1.0f) < 1e-6f && m.weights[2].y == 0.0f);
        QCOMPARE(m.joints[3][0], std::uint16_t{21}); // right Middle1 -> R_Wrist
        QCOMPARE(m.joints[0][0], std::uint16_t{0});
        QVERIFY(std::abs(m.weights[0].x - 0.7f) < 1e-6f);
        for (const auto& n : m.normals) {
            QVERIFY(std::abs(glm::length(n) - 1.0f) < 1e-5f);
        }
    }

    void fingerRemappingIsExactForIdentityFingers()
    {
        // The reference skins with 52 joints whose fingers have identity rotations; our 22-joint
        // mesh must give the same vertices for any body pose.
        QTemporaryDir dir;
        const test::FakeMannequinAssets fake;
        fake.writeTo(dir.path());
        auto assets = loadMannequinAssets(dir.path().toStdString());
        QVERIFY(assets.has_value());
        Skeleton full;
        full.names = fake.names;
        full.parents.assign(fake.parents.begin(), fake.parents.end());
        full.restPositions = fake.joints;
        SkinnedMesh fullMesh;
        fullMesh.positions = fake.vertices;
        fullMesh.joints = fake.skinIdx;
        fullMesh.weights = fake.weights;
        std::mt19937 rng(9);
        for (int trial = 0; trial < 5; ++trial) {
            auto pose = randomPose(rng, kBodyJointCount);
            std::vector<glm::quat> pose52 = pose;
            pose52.resize(52, glm::quat(1, 0, 0, 0));
            std::vector<glm::vec3> p22, p52, v22, v52;
            std::vector<glm::quat> r22, r52;
            const glm::vec3 t(0.1f, 0.2f, 0.3f);
            forwardKinematics(*assets->skeleton, pose, t, p22, &r22);
            forwardKinematics(full, pose52, t, p52, &r52);
            skinMesh(*assets->mesh, *assets->skeleton, r22, p22, v22);
            skinMesh(fullMesh, full, r52, p52, v52);
            for (std::size_t i = 0; i < v22.size(); ++i) {
                QVERIFY(test::approx(v22[i], v52[i], 1e-5f));
            }
        }
    }

    void rejectsMalformedAssets_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("damage");
        QTest::addColumn<QString>("message");
        QTest::newRow("missing file") << "faces.bin" << 0 << "missing";
        QTest::newRow("truncated template") << "j_template.bin" << 1 << "unexpected file size";
        QTest::newRow("lfs pointer") << "v_template.bin" << 2 << "Git LFS pointer";
        QTest::newRow("bad parent") << "kintree.bin" << 3 << "invalid parent index";
        QTest::newRow("moved joint") << "j_template.bin" << 4 << "differs from the built-in";
        QTest::newRow("face out of range") << "faces.bin" << 5 << "face index out of range";
        QTest::newRow("skin index") << "skinIndice.bin" << 6 << "skin joint index out of range";
        QTest::newRow("weight sum") << "skinWeights.bin" << 7 << "do not sum to 1";
        QTest::newRow("weights size") << "skinWeights.bin" << 8 << "unexpected file size";
        QTest::newRow("renamed joint") << "joint_names.json" << 9 << "joint name differs";
        QTest::newRow("names not json") << "joint_names.json" << 10 << "malformed JSON";
    }

    void rejectsMalformedAssets()
    {
        QFETCH(QString, file);
        QFETCH(int, damage);
        QFETCH(QString, message);
        QTemporaryDir dir;
        test::FakeMannequinAssets fake;
        switch (damage) {
        case 3:
            fake.parents[5] = 7; // child before its parent
            break;
        case 4:
            fake.joints[4].x += 0.01f;
            break;
        case 5:
            fake.faces[4] = 6;
            break;
        case 6:
            fake.skinIdx[1][1] = 52;
            break;
        case 7:
            fake.weights[4] = glm::vec4(0.5f, 0.2f, 0.0f, 0.0f);
            break;
        case 9:
            fake.names[3] = "Spine";
            break;
        default:
            break;
        }
        fake.writeTo(dir.path());
        const QString path = dir.path() + "/" + file;
        if (damage == 0) {
            QFile::remove(path);
        } else if (damage == 1 || damage == 8) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadWrite));
            QVERIFY(f.resize(f.size() - (damage == 1 ? 12 : 16)));
        } else if (damage == 2) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write("version https://git-lfs.github.com/spec/v1\noid sha256:b9fb\nsize 291072\n");
        } else if (damage == 10) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write("[\"Pelvis\", ");
        }
        auto assets = loadMannequinAssets(dir.path().toStdString());
        QVERIFY(!assets);
        const std::string text = assets.error().describe();
        QVERIFY2(text.find(message.toStdString()) != std::string::npos, text.c_str());
        QVERIFY2(text.find(file.toStdString()) != std::string::npos, text.c_str());
        QCOMPARE(assets.error().code, damage == 0 ? Errc::FileNotFound : Errc::BadInput);
    }

    void missingAssetFolderIsFileNotFound()
    {
        auto assets = loadMannequinAssets("/nonexistent/dump_wooden");
        QVERIFY(!assets);
        QCOMPARE(assets.error().code, Errc::FileNotFound);
    }
};

QTEST_APPLESS_MAIN(TestMotionClipOps)
#include "test_motion_clip_ops.moc"
