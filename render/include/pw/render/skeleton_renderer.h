// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <pw/core/error.h>

#include <glm/glm.hpp>

#include <memory>
#include <span>

class QOpenGLFunctions_3_3_Core;

namespace pw::render {

/// How one skeleton is drawn.
struct SkeletonStyle
{
    glm::vec3 color{0.86f, 0.64f, 0.42f}; ///< base colour (a light wood tone by default)
    float alpha = 1.0f;                   ///< < 1 draws it translucent, after opaque ones
    bool tintSides = true;  ///< left limbs slightly cooler, right limbs warmer (L/R at a glance)
    bool drawShadow = true; ///< a soft disc on the ground under the pelvis
    bool drawBones = true;  ///< false: only the shadow (a body mesh stands in for the bones)
};

/// One skeleton pose to draw: world joint positions (metres, Y up) and the hierarchy.
struct SkeletonDraw
{
    std::span<const glm::vec3> joints;
    std::span<const int> parents; ///< -1 for the root
    std::span<const int> sides;   ///< per joint: -1 left, 0 centre, +1 right (may be empty)
    int headJoint = -1;           ///< drawn as a larger sphere (skull) when >= 0
    glm::vec3 offset{0.0f};       ///< added to every position (side-by-side layouts)
    SkeletonStyle style;
};

/// A ground trail (the root's path), drawn as a thin ribbon on y = 0: bright up to `current`,
/// faint after it.
struct TrailDraw
{
    std::span<const glm::vec3> points;
    int current = 0;
    glm::vec3 offset{0.0f};
    glm::vec4 color{0.95f, 0.75f, 0.35f, 0.9f};
};

/// Draws skeletons as shaded bones (tapered cylinders) and joints (spheres) with instanced
/// geometry: two draw calls per pass whatever the number of joints and candidates.
/// Thread: GUI thread with the owning context current. GL objects are created in initialize()
/// and must be released with release() while the same context is current.
class SkeletonRenderer
{
  public:
    SkeletonRenderer();
    ~SkeletonRenderer();
    SkeletonRenderer(const SkeletonRenderer&) = delete;
    SkeletonRenderer& operator=(const SkeletonRenderer&) = delete;

    /// Errors: Internal (shader build failure with the GL log).
    Result<void> initialize(QOpenGLFunctions_3_3_Core* gl);
    /// Draws trails and shadows, then opaque skeletons, then translucent ones.
    void render(const glm::mat4& viewProjection, const glm::vec3& eye,
                std::span<const SkeletonDraw> skeletons, std::span<const TrailDraw> trails);
    void release();
    bool isInitialized() const;

    /// Bone radius in metres for a bone of `lengthM` (exposed for tests).
    static float boneRadius(float lengthM);

  private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace pw::render
