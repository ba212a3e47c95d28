// SPDX-License-Identifier: Apache-2.0
// FBX scene: a LimbNode skeleton with rest offsets and identity rest rotations, optionally a
// skinned mesh (Geometry + Skin + one Cluster per joint + BindPose), and one animation stack
// with Euler rotation curves (unwrapped) for every joint and translation curves for the root.
// Why our own writer: Debian's Assimp 5.2.5 writes corrupt binary FBX and wrong times
// (docs/export.md, toolchain.md §4).
#include "export_scene.h"
#include "fbx_binary.h"

#include <pw/core/forward_kinematics.h>
#include <pw/core/rotation.h>
#include <pw/core/utc_time.h>
#include <pw/core/version.h>

#include <glm/gtc/constants.hpp>

#include <cstdio>
#include <cstring>
#include <ctime>
#include <map>

namespace pw::io::detail {
namespace {

using fbx::Node;
using fbx::objectName;

constexpr std::int64_t kKTimePerSecond = 46186158000LL;

// FbxTime::EMode for a frame rate: the named modes importers map directly (HY-Motion: 30 fps ->
// eFrames30 = 6), otherwise eCustom (14) with CustomFrameRate.
std::int32_t timeMode(float fps)
{
    struct Mode
    {
        float fps;
        std::int32_t mode;
    };
    static constexpr Mode kModes[] = {{120.0f, 1}, {100.0f, 2}, {60.0f, 3},  {50.0f, 4},
                                      {48.0f, 5},  {30.0f, 6},  {25.0f, 10}, {24.0f, 11}};
    for (const auto& m : kModes) {
        if (fps == m.fps) {
            return m.mode;
        }
    }
    return 14;
}
// Key attributes: linear interpolation (bit 2) with auto/generic-clamp tangent bits, and the
// default tangent data, as FBX SDK-compatible writers emit them.
constexpr std::int32_t kKeyAttrFlags = (1 << 2) | (1 << 8) | (1 << 13) | (1 << 14);
constexpr std::uint32_t kKeyAttrDataWeights = 0x0f3f0f3fu;

// FBX stores Euler XYZ as R = Rz * Ry * Rx (eEulerXYZ, the default RotationOrder 0).
constexpr std::array<Axis, 3> kFbxEulerAxes = {Axis::Z, Axis::Y, Axis::X};

class IdGen
{
  public:
    std::int64_t next() { return m_next++; }

  private:
    std::int64_t m_next = 1'000'000'000LL;
};

// P: "name", "type", "label", "flags", values...
template <class... V>
Node& prop(Node& props70, const char* name, const char* type, const char* label, const char* flags,
           V... values)
{
    Node& p = props70.child("P");
    p.add(name).add(type).add(label).add(flags);
    (p.add(values), ...);
    return p;
}

std::vector<double> translationMatrix(const glm::dvec3& t)
{
    // Column-major 4x4 (FBX layout): translation in elements 12..14.
    return {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, t.x, t.y, t.z, 1};
}

std::vector<double> identityMatrix()
{
    return translationMatrix(glm::dvec3(0.0));
}

struct Curve3
{
    std::vector<float> x, y, z;
};

// Unwrapped Euler angles (degrees, FBX XYZ order) of one joint over the clip.
Curve3 rotationCurves(const ExportScene& s, const Space& space, int joint)
{
    const MotionClip& clip = s.clip;
    Curve3 c;
    glm::dvec3 previous(0.0); // (z, y, x) of the previous frame
    for (int f = 0; f < clip.frameCount; ++f) {
        glm::dvec3 zyx = eulerFromMatrix(space.rotation(clip.rotation(f, joint)), kFbxEulerAxes);
        if (f > 0) {
            zyx = closestEuler(zyx, previous);
        }
        previous = zyx;
        const glm::dvec3 deg = glm::degrees(zyx);
        c.x.push_back(static_cast<float>(deg[2]));
        c.y.push_back(static_cast<float>(deg[1]));
        c.z.push_back(static_cast<float>(deg[0]));
    }
    return c;
}

class SceneWriter
{
  public:
    SceneWriter(const ExportScene& scene)
        : m_s(scene), m_space{scene.options.unit == LengthUnit::Centimetre ? 100.0 : 1.0,
                              scene.options.upAxis == UpAxis::Z}
    {
    }

