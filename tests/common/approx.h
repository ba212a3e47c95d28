// SPDX-License-Identifier: Apache-2.0
// Tolerance helpers for Qt Test: vectors, quaternions and relative errors.
#pragma once

#include <QTest>

#include <glm/glm.hpp>
#include <glm/gtc/quaternion.hpp>

#include <cmath>
#include <span>
#include <string>

namespace pw::test {

inline bool approx(float a, float b, float tol)
{
    return std::abs(a - b) <= tol;
}

inline bool approx(const glm::vec3& a, const glm::vec3& b, float tol)
{
    return glm::length(a - b) <= tol;
}

/// Quaternions q and -q are the same rotation.
inline bool approx(const glm::quat& a, const glm::quat& b, float tol)
{
    return std::abs(std::abs(glm::dot(a, b)) - 1.0f) <= tol;
}

/// ||a - b|| / ||b|| (0 when both are zero).
inline double relativeError(std::span<const float> a, std::span<const float> b)
{
    double num = 0.0;
    double den = 0.0;
    for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) {
        const double d = static_cast<double>(a[i]) - static_cast<double>(b[i]);
        num += d * d;
        den += static_cast<double>(b[i]) * b[i];
    }
    return den == 0.0 ? std::sqrt(num) : std::sqrt(num / den);
}

inline std::string str(const glm::vec3& v)
{
    return "(" + std::to_string(v.x) + ", " + std::to_string(v.y) + ", " + std::to_string(v.z) +
           ")";
}

} // namespace pw::test

#define PW_COMPARE_APPROX(actual, expected, tol)                                                   \
    QVERIFY2(::pw::test::approx((actual), (expected), (tol)),                                      \
             qPrintable(QStringLiteral("values differ beyond %1").arg(tol)))
