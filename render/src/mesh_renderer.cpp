// SPDX-License-Identifier: Apache-2.0
#include <pw/render/mesh_renderer.h>
#include <pw/render/shader_program.h>

#include <QOpenGLFunctions_3_3_Core>
#include <QOpenGLShaderProgram>

#include <glm/gtc/type_ptr.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace pw::render {
namespace {

struct GpuVertex
{
    glm::vec3 position;
    glm::vec3 normal;
    std::array<std::uint16_t, 4> joints;
    glm::vec4 weights;
};

} // namespace

struct MeshRenderer::Impl
{
    QOpenGLFunctions_3_3_Core* gl = nullptr;
    std::unique_ptr<QOpenGLShaderProgram> program;
    SkinnedMeshPtr mesh;
    unsigned vao = 0;
    unsigned vbo = 0;
    unsigned ebo = 0;
    int indexCount = 0;
    std::size_t jointsUsed = 0; ///< 1 + the largest joint index the mesh references
    int uViewProj = -1;
    int uSkin = -1;
    int uOffset = -1;
    int uColor = -1;
    int uEye = -1;

    void freeBuffers()
    {
        if (gl != nullptr && vao != 0) {
            gl->glDeleteBuffers(1, &vbo);
            gl->glDeleteBuffers(1, &ebo);
            gl->glDeleteVertexArrays(1, &vao);
        }
        vao = vbo = ebo = 0;
        indexCount = 0;
        jointsUsed = 0;
        mesh.reset();
    }

    void draw(const MeshDraw& d)
    {
        const auto joints = static_cast<GLsizei>(std::min<std::size_t>(d.skin.size(), kMaxJoints));
        gl->glUniformMatrix4fv(uSkin, joints, GL_FALSE, glm::value_ptr(d.skin.front()));
        gl->glUniform3f(uOffset, d.offset.x, d.offset.y, d.offset.z);
        gl->glUniform4f(uColor, d.color.r, d.color.g, d.color.b, d.alpha);
        gl->glDrawElements(GL_TRIANGLES, indexCount, GL_UNSIGNED_INT, nullptr);
    }
};

MeshRenderer::MeshRenderer() : m_impl(std::make_unique<Impl>()) {}
MeshRenderer::~MeshRenderer() = default;

bool MeshRenderer::isInitialized() const
{
    return m_impl->program != nullptr;
}

const SkinnedMesh* MeshRenderer::mesh() const
{
    return m_impl->mesh.get();
}

Result<void> MeshRenderer::initialize(QOpenGLFunctions_3_3_Core* gl)
{
    auto program = buildProgram(QStringLiteral(":/shaders/mesh.vert"),
                                QStringLiteral(":/shaders/skeleton.frag"));
    if (!program) {
        return program.error();
    }
    Impl& d = *m_impl;
    d.gl = gl;
    d.program = std::move(program).value();
    d.uViewProj = d.program->uniformLocation("uViewProj");
    d.uSkin = d.program->uniformLocation("uSkin");
    d.uOffset = d.program->uniformLocation("uOffset");
    d.uColor = d.program->uniformLocation("uColor");
    d.uEye = d.program->uniformLocation("uEye");
    return {};
}

