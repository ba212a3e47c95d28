// SPDX-License-Identifier: Apache-2.0
#include <pw/render/shader_program.h>
#include <pw/render/skeleton_renderer.h>

#include <QOpenGLFunctions_3_3_Core>
#include <QOpenGLShaderProgram>

#include <glm/gtc/type_ptr.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

namespace pw::render {
namespace {

constexpr float kPi = 3.14159265358979f;

struct MeshVertex
{
    glm::vec3 position;
    glm::vec3 normal;
};

struct Instance
{
    glm::mat4 model;
    glm::vec4 color;
};

struct FlatVertex
{
    glm::vec3 position;
    glm::vec4 color;
};

struct Mesh
{
    std::vector<MeshVertex> vertices;
    std::vector<unsigned> indices;
};

/// Unit sphere (radius 1) as a UV sphere.
Mesh makeSphere(int slices, int stacks)
{
    Mesh m;
    for (int i = 0; i <= stacks; ++i) {
        const float phi = kPi * static_cast<float>(i) / static_cast<float>(stacks);
        for (int j = 0; j <= slices; ++j) {
            const float theta = 2.0f * kPi * static_cast<float>(j) / static_cast<float>(slices);
            const glm::vec3 p(std::sin(phi) * std::cos(theta), std::cos(phi),
                              std::sin(phi) * std::sin(theta));
            m.vertices.push_back({p, p});
        }
    }
    const auto row = static_cast<unsigned>(slices + 1);
    for (unsigned i = 0; i < static_cast<unsigned>(stacks); ++i) {
        for (unsigned j = 0; j < static_cast<unsigned>(slices); ++j) {
            const unsigned a = i * row + j;
            const unsigned b = a + row;
            m.indices.insert(m.indices.end(), {a, b, a + 1, a + 1, b, b + 1});
        }
    }
    return m;
}

/// A bone along +Y from 0 to 1: a cylinder tapering from radius 1 to 0.62, with a slight bulge
/// near the parent end like a limb.
Mesh makeBone(int slices)
{
    Mesh m;
    const float rings[][2] = {{0.0f, 0.80f}, {0.18f, 1.0f}, {0.75f, 0.78f}, {1.0f, 0.62f}};
    const int ringCount = 4;
    for (int r = 0; r < ringCount; ++r) {
        const float y = rings[r][0];
        const float radius = rings[r][1];
        // Slope of the profile gives the normal's Y component.
        const int r0 = std::max(0, r - 1);
        const int r1 = std::min(ringCount - 1, r + 1);
        const float dr = rings[r1][1] - rings[r0][1];
        const float dy = rings[r1][0] - rings[r0][0];
        for (int j = 0; j <= slices; ++j) {
            const float theta = 2.0f * kPi * static_cast<float>(j) / static_cast<float>(slices);
            const glm::vec3 radial(std::cos(theta), 0.0f, std::sin(theta));
            const glm::vec3 normal = glm::normalize(radial * dy - glm::vec3(0, dr, 0));
            m.vertices.push_back({radial * radius + glm::vec3(0, y, 0), normal});
        }
    }
    const auto row = static_cast<unsigned>(slices + 1);
    for (unsigned r = 0; r + 1 < static_cast<unsigned>(ringCount); ++r) {
        for (unsigned j = 0; j < static_cast<unsigned>(slices); ++j) {
            const unsigned a = r * row + j;
            const unsigned b = a + row;
            m.indices.insert(m.indices.end(), {a, a + 1, b, a + 1, b + 1, b});
        }
    }
    return m;
}

glm::vec3 sideTint(const glm::vec3& base, int side)
{
    if (side < 0) {
        return glm::mix(base, glm::vec3(0.55f, 0.70f, 0.95f), 0.28f);
    }
    if (side > 0) {
        return glm::mix(base, glm::vec3(0.98f, 0.55f, 0.48f), 0.28f);
    }
    return base;
}

/// Model matrix taking the unit bone (0..1 along Y, radius 1) onto the segment a -> b.
glm::mat4 boneMatrix(const glm::vec3& a, const glm::vec3& b, float radius)
{
    const glm::vec3 d = b - a;
    const float length = glm::length(d);
    const glm::vec3 y = length > 1e-6f ? d / length : glm::vec3(0, 1, 0);
    const glm::vec3 helper = std::abs(y.y) < 0.9f ? glm::vec3(0, 1, 0) : glm::vec3(1, 0, 0);
    const glm::vec3 x = glm::normalize(glm::cross(helper, y));
    const glm::vec3 z = glm::cross(x, y);
    glm::mat4 m(1.0f);
    m[0] = glm::vec4(x * radius, 0.0f);
    m[1] = glm::vec4(d, 0.0f);
    m[2] = glm::vec4(z * radius, 0.0f);
    m[3] = glm::vec4(a, 1.0f);
    return m;
}

glm::mat4 sphereMatrix(const glm::vec3& center, float radius)
{
    glm::mat4 m(radius);
    m[3] = glm::vec4(center, 1.0f);
    return m;
}

} // namespace

struct SkeletonRenderer::Impl
{
    QOpenGLFunctions_3_3_Core* gl = nullptr;
    std::unique_ptr<QOpenGLShaderProgram> meshProgram;
    std::unique_ptr<QOpenGLShaderProgram> flatProgram;
    struct GpuMesh
    {
        unsigned vao = 0;
        unsigned vbo = 0;
        unsigned ebo = 0;
        int indexCount = 0;
    };
    GpuMesh sphere;
    GpuMesh bone;
    unsigned instanceVbo = 0;
    unsigned flatVao = 0;
    unsigned flatVbo = 0;

