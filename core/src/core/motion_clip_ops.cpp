// SPDX-License-Identifier: Apache-2.0
#include <pw/core/forward_kinematics.h>
#include <pw/core/motion_clip_ops.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <span>

namespace pw {

float lowestPointY(const MotionClip& clip, const SkinnedMesh* mesh)
{
    PW_ASSERT(clip.skeleton != nullptr);
    const Skeleton& skeleton = *clip.skeleton;
    const auto n = static_cast<std::size_t>(clip.jointCount());
    const auto frames = static_cast<std::size_t>(std::max(0, clip.frameCount));
    float lowest = std::numeric_limits<float>::infinity();
    // Forward kinematics of every frame first: cheap, and the bounds below need it.
    std::vector<glm::vec3> positions(frames * n);
    std::vector<glm::quat> rotations(mesh != nullptr ? frames * n : 0);
    std::vector<glm::vec3> pose;
    std::vector<glm::quat> poseRotations;
    for (std::size_t f = 0; f < frames; ++f) {
        forwardKinematics(skeleton, std::span(clip.localRotation).subspan(f * n, n),
                          clip.rootTranslation[f], pose,
                          mesh != nullptr ? &poseRotations : nullptr);
        std::copy(pose.begin(), pose.end(), positions.begin() + static_cast<std::ptrdiff_t>(f * n));
        if (mesh != nullptr) {
            std::copy(poseRotations.begin(), poseRotations.end(),
                      rotations.begin() + static_cast<std::ptrdiff_t>(f * n));
        } else {
            for (const auto& p : pose) {
                lowest = std::min(lowest, p.y);
            }
        }
    }
    if (mesh == nullptr || frames == 0) {
        return std::isfinite(lowest) ? lowest : 0.0f;
    }

    // The mesh's lowest vertex, exactly as skinMesh computes it, but without skinning every
    // vertex of every frame (24k vertices x 360 frames for the official mannequin): a vertex
    // influenced by joint k lies within reach[k] of it, so its skinned y (a weighted sum with
    // weights w >= 0 summing to W) is at least W * min_k (p_k.y - reach[k]). Frames and joints
    // whose bound cannot beat the lowest point found so far are skipped.
    const std::size_t vertexCount = mesh->positions.size();
    std::vector<std::vector<std::uint32_t>> byJoint(n);
    std::vector<float> reach(n, 0.0f);
    float weightMin = std::numeric_limits<float>::infinity();
    float weightMax = 0.0f;
    bool boundsHold = true;
    for (std::size_t i = 0; i < vertexCount; ++i) {
        float sum = 0.0f;
        for (int k = 0; k < 4; ++k) {
            const float w = mesh->weights[i][k];
            if (w == 0.0f) {
                continue;
            }
            const std::size_t j = mesh->joints[i][static_cast<std::size_t>(k)];
            PW_ASSERT(j < n);
            boundsHold = boundsHold && w > 0.0f;
            sum += w;
            if (byJoint[j].empty() || byJoint[j].back() != i) {
                byJoint[j].push_back(static_cast<std::uint32_t>(i));
            }
            reach[j] =
                std::max(reach[j], glm::length(mesh->positions[i] - skeleton.restPositions[j]));
        }
        if (sum == 0.0f) {
            lowest = std::min(lowest, 0.0f); // skinMesh leaves such a vertex at the origin
        }
        weightMin = std::min(weightMin, sum);
        weightMax = std::max(weightMax, sum);
    }
    // g(m): the least W * m over the vertices' weight sums W (monotonic in m).
    auto bound = [&](float m) { return m >= 0.0f ? weightMin * m : weightMax * m; };
    constexpr float kMargin = 1e-4f; // far above float rounding of the bound (metres)

    std::vector<float> frameBound(frames);
    std::vector<std::size_t> order(frames);
    for (std::size_t f = 0; f < frames; ++f) {
        float b = std::numeric_limits<float>::infinity();
        for (std::size_t j = 0; j < n; ++j) {
            if (!byJoint[j].empty()) {
                b = std::min(b, bound(positions[f * n + j].y - reach[j]));
            }
        }
        frameBound[f] = b;
        order[f] = f;
    }
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return frameBound[a] < frameBound[b]; });

    std::vector<glm::mat3> r(n);
    std::vector<glm::vec3> t(n);
    std::vector<std::uint32_t> visited(vertexCount, 0);
    std::uint32_t stamp = 0;
    for (const std::size_t f : order) {
        if (boundsHold && frameBound[f] - kMargin >= lowest) {
            break; // frames are sorted by their bound: none of the rest can go lower
        }
        ++stamp;
        for (std::size_t j = 0; j < n; ++j) {
            r[j] = glm::mat3_cast(rotations[f * n + j]);
            t[j] = positions[f * n + j] - r[j] * skeleton.restPositions[j];
        }
        for (std::size_t jb = 0; jb < n; ++jb) {
            if (boundsHold && bound(positions[f * n + jb].y - reach[jb]) - kMargin >= lowest) {
                continue;
            }
            for (const std::uint32_t i : byJoint[jb]) {
                if (visited[i] == stamp) {
                    continue;
                }
                visited[i] = stamp;
                // The same arithmetic as skinMesh, so the result is bit-identical.
                const glm::vec3& v = mesh->positions[i];
                const auto& ji = mesh->joints[i];
                const glm::vec4& wi = mesh->weights[i];
                glm::vec3 acc(0.0f);
                for (int k = 0; k < 4; ++k) {
                    const float wk = wi[k];
                    if (wk != 0.0f) {
                        const std::size_t j = ji[static_cast<std::size_t>(k)];
                        acc += wk * (r[j] * v + t[j]);
                    }
                }
                lowest = std::min(lowest, acc.y);
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
