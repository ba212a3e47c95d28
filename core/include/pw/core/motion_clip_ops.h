// SPDX-License-Identifier: Apache-2.0
#pragma once

// Operations on MotionClip values: ground alignment, trimming, in-place, pose sampling.
// Units and axes as in MotionClip: metres, seconds, Y up, right-handed. Every function returns
// a new clip; the input is never modified. Thread: any.

#include <pw/core/body_mesh.h>
#include <pw/core/error.h>
#include <pw/core/motion_clip.h>

#include <glm/glm.hpp>
#include <glm/gtc/quaternion.hpp>

#include <vector>

namespace pw {

/// The lowest point (world y, metres) of `clip` over all frames: of the skinned `mesh` when
/// given (the reference aligns to its mesh's lowest vertex), else of the joints.
float lowestPointY(const MotionClip& clip, const SkinnedMesh* mesh);

/// A copy of `clip` lowered (or raised) by `lowestY` so that point sits on y = 0: the root
/// translation's y minus lowestY on every frame (what the reference does to `transl`).
MotionClip groundAligned(const MotionClip& clip, float lowestY);

/// groundAligned(clip, lowestPointY(clip, mesh)). Pass builtinMannequinMesh().get() or the
/// official mesh; nullptr aligns the lowest joint.
MotionClip groundAligned(const MotionClip& clip, const SkinnedMesh* mesh);

/// Frames [begin, end) of `clip` (end exclusive, like a Python slice).
/// Error: InvalidArgument when not 0 <= begin < end <= frameCount (naming the range).
Result<MotionClip> trimmed(const MotionClip& clip, int begin, int end);

/// A copy without horizontal root motion: the root translation's x and z are 0 on every frame
/// (y, the root rotation and all joint rotations are kept), so the character moves in place
/// above the origin. For game engines that drive locomotion themselves.
MotionClip inPlace(const MotionClip& clip);

/// A pose: local rotations (one per joint) and the root translation.
struct Pose
{
    std::vector<glm::quat> localRotation;
    glm::vec3 rootTranslation{0.0f};
};

/// The pose at `timeSec` (clamped to [0, duration of the last frame]): shortest-path slerp of
/// each local rotation and linear interpolation of the root translation between the two nearest
/// frames. Frame f sits at f / fps. An empty clip gives the rest pose.
Pose samplePose(const MotionClip& clip, double timeSec);

/// World joint positions of a pose (metres, Y up).
std::vector<glm::vec3> worldPositions(const Skeleton& skeleton, const Pose& pose);

} // namespace pw
