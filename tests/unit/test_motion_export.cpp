// SPDX-License-Identifier: Apache-2.0
// Exports re-read by an independent reader (Assimp's importers) and compared with the JSON
// export: bone names, hierarchy, key count, duration, joint world positions. Error paths.
#include "approx.h"
#include "fixture_take.h"

#include <pw/core/body_mesh.h>
#include <pw/core/forward_kinematics.h>
#include <pw/core/motion_clip_ops.h>
#include <pw/io/motion_export.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#ifdef PW_HAVE_ASSIMP
#include <assimp/Importer.hpp>
#include <assimp/scene.h>
#endif

#include <fstream>
#include <map>

using namespace pw;
using nlohmann::json;

namespace {

constexpr float kPositionTol = 1e-3f; // metres (issue #5)

json jsonExport(const Take& take, const io::ExportOptions& base)
{
    io::ExportOptions o = base;
    o.format = io::ExportFormat::Json;
    auto bytes = io::encodeExport(*take.motion, o, &take);
    if (!bytes) {
        qFatal("json export: %s", bytes.error().describe().c_str());
    }
    return json::parse(*bytes);
}

glm::vec3 jsonPosition(const json& j, int frame, int joint)
{
    const auto& p =
        j["positions"][static_cast<std::size_t>(frame)][static_cast<std::size_t>(joint)];
    return {p[0].get<float>(), p[1].get<float>(), p[2].get<float>()};
}

// The built-in mannequin with two influences per vertex (75 % its joint, 25 % the parent), to
// exercise multi-weight skins like the official mesh's.
SkinnedMeshPtr blendedMannequin()
{
    auto mesh = std::make_shared<SkinnedMesh>(*builtinMannequinMesh());
    const auto body = Skeleton::smplhBody();
    for (std::size_t v = 0; v < mesh->positions.size(); ++v) {
        const int j = mesh->joints[v][0];
        const int parent = body->parents[static_cast<std::size_t>(j)];
        if (parent >= 0) {
            mesh->joints[v] = {static_cast<std::uint16_t>(j), static_cast<std::uint16_t>(parent), 0,
                               0};
            mesh->weights[v] = glm::vec4(0.75f, 0.25f, 0.0f, 0.0f);
        }
    }
    return mesh;
}

struct Box
{
    glm::vec3 lo{1e9f};
    glm::vec3 hi{-1e9f};
    void add(const glm::vec3& p)
    {
        lo = glm::min(lo, p);
        hi = glm::max(hi, p);
    }
};

// Bounds of `mesh` skinned by frame `frame` of the prepared clip (metres, Y up).
Box skinnedBounds(const MotionClip& clip, const SkinnedMesh& mesh, int frame)
{
    std::vector<glm::vec3> pos, verts;
    std::vector<glm::quat> rot;
    const auto n = static_cast<std::size_t>(clip.jointCount());
    forwardKinematics(*clip.skeleton,
                      std::span(clip.localRotation).subspan(static_cast<std::size_t>(frame) * n, n),
                      clip.rootTranslation[static_cast<std::size_t>(frame)], pos, &rot);
    skinMesh(mesh, *clip.skeleton, rot, pos, verts);
    Box b;
    for (const auto& v : verts) {
        b.add(v);
    }
    return b;
}

#ifdef PW_HAVE_ASSIMP

// Evaluates an imported scene's animation at a key index: world positions of named nodes.
class AssimpPose
{
  public:
    AssimpPose(const aiScene* scene, double ticksPerFrame) : m_scene(scene), m_tpf(ticksPerFrame)
    {
        if (scene->mNumAnimations > 0) {
            const aiAnimation* a = scene->mAnimations[0];
            for (unsigned c = 0; c < a->mNumChannels; ++c) {
                m_channels[a->mChannels[c]->mNodeName.C_Str()] = a->mChannels[c];
            }
        }
    }

    // World transform (file units and axes) of `name` at `frame`.
    aiMatrix4x4 world(const std::string& name, int frame) const
    {
        const aiNode* node = m_scene->mRootNode->FindNode(name.c_str());
        if (node == nullptr) {
            qFatal("node %s not found", name.c_str());
        }
        aiMatrix4x4 w;
        for (const aiNode* n = node; n != nullptr; n = n->mParent) {
            w = local(n, frame) * w;
        }
        return w;
    }

