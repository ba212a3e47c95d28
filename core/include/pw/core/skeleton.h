// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <glm/glm.hpp>

#include <memory>
#include <string>
#include <vector>

namespace pw {

/// Number of body joints HY-Motion drives (SMPL-H body without hands).
inline constexpr int kBodyJointCount = 22;

/// A joint hierarchy with a rest pose. Units: metres; axes: Y up, right-handed, the character
/// faces +Z in the rest pose (SMPL convention). Joint 0 is the root (Pelvis); parents precede
/// their children. Rest rotations are identity: a clip's local rotations rotate the rest offsets.
struct Skeleton
{
    std::vector<std::string> names;
    std::vector<int> parents;             ///< -1 for the root
    std::vector<glm::vec3> restPositions; ///< world-space rest joint positions (metres)

    int jointCount() const { return static_cast<int>(names.size()); }
    /// restPositions[j] - restPositions[parent(j)], or restPositions[0] for the root.
    glm::vec3 restOffset(int joint) const;
    /// Index of a joint by exact name, -1 if absent.
    int indexOf(const std::string& name) const;

    /// The built-in 22-joint SMPL-H body of the official wooden mannequin (rest positions from
    /// its j_template.bin, see ../shared/docs/hymotion-spec.md Appendix C). Shared, immutable.
    static std::shared_ptr<const Skeleton> smplhBody();
};

} // namespace pw
