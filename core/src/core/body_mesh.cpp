// SPDX-License-Identifier: Apache-2.0
#include <pw/core/atomic_file.h>
#include <pw/core/body_mesh.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>

namespace pw {

bool SkinnedMesh::isRigid() const
{
    return std::all_of(weights.begin(), weights.end(), [](const glm::vec4& w) {
        return w.x == 1.0f && w.y == 0.0f && w.z == 0.0f && w.w == 0.0f;
    });
}

// ---------------------------------------------------------------------------------------------
// Built-in mannequin
// ---------------------------------------------------------------------------------------------
namespace {

// SMPL-H body joint indices used below.
enum J : int {
    Pelvis = 0,
    LHip = 1,
    RHip = 2,
    Spine1 = 3,
    LKnee = 4,
    RKnee = 5,
    Spine2 = 6,
    LAnkle = 7,
    RAnkle = 8,
    Spine3 = 9,
    LFoot = 10,
    RFoot = 11,
    Neck = 12,
    LCollar = 13,
    RCollar = 14,
    Head = 15,
    LShoulder = 16,
    RShoulder = 17,
    LElbow = 18,
    RElbow = 19,
    LWrist = 20,
    RWrist = 21,
};

// The soles sit this far below the toe-base joints (L_Foot/R_Foot).
constexpr float kSoleBelowToeJoint = 0.025f;

class MeshBuilder
{
  public:
    explicit MeshBuilder(SkinnedMesh& mesh) : m_mesh(mesh) {}

    // A box between the cross-sections at `a` and `b` (the long axis), `widthA/B` measured along
    // the direction of `widthHint` made perpendicular to the axis, `depthA/B` along the third
    // axis. Bound rigidly to `joint`.
    void beam(int joint, glm::vec3 a, glm::vec3 b, float widthA, float widthB, float depthA,
              float depthB, glm::vec3 widthHint)
    {
        const glm::vec3 u = glm::normalize(b - a);
        glm::vec3 s = widthHint - glm::dot(widthHint, u) * u;
        s = glm::normalize(s);
        const glm::vec3 t = glm::cross(u, s);
        std::array<glm::vec3, 8> c;
        for (int i = 0; i < 8; ++i) {
            const bool atB = (i & 4) != 0;
            const float w = (atB ? widthB : widthA) * 0.5f * ((i & 1) ? 1.0f : -1.0f);
            const float d = (atB ? depthB : depthA) * 0.5f * ((i & 2) ? 1.0f : -1.0f);
            c[static_cast<std::size_t>(i)] = (atB ? b : a) + w * s + d * t;
        }
        addBox(joint, c);
    }

    // An axis-aligned box.
    void block(int joint, glm::vec3 lo, glm::vec3 hi)
    {
        std::array<glm::vec3, 8> c;
        for (int i = 0; i < 8; ++i) {
            c[static_cast<std::size_t>(i)] = {(i & 1) ? hi.x : lo.x, (i & 2) ? hi.y : lo.y,
                                              (i & 4) ? hi.z : lo.z};
        }
        addBox(joint, c);
    }

  private:
    // Corners indexed by bits (1, 2, 4) = the three axes of the box.
    void addBox(int joint, const std::array<glm::vec3, 8>& c)
    {
        glm::vec3 centre(0.0f);
        for (const auto& p : c) {
            centre += p / 8.0f;
        }
        static constexpr int kFaces[6][4] = {{0, 1, 3, 2}, {4, 5, 7, 6}, {0, 1, 5, 4},
                                             {2, 3, 7, 6}, {0, 2, 6, 4}, {1, 3, 7, 5}};
        for (const auto& face : kFaces) {
            glm::vec3 q[4];
            for (int k = 0; k < 4; ++k) {
                q[k] = c[static_cast<std::size_t>(face[k])];
            }
            glm::vec3 n = glm::cross(q[1] - q[0], q[2] - q[0]);
            const glm::vec3 faceCentre = (q[0] + q[1] + q[2] + q[3]) * 0.25f;
            if (glm::dot(n, faceCentre - centre) < 0.0f) {
                std::swap(q[1], q[3]); // make the winding counter-clockwise seen from outside
                n = -n;
            }
            n = glm::normalize(n);
            const auto base = static_cast<std::uint32_t>(m_mesh.positions.size());
            for (const auto& p : q) {
                m_mesh.positions.push_back(p);
                m_mesh.normals.push_back(n);
                m_mesh.joints.push_back({static_cast<std::uint16_t>(joint), 0, 0, 0});
                m_mesh.weights.emplace_back(1.0f, 0.0f, 0.0f, 0.0f);
            }
            for (std::uint32_t idx : {0u, 1u, 2u, 0u, 2u, 3u}) {
                m_mesh.indices.push_back(base + idx);
            }
        }
    }