    glm::dvec3 position(const std::string& name, int frame) const
    {
        const aiMatrix4x4 w = world(name, frame);
        return {w.a4, w.b4, w.c4};
    }

    // Linear blend skinning of mesh 0 as the file describes it (bone offset matrices, weights),
    // in file units and axes.
    std::vector<glm::dvec3> skinned(int frame) const
    {
        const aiMesh* m = m_scene->mMeshes[0];
        std::vector<glm::dvec3> out(m->mNumVertices, glm::dvec3(0.0));
        std::vector<double> weightSum(m->mNumVertices, 0.0);
        for (unsigned b = 0; b < m->mNumBones; ++b) {
            const aiBone* bone = m->mBones[b];
            const aiMatrix4x4 skin = world(bone->mName.C_Str(), frame) * bone->mOffsetMatrix;
            for (unsigned k = 0; k < bone->mNumWeights; ++k) {
                const aiVertexWeight& w = bone->mWeights[k];
                const aiVector3D v = skin * m->mVertices[w.mVertexId];
                out[w.mVertexId] += static_cast<double>(w.mWeight) * glm::dvec3(v.x, v.y, v.z);
                weightSum[w.mVertexId] += w.mWeight;
            }
        }
        for (double s : weightSum) {
            if (std::abs(s - 1.0) > 1e-5) {
                qFatal("vertex weights sum to %f", s);
            }
        }
        return out;
    }

  private:
    template <class Key> static const Key& nearest(const Key* keys, unsigned count, double t)
    {
        unsigned best = 0;
        for (unsigned i = 1; i < count; ++i) {
            if (std::abs(keys[i].mTime - t) < std::abs(keys[best].mTime - t)) {
                best = i;
            }
        }
        return keys[best];
    }

    aiMatrix4x4 local(const aiNode* n, int frame) const
    {
        auto it = m_channels.find(n->mName.C_Str());
        if (it == m_channels.end()) {
            return n->mTransformation;
        }
        const aiNodeAnim* c = it->second;
        const double t = frame * m_tpf;
        const aiVector3D p = nearest(c->mPositionKeys, c->mNumPositionKeys, t).mValue;
        const aiQuaternion r = nearest(c->mRotationKeys, c->mNumRotationKeys, t).mValue;
        const aiVector3D s = nearest(c->mScalingKeys, c->mNumScalingKeys, t).mValue;
        return aiMatrix4x4(s, r, p);
    }

    const aiScene* m_scene;
    double m_tpf;
    std::map<std::string, const aiNodeAnim*> m_channels;
};

// File space -> metres, Y up.
glm::vec3 toYUpMetres(const glm::dvec3& p, double unitsPerMetre, bool zUp)
{
    const glm::dvec3 m = p / unitsPerMetre;
    return glm::vec3(zUp ? glm::dvec3(m.x, m.z, -m.y) : m);
}

#endif

} // namespace

