// SPDX-License-Identifier: Apache-2.0
// glTF 2.0 binary (.glb) through Assimp's "glb2" exporter, which is exact for skinned
// animation (toolchain.md §4: it honours mTicksPerSecond, unlike Assimp 5.2's FBX and Collada
// writers). glTF is metres and Y up by specification; a skinned mesh is always included because
// glTF defines skeletons through skins.
#include "export_scene.h"

#include <pw/core/error.h>

#ifdef PW_HAVE_ASSIMP
#include <assimp/Exporter.hpp>
#include <assimp/material.h>
#include <assimp/scene.h>
#endif

#include <cstring>
#include <memory>

namespace pw::io::detail {

#ifdef PW_HAVE_ASSIMP
namespace {

aiMatrix4x4 translation(const glm::vec3& t)
{
    aiMatrix4x4 m; // identity; row-major, translation in the 4th column
    m.a4 = t.x;
    m.b4 = t.y;
    m.c4 = t.z;
    return m;
}

aiNode* makeNode(const std::string& name, const aiMatrix4x4& transform)
{
    auto* node = new aiNode(name);
    node->mTransformation = transform;
    return node;
}

void setChildren(aiNode* parent, const std::vector<aiNode*>& children)
{
    parent->mNumChildren = static_cast<unsigned>(children.size());
    parent->mChildren = new aiNode*[children.size()];
    for (std::size_t i = 0; i < children.size(); ++i) {
        parent->mChildren[i] = children[i];
        children[i]->mParent = parent;
    }
}

aiMesh* buildMesh(const ExportScene& s)
{
    const SkinnedMesh& mesh = *s.mesh;
    const Skeleton& sk = *s.clip.skeleton;
    auto* m = new aiMesh();
    m->mName = s.meshName;
    m->mPrimitiveTypes = aiPrimitiveType_TRIANGLE;
    m->mMaterialIndex = 0;
    m->mNumVertices = static_cast<unsigned>(mesh.positions.size());
    m->mVertices = new aiVector3D[m->mNumVertices];
    m->mNormals = new aiVector3D[m->mNumVertices];
    for (unsigned i = 0; i < m->mNumVertices; ++i) {
        const auto& p = mesh.positions[i];
        const auto& n = mesh.normals[i];
        m->mVertices[i] = aiVector3D(p.x, p.y, p.z);
        m->mNormals[i] = aiVector3D(n.x, n.y, n.z);
    }
    m->mNumFaces = static_cast<unsigned>(mesh.triangleCount());
    m->mFaces = new aiFace[m->mNumFaces];
    for (unsigned f = 0; f < m->mNumFaces; ++f) {
        aiFace& face = m->mFaces[f];
        face.mNumIndices = 3;
        face.mIndices = new unsigned[3];
        for (unsigned k = 0; k < 3; ++k) {
            face.mIndices[k] = mesh.indices[f * 3 + k];
        }
    }
    const int n = sk.jointCount();
    std::vector<std::vector<aiVertexWeight>> weights(static_cast<std::size_t>(n));
    for (unsigned v = 0; v < m->mNumVertices; ++v) {
        for (int k = 0; k < 4; ++k) {
            const float w = mesh.weights[v][k];
            if (w > 0.0f) {
                weights[mesh.joints[v][static_cast<std::size_t>(k)]].emplace_back(v, w);
            }
        }
    }
    m->mNumBones = static_cast<unsigned>(n);
    m->mBones = new aiBone*[static_cast<std::size_t>(n)];
    for (int j = 0; j < n; ++j) {
        const auto u = static_cast<std::size_t>(j);
        auto* b = new aiBone();
        b->mName = s.jointNames[u];
        // Inverse bind matrix: rest rotations are identity, so a translation by -J.
        b->mOffsetMatrix = translation(-sk.restPositions[u]);
        b->mNumWeights = static_cast<unsigned>(weights[u].size());
        b->mWeights = new aiVertexWeight[std::max<std::size_t>(weights[u].size(), 1)];
        std::copy(weights[u].begin(), weights[u].end(), b->mWeights);
        m->mBones[j] = b;
    }
    return m;
}

aiAnimation* buildAnimation(const ExportScene& s)
{
    const MotionClip& clip = s.clip;
    const Skeleton& sk = *clip.skeleton;
    const int n = sk.jointCount();
    auto* a = new aiAnimation();
    a->mName = s.animationName;
    a->mTicksPerSecond = clip.fps; // key times are frame numbers
    a->mDuration = std::max(0, clip.frameCount - 1);
    a->mNumChannels = static_cast<unsigned>(n);
    a->mChannels = new aiNodeAnim*[static_cast<std::size_t>(n)];
    for (int j = 0; j < n; ++j) {
        const auto u = static_cast<std::size_t>(j);
        auto* c = new aiNodeAnim();
        c->mNodeName = s.jointNames[u];
        const bool isRoot = sk.parents[u] < 0;
        c->mNumPositionKeys = isRoot ? static_cast<unsigned>(clip.frameCount) : 1;
        c->mPositionKeys = new aiVectorKey[c->mNumPositionKeys];
        for (unsigned f = 0; f < c->mNumPositionKeys; ++f) {
            const glm::vec3 p =
                isRoot ? sk.restPositions[u] + clip.rootTranslation[f] : sk.restOffset(j);
            c->mPositionKeys[f] = aiVectorKey(f, aiVector3D(p.x, p.y, p.z));
        }
        c->mNumRotationKeys = static_cast<unsigned>(clip.frameCount);
        c->mRotationKeys = new aiQuatKey[c->mNumRotationKeys];
        for (int f = 0; f < clip.frameCount; ++f) {
            const glm::quat& q = clip.rotation(f, j);
            c->mRotationKeys[f] = aiQuatKey(f, aiQuaternion(q.w, q.x, q.y, q.z));
        }
        c->mNumScalingKeys = 1;
        c->mScalingKeys = new aiVectorKey[1];
        c->mScalingKeys[0] = aiVectorKey(0.0, aiVector3D(1.0f, 1.0f, 1.0f));
        a->mChannels[j] = c;
    }
    return a;
}

std::unique_ptr<aiScene> buildScene(const ExportScene& s)
{
    const Skeleton& sk = *s.clip.skeleton;
    const int n = sk.jointCount();
    auto scene = std::make_unique<aiScene>();
    scene->mRootNode = new aiNode("Root");

    std::vector<aiNode*> joints(static_cast<std::size_t>(n));
    for (int j = 0; j < n; ++j) {
        const auto u = static_cast<std::size_t>(j);
        joints[u] = makeNode(s.jointNames[u], translation(sk.restOffset(j)));
    }
    std::vector<std::vector<aiNode*>> children(static_cast<std::size_t>(n));
    std::vector<aiNode*> top;
    for (int j = 0; j < n; ++j) {
        const int p = sk.parents[static_cast<std::size_t>(j)];
        (p < 0 ? top : children[static_cast<std::size_t>(p)])
            .push_back(joints[static_cast<std::size_t>(j)]);
    }
    for (int j = 0; j < n; ++j) {
        if (!children[static_cast<std::size_t>(j)].empty()) {
            setChildren(joints[static_cast<std::size_t>(j)], children[static_cast<std::size_t>(j)]);
        }
    }
    aiNode* meshNode = makeNode(s.meshName, aiMatrix4x4());
    meshNode->mNumMeshes = 1;
    meshNode->mMeshes = new unsigned[1]{0};
    top.push_back(meshNode);
    setChildren(scene->mRootNode, top);

    scene->mNumMeshes = 1;
    scene->mMeshes = new aiMesh* [1] { buildMesh(s) };
    scene->mNumMaterials = 1;
    scene->mMaterials = new aiMaterial*[1];
    auto* material = new aiMaterial();
    const aiString materialName(s.options.namePrefix + "Wood");
    material->AddProperty(&materialName, AI_MATKEY_NAME);
    const aiColor4D wood(0.72f, 0.55f, 0.38f, 1.0f);
    material->AddProperty(&wood, 1, AI_MATKEY_COLOR_DIFFUSE);
    material->AddProperty(&wood, 1, AI_MATKEY_BASE_COLOR);
    scene->mMaterials[0] = material;
    scene->mNumAnimations = 1;
    scene->mAnimations = new aiAnimation* [1] { buildAnimation(s) };
    return scene;
}

} // namespace

std::string encodeGlb(const ExportScene& scene)
{
    ExportScene s = scene;
    const SkinnedMeshPtr fallback = builtinMannequinMesh();
    if (s.mesh == nullptr) {
        s.mesh = s.options.mesh ? s.options.mesh.get() : fallback.get();
    }
    const std::unique_ptr<aiScene> ai = buildScene(s);
    Assimp::Exporter exporter;
    const aiExportDataBlob* blob = exporter.ExportToBlob(ai.get(), "glb2", 0);
    if (blob == nullptr || blob->size == 0) {
        fail(Error(Errc::ExportFailed,
                   std::string("Assimp's glTF exporter failed: ") + exporter.GetErrorString()));
    }
    return std::string(static_cast<const char*>(blob->data), blob->size);
}

#else

std::string encodeGlb(const ExportScene& /*scene*/)
{
    fail(Error(Errc::ExportFailed,
               "glTF export needs Assimp, and this build has none (configure with "
               "PW_WITH_ASSIMP=ON and install libassimp-dev)"));
}

#endif

} // namespace pw::io::detail