    SkinnedMesh& m_mesh;
};

SkinnedMeshPtr buildMannequin(const Skeleton& s)
{
    PW_ASSERT(s.jointCount() == kBodyJointCount);
    auto mesh = std::make_shared<SkinnedMesh>();
    mesh->name = "Mannequin";
    mesh->source = "built-in";
    MeshBuilder b(*mesh);
    auto J = [&s](int j) { return s.restPositions[static_cast<std::size_t>(j)]; };
    const glm::vec3 x(1, 0, 0), z(0, 0, 1);

    // Pelvis: from below the hips to the first spine joint.
    b.block(Pelvis, {J(Pelvis).x - 0.16f, J(LHip).y - 0.06f, J(Pelvis).z - 0.10f},
            {J(Pelvis).x + 0.16f, J(Spine1).y, J(Pelvis).z + 0.09f});
    // Spine and chest.
    b.beam(Spine1, J(Spine1), J(Spine2), 0.28f, 0.29f, 0.18f, 0.18f, x);
    b.beam(Spine2, J(Spine2), J(Spine3), 0.29f, 0.32f, 0.18f, 0.19f, x);
    b.beam(Spine3, J(Spine3), J(Neck), 0.32f, 0.30f, 0.19f, 0.16f, x);
    b.beam(Neck, J(Neck), J(Head), 0.09f, 0.09f, 0.09f, 0.09f, x);
    b.block(Head, {J(Head).x - 0.085f, J(Head).y - 0.03f, J(Head).z - 0.09f},
            {J(Head).x + 0.085f, J(Head).y + 0.19f, J(Head).z + 0.11f});
    for (int side = 0; side < 2; ++side) {
        const int hip = side == 0 ? LHip : RHip;
        const int knee = side == 0 ? LKnee : RKnee;
        const int ankle = side == 0 ? LAnkle : RAnkle;
        const int foot = side == 0 ? LFoot : RFoot;
        const int collar = side == 0 ? LCollar : RCollar;
        const int shoulder = side == 0 ? LShoulder : RShoulder;
        const int elbow = side == 0 ? LElbow : RElbow;
        const int wrist = side == 0 ? LWrist : RWrist;
        // Legs.
        b.beam(hip, J(hip), J(knee), 0.15f, 0.10f, 0.15f, 0.10f, x);
        b.beam(knee, J(knee), J(ankle), 0.10f, 0.07f, 0.10f, 0.07f, x);
        // Foot: heel to toe base, sole below the toe joint; toes in front of it.
        const float sole = J(foot).y - kSoleBelowToeJoint;
        const float footX = 0.5f * (J(ankle).x + J(foot).x);
        b.block(ankle, {footX - 0.05f, sole, J(ankle).z - 0.06f},
                {footX + 0.05f, J(ankle).y + 0.03f, J(foot).z});
        b.block(foot, {J(foot).x - 0.05f, sole, J(foot).z},
                {J(foot).x + 0.05f, J(foot).y + 0.015f, J(foot).z + 0.06f});
        // Arms (along x in the rest pose: width front-back, depth vertical).
        b.beam(collar, J(collar), J(shoulder), 0.09f, 0.10f, 0.08f, 0.10f, z);
        b.beam(shoulder, J(shoulder), J(elbow), 0.10f, 0.08f, 0.10f, 0.08f, z);
        b.beam(elbow, J(elbow), J(wrist), 0.08f, 0.06f, 0.08f, 0.05f, z);
        const glm::vec3 along = glm::normalize(J(wrist) - J(elbow));
        b.beam(wrist, J(wrist), J(wrist) + 0.17f * along, 0.08f, 0.07f, 0.035f, 0.025f, z);
    }
    return mesh;
}

} // namespace

SkinnedMeshPtr builtinMannequinMesh()
{
    static const SkinnedMeshPtr kMesh = buildMannequin(*Skeleton::smplhBody());
    return kMesh;
}

// ---------------------------------------------------------------------------------------------
// Official wooden mannequin assets
// ---------------------------------------------------------------------------------------------
namespace {

constexpr int kAssetJoints = 52;
constexpr float kTemplateTolerance = 1e-4f; // metres

Error badAsset(const std::filesystem::path& file, std::string message)
{
    return Error(Errc::BadInput, std::move(message)).inFile(file.string());
}

// Reads one asset file, checking that its size is a multiple of `unit` bytes (and equal to
// `exactBytes` when non-zero). Git LFS pointers get their own message.
std::string readAsset(const std::filesystem::path& file, std::size_t unit, std::size_t exactBytes,
                      const std::string& what)
{
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec)) {
        fail(Error(Errc::FileNotFound, "mannequin asset file is missing").inFile(file.string()));
    }
    auto bytes = readWholeFile(file);
    if (!bytes) {
        fail(std::move(bytes).error());
    }
    if (bytes->rfind("version https://git-lfs", 0) == 0) {
        fail(badAsset(file, "this is a Git LFS pointer, not the data (run `git lfs pull` in the "
                            "HY-Motion repository)"));
    }
    const std::size_t n = bytes->size();
    if ((exactBytes != 0 && n != exactBytes) || n == 0 || n % unit != 0) {
        fail(badAsset(file, "unexpected file size")
                 .at(what)
                 .mismatch(exactBytes != 0
                               ? std::to_string(exactBytes) + " bytes"
                               : "a non-zero multiple of " + std::to_string(unit) + " bytes",
                           std::to_string(n) + " bytes"));
    }
    return std::move(*bytes);
}

