// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <pw/core/body_mesh.h>
#include <pw/core/error.h>

#include <glm/glm.hpp>

#include <memory>
#include <span>
#include <vector>

class QOpenGLFunctions_3_3_Core;

namespace pw::render {

/// One skinned body to draw: the skinning matrices of its joints for this frame and how it
/// looks.
struct MeshDraw
{
    /// Per joint: world from rest pose, A_k = [R_k | p_k - R_k J_k] (skinningMatrices()).
    std::span<const glm::mat4> skin;
    glm::vec3 offset{0.0f}; ///< added to every vertex (side-by-side layouts)
    glm::vec3 color{0.86f, 0.64f, 0.42f};
    float alpha = 1.0f; ///< < 1: a translucent shell (its front surface only), drawn last
};

/// Draws a SkinnedMesh (the built-in or the official mannequin) with linear blend skinning on
/// the GPU: the rest-pose vertices, normals and four joint indices and weights are uploaded
/// once (setMesh); each draw sends only the joints' matrices. Lit like the skeleton's bones.
/// Translucent bodies get a depth pre-pass so only their nearest surface is blended over what
/// is behind (the bones inside stay visible through one layer).
/// Thread: GUI thread with the owning context current; release() with the same context.
class MeshRenderer
{
  public:
    /// Joints a mesh may reference (the shader's matrix array: 32 mat4 are 512 of the 1024
    /// vertex uniform components OpenGL 3.3 guarantees).
    static constexpr int kMaxJoints = 32;

    MeshRenderer();
    ~MeshRenderer();
    MeshRenderer(const MeshRenderer&) = delete;
    MeshRenderer& operator=(const MeshRenderer&) = delete;

    /// Errors: Internal (shader build failure with the GL log).
    Result<void> initialize(QOpenGLFunctions_3_3_Core* gl);
    /// Uploads `mesh` unless it is the one already uploaded. Error: InvalidArgument (a joint
    /// index >= kMaxJoints, or no triangles).
    Result<void> setMesh(const SkinnedMeshPtr& mesh);
    const SkinnedMesh* mesh() const;
    /// Opaque bodies first, then translucent ones. A draw with fewer matrices than the mesh
    /// references joints is skipped.
    void render(const glm::mat4& viewProjection, const glm::vec3& eye,
                std::span<const MeshDraw> draws);
    void release();
    bool isInitialized() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

/// The linear-blend skinning matrices of one pose: for joint k with world rotation R_k, world
/// position p_k and rest position J_k, [R_k | p_k - R_k J_k] (what pw::skinMesh applies).
void skinningMatrices(std::span<const glm::quat> worldRotations,
                      std::span<const glm::vec3> worldPositions,
                      std::span<const glm::vec3> restPositions, std::vector<glm::mat4>& out);

} // namespace pw::render