class TestMotionExport : public QObject
{
    Q_OBJECT
  private Q_SLOTS:
    void jsonHasTheDocumentedFieldsAndMatchesForwardKinematics()
    {
        const Take take = test::fixtureTake();
        const io::ExportOptions o;
        const json j = jsonExport(take, o);
        QCOMPARE(j["fps"].get<int>(), 30);
        QVERIFY(j["fps"].is_number_integer());
        QCOMPARE(j["frames"].get<int>(), 75);
        QCOMPARE(j["joints"].get<std::vector<std::string>>(), Skeleton::smplhBody()->names);
        QCOMPARE(j["parents"].get<std::vector<int>>(), Skeleton::smplhBody()->parents);
        QCOMPARE(j["positions"].size(), std::size_t{75});
        QCOMPARE(j["positions"][0].size(), std::size_t{22});
        QCOMPARE(j["positions"][0][0].size(), std::size_t{3});
        QCOMPARE(j["rotations"].size(), std::size_t{75});
        QCOMPARE(j["rotations"][74][21].size(), std::size_t{4});
        QCOMPARE(j["root_translation"].size(), std::size_t{75});
        QCOMPARE(j["take"]["prompt"].get<std::string>(), take.prompt);
        QCOMPARE(j["take"]["seed"].get<std::uint64_t>(), take.seed);
        QCOMPARE(j["take"]["parameters"]["steps"].get<int>(), 10);
        QCOMPARE(j["take"]["model"]["name"].get<std::string>(), std::string("dit-tiny"));

        auto prepared = io::prepareExportClip(*take.motion, o);
        QVERIFY(prepared.has_value());
        for (int f = 0; f < 75; f += 9) {
            const auto world = worldPositions(*prepared, f);
            for (int k = 0; k < 22; ++k) {
                QVERIFY(
                    test::approx(jsonPosition(j, f, k), world[static_cast<std::size_t>(k)], 1e-6f));
                const auto& q =
                    j["rotations"][static_cast<std::size_t>(f)][static_cast<std::size_t>(k)];
                const glm::quat expected = prepared->rotation(f, k);
                QCOMPARE(q[0].get<float>(), expected.w); // w x y z, float32 exact
                QCOMPARE(q[3].get<float>(), expected.z);
            }
        }
        // Ground alignment: the mannequin's soles touch y = 0, so every joint is above it.
        float lowest = 1e9f;
        for (int f = 0; f < 75; ++f) {
            for (int k = 0; k < 22; ++k) {
                lowest = std::min(lowest, jsonPosition(j, f, k).y);
            }
        }
        QVERIFY(lowest > 0.0f && lowest < 0.2f);
        QVERIFY(std::abs(io::prepareExportClip(*take.motion, o).value().rootTranslation[0].y -
                         (take.motion->rootTranslation[0].y -
                          j["export"]["ground_offset"].get<float>())) < 1e-6f);
    }

    void trimAndInPlaceAreApplied()
    {
        const Take take = test::fixtureTake();
        io::ExportOptions o;
        const json full = jsonExport(take, o);
        o.trim = io::FrameRange{10, 60};
        o.inPlace = true;
        const json part = jsonExport(take, o);
        QCOMPARE(part["frames"].get<int>(), 50);
        for (int f = 0; f < 50; ++f) {
            const auto& t = part["root_translation"][static_cast<std::size_t>(f)];
            QCOMPARE(t[0].get<float>(), 0.0f);
            QCOMPARE(t[2].get<float>(), 0.0f);
            // Same pose as the full clip's frame f + 10, moved horizontally only.
            const glm::vec3 shift = jsonPosition(part, f, 0) - jsonPosition(full, f + 10, 0);
            QVERIFY(std::abs(shift.y) < 1e-6f);
            for (int k = 0; k < 22; ++k) {
                QVERIFY(test::approx(jsonPosition(part, f, k) - shift,
                                     jsonPosition(full, f + 10, k), 1e-5f));
            }
        }
        QCOMPARE(part["export"]["trim"][0].get<int>(), 10);
        QVERIFY(part["export"]["in_place"].get<bool>());
    }

    void fbxHasAValidBinaryHeaderAndFooter()
    {
        const Take take = test::fixtureTake();
        for (int version : {7400, 7500}) {
            io::ExportOptions o;
            o.fbxVersion = version;
            auto bytes = io::encodeExport(*take.motion, o, &take);
            QVERIFY(bytes.has_value());
            QCOMPARE(bytes->substr(0, 23), std::string("Kaydara FBX Binary  \0\x1a\0", 23));
            std::uint32_t v = 0;
            std::memcpy(&v, bytes->data() + 23, 4);
            QCOMPARE(v, static_cast<std::uint32_t>(version));
            // Footer: ... version, 120 zero bytes, 16 fixed bytes ending in 0x0b.
            std::memcpy(&v, bytes->data() + bytes->size() - 140, 4);
            QCOMPARE(v, static_cast<std::uint32_t>(version));
            QCOMPARE(bytes->substr(bytes->size() - 136, 120), std::string(120, '\0'));
            QCOMPARE(static_cast<unsigned char>(bytes->back()), static_cast<unsigned char>(0x0b));
        }
    }

#ifdef PW_HAVE_ASSIMP
    void fbxReimportsWithBonesKeysAndPositions_data()
    {
        QTest::addColumn<QString>("preset");
        QTest::addColumn<int>("version");
        QTest::addColumn<QString>("prefix");
        QTest::addColumn<bool>("mesh");
        QTest::newRow("maya 7.4") << "maya" << 7400 << "" << true;
        QTest::newRow("blender 7.4") << "blender" << 7400 << "" << true;
        QTest::newRow("unreal 7.5") << "unreal" << 7500 << "pw_" << true;
        QTest::newRow("unity, no mesh") << "unity" << 7400 << "" << false;
    }