template <class T> std::vector<T> asArray(const std::string& bytes)
{
    std::vector<T> out(bytes.size() / sizeof(T));
    std::memcpy(out.data(), bytes.data(), out.size() * sizeof(T));
    return out;
}

std::vector<glm::vec3> vertexNormals(const std::vector<glm::vec3>& p,
                                     const std::vector<std::uint32_t>& indices)
{
    std::vector<glm::vec3> n(p.size(), glm::vec3(0.0f));
    for (std::size_t i = 0; i + 2 < indices.size(); i += 3) {
        const auto a = indices[i], b = indices[i + 1], c = indices[i + 2];
        const glm::vec3 fn = glm::cross(p[b] - p[a], p[c] - p[a]); // area-weighted
        n[a] += fn;
        n[b] += fn;
        n[c] += fn;
    }
    for (auto& v : n) {
        const float len = glm::length(v);
        v = len > 0.0f ? v / len : glm::vec3(0.0f, 1.0f, 0.0f);
    }
    return n;
}

MannequinAssets loadAssetsOrThrow(const std::filesystem::path& dir)
{
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) {
        fail(Error(Errc::FileNotFound, "mannequin asset folder does not exist")
                 .inFile(dir.string()));
    }
    const auto body = Skeleton::smplhBody();
    MannequinAssets out;
    out.skeleton = body;

    // Skeleton: template, kinematic tree, names.
    const auto jPath = dir / "j_template.bin";
    const auto jt = asArray<float>(readAsset(jPath, 4, kAssetJoints * 3 * 4, "52 x 3 float32"));
    for (int j = 0; j < kAssetJoints; ++j) {
        const glm::vec3 p(jt[static_cast<std::size_t>(j * 3)],
                          jt[static_cast<std::size_t>(j * 3 + 1)],
                          jt[static_cast<std::size_t>(j * 3 + 2)]);
        if (!std::isfinite(p.x) || !std::isfinite(p.y) || !std::isfinite(p.z)) {
            fail(badAsset(jPath, "non-finite joint position").at("joint " + std::to_string(j)));
        }
        out.jointTemplate.push_back(p);
    }
    const auto kPath = dir / "kintree.bin";
    const auto parents = asArray<std::int32_t>(readAsset(kPath, 4, kAssetJoints * 4, "52 int32"));
    for (int j = 0; j < kAssetJoints; ++j) {
        const int p = parents[static_cast<std::size_t>(j)];
        if ((j == 0 && p != -1) || (j > 0 && (p < 0 || p >= j))) {
            fail(badAsset(kPath, "invalid parent index")
                     .at("joint " + std::to_string(j))
                     .mismatch(j == 0 ? "-1 for the root" : "0.." + std::to_string(j - 1),
                               std::to_string(p)));
        }
        out.parents.push_back(p);
    }
    const auto nPath = dir / "joint_names.json";
    if (std::filesystem::exists(nPath, ec)) {
        auto text = readWholeFile(nPath);
        if (!text) {
            fail(std::move(text).error());
        }
        nlohmann::json names;
        try {
            names = nlohmann::json::parse(*text);
        } catch (const nlohmann::json::exception& e) {
            fail(badAsset(nPath, std::string("malformed JSON: ") + e.what()));
        }
        if (!names.is_array() || names.size() != kAssetJoints) {
            fail(badAsset(nPath, "expected an array of 52 joint names")
                     .mismatch("52 names", names.is_array()
                                               ? std::to_string(names.size()) + " entries"
                                               : std::string(names.type_name())));
        }
        for (const auto& n : names) {
            if (!n.is_string()) {
                fail(badAsset(nPath, "joint names must be strings"));
            }
            out.jointNames.push_back(n.get<std::string>());
        }
    } else {
        out.jointNames = body->names; // the reference's default order; fingers unnamed
        for (int j = kBodyJointCount; j < kAssetJoints; ++j) {
            out.jointNames.push_back("Joint_" + std::to_string(j));
        }
    }
    // The 22 body joints must be the skeleton the model's rotations are defined on.
    for (int j = 0; j < kBodyJointCount; ++j) {
        const auto u = static_cast<std::size_t>(j);
        if (out.jointNames[u] != body->names[u]) {
            fail(badAsset(nPath, "joint name differs from the SMPL-H body")
                     .at("joint " + std::to_string(j))
                     .mismatch(body->names[u], out.jointNames[u]));
        }
        if (out.parents[u] != body->parents[u]) {
            fail(badAsset(kPath, "parent differs from the SMPL-H body")
                     .at(body->names[u])
                     .mismatch(std::to_string(body->parents[u]), std::to_string(out.parents[u])));
        }
        const glm::vec3 d = out.jointTemplate[u] - body->restPositions[u];
        if (std::max({std::abs(d.x), std::abs(d.y), std::abs(d.z)}) > kTemplateTolerance) {
            auto str = [](const glm::vec3& v) {
                return "(" + std::to_string(v.x) + ", " + std::to_string(v.y) + ", " +
                       std::to_string(v.z) + ")";
            };
            fail(badAsset(jPath, "rest position differs from the built-in skeleton (the model's "
                                 "rotations are defined on the built-in one)")
                     .at(body->names[u])
                     .mismatch(str(body->restPositions[u]), str(out.jointTemplate[u])));
        }
    }

    // Mesh.
    auto mesh = std::make_shared<SkinnedMesh>();
    mesh->name = "WoodenMannequin";
    mesh->source = dir.string();
    const auto vPath = dir / "v_template.bin";
    const auto v = asArray<float>(readAsset(vPath, 12, 0, "V x 3 float32"));
    const std::size_t vertexCount = v.size() / 3;
    if (vertexCount > 65535) {
        fail(badAsset(vPath, "too many vertices for 16-bit face indices")
                 .mismatch("at most 65535", std::to_string(vertexCount)));
    }
    for (std::size_t i = 0; i < vertexCount; ++i) {
        const glm::vec3 p(v[i * 3], v[i * 3 + 1], v[i * 3 + 2]);
        if (!std::isfinite(p.x) || !std::isfinite(p.y) || !std::isfinite(p.z)) {
            fail(badAsset(vPath, "non-finite vertex").at("vertex " + std::to_string(i)));
        }
        mesh->positions.push_back(p);
    }
    const std::string vCount = std::to_string(vertexCount);
    const auto wPath = dir / "skinWeights.bin";
    const auto w = asArray<float>(readAsset(wPath, 16, vertexCount * 16, vCount + " x 4 float32"));
    const auto iPath = dir / "skinIndice.bin";
    const auto idx =
        asArray<std::uint16_t>(readAsset(iPath, 8, vertexCount * 8, vCount + " x 4 uint16"));
    const auto fPath = dir / "faces.bin";
    const auto faces = asArray<std::uint16_t>(readAsset(fPath, 6, 0, "F x 3 uint16"));
    for (std::size_t i = 0; i < faces.size(); ++i) {
        if (faces[i] >= vertexCount) {
            fail(badAsset(fPath, "face index out of range")
                     .at("triangle " + std::to_string(i / 3))
                     .mismatch("< " + vCount, std::to_string(faces[i])));
        }
        mesh->indices.push_back(faces[i]);
    }

    // Skin: fingers (joints >= 22) move with their wrist, so their influence goes there.
    auto bodyAncestor = [&out](int j) {
        while (j >= kBodyJointCount) {
            j = out.parents[static_cast<std::size_t>(j)];
        }
        return j;
    };
    for (std::size_t i = 0; i < vertexCount; ++i) {
        std::map<int, float> influence;
        float sum = 0.0f;
        for (std::size_t k = 0; k < 4; ++k) {
            const float wk = w[i * 4 + k];
            const int jk = idx[i * 4 + k];
            if (!std::isfinite(wk) || wk < -1e-6f) {
                fail(badAsset(wPath, "skin weight is negative or not finite")
                         .at("vertex " + std::to_string(i)));
            }
            if (jk >= kAssetJoints) {
                fail(badAsset(iPath, "skin joint index out of range")
                         .at("vertex " + std::to_string(i))
                         .mismatch("< 52", std::to_string(jk)));
            }
            if (wk > 0.0f) {
                influence[bodyAncestor(jk)] += wk;
                sum += wk;
            }
        }
        if (std::abs(sum - 1.0f) > 0.01f) {
            fail(badAsset(wPath, "skin weights of a vertex do not sum to 1")
                     .at("vertex " + std::to_string(i))
                     .mismatch("1", std::to_string(sum)));
        }
        std::vector<std::pair<int, float>> sorted(influence.begin(), influence.end());
        std::sort(sorted.begin(), sorted.end(),
                  [](const auto& a, const auto& b) { return a.second > b.second; });
        std::array<std::uint16_t, 4> joints{0, 0, 0, 0};
        glm::vec4 weights(0.0f);
        for (std::size_t k = 0; k < sorted.size() && k < 4; ++k) {
            joints[k] = static_cast<std::uint16_t>(sorted[k].first);
            weights[static_cast<int>(k)] = sorted[k].second / sum;
        }
        mesh->joints.push_back(joints);
        mesh->weights.push_back(weights);
    }
    mesh->normals = vertexNormals(mesh->positions, mesh->indices);
    out.mesh = std::move(mesh);
    return out;
}

} // namespace

