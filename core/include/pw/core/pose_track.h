// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <pw/core/body_mesh.h>
#include <pw/core/motion_clip.h>

#include <glm/glm.hpp>
#include <glm/gtc/quaternion.hpp>

#include <span>
#include <vector>

namespace pw {

/// World joint positions and rotations of every frame of a clip, computed once by forward
/// kinematics so that drawing a frame is a lookup (a 12 s take is 360 frames x 22 joints:
/// 95 KB of positions, 127 KB of rotations). Immutable.
class PoseTrack
{
  public:
    PoseTrack() = default;
    /// Runs FK for every frame. An empty or inconsistent clip gives an empty track.
    explicit PoseTrack(const MotionClip& clip);
    /// The track of `clip` ground-aligned exactly as exports align it (motion_clip_ops.h):
    /// lowered by lowestPointY(clip, mesh), so the lowest point of `mesh` (the official
    /// mannequin or builtinMannequinMesh(); nullptr: the lowest joint) over all frames is on
    /// y = 0. groundOffset() is the amount subtracted.
    static PoseTrack groundAligned(const MotionClip& clip, const SkinnedMesh* mesh);

    bool isEmpty() const { return m_frameCount == 0; }
    int frameCount() const { return m_frameCount; }
    int jointCount() const { return m_jointCount; }
    float fps() const { return m_fps; }
    /// Joint positions of `frame` (clamped to the clip), metres, Y up.
    std::span<const glm::vec3> frame(int frame) const;
    /// World joint rotations of `frame` (clamped), for skinning.
    std::span<const glm::quat> rotations(int frame) const;
    /// Metres subtracted from the clip's height by groundAligned (0 for a raw track).
    float groundOffset() const { return m_groundOffset; }
    /// Bounds over all frames and joints.
    glm::vec3 boundsMin() const { return m_min; }
    glm::vec3 boundsMax() const { return m_max; }
    /// The root joint (pelvis) of every frame: the trajectory trail.
    const std::vector<glm::vec3>& rootPath() const { return m_rootPath; }

  private:
    int m_frameCount = 0;
    int m_jointCount = 0;
    float m_fps = 30.0f;
    std::vector<glm::vec3> m_positions; ///< frame-major
    std::vector<glm::quat> m_rotations; ///< frame-major
    std::vector<glm::vec3> m_rootPath;
    glm::vec3 m_min{0.0f};
    glm::vec3 m_max{0.0f};
    float m_groundOffset = 0.0f;
};

} // namespace pw