    void fbxReimportsWithBonesKeysAndPositions()
    {
        QFETCH(QString, preset);
        QFETCH(int, version);
        QFETCH(QString, prefix);
        QFETCH(bool, mesh);
        QTemporaryDir dir;
        const Take take = test::fixtureTake();
        io::ExportOptions o;
        io::applyPreset(o, io::parsePreset(preset.toStdString()).value());
        o.fbxVersion = version;
        o.namePrefix = prefix.toStdString();
        o.includeMesh = mesh;
        const std::string path = (dir.path() + "/t.fbx").toStdString();
        QVERIFY(io::exportTake(take, o, path).has_value());
        const json ref = jsonExport(take, o);

        Assimp::Importer importer;
        const aiScene* s = importer.ReadFile(path, 0);
        QVERIFY2(s != nullptr, importer.GetErrorString());
        const auto body = Skeleton::smplhBody();
        for (int j = 0; j < 22; ++j) {
            const std::string name = o.namePrefix + body->names[static_cast<std::size_t>(j)];
            const aiNode* n = s->mRootNode->FindNode(name.c_str());
            QVERIFY2(n != nullptr, name.c_str());
            const int parent = body->parents[static_cast<std::size_t>(j)];
            const std::string expectedParent =
                parent < 0 ? std::string(s->mRootNode->mName.C_Str())
                           : o.namePrefix + body->names[static_cast<std::size_t>(parent)];
            QCOMPARE(std::string(n->mParent->mName.C_Str()), expectedParent);
        }
        QCOMPARE(s->mNumMeshes, mesh ? 1u : 0u);
        if (mesh) {
            QCOMPARE(s->mMeshes[0]->mNumBones, 22u);
        }
        QCOMPARE(s->mNumAnimations, 1u);
        const aiAnimation* a = s->mAnimations[0];
        QCOMPARE(std::string(a->mName.C_Str()), take.id);
        QCOMPARE(a->mTicksPerSecond, 30.0);
        QCOMPARE(a->mDuration, 74.0);
        QCOMPARE(a->mNumChannels, 22u);
        for (unsigned c = 0; c < a->mNumChannels; ++c) {
            QCOMPARE(a->mChannels[c]->mNumRotationKeys, 75u);
            QCOMPARE(a->mChannels[c]->mRotationKeys[74].mTime, 74.0);
        }
        int up = 0;
        float unitScale = 0.0f;
        QVERIFY(s->mMetaData->Get("UpAxis", up));
        QVERIFY(s->mMetaData->Get("UnitScaleFactor", unitScale));
        const bool zUp = o.upAxis == io::UpAxis::Z;
        const double unitsPerMetre = o.unit == io::LengthUnit::Centimetre ? 100.0 : 1.0;
        QCOMPARE(up, zUp ? 2 : 1);
        QCOMPARE(unitScale, unitsPerMetre == 100.0 ? 1.0f : 100.0f);

        const AssimpPose pose(s, 1.0);
        for (int f : {0, 37, 74}) {
            for (int j = 0; j < 22; ++j) {
                const std::string name = o.namePrefix + body->names[static_cast<std::size_t>(j)];
                const glm::vec3 p = toYUpMetres(pose.position(name, f), unitsPerMetre, zUp);
                QVERIFY2(test::approx(p, jsonPosition(ref, f, j), kPositionTol),
                         qPrintable(QStringLiteral("%1 frame %2: %3 vs %4")
                                        .arg(name.c_str())
                                        .arg(f)
                                        .arg(test::str(p).c_str())
                                        .arg(test::str(jsonPosition(ref, f, j)).c_str())));
            }
        }
    }