Result<MannequinAssets> loadMannequinAssets(const std::filesystem::path& dir)
{
    return guard([&] { return loadAssetsOrThrow(dir); });
}

void skinMesh(const SkinnedMesh& mesh, const Skeleton& skeleton,
              std::span<const glm::quat> worldRotations, std::span<const glm::vec3> worldPositions,
              std::vector<glm::vec3>& out)
{
    const auto n = static_cast<std::size_t>(skeleton.jointCount());
    PW_ASSERT(worldRotations.size() >= n && worldPositions.size() >= n);
    // Per joint: v -> R (v - J) + p, as a 3x3 matrix and a translation.
    std::vector<glm::mat3> r(n);
    std::vector<glm::vec3> t(n);
    for (std::size_t j = 0; j < n; ++j) {
        r[j] = glm::mat3_cast(worldRotations[j]);
        t[j] = worldPositions[j] - r[j] * skeleton.restPositions[j];
    }
    out.resize(mesh.positions.size());
    for (std::size_t i = 0; i < mesh.positions.size(); ++i) {
        const glm::vec3& v = mesh.positions[i];
        const auto& ji = mesh.joints[i];
        const glm::vec4& wi = mesh.weights[i];
        glm::vec3 acc(0.0f);
        for (int k = 0; k < 4; ++k) {
            const float wk = wi[k];
            if (wk != 0.0f) {
                const std::size_t j = ji[static_cast<std::size_t>(k)];
                PW_ASSERT(j < n);
                acc += wk * (r[j] * v + t[j]);
            }
        }
        out[i] = acc;
    }
}

} // namespace pw
