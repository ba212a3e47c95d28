// SPDX-License-Identifier: Apache-2.0
#include <pw/core/forward_kinematics.h>
#include <pw/core/motion_clip_ops.h>
#include <pw/core/pose_track.h>

#include <algorithm>
#include <limits>

namespace pw {

PoseTrack::PoseTrack(const MotionClip& clip)
{
    const int joints = clip.jointCount();
    const int frames = clip.frameCount;
    if (joints <= 0 || frames <= 0 ||
        clip.localRotation.size() != static_cast<std::size_t>(frames) * joints ||
        clip.rootTranslation.size() != static_cast<std::size_t>(frames)) {
        return;
    }
    m_frameCount = frames;
    m_jointCount = joints;
    m_fps = clip.fps;
    m_positions.reserve(static_cast<std::size_t>(frames) * joints);
    m_rotations.reserve(static_cast<std::size_t>(frames) * joints);
    m_rootPath.reserve(static_cast<std::size_t>(frames));
    m_min = glm::vec3(std::numeric_limits<float>::max());
    m_max = glm::vec3(std::numeric_limits<float>::lowest());
    std::vector<glm::vec3> pose;
    std::vector<glm::quat> rotations;
    for (int f = 0; f < frames; ++f) {
        forwardKinematics(
            *clip.skeleton,
            std::span(clip.localRotation)
                .subspan(static_cast<std::size_t>(f) * joints, static_cast<std::size_t>(joints)),
            clip.rootTranslation[static_cast<std::size_t>(f)], pose, &rotations);
        for (const glm::vec3& p : pose) {
            m_min = glm::min(m_min, p);
            m_max = glm::max(m_max, p);
        }
        m_rootPath.push_back(pose[0]);
        m_positions.insert(m_positions.end(), pose.begin(), pose.end());
        m_rotations.insert(m_rotations.end(), rotations.begin(), rotations.end());
    }
}

PoseTrack PoseTrack::groundAligned(const MotionClip& clip, const SkinnedMesh* mesh)
{
    const int joints = clip.jointCount();
    if (joints <= 0 || clip.frameCount <= 0 ||
        clip.localRotation.size() != static_cast<std::size_t>(clip.frameCount) * joints ||
        clip.rootTranslation.size() != static_cast<std::size_t>(clip.frameCount)) {
        return {};
    }
    const float lowest = lowestPointY(clip, mesh);
    PoseTrack track(pw::groundAligned(clip, lowest));
    track.m_groundOffset = lowest;
    return track;
}

namespace {

/// Frame `frame` (clamped) of a frame-major array with `perFrame` values per frame.
template <class T>
std::span<const T> frameOf(const std::vector<T>& values, int frame, int frameCount, int perFrame)
{
    if (frameCount == 0) {
        return {};
    }
    frame = std::clamp(frame, 0, frameCount - 1);
    return std::span(values).subspan(static_cast<std::size_t>(frame) * perFrame,
                                     static_cast<std::size_t>(perFrame));
}

} // namespace

std::span<const glm::vec3> PoseTrack::frame(int frame) const
{
    return frameOf(m_positions, frame, m_frameCount, m_jointCount);
}

std::span<const glm::quat> PoseTrack::rotations(int frame) const
{
    return frameOf(m_rotations, frame, m_frameCount, m_jointCount);
}

} // namespace pw