    void bvhReimportsWithTheSamePositions_data()
    {
        QTest::addColumn<bool>("xyz");
        QTest::addColumn<bool>("cm");
        QTest::newRow("zxy m") << false << false;
        QTest::newRow("xyz cm") << true << true;
    }

    void bvhReimportsWithTheSamePositions()
    {
        QFETCH(bool, xyz);
        QFETCH(bool, cm);
        QTemporaryDir dir;
        const Take take = test::fixtureTake();
        io::ExportOptions o;
        o.format = io::ExportFormat::Bvh;
        o.unit = cm ? io::LengthUnit::Centimetre : io::LengthUnit::Metre;
        o.bvhOrder = xyz ? io::BvhRotationOrder::XYZ : io::BvhRotationOrder::ZXY;
        o.trim = io::FrameRange{5, 70};
        const std::string path = (dir.path() + "/t.bvh").toStdString();
        QVERIFY(io::exportTake(take, o, path).has_value());
        const json ref = jsonExport(take, o);
        Assimp::Importer importer;
        const aiScene* s = importer.ReadFile(path, 0);
        QVERIFY2(s != nullptr, importer.GetErrorString());
        QCOMPARE(s->mNumAnimations, 1u);
        const aiAnimation* a = s->mAnimations[0];
        QCOMPARE(a->mNumChannels, 22u);
        QVERIFY(std::abs(a->mTicksPerSecond - 30.0) < 1e-4); // from "Frame Time" as float
        QCOMPARE(a->mDuration, 64.0);
        const auto body = Skeleton::smplhBody();
        for (int j = 1; j < 22; ++j) {
            const aiNode* n =
                s->mRootNode->FindNode(body->names[static_cast<std::size_t>(j)].c_str());
            QVERIFY(n != nullptr);
            QCOMPARE(
                std::string(n->mParent->mName.C_Str()),
                body->names[static_cast<std::size_t>(body->parents[static_cast<std::size_t>(j)])]);
        }
        const AssimpPose pose(s, 1.0);
        for (int f : {0, 32, 64}) {
            for (int j = 0; j < 22; ++j) {
                const glm::vec3 p =
                    toYUpMetres(pose.position(body->names[static_cast<std::size_t>(j)], f),
                                cm ? 100.0 : 1.0, false);
                QVERIFY2(test::approx(p, jsonPosition(ref, f, j), kPositionTol),
                         qPrintable(QStringLiteral("%1 frame %2").arg(j).arg(f)));
            }
        }
    }

