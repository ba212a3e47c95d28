// SPDX-License-Identifier: Apache-2.0
#include <pw/render/grid_renderer.h>
#include <pw/render/shader_program.h>

#include <QOpenGLFunctions_3_3_Core>
#include <QOpenGLShaderProgram>

#include <glm/gtc/type_ptr.hpp>

#include <cmath>
#include <vector>

namespace pw::render {

struct GridRenderer::Impl
{
    QOpenGLFunctions_3_3_Core* gl = nullptr;
    std::unique_ptr<QOpenGLShaderProgram> program;
    unsigned vao = 0;
    unsigned vbo = 0;
    int vertexCount = 0;
    float radius = 10.0f;
};

GridRenderer::GridRenderer() : m_impl(std::make_unique<Impl>()) {}
GridRenderer::~GridRenderer() = default;

bool GridRenderer::isInitialized() const
{
    return m_impl->vao != 0;
}

Result<void> GridRenderer::initialize(QOpenGLFunctions_3_3_Core* gl, const Style& style)
{
    auto program =
        buildProgram(QStringLiteral(":/shaders/grid.vert"), QStringLiteral(":/shaders/grid.frag"));
    if (!program) {
        return program.error();
    }
    Impl& d = *m_impl;
    d.gl = gl;
    d.program = std::move(program).value();
    d.radius = style.halfExtentM;

    struct Vertex
    {
        float x, y, z, r, g, b, a;
    };
    std::vector<Vertex> vertices;
    const int half = static_cast<int>(std::lround(style.halfExtentM / style.spacingM));
    const float e = static_cast<float>(half) * style.spacingM;
    auto line = [&](glm::vec3 a, glm::vec3 b, glm::vec4 c) {
        vertices.push_back({a.x, a.y, a.z, c.r, c.g, c.b, c.a});
        vertices.push_back({b.x, b.y, b.z, c.r, c.g, c.b, c.a});
    };
    for (int i = -half; i <= half; ++i) {
        const float p = static_cast<float>(i) * style.spacingM;
        const bool major = style.majorEvery > 0 && i % style.majorEvery == 0;
        const glm::vec4 c = major ? style.majorColor : style.minorColor;
        // Lines through the origin are the axes: X (red) along x, Z (blue) along z.
        line({-e, 0.0f, p}, {e, 0.0f, p}, i == 0 ? style.xAxisColor : c);
        line({p, 0.0f, -e}, {p, 0.0f, e}, i == 0 ? style.zAxisColor : c);
    }
    d.vertexCount = static_cast<int>(vertices.size());

    gl->glGenVertexArrays(1, &d.vao);
    gl->glGenBuffers(1, &d.vbo);
    gl->glBindVertexArray(d.vao);
    gl->glBindBuffer(GL_ARRAY_BUFFER, d.vbo);
    gl->glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(vertices.size() * sizeof(Vertex)),
                     vertices.data(), GL_STATIC_DRAW);
    gl->glEnableVertexAttribArray(0);
    gl->glVertexAttribPointer(0, 3, GL_FLOAT, GL_FALSE, sizeof(Vertex), nullptr);
    gl->glEnableVertexAttribArray(1);
    gl->glVertexAttribPointer(1, 4, GL_FLOAT, GL_FALSE, sizeof(Vertex),
                              reinterpret_cast<const void*>(3 * sizeof(float)));
    gl->glBindVertexArray(0);
    return {};
}

void GridRenderer::render(const glm::mat4& viewProjection, const glm::vec3& fadeCenter)
{
    Impl& d = *m_impl;
    if (d.vao == 0) {
        return;
    }
    d.program->bind();
    d.gl->glUniformMatrix4fv(d.program->uniformLocation("uViewProj"), 1, GL_FALSE,
                             glm::value_ptr(viewProjection));
    d.gl->glUniform3f(d.program->uniformLocation("uFadeCenter"), fadeCenter.x, fadeCenter.y,
                      fadeCenter.z);
    d.gl->glUniform1f(d.program->uniformLocation("uFadeRadius"), d.radius);
    d.gl->glEnable(GL_BLEND);
    // Colour blended by alpha; the framebuffer's alpha stays 1 (Qt composes it as
    // premultiplied: a lowered alpha under bright colour shows as garbage).
    d.gl->glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    d.gl->glBindVertexArray(d.vao);
    d.gl->glDrawArrays(GL_LINES, 0, d.vertexCount);
    d.gl->glBindVertexArray(0);
    d.gl->glDisable(GL_BLEND);
    d.program->release();
}

void GridRenderer::release()
{
    Impl& d = *m_impl;
    if (d.gl != nullptr && d.vao != 0) {
        d.gl->glDeleteBuffers(1, &d.vbo);
        d.gl->glDeleteVertexArrays(1, &d.vao);
    }
    d.vao = 0;
    d.vbo = 0;
    d.program.reset();
}

} // namespace pw::render
