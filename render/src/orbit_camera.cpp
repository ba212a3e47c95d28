// SPDX-License-Identifier: Apache-2.0
#include <pw/render/orbit_camera.h>

#include <glm/gtc/matrix_transform.hpp>

#include <algorithm>
#include <cmath>

namespace pw::render {
namespace {
constexpr float kMaxPitch = 1.50f; // just under 90 degrees
constexpr float kMinDistance = 0.1f;
constexpr float kMaxDistance = 500.0f;
} // namespace

void OrbitCamera::orbit(float deltaYawRad, float deltaPitchRad)
{
    setYawPitch(m_yaw + deltaYawRad, m_pitch + deltaPitchRad);
}

void OrbitCamera::setYawPitch(float yawRad, float pitchRad)
{
    constexpr float kTwoPi = 6.28318530718f;
    m_yaw = std::fmod(yawRad, kTwoPi);
    m_pitch = std::clamp(pitchRad, -kMaxPitch, kMaxPitch);
}

void OrbitCamera::setDistance(float distance)
{
    m_distance = std::clamp(distance, kMinDistance, kMaxDistance);
}

void OrbitCamera::pan(float dx, float dy)
{
    const glm::mat4 v = view();
    const glm::vec3 right(v[0][0], v[1][0], v[2][0]);
    const glm::vec3 up(v[0][1], v[1][1], v[2][1]);
    const float viewHeight = 2.0f * m_distance * std::tan(m_fovY * 0.5f);
    m_target += (-dx * viewHeight * m_aspect) * right + (dy * viewHeight) * up;
}

void OrbitCamera::zoom(float factor)
{
    if (factor > 0.0f) {
        setDistance(m_distance * factor);
    }
}

void OrbitCamera::frame(const glm::vec3& boxMin, const glm::vec3& boxMax)
{
    m_target = 0.5f * (boxMin + boxMax);
    const float radius = std::max(0.5f * glm::length(boxMax - boxMin), 0.25f);
    const float halfFov = 0.5f * std::min(m_fovY, m_fovY * m_aspect);
    setDistance(radius / std::sin(halfFov) * 1.1f);
}

glm::vec3 OrbitCamera::eye() const
{
    const float cp = std::cos(m_pitch);
    const glm::vec3 dir(cp * std::sin(m_yaw), std::sin(m_pitch), cp * std::cos(m_yaw));
    return m_target + m_distance * dir;
}

glm::mat4 OrbitCamera::view() const
{
    return glm::lookAt(eye(), m_target, glm::vec3(0.0f, 1.0f, 0.0f));
}

glm::mat4 OrbitCamera::projection() const
{
    const float nearPlane = std::max(0.01f, m_distance * 0.01f);
    const float farPlane = m_distance * 20.0f + 50.0f;
    return glm::perspective(m_fovY, m_aspect, nearPlane, farPlane);
}

} // namespace pw::render