    void glbReimportsWithTheSamePositions()
    {
        QTemporaryDir dir;
        const Take take = test::fixtureTake();
        io::ExportOptions o;
        o.format = io::ExportFormat::Glb;
        io::applyPreset(o, io::ExportPreset::Unreal); // ignored: glTF is metres, Y up
        const std::string path = (dir.path() + "/t.glb").toStdString();
        QVERIFY(io::exportTake(take, o, path).has_value());
        const json ref = jsonExport(take, o);
        Assimp::Importer importer;
        const aiScene* s = importer.ReadFile(path, 0);
        QVERIFY2(s != nullptr, importer.GetErrorString());
        QCOMPARE(s->mNumMeshes, 1u);
        QCOMPARE(s->mMeshes[0]->mNumBones, 22u);
        QCOMPARE(s->mNumAnimations, 1u);
        const aiAnimation* a = s->mAnimations[0];
        // Assimp reads glTF times in milliseconds.
        QVERIFY(std::abs(a->mDuration / a->mTicksPerSecond - 74.0 / 30.0) < 1e-4);
        const AssimpPose pose(s, a->mTicksPerSecond / 30.0);
        const auto body = Skeleton::smplhBody();
        for (int f : {0, 40, 74}) {
            for (int j = 0; j < 22; ++j) {
                const glm::vec3 p = toYUpMetres(
                    pose.position(body->names[static_cast<std::size_t>(j)], f), 1.0, false);
                QVERIFY(test::approx(p, jsonPosition(ref, f, j), kPositionTol));
            }
        }
    }
    void skinsDeformLikePosewrightsSkinning_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("preset");
        QTest::newRow("fbx maya") << "fbx"
                                  << "maya";
        QTest::newRow("fbx blender") << "fbx"
                                     << "blender";
        QTest::newRow("glb") << "glb"
                             << "maya";
    }

    void skinsDeformLikePosewrightsSkinning()
    {
        QFETCH(QString, format);
        QFETCH(QString, preset);
        QTemporaryDir dir;
        const Take take = test::fixtureTake();
        io::ExportOptions o;
        o.format = io::parseFormat(format.toStdString()).value();
        io::applyPreset(o, io::parsePreset(preset.toStdString()).value());
        o.mesh = blendedMannequin();
        const std::string path = (dir.path() + "/s." + format).toStdString();
        QVERIFY(io::exportTake(take, o, path).has_value());
        Assimp::Importer importer;
        const aiScene* s = importer.ReadFile(path, 0);
        QVERIFY2(s != nullptr, importer.GetErrorString());
        QCOMPARE(s->mNumMeshes, 1u);
        const bool isGlb = o.format == io::ExportFormat::Glb;
        const bool zUp = !isGlb && o.upAxis == io::UpAxis::Z;
        const double unitsPerMetre = !isGlb && o.unit == io::LengthUnit::Centimetre ? 100.0 : 1.0;
        const double tpf = s->mAnimations[0]->mTicksPerSecond / 30.0;
        const AssimpPose pose(s, tpf);
        const MotionClip prepared = io::prepareExportClip(*take.motion, o).value();
        for (int f : {0, 37, 74}) {
            Box theirs;
            for (const auto& v : pose.skinned(f)) {
                theirs.add(toYUpMetres(v, unitsPerMetre, zUp));
            }
            const Box ours = skinnedBounds(prepared, *o.mesh, f);
            QVERIFY2(test::approx(theirs.lo, ours.lo, kPositionTol) &&
                         test::approx(theirs.hi, ours.hi, kPositionTol),
                     qPrintable(QStringLiteral("frame %1: %2..%3 vs %4..%5")
                                    .arg(f)
                                    .arg(test::str(theirs.lo).c_str())
                                    .arg(test::str(theirs.hi).c_str())
                                    .arg(test::str(ours.lo).c_str())
                                    .arg(test::str(ours.hi).c_str())));
        }
    }