    void upload(GpuMesh& gpu, const Mesh& mesh)
    {
        gl->glGenVertexArrays(1, &gpu.vao);
        gl->glGenBuffers(1, &gpu.vbo);
        gl->glGenBuffers(1, &gpu.ebo);
        gl->glBindVertexArray(gpu.vao);
        gl->glBindBuffer(GL_ARRAY_BUFFER, gpu.vbo);
        gl->glBufferData(GL_ARRAY_BUFFER,
                         static_cast<GLsizeiptr>(mesh.vertices.size() * sizeof(MeshVertex)),
                         mesh.vertices.data(), GL_STATIC_DRAW);
        gl->glEnableVertexAttribArray(0);
        gl->glVertexAttribPointer(0, 3, GL_FLOAT, GL_FALSE, sizeof(MeshVertex), nullptr);
        gl->glEnableVertexAttribArray(1);
        gl->glVertexAttribPointer(1, 3, GL_FLOAT, GL_FALSE, sizeof(MeshVertex),
                                  reinterpret_cast<const void*>(sizeof(glm::vec3)));
        gl->glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, gpu.ebo);
        gl->glBufferData(GL_ELEMENT_ARRAY_BUFFER,
                         static_cast<GLsizeiptr>(mesh.indices.size() * sizeof(unsigned)),
                         mesh.indices.data(), GL_STATIC_DRAW);
        gpu.indexCount = static_cast<int>(mesh.indices.size());
        // Per-instance attributes come from the shared instance buffer (pointed per draw).
        gl->glBindBuffer(GL_ARRAY_BUFFER, instanceVbo);
        for (GLuint loc = 2; loc <= 6; ++loc) {
            gl->glEnableVertexAttribArray(loc);
            gl->glVertexAttribDivisor(loc, 1);
        }
        gl->glBindVertexArray(0);
    }

