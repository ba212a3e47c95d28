// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <pw/core/error.h>

#include <glm/glm.hpp>

#include <memory>

class QOpenGLFunctions_3_3_Core;

namespace pw::render {

/// Draws the ground grid on y = 0: 1 m lines, 10 m major lines, red X axis and blue Z axis.
/// Thread: GUI thread with the owning context current. GL objects are created in initialize()
/// and must be released with release() while the same context is current.
class GridRenderer
{
  public:
    struct Style
    {
        float halfExtentM = 10.0f; ///< the grid spans [-halfExtent, +halfExtent] in x and z
        float spacingM = 0.5f;
        int majorEvery = 2; ///< every n-th line is a major (brighter) line
        glm::vec4 minorColor{0.36f, 0.38f, 0.42f, 1.0f};
        glm::vec4 majorColor{0.52f, 0.55f, 0.60f, 1.0f};
        glm::vec4 xAxisColor{0.85f, 0.30f, 0.28f, 1.0f};
        glm::vec4 zAxisColor{0.28f, 0.48f, 0.90f, 1.0f};
    };

    GridRenderer();
    ~GridRenderer();
    GridRenderer(const GridRenderer&) = delete;
    GridRenderer& operator=(const GridRenderer&) = delete;

    Result<void> initialize(QOpenGLFunctions_3_3_Core* gl, const Style& style);
    void render(const glm::mat4& viewProjection, const glm::vec3& fadeCenter);
    void release();
    bool isInitialized() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace pw::render
