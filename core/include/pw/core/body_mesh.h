// SPDX-License-Identifier: Apache-2.0
#pragma once

// Skinned body meshes for display, ground alignment and exports: the built-in mannequin (boxes
// per bone, rigidly skinned, always available) and the official HY-Motion wooden mannequin when
// the user points Posewright at its asset folder (hymotion-spec.md §6.5).

#include <pw/core/error.h>
#include <pw/core/skeleton.h>

#include <glm/glm.hpp>
#include <glm/gtc/quaternion.hpp>

#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace pw {

/// A triangle mesh bound to a skeleton with up to four joint influences per vertex (linear
/// blend skinning). Units and axes: metres, Y up, in the skeleton's rest pose (where every
/// joint's rest rotation is the identity, so the bind matrix of joint j is a translation by
/// restPositions[j]). Immutable once built; share as SkinnedMeshPtr.
struct SkinnedMesh
{
    std::string name;                   ///< "Mannequin" or "WoodenMannequin"
    std::string source;                 ///< "built-in" or the asset folder
    std::vector<glm::vec3> positions;   ///< rest-pose vertex positions
    std::vector<glm::vec3> normals;     ///< unit vertex normals (same count as positions)
    std::vector<std::uint32_t> indices; ///< triangles, counter-clockwise seen from outside
    std::vector<std::array<std::uint16_t, 4>> joints; ///< joint indices into the skeleton
    std::vector<glm::vec4> weights;                   ///< matching weights, each summing to 1

    std::size_t vertexCount() const { return positions.size(); }
    std::size_t triangleCount() const { return indices.size() / 3; }
    /// Every vertex has a single influence of weight 1 (the built-in mannequin).
    bool isRigid() const;
};

using SkinnedMeshPtr = std::shared_ptr<const SkinnedMesh>;

/// The built-in mannequin for `skeleton` (the 22-joint SMPL-H body): a tapered box per bone,
/// plus pelvis, chest, head, hand and foot blocks, each rigidly bound to one joint. The foot
/// soles lie 2.5 cm below the L_Foot/R_Foot joints (the mannequin's toe bases), an estimate of
/// where the official mesh's soles are. Shared, immutable; only the SMPL-H body is supported
/// (asserted).
SkinnedMeshPtr builtinMannequinMesh();

/// The official wooden-mannequin assets (scripts/gradio/static/assets/dump_wooden in the
/// HY-Motion repository) reduced to the 22 body joints: finger influences are moved to their
/// wrist, which is exact because the reference poses the fingers with identity rotations.
struct MannequinAssets
{
    std::shared_ptr<const Skeleton> skeleton; ///< the built-in body (the template matched it)
    SkinnedMeshPtr mesh;
    std::vector<glm::vec3> jointTemplate; ///< all 52 rest joints of j_template.bin
    std::vector<std::string> jointNames;  ///< all 52 names
    std::vector<int> parents;             ///< all 52 parents of kintree.bin
};

/// File names and sizes expected in the asset folder (spec §6.5): j_template.bin (52 x 3 f32),
/// kintree.bin (52 i32), joint_names.json (52 names, optional), v_template.bin (V x 3 f32),
/// skinWeights.bin (V x 4 f32), skinIndice.bin (V x 4 u16), faces.bin (F x 3 u16).
/// Validates every size and count, index ranges, finite values and weight sums, and checks the
/// 22 body joints (names, parents, rest positions within 0.1 mm) against the built-in skeleton.
/// Errors: FileNotFound (folder or file missing), BadInput (naming the file and what is wrong).
Result<MannequinAssets> loadMannequinAssets(const std::filesystem::path& dir);

/// Skins `mesh` for one pose: vertex v' = sum_i w_i (R_i (v - J_i) + p_i) where R_i, p_i are
/// the world rotation and position of joint i (from forwardKinematics, root translation
/// included) and J_i its rest position. `out` is resized to the vertex count.
void skinMesh(const SkinnedMesh& mesh, const Skeleton& skeleton,
              std::span<const glm::quat> worldRotations, std::span<const glm::vec3> worldPositions,
              std::vector<glm::vec3>& out);

} // namespace pw