    /// GL 3.3 has no base-instance draws: point the instance attributes at `first`.
    void drawInstances(const GpuMesh& gpu, std::size_t first, std::size_t count)
    {
        if (count == 0) {
            return;
        }
        gl->glBindVertexArray(gpu.vao);
        gl->glBindBuffer(GL_ARRAY_BUFFER, instanceVbo);
        const std::size_t base = first * sizeof(Instance);
        for (GLuint c = 0; c < 4; ++c) {
            gl->glVertexAttribPointer(2 + c, 4, GL_FLOAT, GL_FALSE, sizeof(Instance),
                                      reinterpret_cast<const void*>(base + c * sizeof(glm::vec4)));
        }
        gl->glVertexAttribPointer(6, 4, GL_FLOAT, GL_FALSE, sizeof(Instance),
                                  reinterpret_cast<const void*>(base + sizeof(glm::mat4)));
        gl->glDrawElementsInstanced(GL_TRIANGLES, gpu.indexCount, GL_UNSIGNED_INT, nullptr,
                                    static_cast<GLsizei>(count));
    }
};

SkeletonRenderer::SkeletonRenderer() : m_impl(std::make_unique<Impl>()) {}
SkeletonRenderer::~SkeletonRenderer() = default;

bool SkeletonRenderer::isInitialized() const
{
    return m_impl->sphere.vao != 0;
}

float SkeletonRenderer::boneRadius(float lengthM)
{
    return std::clamp(0.11f * lengthM, 0.018f, 0.042f);
}

Result<void> SkeletonRenderer::initialize(QOpenGLFunctions_3_3_Core* gl)
{
    auto mesh = buildProgram(QStringLiteral(":/shaders/skeleton.vert"),
                             QStringLiteral(":/shaders/skeleton.frag"));
    if (!mesh) {
        return mesh.error();
    }
    auto flat =
        buildProgram(QStringLiteral(":/shaders/flat.vert"), QStringLiteral(":/shaders/flat.frag"));
    if (!flat) {
        return flat.error();
    }
    Impl& d = *m_impl;
    d.gl = gl;
    d.meshProgram = std::move(mesh).value();
    d.flatProgram = std::move(flat).value();
    gl->glGenBuffers(1, &d.instanceVbo);
    d.upload(d.sphere, makeSphere(18, 12));
    d.upload(d.bone, makeBone(14));

    gl->glGenVertexArrays(1, &d.flatVao);
    gl->glGenBuffers(1, &d.flatVbo);
    gl->glBindVertexArray(d.flatVao);
    gl->glBindBuffer(GL_ARRAY_BUFFER, d.flatVbo);
    gl->glEnableVertexAttribArray(0);
    gl->glVertexAttribPointer(0, 3, GL_FLOAT, GL_FALSE, sizeof(FlatVertex), nullptr);
    gl->glEnableVertexAttribArray(1);
    gl->glVertexAttribPointer(1, 4, GL_FLOAT, GL_FALSE, sizeof(FlatVertex),
                              reinterpret_cast<const void*>(sizeof(glm::vec3)));
    gl->glBindVertexArray(0);
    return {};
}

