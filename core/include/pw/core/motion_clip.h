// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <pw/core/skeleton.h>

#include <glm/glm.hpp>
#include <glm/gtc/quaternion.hpp>

#include <memory>
#include <vector>

namespace pw {

/// A skeletal animation: immutable once built, shared between threads as MotionClipPtr.
/// Units and axes: metres, seconds, Y up, right-handed (the reference's SMPL frame).
/// - rootTranslation[f]: the SMPL `transl` of frame f (added to the posed root joint).
/// - localRotation[f * jointCount + j]: rotation of joint j relative to its parent's frame; for
///   the root it is the global orientation. With all identities the clip shows the rest pose.
/// World joint positions come from forward kinematics (forward_kinematics.h); ground alignment,
/// trimming, in-place and pose sampling are in motion_clip_ops.h, decoding in motion_decode.h.
struct MotionClip
{
    std::shared_ptr<const Skeleton> skeleton;
    float fps = 30.0f;
    int frameCount = 0;
    std::vector<glm::vec3> rootTranslation;
    std::vector<glm::quat> localRotation;

    int jointCount() const { return skeleton ? skeleton->jointCount() : 0; }
    float durationSec() const
    {
        return frameCount > 0 ? static_cast<float>(frameCount) / fps : 0.0f;
    }
    const glm::quat& rotation(int frame, int joint) const
    {
        return localRotation[static_cast<std::size_t>(frame * jointCount() + joint)];
    }
};

using MotionClipPtr = std::shared_ptr<const MotionClip>;

} // namespace pw
