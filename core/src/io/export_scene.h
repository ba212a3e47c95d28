// SPDX-License-Identifier: Apache-2.0
// Private to pw_io: the prepared data every writer consumes, and the unit/axis conversion.
#pragma once

#include <pw/core/body_mesh.h>
#include <pw/core/motion_clip.h>
#include <pw/core/take.h>
#include <pw/io/motion_export.h>

#include <glm/glm.hpp>
#include <glm/gtc/quaternion.hpp>

#include <string>
#include <vector>

namespace pw::io::detail {

/// Maps the clip's space (metres, Y up) to a file's space: p' = scale * C p, R' = C R C^T with
/// C = identity (Y up) or a +90 degree rotation about X (Z up: (x, y, z) -> (x, -z, y)).
/// Conjugating every local rotation keeps rest rotations at identity in the new axes.
struct Space
{
    double scale = 1.0; ///< file units per metre (1 or 100)
    bool zUp = false;

    glm::dvec3 point(const glm::vec3& p) const
    {
        const glm::dvec3 d(p);
        return scale * (zUp ? glm::dvec3(d.x, -d.z, d.y) : d);
    }
    glm::dmat3 rotation(const glm::quat& q) const
    {
        const glm::dmat3 r = glm::mat3_cast(glm::dquat(q));
        if (!zUp) {
            return r;
        }
        // C = Rx(+90): columns (1,0,0), (0,0,1), (0,-1,0).
        const glm::dmat3 c(1, 0, 0, 0, 0, 1, 0, -1, 0);
        return c * r * glm::transpose(c);
    }
};

/// Everything a writer needs: the prepared clip, the mesh (or null), names with the prefix.
struct ExportScene
{
    MotionClip clip;                     ///< prepared (ground, trim, in place), metres, Y up
    const SkinnedMesh* mesh = nullptr;   ///< null when the format or options exclude a mesh
    std::vector<std::string> jointNames; ///< with the name prefix
    std::string meshName;                ///< with the name prefix
    std::string animationName;           ///< take id or "Take 001"
    const Take* take = nullptr;
    ExportOptions options;
    float groundOffset = 0.0f; ///< metres subtracted from the root's y by ground alignment
};

/// Joints in depth-first order (parents before children, siblings in index order).
std::vector<int> depthFirstOrder(const Skeleton& skeleton);

std::string encodeFbx(const ExportScene& scene);
std::string encodeBvh(const ExportScene& scene);
std::string encodeGlb(const ExportScene& scene); ///< throws ExportFailed without Assimp
std::string encodeJson(const ExportScene& scene);

} // namespace pw::io::detail