Result<void> MeshRenderer::setMesh(const SkinnedMeshPtr& mesh)
{
    Impl& d = *m_impl;
    if (mesh == d.mesh && mesh != nullptr) {
        return {};
    }
    if (!mesh || mesh->indices.empty() || mesh->positions.empty()) {
        return Error(Errc::InvalidArgument, "the body mesh has no triangles").at("mesh");
    }
    const std::size_t n = mesh->positions.size();
    if (mesh->normals.size() != n || mesh->joints.size() != n || mesh->weights.size() != n) {
        return Error(Errc::InvalidArgument, "the body mesh's vertex arrays differ in length")
            .at("mesh");
    }
    if (mesh->indices.size() % 3 != 0) {
        return Error(Errc::InvalidArgument, "the body mesh's index count is not a multiple of 3")
            .at("mesh")
            .mismatch("a multiple of 3", std::to_string(mesh->indices.size()));
    }
    for (const std::uint32_t index : mesh->indices) {
        if (index >= n) {
            return Error(Errc::InvalidArgument, "the body mesh has a triangle index out of range")
                .at("mesh")
                .mismatch("indices < " + std::to_string(n), std::to_string(index));
        }
    }
    std::vector<GpuVertex> vertices(n);
    std::size_t jointsUsed = 0;
    for (std::size_t i = 0; i < n; ++i) {
        for (const std::uint16_t j : mesh->joints[i]) {
            jointsUsed = std::max<std::size_t>(jointsUsed, std::size_t{j} + 1);
            if (j >= kMaxJoints) {
                return Error(Errc::InvalidArgument, "the body mesh references too many joints")
                    .at("mesh")
                    .mismatch("joint indices < " + std::to_string(kMaxJoints), std::to_string(j));
            }
        }
        vertices[i] = {mesh->positions[i], mesh->normals[i], mesh->joints[i], mesh->weights[i]};
    }
    if (d.gl == nullptr) {
        return Error(Errc::Internal, "the mesh renderer is not initialised");
    }
    d.freeBuffers();
    auto* gl = d.gl;
    gl->glGenVertexArrays(1, &d.vao);
    gl->glGenBuffers(1, &d.vbo);
    gl->glGenBuffers(1, &d.ebo);
    gl->glBindVertexArray(d.vao);
    gl->glBindBuffer(GL_ARRAY_BUFFER, d.vbo);
    gl->glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(vertices.size() * sizeof(GpuVertex)),
                     vertices.data(), GL_STATIC_DRAW);
    gl->glEnableVertexAttribArray(0);
    gl->glVertexAttribPointer(0, 3, GL_FLOAT, GL_FALSE, sizeof(GpuVertex),
                              reinterpret_cast<const void*>(offsetof(GpuVertex, position)));
    gl->glEnableVertexAttribArray(1);
    gl->glVertexAttribPointer(1, 3, GL_FLOAT, GL_FALSE, sizeof(GpuVertex),
                              reinterpret_cast<const void*>(offsetof(GpuVertex, normal)));
    gl->glEnableVertexAttribArray(2);
    gl->glVertexAttribIPointer(2, 4, GL_UNSIGNED_SHORT, sizeof(GpuVertex),
                               reinterpret_cast<const void*>(offsetof(GpuVertex, joints)));
    gl->glEnableVertexAttribArray(3);
    gl->glVertexAttribPointer(3, 4, GL_FLOAT, GL_FALSE, sizeof(GpuVertex),
                              reinterpret_cast<const void*>(offsetof(GpuVertex, weights)));
    gl->glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, d.ebo);
    gl->glBufferData(GL_ELEMENT_ARRAY_BUFFER,
                     static_cast<GLsizeiptr>(mesh->indices.size() * sizeof(std::uint32_t)),
                     mesh->indices.data(), GL_STATIC_DRAW);
    gl->glBindVertexArray(0);
    d.indexCount = static_cast<int>(mesh->indices.size());
    d.jointsUsed = jointsUsed;
    d.mesh = mesh;
    return {};
}

void MeshRenderer::render(const glm::mat4& viewProjection, const glm::vec3& eye,
                          std::span<const MeshDraw> draws)
{
    Impl& d = *m_impl;
    if (d.program == nullptr || d.vao == 0 || draws.empty()) {
        return;
    }
    auto* gl = d.gl;
    d.program->bind();
    gl->glUniformMatrix4fv(d.uViewProj, 1, GL_FALSE, glm::value_ptr(viewProjection));
    gl->glUniform3f(d.uEye, eye.x, eye.y, eye.z);
    gl->glBindVertexArray(d.vao);
    gl->glDisable(GL_BLEND);
    for (const MeshDraw& m : draws) {
        if (m.alpha >= 0.999f && m.skin.size() >= d.jointsUsed) {
            d.draw(m);
        }
    }
    // Translucent shells: depth of the shell first (no colour), then its colour where it is
    // the nearest surface, blended over the bones and the floor behind it.
    for (const MeshDraw& m : draws) {
        if (m.alpha >= 0.999f || m.skin.size() < d.jointsUsed) {
            continue;
        }
        gl->glColorMask(GL_FALSE, GL_FALSE, GL_FALSE, GL_FALSE);
        d.draw(m);
        gl->glColorMask(GL_TRUE, GL_TRUE, GL_TRUE, GL_TRUE);
        gl->glEnable(GL_BLEND);
        // Colour blended by alpha; the framebuffer's alpha stays 1 (Qt composes it as
        // premultiplied: a lowered alpha under bright colour shows as garbage).
        gl->glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE,
                                GL_ONE_MINUS_SRC_ALPHA);
        gl->glDepthFunc(GL_LEQUAL);
        gl->glDepthMask(GL_FALSE);
        d.draw(m);
        gl->glDepthMask(GL_TRUE);
        gl->glDepthFunc(GL_LESS);
        gl->glDisable(GL_BLEND);
    }
    gl->glBindVertexArray(0);
    d.program->release();
}

void MeshRenderer::release()
{
    m_impl->freeBuffers();
    m_impl->program.reset();
}

void skinningMatrices(std::span<const glm::quat> worldRotations,
                      std::span<const glm::vec3> worldPositions,
                      std::span<const glm::vec3> restPositions, std::vector<glm::mat4>& out)
{
    const std::size_t n =
        std::min({worldRotations.size(), worldPositions.size(), restPositions.size()});
    out.resize(n);
    for (std::size_t k = 0; k < n; ++k) {
        const glm::mat3 r = glm::mat3_cast(worldRotations[k]);
        glm::mat4 a(r);
        a[3] = glm::vec4(worldPositions[k] - r * restPositions[k], 1.0f);
        out[k] = a;
    }
}

} // namespace pw::render
