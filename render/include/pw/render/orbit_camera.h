// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <glm/glm.hpp>

namespace pw::render {

/// Turntable camera around a target point, Y up (the motion's world frame: metres, Y-up,
/// right-handed). Pure math, no GL: unit-tested without a context.
class OrbitCamera
{
  public:
    /// Rotates around the target by screen-space drag angles (radians). Pitch is clamped so the
    /// camera never flips over the pole.
    void orbit(float deltaYawRad, float deltaPitchRad);
    /// Moves the target in the view plane; `dx`, `dy` are fractions of the viewport size.
    void pan(float dx, float dy);
    /// Multiplies the distance by `factor` (< 1 zooms in), clamped to [0.1, 500] m.
    void zoom(float factor);
    /// Places the target at the centre of the box and the distance so the box fits the view.
    void frame(const glm::vec3& boxMin, const glm::vec3& boxMax);

    void setAspect(float aspect) { m_aspect = aspect > 0.0f ? aspect : 1.0f; }
    void setTarget(const glm::vec3& target) { m_target = target; }
    void setDistance(float distance);
    void setYawPitch(float yawRad, float pitchRad);

    glm::vec3 target() const { return m_target; }
    float distance() const { return m_distance; }
    float yaw() const { return m_yaw; }
    float pitch() const { return m_pitch; }
    float verticalFovRad() const { return m_fovY; }

    glm::vec3 eye() const;
    glm::mat4 view() const;
    glm::mat4 projection() const;
    glm::mat4 viewProjection() const { return projection() * view(); }

  private:
    glm::vec3 m_target{0.0f, 0.9f, 0.0f};
    float m_distance = 4.5f;
    float m_yaw = 0.6f;    // around +Y, 0 looks along -Z from +Z
    float m_pitch = 0.35f; // above the horizon
    float m_fovY = 0.7854f;
    float m_aspect = 16.0f / 9.0f;
};

} // namespace pw::render