void SkeletonRenderer::render(const glm::mat4& viewProjection, const glm::vec3& eye,
                              std::span<const SkeletonDraw> skeletons,
                              std::span<const TrailDraw> trails)
{
    Impl& d = *m_impl;
    if (d.sphere.vao == 0) {
        return;
    }
    auto* gl = d.gl;

    // --- ground: trails and shadows (unlit, blended, no depth writes) -------------------------
    std::vector<FlatVertex> flat;
    // Trails are ribbons on the ground (GL core profile has no wide lines): bright up to the
    // current frame, faint after it.
    constexpr float kTrailY = 0.004f;
    constexpr float kTrailHalfWidth = 0.035f;
    for (const TrailDraw& t : trails) {
        if (t.points.size() < 2) {
            continue;
        }
        for (std::size_t i = 0; i + 1 < t.points.size(); ++i) {
            const glm::vec3 a = t.points[i] + t.offset;
            const glm::vec3 b = t.points[i + 1] + t.offset;
            glm::vec2 dir(b.x - a.x, b.z - a.z);
            const float len = glm::length(dir);
            if (len < 1e-5f) {
                continue;
            }
            dir /= len;
            const glm::vec3 side(-dir.y * kTrailHalfWidth, 0.0f, dir.x * kTrailHalfWidth);
            glm::vec4 c = t.color;
            if (static_cast<int>(i) >= t.current) {
                c.a *= 0.3f;
            }
            const glm::vec3 a0(a.x - side.x, kTrailY, a.z - side.z);
            const glm::vec3 a1(a.x + side.x, kTrailY, a.z + side.z);
            const glm::vec3 b0(b.x - side.x, kTrailY, b.z - side.z);
            const glm::vec3 b1(b.x + side.x, kTrailY, b.z + side.z);
            flat.insert(flat.end(), {{a0, c}, {a1, c}, {b1, c}, {a0, c}, {b1, c}, {b0, c}});
        }
    }
    const int trailCount = static_cast<int>(flat.size());
    const int shadowFirst = static_cast<int>(flat.size());
    constexpr int kShadowSegments = 28;
    for (const SkeletonDraw& s : skeletons) {
        if (!s.style.drawShadow || s.joints.empty()) {
            continue;
        }
        const glm::vec3 center = s.joints[0] + s.offset;
        const glm::vec4 inner(0.0f, 0.0f, 0.0f, 0.38f * s.style.alpha);
        const glm::vec4 outer(0.0f, 0.0f, 0.0f, 0.0f);
        for (int k = 0; k < kShadowSegments; ++k) {
            const float a0 = 2.0f * kPi * static_cast<float>(k) / kShadowSegments;
            const float a1 = 2.0f * kPi * static_cast<float>(k + 1) / kShadowSegments;
            const float r = 0.32f;
            flat.push_back({{center.x, 0.002f, center.z}, inner});
            flat.push_back(
                {{center.x + r * std::cos(a0), 0.002f, center.z + r * std::sin(a0)}, outer});
            flat.push_back(
                {{center.x + r * std::cos(a1), 0.002f, center.z + r * std::sin(a1)}, outer});
        }
    }
    const int shadowCount = static_cast<int>(flat.size()) - shadowFirst;

    gl->glEnable(GL_BLEND);
    // Colour blended by alpha; the framebuffer's alpha stays 1 (Qt composes it as
    // premultiplied: a lowered alpha under bright colour shows as garbage).
    gl->glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    if (!flat.empty()) {
        d.flatProgram->bind();
        gl->glUniformMatrix4fv(d.flatProgram->uniformLocation("uViewProj"), 1, GL_FALSE,
                               glm::value_ptr(viewProjection));
        gl->glDepthMask(GL_FALSE);
        gl->glBindVertexArray(d.flatVao);
        gl->glBindBuffer(GL_ARRAY_BUFFER, d.flatVbo);
        gl->glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(flat.size() * sizeof(FlatVertex)),
                         flat.data(), GL_STREAM_DRAW);
        if (shadowCount > 0) {
            gl->glDrawArrays(GL_TRIANGLES, shadowFirst, shadowCount);
        }
        if (trailCount > 0) {
            gl->glDrawArrays(GL_TRIANGLES, 0, trailCount);
        }
        gl->glBindVertexArray(0);
        gl->glDepthMask(GL_TRUE);
        d.flatProgram->release();
    }

    // --- skeletons: bones and joints, opaque first, translucent after -------------------------
    std::vector<Instance> bones[2];
    std::vector<Instance> joints[2];
    for (const SkeletonDraw& s : skeletons) {
        const int n = static_cast<int>(s.joints.size());
        if (!s.style.drawBones || n == 0 || static_cast<int>(s.parents.size()) < n) {
            continue;
        }
        const int pass = s.style.alpha < 0.999f ? 1 : 0;
        auto colorOf = [&s](int joint, float shade) {
            const int side = joint < static_cast<int>(s.sides.size()) && s.style.tintSides
                                 ? s.sides[static_cast<std::size_t>(joint)]
                                 : 0;
            return glm::vec4(sideTint(s.style.color, side) * shade, s.style.alpha);
        };
        for (int j = 0; j < n; ++j) {
            const glm::vec3 p = s.joints[static_cast<std::size_t>(j)] + s.offset;
            const int parent = s.parents[static_cast<std::size_t>(j)];
            if (parent >= 0 && parent < n) {
                const glm::vec3 a = s.joints[static_cast<std::size_t>(parent)] + s.offset;
                const float radius = boneRadius(glm::length(p - a));
                bones[pass].push_back({boneMatrix(a, p, radius), colorOf(j, 1.0f)});
            }
            float jointRadius = parent < 0 ? 0.055f : 0.032f;
            joints[pass].push_back({sphereMatrix(p, jointRadius), colorOf(j, 0.82f)});
            if (j == s.headJoint && parent >= 0) {
                // The Head joint sits at the base of the skull: draw the skull above it.
                const glm::vec3 up =
                    glm::normalize(p - (s.joints[static_cast<std::size_t>(parent)] + s.offset));
                joints[pass].push_back({sphereMatrix(p + up * 0.075f, 0.1f), colorOf(j, 1.0f)});
            }
        }
    }
    std::vector<Instance> all;
    const std::size_t boneOpaque = 0;
    all.insert(all.end(), bones[0].begin(), bones[0].end());
    const std::size_t boneTranslucent = all.size();
    all.insert(all.end(), bones[1].begin(), bones[1].end());
    const std::size_t jointOpaque = all.size();
    all.insert(all.end(), joints[0].begin(), joints[0].end());
    const std::size_t jointTranslucent = all.size();
    all.insert(all.end(), joints[1].begin(), joints[1].end());
    if (all.empty()) {
        gl->glDisable(GL_BLEND);
        return;
    }
    gl->glBindBuffer(GL_ARRAY_BUFFER, d.instanceVbo);
    gl->glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(all.size() * sizeof(Instance)),
                     all.data(), GL_STREAM_DRAW);
    d.meshProgram->bind();
    gl->glUniformMatrix4fv(d.meshProgram->uniformLocation("uViewProj"), 1, GL_FALSE,
                           glm::value_ptr(viewProjection));
    gl->glUniform3f(d.meshProgram->uniformLocation("uEye"), eye.x, eye.y, eye.z);
    // No face culling: the meshes are closed enough and the shader lights both faces.
    gl->glDisable(GL_BLEND);
    d.drawInstances(d.bone, boneOpaque, bones[0].size());
    d.drawInstances(d.sphere, jointOpaque, joints[0].size());
    if (!bones[1].empty() || !joints[1].empty()) {
        gl->glEnable(GL_BLEND);
        gl->glDepthMask(GL_FALSE);
        d.drawInstances(d.bone, boneTranslucent, bones[1].size());
        d.drawInstances(d.sphere, jointTranslucent, joints[1].size());
        gl->glDepthMask(GL_TRUE);
    }
    gl->glDisable(GL_BLEND);
    gl->glBindVertexArray(0);
    d.meshProgram->release();
}

void SkeletonRenderer::release()
{
    Impl& d = *m_impl;
    if (d.gl != nullptr && d.sphere.vao != 0) {
        for (Impl::GpuMesh* m : {&d.sphere, &d.bone}) {
            d.gl->glDeleteBuffers(1, &m->vbo);
            d.gl->glDeleteBuffers(1, &m->ebo);
            d.gl->glDeleteVertexArrays(1, &m->vao);
            *m = Impl::GpuMesh{};
        }
        d.gl->glDeleteBuffers(1, &d.instanceVbo);
        d.gl->glDeleteBuffers(1, &d.flatVbo);
        d.gl->glDeleteVertexArrays(1, &d.flatVao);
        d.instanceVbo = d.flatVbo = d.flatVao = 0;
    }
    d.meshProgram.reset();
    d.flatProgram.reset();
}

} // namespace pw::render
