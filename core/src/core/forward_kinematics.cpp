// SPDX-License-Identifier: Apache-2.0
#include <pw/core/error.h>
#include <pw/core/forward_kinematics.h>

namespace pw {

void forwardKinematics(const Skeleton& skeleton, std::span<const glm::quat> localRotation,
                       const glm::vec3& rootTranslation, std::vector<glm::vec3>& worldPositions,
                       std::vector<glm::quat>* worldRotations)
{
    const int n = skeleton.jointCount();
    PW_ASSERT(static_cast<int>(localRotation.size()) >= n);
    std::vector<glm::quat> local(localRotation.begin(), localRotation.begin() + n);
    std::vector<glm::quat> globalRot(static_cast<std::size_t>(n));
    worldPositions.resize(static_cast<std::size_t>(n));
    for (int j = 0; j < n; ++j) {
        const auto u = static_cast<std::size_t>(j);
        const int parent = skeleton.parents[u];
        if (parent < 0) {
            globalRot[u] = local[u];
            worldPositions[u] = skeleton.restPositions[u];
        } else {
            const auto p = static_cast<std::size_t>(parent);
            PW_ASSERT(parent < j);
            globalRot[u] = globalRot[p] * local[u];
            worldPositions[u] = worldPositions[p] + globalRot[p] * skeleton.restOffset(j);
        }
    }
    for (auto& p : worldPositions) {
        p += rootTranslation;
    }
    if (worldRotations != nullptr) {
        *worldRotations = std::move(globalRot);
    }
}

std::vector<glm::vec3> worldPositions(const MotionClip& clip, int frame)
{
    PW_ASSERT(clip.skeleton != nullptr && frame >= 0 && frame < clip.frameCount);
    const int n = clip.jointCount();
    std::vector<glm::vec3> out;
    forwardKinematics(
        *clip.skeleton,
        std::span(clip.localRotation)
            .subspan(static_cast<std::size_t>(frame * n), static_cast<std::size_t>(n)),
        clip.rootTranslation[static_cast<std::size_t>(frame)], out);
    return out;
}

} // namespace pw