    std::string write()
    {
        const int n = m_s.clip.jointCount();
        m_modelIds.resize(static_cast<std::size_t>(n));
        for (auto& id : m_modelIds) {
            id = m_ids.next();
        }
        header();
        globalSettings();
        documents();
        m_nodes.emplace_back("References");
        definitionsAndObjects();
        connections();
        takes();
        return fbx::encode(m_nodes, static_cast<std::uint32_t>(m_s.options.fbxVersion));
    }

  private:
    std::int64_t stopTime() const
    {
        const int frames = m_s.clip.frameCount;
        return frames > 1 ? frameTime(frames - 1) : 0;
    }
    std::int64_t frameTime(int frame) const
    {
        // Integer KTime: 46186158000 / fps per frame (exact for 30 fps: 1539538600).
        return static_cast<std::int64_t>(
            static_cast<double>(frame) * kKTimePerSecond / static_cast<double>(m_s.clip.fps) + 0.5);
    }

    void header()
    {
        Node& h = m_nodes.emplace_back("FBXHeaderExtension");
        h.set("FBXHeaderVersion", std::int32_t{1003});
        h.set("FBXVersion", static_cast<std::int32_t>(m_s.options.fbxVersion));
        h.set("EncryptionType", std::int32_t{0});
        const std::tm tm = utcNow();
        Node& ts = h.child("CreationTimeStamp");
        ts.set("Version", std::int32_t{1000});
        ts.set("Year", std::int32_t{tm.tm_year + 1900});
        ts.set("Month", std::int32_t{tm.tm_mon + 1});
        ts.set("Day", std::int32_t{tm.tm_mday});
        ts.set("Hour", std::int32_t{tm.tm_hour});
        ts.set("Minute", std::int32_t{tm.tm_min});
        ts.set("Second", std::int32_t{tm.tm_sec});
        ts.set("Millisecond", std::int32_t{0});
        h.set("Creator", creator());
        sceneInfo(h, tm);
        // Fixed id and time that readers pair with the footer id (see fbx_binary.cpp).
        m_nodes.emplace_back("FileId").add(fbx::Raw{
            std::string("\x28\xb3\x2a\xeb\xb6\x24\xcc\xc2\xbf\xc8\xb0\x2a\xa9\x2b\xfc\xf1", 16)});
        m_nodes.emplace_back("CreationTime").add("1970-01-01 10:00:00:000");
        m_nodes.emplace_back("Creator").add(creator());
    }

    static std::string creator() { return std::string("Posewright ") + kVersion; }