#endif

    void groundAlignmentUsesTheExportMesh()
    {
        const Take take = test::fixtureTake();
        io::ExportOptions o;
        o.mesh = blendedMannequin();
        const MotionClip prepared = io::prepareExportClip(*take.motion, o).value();
        float lowest = 1e9f;
        for (int f = 0; f < prepared.frameCount; ++f) {
            lowest = std::min(lowest, skinnedBounds(prepared, *o.mesh, f).lo.y);
        }
        QVERIFY(std::abs(lowest) < 1e-5f);
        o.groundAlign = false;
        const MotionClip raw = io::prepareExportClip(*take.motion, o).value();
        QVERIFY(raw.rootTranslation == take.motion->rootTranslation);
    }

    void unwritablePathsAreIoErrorsAndLeaveNothingBehind()
    {
        const Take take = test::fixtureTake();
        for (auto format : {io::ExportFormat::Fbx, io::ExportFormat::Bvh, io::ExportFormat::Json}) {
            io::ExportOptions o;
            o.format = format;
            auto r = io::exportTake(take, o, "/nonexistent/dir/out.x");
            QVERIFY(!r);
            QCOMPARE(r.error().code, Errc::IoError);
            QVERIFY(r.error().describe().find("/nonexistent/dir") != std::string::npos);
        }
        QTemporaryDir dir;
        QVERIFY(QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::ExeOwner));
        io::ExportOptions o;
        auto r = io::exportTake(take, o, (dir.path() + "/out.fbx").toStdString());
        QVERIFY(QFile::setPermissions(dir.path(),
                                      QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        if (r) {
            QSKIP("running as root: a read-only folder is still writable");
        }
        QCOMPARE(r.error().code, Errc::IoError);
        QVERIFY(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).isEmpty());
    }

    void aFailedExportKeepsTheOldFile()
    {
        QTemporaryDir dir;
        const Take take = test::fixtureTake();
        const QString path = dir.path() + "/keep.json";
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("previous export");
        }
        io::ExportOptions o;
        o.format = io::ExportFormat::Json;
        o.trim = io::FrameRange{50, 90}; // out of range
        auto r = io::exportTake(take, o, path.toStdString());
        QVERIFY(!r);
        QCOMPARE(r.error().code, Errc::InvalidArgument);
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("previous export"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{"keep.json"});
    }

    void trimTextIsParsedAndRangeChecked_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("begin");
        QTest::addColumn<int>("end");
        QTest::addColumn<QString>("error");
        QTest::newRow("range") << "10:60" << 10 << 60 << "";
        QTest::newRow("to end") << "10:" << 10 << 75 << "";
        QTest::newRow("from start") << ":30" << 0 << 30 << "";
        QTest::newRow("all") << ":" << 0 << 75 << "";
        QTest::newRow("past end") << "10:76" << 0 << 0 << "outside the clip";
        QTest::newRow("empty") << "30:30" << 0 << 0 << "outside the clip";
        QTest::newRow("negative") << "-1:10" << 0 << 0 << "outside the clip";
        QTest::newRow("no colon") << "10" << 0 << 0 << "malformed";
        QTest::newRow("letters") << "a:b" << 0 << 0 << "malformed";
        QTest::newRow("two colons") << "1:2:3" << 0 << 0 << "malformed";
    }

    void trimTextIsParsedAndRangeChecked()
    {
        QFETCH(QString, text);
        QFETCH(int, begin);
        QFETCH(int, end);
        QFETCH(QString, error);
        auto r = io::parseTrim(text.toStdString(), 75);
        if (error.isEmpty()) {
            QVERIFY(r.has_value());
            QCOMPARE(r->begin, begin);
            QCOMPARE(r->end, end);
        } else {
            QVERIFY(!r);
            QCOMPARE(r.error().code, Errc::InvalidArgument);
            QVERIFY(r.error().describe().find(error.toStdString()) != std::string::npos);
        }
    }

    void presetsSetUnitsAndAxes()
    {
        io::ExportOptions o;
        io::applyPreset(o, io::parsePreset("Blender").value());
        QVERIFY(o.unit == io::LengthUnit::Metre && o.upAxis == io::UpAxis::Z);
        io::applyPreset(o, io::parsePreset("maya").value());
        QVERIFY(o.unit == io::LengthUnit::Centimetre && o.upAxis == io::UpAxis::Y);
        io::applyPreset(o, io::parsePreset("UNREAL").value());
        QVERIFY(o.unit == io::LengthUnit::Centimetre && o.upAxis == io::UpAxis::Z);
        io::applyPreset(o, io::parsePreset("unity").value());
        QVERIFY(o.unit == io::LengthUnit::Metre && o.upAxis == io::UpAxis::Y);
        auto bad = io::parsePreset("houdini");
        QVERIFY(!bad && bad.error().code == Errc::InvalidArgument);
    }

    void invalidOptionsAndEmptyTakesAreRejected()
    {
        Take take = test::fixtureTake();
        io::ExportOptions o;
        o.fbxVersion = 7300;
        auto r = io::encodeExport(*take.motion, o, &take);
        QVERIFY(!r && r.error().code == Errc::InvalidArgument);
        o.fbxVersion = 7400;
        for (const char* prefix : {"my rig:", "a\"b", "tab\t", "\xc3\xa9"}) {
            o.namePrefix = prefix;
            auto p = io::encodeExport(*take.motion, o, &take);
            QVERIFY(!p && p.error().code == Errc::InvalidArgument);
            QCOMPARE(p.error().item, std::string("namePrefix"));
        }
        take.motion = nullptr;
        QTemporaryDir dir;
        auto e = io::exportTake(take, io::ExportOptions{}, (dir.path() + "/x.fbx").toStdString());
        QVERIFY(!e && e.error().code == Errc::InvalidArgument);
    }
};

QTEST_APPLESS_MAIN(TestMotionExport)
#include "test_motion_export.moc"
