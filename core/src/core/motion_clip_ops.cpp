// SPDX-License-Identifier: Apache-2.0
#include <pw/core/forward_kinematics.h>
#include <pw/core/motion_clip_ops.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <span>

namespace pw {

float lowestPointY(const MotionClip& clip, const SkinnedMesh* mesh)
{
    PW_ASSERT(clip.skeleton != nullptr);
    const int n = clip.jointCount();
    float lowest = std::numeric_limits<float>::infinity();
    std::vector<glm::vec3> positions;
    std::vector<glm::quat> rotations;
    std::vector<glm::vec3> vertices;
    for (int f = 0; f < clip.frameCount; ++f) {
        forwardKinematics(
            *clip.skeleton,
            std::span(clip.localRotation)
                .subspan(static_cast<std::size_t>(f * n), static_cast<std::size_t>(n)),
            clip.rootTranslation[static_cast<std::size_t>(f)], positions,
            mesh != nullptr ? &rotations : nullptr);
        if (mesh != nullptr) {
            skinMesh(*mesh, *clip.skeleton, rotations, positions, vertices);
            for (const auto& v : vertices) {
                lowest = std::min(lowest, v.y);
            }
        } else {
            for (const auto& p : positions) {
                lowest = std::min(lowest, p.y);
            }
        }
    }
    return std::isfinite(lowest) ? lowest : 0.0f;
}

MotionClip groundAligned(const MotionClip& clip, float lowestY)
{
    MotionClip out = clip;
    for (auto& t : out.rootTranslation) {
        t.y -= lowestY;
    }
    return out;
}

MotionClip groundAligned(const MotionClip& clip, const SkinnedMesh* mesh)
{
    return groundAligned(clip, lowestPointY(clip, mesh));
}

Result<MotionClip> trimmed(const MotionClip& clip, int begin, int end)
{
    if (begin < 0 || end > clip.frameCount || begin >= end) {
        return Error(Errc::InvalidArgument, "trim range is outside the clip")
            .at("trim")
            .mismatch("frames A:B with 0 <= A < B <= " + std::to_string(clip.frameCount),
                      std::to_string(begin) + ":" + std::to_string(end));
    }
    MotionClip out;
    out.skeleton = clip.skeleton;
    out.fps = clip.fps;
    out.frameCount = end - begin;
    const auto n = static_cast<std::size_t>(clip.jointCount());
    out.rootTranslation.assign(clip.rootTranslation.begin() + begin,
                               clip.rootTranslation.begin() + end);
    out.localRotation.assign(clip.localRotation.begin() + static_cast<std::ptrdiff_t>(begin * n),
                             clip.localRotation.begin() + static_cast<std::ptrdiff_t>(end * n));
    return out;
}

MotionClip inPlace(const MotionClip& clip)
{
    MotionClip out = clip;
    for (auto& t : out.rootTranslation) {
        t.x = 0.0f;
        t.z = 0.0f;
    }
    return out;
}

Pose samplePose(const MotionClip& clip, double timeSec)
{
    Pose pose;
    const int n = clip.jointCount();
    pose.localRotation.assign(static_cast<std::size_t>(n), glm::quat(1.0f, 0.0f, 0.0f, 0.0f));
    if (clip.frameCount <= 0) {
        return pose;
    }
    const double maxFrame = static_cast<double>(clip.frameCount - 1);
    const double frame = std::clamp(timeSec * static_cast<double>(clip.fps), 0.0, maxFrame);
    const int f0 = static_cast<int>(std::floor(frame));
    const int f1 = std::min(f0 + 1, clip.frameCount - 1);
    const auto alpha = static_cast<float>(frame - f0);
    pose.rootTranslation = glm::mix(clip.rootTranslation[static_cast<std::size_t>(f0)],
                                    clip.rootTranslation[static_cast<std::size_t>(f1)], alpha);
    for (int j = 0; j < n; ++j) {
        glm::quat a = clip.rotation(f0, j);
        glm::quat b = clip.rotation(f1, j);
        if (glm::dot(a, b) < 0.0f) {
            b = -b; // shortest path
        }
        pose.localRotation[static_cast<std::size_t>(j)] = glm::normalize(glm::slerp(a, b, alpha));
    }
    return pose;
}

std::vector<glm::vec3> worldPositions(const Skeleton& skeleton, const Pose& pose)
{
    std::vector<glm::vec3> out;
    forwardKinematics(skeleton, pose.localRotation, pose.rootTranslation, out);
    return out;
}

} // namespace pw