    // Document information: the take id as title and its prompt as comment, so the prompt
    // travels with the file (readable in Maya's File Info and by the FBX SDK).
    void sceneInfo(Node& header, const std::tm& tm)
    {
        Node& si = header.child("SceneInfo");
        si.add(objectName("GlobalInfo", "SceneInfo")).add("UserData");
        si.set("Type", std::string("UserData"));
        si.set("Version", std::int32_t{100});
        Node& meta = si.child("MetaData");
        meta.set("Version", std::int32_t{100});
        meta.set("Title", m_s.take != nullptr ? m_s.take->id : std::string());
        meta.set("Subject", std::string("HY-Motion 1.0 text-to-motion"));
        meta.set("Author", std::string());
        meta.set("Keywords", std::string());
        meta.set("Revision", std::string());
        meta.set("Comment", m_s.take != nullptr ? m_s.take->prompt : std::string());
        char date[64];
        std::snprintf(date, sizeof date, "%02d/%02d/%04d %02d:%02d:%02d.000", tm.tm_mday,
                      tm.tm_mon + 1, tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
        Node& p = si.child("Properties70");
        for (const char* group : {"Original", "LastSaved"}) {
            const std::string g(group);
            prop(p, group, "Compound", "", "");
            prop(p, (g + "|ApplicationVendor").c_str(), "KString", "", "",
                 std::string("Posewright"));
            prop(p, (g + "|ApplicationName").c_str(), "KString", "", "", std::string("Posewright"));
            prop(p, (g + "|ApplicationVersion").c_str(), "KString", "", "", std::string(kVersion));
            prop(p, (g + "|DateTime_GMT").c_str(), "DateTime", "", "", std::string(date));
        }
    }

    void globalSettings()
    {
        Node& g = m_nodes.emplace_back("GlobalSettings");
        g.set("Version", std::int32_t{1000});
        Node& p = g.child("Properties70");
        const bool zUp = m_space.zUp;
        // Y up: up Y, front +Z, coord +X. Z up: up Z, front -Y, coord +X (right-handed both).
        prop(p, "UpAxis", "int", "Integer", "", std::int32_t{zUp ? 2 : 1});
        prop(p, "UpAxisSign", "int", "Integer", "", std::int32_t{1});
        prop(p, "FrontAxis", "int", "Integer", "", std::int32_t{zUp ? 1 : 2});
        prop(p, "FrontAxisSign", "int", "Integer", "", std::int32_t{zUp ? -1 : 1});
        prop(p, "CoordAxis", "int", "Integer", "", std::int32_t{0});
        prop(p, "CoordAxisSign", "int", "Integer", "", std::int32_t{1});
        prop(p, "OriginalUpAxis", "int", "Integer", "", std::int32_t{zUp ? 2 : 1});
        prop(p, "OriginalUpAxisSign", "int", "Integer", "", std::int32_t{1});
        // UnitScaleFactor: centimetres per file unit.
        const double unitScale = m_space.scale == 100.0 ? 1.0 : 100.0;
        prop(p, "UnitScaleFactor", "double", "Number", "", unitScale);
        prop(p, "OriginalUnitScaleFactor", "double", "Number", "", unitScale);
        prop(p, "AmbientColor", "ColorRGB", "Color", "", 0.0, 0.0, 0.0);
        prop(p, "DefaultCamera", "KString", "", "", std::string("Producer Perspective"));
        prop(p, "TimeMode", "enum", "", "", timeMode(m_s.clip.fps));
        prop(p, "TimeProtocol", "enum", "", "", std::int32_t{2});
        prop(p, "SnapOnFrameMode", "enum", "", "", std::int32_t{0});
        prop(p, "TimeSpanStart", "KTime", "Time", "", std::int64_t{0});
        prop(p, "TimeSpanStop", "KTime", "Time", "", stopTime());
        prop(p, "CustomFrameRate", "double", "Number", "", static_cast<double>(m_s.clip.fps));
    }

    void documents()
    {
        Node& d = m_nodes.emplace_back("Documents");
        d.set("Count", std::int32_t{1});
        Node& doc = d.child("Document");
        doc.add(m_ids.next()).add("Scene").add("Scene");
        Node& p = doc.child("Properties70");
        prop(p, "SourceObject", "object", "", "");
        prop(p, "ActiveAnimStackName", "KString", "", "", m_s.animationName);
        doc.set("RootNode", std::int64_t{0});
    }

    void definitionsAndObjects()
    {
        // Objects first (counting per type), then the Definitions block placed before them.
        Node objects("Objects");
        std::map<std::string, int> counts{{"GlobalSettings", 1}};
        auto count = [&counts](const char* type) { ++counts[type]; };

        const Skeleton& sk = *m_s.clip.skeleton;
        const int n = sk.jointCount();
        std::vector<std::int64_t> attrIds(static_cast<std::size_t>(n));
        for (int j = 0; j < n; ++j) {
            const auto u = static_cast<std::size_t>(j);
            attrIds[u] = m_ids.next();
            Node& a = objects.child("NodeAttribute");
            a.add(attrIds[u]).add(objectName(m_s.jointNames[u], "NodeAttribute")).add("LimbNode");
            Node& ap = a.child("Properties70");
            prop(ap, "Size", "double", "Number", "", 0.05 * m_space.scale); // display size
            a.set("TypeFlags", std::string("Skeleton"));
            count("NodeAttribute");

            Node& m = objects.child("Model");
            m.add(m_modelIds[u]).add(objectName(m_s.jointNames[u], "Model")).add("LimbNode");
            m.set("Version", std::int32_t{232});
            Node& mp = m.child("Properties70");
            const glm::dvec3 t = m_space.point(sk.restOffset(j));
            prop(mp, "InheritType", "enum", "", "", std::int32_t{1});
            prop(mp, "DefaultAttributeIndex", "int", "Integer", "", std::int32_t{0});
            prop(mp, "Lcl Translation", "Lcl Translation", "", "A", t.x, t.y, t.z);
            prop(mp, "Lcl Rotation", "Lcl Rotation", "", "A", 0.0, 0.0, 0.0);
            prop(mp, "Lcl Scaling", "Lcl Scaling", "", "A", 1.0, 1.0, 1.0);
            m.set("Shading", true);
            m.set("Culling", std::string("CullingOff"));
            count("Model");
            m_connections.push_back({"OO", attrIds[u], m_modelIds[u], ""});
            const int parent = sk.parents[u];
            m_connections.push_back(
                {"OO", m_modelIds[u],
                 parent < 0 ? std::int64_t{0} : m_modelIds[static_cast<std::size_t>(parent)], ""});
        }

        if (m_s.mesh != nullptr) {
            meshObjects(objects, count);
        }
        animationObjects(objects, count);

        Node& defs = m_nodes.emplace_back("Definitions");
        defs.set("Version", std::int32_t{100});
        int total = 0;
        for (const auto& [type, c] : counts) {
            total += c;
        }
        defs.set("Count", std::int32_t{total});
        for (const auto& [type, c] : counts) {
            Node& o = defs.child("ObjectType");
            o.add(type);
            o.set("Count", std::int32_t{c});
        }
        m_nodes.push_back(std::move(objects));
    }

    template <class Count> void meshObjects(Node& objects, Count&& count)
    {
        const SkinnedMesh& mesh = *m_s.mesh;
        const Skeleton& sk = *m_s.clip.skeleton;
        const std::int64_t geomId = m_ids.next();
        const std::int64_t modelId = m_ids.next();
        const std::int64_t materialId = m_ids.next();
        const std::int64_t skinId = m_ids.next();

        Node& g = objects.child("Geometry");
        g.add(geomId).add(objectName(m_s.meshName, "Geometry")).add("Mesh");
        g.child("Properties70");
        g.set("GeometryVersion", std::int32_t{124});
        std::vector<double> vertices;
        vertices.reserve(mesh.positions.size() * 3);
        for (const auto& v : mesh.positions) {
            const glm::dvec3 p = m_space.point(v);
            vertices.insert(vertices.end(), {p.x, p.y, p.z});
        }
        g.set("Vertices", std::move(vertices));
        std::vector<std::int32_t> polygons;
        std::vector<double> normals;
        polygons.reserve(mesh.indices.size());
        normals.reserve(mesh.indices.size() * 3);
        const Space unitSpace{1.0, m_space.zUp};
        for (std::size_t i = 0; i < mesh.indices.size(); ++i) {
            const auto idx = static_cast<std::int32_t>(mesh.indices[i]);
            // The last index of each polygon is stored as ~index (negative).
            polygons.push_back(i % 3 == 2 ? ~idx : idx);
            const glm::dvec3 nn = unitSpace.point(mesh.normals[mesh.indices[i]]);
            normals.insert(normals.end(), {nn.x, nn.y, nn.z});
        }
        g.set("PolygonVertexIndex", std::move(polygons));
        Node& ln = g.child("LayerElementNormal");
        ln.add(std::int32_t{0});
        ln.set("Version", std::int32_t{101});
        ln.set("Name", std::string(""));
        ln.set("MappingInformationType", std::string("ByPolygonVertex"));
        ln.set("ReferenceInformationType", std::string("Direct"));
        ln.set("Normals", std::move(normals));
        Node& lm = g.child("LayerElementMaterial");
        lm.add(std::int32_t{0});
        lm.set("Version", std::int32_t{101});
        lm.set("Name", std::string(""));
        lm.set("MappingInformationType", std::string("AllSame"));
        lm.set("ReferenceInformationType", std::string("IndexToDirect"));
        lm.set("Materials", std::vector<std::int32_t>{0});
        Node& layer = g.child("Layer");
        layer.add(std::int32_t{0});
        layer.set("Version", std::int32_t{100});
        for (const char* type : {"LayerElementNormal", "LayerElementMaterial"}) {
            Node& le = layer.child("LayerElement");
            le.set("Type", std::string(type));
            le.set("TypedIndex", std::int32_t{0});
        }
        count("Geometry");

        Node& m = objects.child("Model");
        m.add(modelId).add(objectName(m_s.meshName, "Model")).add("Mesh");
        m.set("Version", std::int32_t{232});
        Node& mp = m.child("Properties70");
        prop(mp, "DefaultAttributeIndex", "int", "Integer", "", std::int32_t{0});
        prop(mp, "Lcl Translation", "Lcl Translation", "", "A", 0.0, 0.0, 0.0);
        prop(mp, "Lcl Rotation", "Lcl Rotation", "", "A", 0.0, 0.0, 0.0);
        prop(mp, "Lcl Scaling", "Lcl Scaling", "", "A", 1.0, 1.0, 1.0);
        m.set("Shading", true);
        m.set("Culling", std::string("CullingOff"));
        count("Model");

        Node& mat = objects.child("Material");
        mat.add(materialId).add(objectName(m_s.options.namePrefix + "Wood", "Material")).add("");
        mat.set("Version", std::int32_t{102});
        mat.set("ShadingModel", std::string("lambert"));
        mat.set("MultiLayer", std::int32_t{0});
        Node& matp = mat.child("Properties70");
        prop(matp, "DiffuseColor", "Color", "", "A", 0.72, 0.55, 0.38);
        prop(matp, "Diffuse", "Vector3D", "Vector", "", 0.72, 0.55, 0.38);
        count("Material");

        Node& skin = objects.child("Deformer");
        skin.add(skinId).add(objectName(m_s.meshName, "Deformer")).add("Skin");
        skin.set("Version", std::int32_t{101});
        skin.set("Link_DeformAcuracy", 50.0);
        count("Deformer");

        // One cluster per joint (also for joints without vertices: it carries the bind matrix).
        const int n = sk.jointCount();
        std::vector<std::vector<std::int32_t>> clusterIdx(static_cast<std::size_t>(n));
        std::vector<std::vector<double>> clusterW(static_cast<std::size_t>(n));
        for (std::size_t v = 0; v < mesh.positions.size(); ++v) {
            for (int k = 0; k < 4; ++k) {
                const float w = mesh.weights[v][k];
                if (w > 0.0f) {
                    const auto j = mesh.joints[v][static_cast<std::size_t>(k)];
                    clusterIdx[j].push_back(static_cast<std::int32_t>(v));
                    clusterW[j].push_back(w);
                }
            }
        }
        Node& pose = objects.child("Pose");
        pose.add(m_ids.next()).add(objectName("BindPose", "Pose")).add("BindPose");
        pose.set("Type", std::string("BindPose"));
        pose.set("Version", std::int32_t{100});
        pose.set("NbPoseNodes", std::int32_t{n + 1});
        Node& meshPose = pose.child("PoseNode");
        meshPose.set("Node", modelId);
        meshPose.set("Matrix", identityMatrix());
        count("Pose");
        for (int j = 0; j < n; ++j) {
            const auto u = static_cast<std::size_t>(j);
            const glm::dvec3 bind = m_space.point(sk.restPositions[u]);
            const std::int64_t clusterId = m_ids.next();
            Node& c = objects.child("Deformer");
            c.add(clusterId).add(objectName(m_s.jointNames[u], "SubDeformer")).add("Cluster");
            c.set("Version", std::int32_t{100});
            c.child("UserData").add("").add("");
            if (!clusterIdx[u].empty()) {
                c.set("Indexes", std::move(clusterIdx[u]));
                c.set("Weights", std::move(clusterW[u]));
            }
            // Transform: the mesh's bind matrix relative to the bone's; TransformLink: the
            // bone's bind (world) matrix. Rest rotations are identity, so both are translations.
            c.set("Transform", translationMatrix(-bind));
            c.set("TransformLink", translationMatrix(bind));
            count("Deformer");
            m_connections.push_back({"OO", clusterId, skinId, ""});
            m_connections.push_back({"OO", m_modelIds[u], clusterId, ""});
            Node& pn = pose.child("PoseNode");
            pn.set("Node", m_modelIds[u]);
            pn.set("Matrix", translationMatrix(bind));
        }
        m_connections.push_back({"OO", modelId, 0, ""});
        m_connections.push_back({"OO", geomId, modelId, ""});
        m_connections.push_back({"OO", materialId, modelId, ""});
        m_connections.push_back({"OO", skinId, geomId, ""});
    }

    template <class Count> void animationObjects(Node& objects, Count&& count)
    {
        const MotionClip& clip = m_s.clip;
        const Skeleton& sk = *clip.skeleton;
        const std::int64_t stackId = m_ids.next();
        const std::int64_t layerId = m_ids.next();
        Node& stack = objects.child("AnimationStack");
        stack.add(stackId).add(objectName(m_s.animationName, "AnimStack")).add("");
        Node& sp = stack.child("Properties70");
        prop(sp, "LocalStart", "KTime", "Time", "", std::int64_t{0});
        prop(sp, "LocalStop", "KTime", "Time", "", stopTime());
        prop(sp, "ReferenceStart", "KTime", "Time", "", std::int64_t{0});
        prop(sp, "ReferenceStop", "KTime", "Time", "", stopTime());
        count("AnimationStack");
        objects.child("AnimationLayer")
            .add(layerId)
            .add(objectName("BaseLayer", "AnimLayer"))
            .add("");
        count("AnimationLayer");
        m_connections.push_back({"OO", layerId, stackId, ""});

        std::vector<std::int64_t> times;
        for (int f = 0; f < clip.frameCount; ++f) {
            times.push_back(frameTime(f));
        }
        auto curveNode = [&](std::int64_t modelId, const char* short_, const char* property,
                             const Curve3& c) {
            const std::int64_t nodeId = m_ids.next();
            Node& cn = objects.child("AnimationCurveNode");
            cn.add(nodeId).add(objectName(short_, "AnimCurveNode")).add("");
            Node& cp = cn.child("Properties70");
            prop(cp, "d|X", "Number", "", "A", static_cast<double>(c.x.front()));
            prop(cp, "d|Y", "Number", "", "A", static_cast<double>(c.y.front()));
            prop(cp, "d|Z", "Number", "", "A", static_cast<double>(c.z.front()));
            count("AnimationCurveNode");
            m_connections.push_back({"OO", nodeId, layerId, ""});
            m_connections.push_back({"OP", nodeId, modelId, property});
            const std::vector<float>* channels[3] = {&c.x, &c.y, &c.z};
            const char* names[3] = {"d|X", "d|Y", "d|Z"};
            for (int a = 0; a < 3; ++a) {
                const std::int64_t curveId = m_ids.next();
                Node& ac = objects.child("AnimationCurve");
                ac.add(curveId).add(objectName("", "AnimCurve")).add("");
                ac.set("Default", static_cast<double>(channels[a]->front()));
                ac.set("KeyVer", std::int32_t{4008});
                ac.set("KeyTime", times);
                ac.set("KeyValueFloat", *channels[a]);
                ac.set("KeyAttrFlags", std::vector<std::int32_t>{kKeyAttrFlags});
                float weights;
                std::memcpy(&weights, &kKeyAttrDataWeights, 4);
                ac.set("KeyAttrDataFloat", std::vector<float>{0.0f, 0.0f, weights, 0.0f});
                ac.set("KeyAttrRefCount", std::vector<std::int32_t>{clip.frameCount});
                count("AnimationCurve");
                m_connections.push_back({"OP", curveId, nodeId, names[a]});
            }
        };
        // Root translation: the pelvis's local translation is its rest position plus `transl`.
        Curve3 t;
        const int root = 0;
        for (int f = 0; f < clip.frameCount; ++f) {
            const glm::dvec3 p = m_space.point(sk.restPositions[0] +
                                               clip.rootTranslation[static_cast<std::size_t>(f)]);
            t.x.push_back(static_cast<float>(p.x));
            t.y.push_back(static_cast<float>(p.y));
            t.z.push_back(static_cast<float>(p.z));
        }
        curveNode(m_modelIds[root], "T", "Lcl Translation", t);
        for (int j = 0; j < sk.jointCount(); ++j) {
            curveNode(m_modelIds[static_cast<std::size_t>(j)], "R", "Lcl Rotation",
                      rotationCurves(m_s, m_space, j));
        }
    }

    void connections()
    {
        Node& c = m_nodes.emplace_back("Connections");
        for (const auto& k : m_connections) {
            Node& e = c.child("C");
            e.add(k.kind).add(k.child).add(k.parent);
            if (!k.property.empty()) {
                e.add(k.property);
            }
        }
    }

    void takes()
    {
        Node& t = m_nodes.emplace_back("Takes");
        t.set("Current", m_s.animationName);
        Node& take = t.child("Take");
        take.add(m_s.animationName);
        take.set("FileName", m_s.animationName + ".tak");
        take.child("LocalTime").add(std::int64_t{0}).add(stopTime());
        take.child("ReferenceTime").add(std::int64_t{0}).add(stopTime());
    }

    struct Connection
    {
        std::string kind;
        std::int64_t child;
        std::int64_t parent;
        std::string property;
    };

    const ExportScene& m_s;
    Space m_space;
    IdGen m_ids;
    std::deque<Node> m_nodes;
    std::vector<std::int64_t> m_modelIds;
    std::vector<Connection> m_connections;
};

} // namespace

std::string encodeFbx(const ExportScene& scene)
{
    return SceneWriter(scene).write();
}

} // namespace pw::io::detail
