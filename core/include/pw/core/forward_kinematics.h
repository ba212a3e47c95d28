// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <pw/core/motion_clip.h>

#include <glm/glm.hpp>
#include <glm/gtc/quaternion.hpp>

#include <span>
#include <vector>

namespace pw {

/// World transforms of one pose: G_0 = [R_0 | o_0], G_k = G_parent(k) · [R_k | o_k] with o the
/// rest offsets (the reference's FK), then the root translation added to every joint.
/// `localRotation` holds skeleton.jointCount() rotations. Outputs are resized as needed.
void forwardKinematics(const Skeleton& skeleton, std::span<const glm::quat> localRotation,
                       const glm::vec3& rootTranslation, std::vector<glm::vec3>& worldPositions,
                       std::vector<glm::quat>* worldRotations = nullptr);

/// World joint positions of frame `frame` of `clip` (metres, Y up).
std::vector<glm::vec3> worldPositions(const MotionClip& clip, int frame);

} // namespace pw
