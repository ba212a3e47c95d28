// SPDX-License-Identifier: Apache-2.0
// Synthetic motion for tests and screenshots: a walk cycle made of sine waves on the built-in
// 22-joint skeleton. Not a model output; it only has to look like a person walking.
#pragma once

#include <pw/core/motion_clip.h>
#include <pw/core/take.h>

#include <glm/glm.hpp>
#include <glm/gtc/quaternion.hpp>

#include <cmath>
#include <memory>
#include <string>

namespace pw::test {

/// A walk along +Z at `speedMps`, `frames` long at `fps`. `phase` shifts the cycle so several
/// candidates differ visibly.
inline MotionClipPtr syntheticWalk(int frames = 150, float fps = 30.0f, float speedMps = 1.1f,
                                   float phase = 0.0f)
{
    auto clip = std::make_shared<MotionClip>();
    clip->skeleton = Skeleton::smplhBody();
    clip->fps = fps;
    clip->frameCount = frames;
    const int n = clip->jointCount();
    clip->localRotation.assign(static_cast<std::size_t>(frames * n), glm::quat(1, 0, 0, 0));
    clip->rootTranslation.resize(static_cast<std::size_t>(frames));
    const auto& s = *clip->skeleton;
    const int lHip = s.indexOf("L_Hip"), rHip = s.indexOf("R_Hip");
    const int lKnee = s.indexOf("L_Knee"), rKnee = s.indexOf("R_Knee");
    const int lShoulder = s.indexOf("L_Shoulder"), rShoulder = s.indexOf("R_Shoulder");
    const int lElbow = s.indexOf("L_Elbow"), rElbow = s.indexOf("R_Elbow");
    const int spine = s.indexOf("Spine1");
    const glm::vec3 xAxis(1, 0, 0), yAxis(0, 1, 0), zAxis(0, 0, 1);
    for (int f = 0; f < frames; ++f) {
        const float t = static_cast<float>(f) / fps;
        const float w = 2.0f * 3.14159265f * 0.9f * t + phase; // 0.9 strides per second
        auto set = [&](int joint, const glm::quat& q) {
            clip->localRotation[static_cast<std::size_t>(f * n + joint)] = q;
        };
        // Negative angles about X swing a leg forward (the body faces +Z).
        set(lHip, glm::angleAxis(-0.45f * std::sin(w), xAxis));
        set(rHip, glm::angleAxis(0.45f * std::sin(w), xAxis));
        set(lKnee, glm::angleAxis(0.6f * std::max(0.0f, std::sin(w + 1.2f)), xAxis));
        set(rKnee, glm::angleAxis(0.6f * std::max(0.0f, -std::sin(w + 1.2f)), xAxis));
        // Arms down from the T pose, swinging against the legs.
        set(lShoulder, glm::angleAxis(0.35f * std::sin(w), xAxis) * glm::angleAxis(-1.2f, zAxis));
        set(rShoulder, glm::angleAxis(-0.35f * std::sin(w), xAxis) * glm::angleAxis(1.2f, zAxis));
        set(lElbow, glm::angleAxis(0.3f, yAxis));
        set(rElbow, glm::angleAxis(-0.3f, yAxis));
        set(spine, glm::angleAxis(0.06f * std::sin(w), yAxis));
        clip->rootTranslation[static_cast<std::size_t>(f)] =
            glm::vec3(0.0f, 1.16f + 0.02f * std::cos(2.0f * w), speedMps * t);
    }
    return clip;
}

/// A take around syntheticWalk with plausible metadata.
inline Take syntheticTake(const std::string& id, std::uint64_t seed = 42, int frames = 150,
                          float phase = 0.0f)
{
    Take take;
    take.id = id;
    take.prompt = "A person walks forward.";
    take.seed = seed;
    take.params.durationSec = frames / 30.0;
    take.params.frames = frames;
    take.params.device = "cpu";
    take.params.precision = "fp32";
    take.model.name = "synthetic";
    take.createdUtc = "2026-11-25T08:15:03Z";
    take.appVersion = "test";
    take.motion = syntheticWalk(frames, 30.0f, 1.1f, phase);
    return take;
}

} // namespace pw::test
