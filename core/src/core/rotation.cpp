// SPDX-License-Identifier: Apache-2.0
#include <pw/core/error.h>
#include <pw/core/rotation.h>

#include <glm/gtc/constants.hpp>

#include <algorithm>
#include <cmath>

namespace pw {
namespace {

// torch.nn.functional.normalize: v / max(|v|, eps), all float32.
glm::vec3 normalizeLikeTorch(const glm::vec3& v)
{
    const float norm = std::sqrt(v.x * v.x + v.y * v.y + v.z * v.z);
    return v / std::max(norm, 1e-12f);
}

} // namespace

glm::mat3 rot6dToMatrix(std::span<const float, 6> r)
{
    const glm::vec3 a1(r[0], r[2], r[4]);
    const glm::vec3 a2(r[1], r[3], r[5]);
    const glm::vec3 b1 = normalizeLikeTorch(a1);
    const float d = b1.x * a2.x + b1.y * a2.y + b1.z * a2.z;
    const glm::vec3 b2 = normalizeLikeTorch(a2 - d * b1);
    const glm::vec3 b3 = glm::cross(b1, b2);
    return glm::mat3(b1, b2, b3); // glm is column-major: these are the columns
}

std::array<float, 6> matrixToRot6d(const glm::mat3& m)
{
    // m[c][r] in glm; the reference stores (R00, R01, R10, R11, R20, R21).
    return {m[0][0], m[1][0], m[0][1], m[1][1], m[0][2], m[1][2]};
}

glm::quat matrixToQuaternion(const glm::mat3& m)
{
    // Row-major names as in the reference: mRC = row R, column C.
    const float m00 = m[0][0], m01 = m[1][0], m02 = m[2][0];
    const float m10 = m[0][1], m11 = m[1][1], m12 = m[2][1];
    const float m20 = m[0][2], m21 = m[1][2], m22 = m[2][2];
    const float arg[4] = {1.0f + m00 + m11 + m22, 1.0f + m00 - m11 - m22, 1.0f - m00 + m11 - m22,
                          1.0f - m00 - m11 + m22};
    float qAbs[4];
    for (int i = 0; i < 4; ++i) {
        qAbs[i] = arg[i] > 0.0f ? std::sqrt(arg[i]) : 0.0f;
    }
    // First index of the maximum, like torch.argmax.
    int best = 0;
    for (int i = 1; i < 4; ++i) {
        if (qAbs[i] > qAbs[best]) {
            best = i;
        }
    }
    float c[4];
    switch (best) {
    case 0:
        c[0] = qAbs[0] * qAbs[0], c[1] = m21 - m12, c[2] = m02 - m20, c[3] = m10 - m01;
        break;
    case 1:
        c[0] = m21 - m12, c[1] = qAbs[1] * qAbs[1], c[2] = m10 + m01, c[3] = m02 + m20;
        break;
    case 2:
        c[0] = m02 - m20, c[1] = m10 + m01, c[2] = qAbs[2] * qAbs[2], c[3] = m12 + m21;
        break;
    default:
        c[0] = m10 - m01, c[1] = m20 + m02, c[2] = m21 + m12, c[3] = qAbs[3] * qAbs[3];
        break;
    }
    const float denom = 2.0f * std::max(qAbs[best], 0.1f);
    glm::quat q(c[0] / denom, c[1] / denom, c[2] / denom, c[3] / denom); // (w, x, y, z)
    if (q.w < 0.0f) {
        q = -q;
    }
    return q;
}

glm::mat3 quaternionToMatrix(const glm::quat& q)
{
    const float r = q.w, i = q.x, j = q.y, k = q.z;
    const float twoS = 2.0f / (r * r + i * i + j * j + k * k);
    glm::mat3 m;
    // m[c][r]: column-major storage of the row-major formula.
    m[0][0] = 1.0f - twoS * (j * j + k * k);
    m[1][0] = twoS * (i * j - k * r);
    m[2][0] = twoS * (i * k + j * r);
    m[0][1] = twoS * (i * j + k * r);
    m[1][1] = 1.0f - twoS * (i * i + k * k);
    m[2][1] = twoS * (j * k - i * r);
    m[0][2] = twoS * (i * k - j * r);
    m[1][2] = twoS * (j * k + i * r);
    m[2][2] = 1.0f - twoS * (i * i + j * j);
    return m;
}

glm::dvec3 eulerFromMatrix(const glm::dmat3& m, std::array<Axis, 3> axes)
{
    const int i = static_cast<int>(axes[0]);
    const int j = static_cast<int>(axes[1]);
    const int k = static_cast<int>(axes[2]);
    PW_ASSERT(i != j && j != k && i != k);
    // Even permutations of (X, Y, Z) have sign +1.
    const double s = ((j - i + 3) % 3 == 1) ? 1.0 : -1.0;
    auto at = [&m](int row, int col) { return m[col][row]; };
    const double sinB = std::clamp(s * at(i, k), -1.0, 1.0);
    const double cosB = std::sqrt(at(i, i) * at(i, i) + at(i, j) * at(i, j));
    double a, b, c;
    b = std::atan2(sinB, cosB);
    if (cosB > 1e-9) {
        a = std::atan2(-s * at(j, k), at(k, k));
        c = std::atan2(-s * at(i, j), at(i, i));
    } else {
        // Gimbal lock: only a +- c is defined; put it all in a.
        a = std::atan2(s * at(k, j), at(j, j));
        c = 0.0;
    }
    return {a, b, c};
}

glm::dmat3 matrixFromEuler(const glm::dvec3& angles, std::array<Axis, 3> axes)
{
    auto axisRotation = [](Axis axis, double angle) {
        const double c = std::cos(angle), s = std::sin(angle);
        glm::dmat3 r(1.0);
        const int p = (static_cast<int>(axis) + 1) % 3;
        const int q = (static_cast<int>(axis) + 2) % 3;
        // Right-handed rotation in the (p, q) plane; glm indexes [column][row].
        r[p][p] = c;
        r[q][p] = -s;
        r[p][q] = s;
        r[q][q] = c;
        return r;
    };
    return axisRotation(axes[0], angles[0]) * axisRotation(axes[1], angles[1]) *
           axisRotation(axes[2], angles[2]);
}

glm::dvec3 closestEuler(const glm::dvec3& angles, const glm::dvec3& previous)
{
    constexpr double kPi = glm::pi<double>();
    auto wrapNear = [](double value, double target) {
        const double twoPi = 2.0 * kPi;
        return value + twoPi * std::round((target - value) / twoPi);
    };
    auto nearest = [&](const glm::dvec3& e) {
        return glm::dvec3(wrapNear(e.x, previous.x), wrapNear(e.y, previous.y),
                          wrapNear(e.z, previous.z));
    };
    // Tait-Bryan: (a, b, c) and (a + pi, pi - b, c + pi) are the same rotation.
    const glm::dvec3 first = nearest(angles);
    const glm::dvec3 second = nearest(glm::dvec3(angles.x + kPi, kPi - angles.y, angles.z + kPi));
    const glm::dvec3 d1 = first - previous;
    const glm::dvec3 d2 = second - previous;
    return glm::dot(d1, d1) <= glm::dot(d2, d2) ? first : second;
}

} // namespace pw
