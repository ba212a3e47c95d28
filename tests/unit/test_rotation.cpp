// SPDX-License-Identifier: Apache-2.0
#include "approx.h"

#include <pw/core/rotation.h>

#include <QTest>

#include <glm/gtc/constants.hpp>

#include <random>

using namespace pw;

namespace {

glm::quat randomUnitQuat(std::mt19937& rng)
{
    std::normal_distribution<float> n(0.0f, 1.0f);
    return glm::normalize(glm::quat(n(rng), n(rng), n(rng), n(rng)));
}

double maxAbsDiff(const glm::dmat3& a, const glm::dmat3& b)
{
    double m = 0.0;
    for (int c = 0; c < 3; ++c) {
        for (int r = 0; r < 3; ++r) {
            m = std::max(m, std::abs(a[c][r] - b[c][r]));
        }
    }
    return m;
}

const std::array<std::array<Axis, 3>, 6> kAllOrders = {{
    {Axis::X, Axis::Y, Axis::Z},
    {Axis::X, Axis::Z, Axis::Y},
    {Axis::Y, Axis::X, Axis::Z},
    {Axis::Y, Axis::Z, Axis::X},
    {Axis::Z, Axis::X, Axis::Y},
    {Axis::Z, Axis::Y, Axis::X},
}};

} // namespace

class TestRotation : public QObject
{
    Q_OBJECT
  private Q_SLOTS:
    void sixDUsesTheReferenceColumnConvention()
    {
        // r viewed as 3x2 row-major: columns (r0, r2, r4) and (r1, r3, r5).
        const float r[6] = {2.0f, 0.0f, 0.0f, 3.0f, 0.0f, 0.0f};
        const glm::mat3 m = rot6dToMatrix(std::span<const float, 6>(r, 6));
        QVERIFY(test::approx(m[0], glm::vec3(1, 0, 0), 1e-7f));
        QVERIFY(test::approx(m[1], glm::vec3(0, 1, 0), 1e-7f));
        QVERIFY(test::approx(m[2], glm::vec3(0, 0, 1), 1e-7f));
        const auto back = matrixToRot6d(m);
        const float expected[6] = {1, 0, 0, 1, 0, 0};
        for (int i = 0; i < 6; ++i) {
            QCOMPARE(back[static_cast<std::size_t>(i)], expected[i]);
        }
    }

    void sixDToMatrixIsARotationForAnyInput()
    {
        std::mt19937 rng(3);
        std::normal_distribution<float> n(0.0f, 2.0f);
        for (int trial = 0; trial < 200; ++trial) {
            float r[6];
            for (float& x : r) {
                x = n(rng);
            }
            const glm::mat3 m = rot6dToMatrix(std::span<const float, 6>(r, 6));
            QVERIFY(std::abs(glm::determinant(m) - 1.0f) < 1e-5f);
            const glm::mat3 i = glm::transpose(m) * m;
            for (int c = 0; c < 3; ++c) {
                QVERIFY(test::approx(i[c], glm::mat3(1.0f)[c], 1e-5f));
            }
            // The first column is the normalised first 6D column.
            QVERIFY(test::approx(m[0], glm::normalize(glm::vec3(r[0], r[2], r[4])), 1e-6f));
        }
    }

    void quaternionConversionsRoundTrip()
    {
        std::mt19937 rng(11);
        for (int trial = 0; trial < 500; ++trial) {
            const glm::quat q = randomUnitQuat(rng);
            const glm::mat3 m = quaternionToMatrix(q);
            QVERIFY(test::approx(m[0], glm::mat3_cast(q)[0], 1e-6f));
            const glm::quat back = matrixToQuaternion(m);
            QVERIFY(back.w >= 0.0f);
            QVERIFY(test::approx(back, q, 1e-6f));
            // 6D round trip too.
            const auto r6 = matrixToRot6d(m);
            const glm::mat3 m2 = rot6dToMatrix(r6);
            for (int c = 0; c < 3; ++c) {
                QVERIFY(test::approx(m2[c], m[c], 1e-6f));
            }
        }
        // pytorch3d's formula does not need a unit quaternion.
        const glm::quat q(2.0f, 0.0f, 0.0f, 2.0f);
        QVERIFY(
            test::approx(quaternionToMatrix(q)[0], glm::mat3_cast(glm::normalize(q))[0], 1e-6f));
    }

    void eulerRoundTripsInEveryOrder()
    {
        std::mt19937 rng(5);
        for (const auto& axes : kAllOrders) {
            for (int trial = 0; trial < 200; ++trial) {
                // Built in double so the matrix is orthonormal to ~1e-16.
                const glm::dmat3 m =
                    glm::mat3_cast(glm::normalize(glm::dquat(randomUnitQuat(rng))));
                const glm::dvec3 e = eulerFromMatrix(m, axes);
                QVERIFY(std::abs(e[1]) <= glm::half_pi<double>() + 1e-12);
                QVERIFY(maxAbsDiff(matrixFromEuler(e, axes), m) < 1e-12);
            }
        }
    }

    void eulerMatchesTheFbxAndBvhConventions()
    {
        // FBX eEulerXYZ: R = Rz * Ry * Rx. A rotation about X alone gives (z, y, x) = (0, 0, a).
        const glm::dmat3 rx = glm::mat3_cast(glm::angleAxis(0.5f, glm::vec3(1, 0, 0)));
        const glm::dvec3 zyx = eulerFromMatrix(rx, {Axis::Z, Axis::Y, Axis::X});
        QVERIFY(std::abs(zyx[2] - 0.5) < 1e-6 && std::abs(zyx[0]) < 1e-7);
        // Composition order: Rz(a) * Rx(b) * Ry(c) for BVH ZXY.
        const glm::dvec3 angles(0.3, -0.7, 1.1);
        const glm::dmat3 expected = glm::dmat3(glm::mat3_cast(
            glm::angleAxis(0.3f, glm::vec3(0, 0, 1)) * glm::angleAxis(-0.7f, glm::vec3(1, 0, 0)) *
            glm::angleAxis(1.1f, glm::vec3(0, 1, 0))));
        QVERIFY(maxAbsDiff(matrixFromEuler(angles, {Axis::Z, Axis::X, Axis::Y}), expected) < 1e-6);
    }

    void eulerHandlesGimbalLock()
    {
        for (const auto& axes : kAllOrders) {
            for (double mid : {glm::half_pi<double>(), -glm::half_pi<double>()}) {
                const glm::dvec3 in(0.4, mid, -0.9);
                const glm::dmat3 m = matrixFromEuler(in, axes);
                const glm::dvec3 out = eulerFromMatrix(m, axes);
                QVERIFY(maxAbsDiff(matrixFromEuler(out, axes), m) < 1e-6);
            }
        }
    }

    void closestEulerUnwrapsWithoutChangingTheRotation()
    {
        const std::array<Axis, 3> axes = {Axis::Z, Axis::Y, Axis::X};
        // Two turns about the vertical (outermost) axis with a constant tilt: the raw angle
        // wraps at +-180 degrees, the unwrapped one grows steadily by 6 degrees per frame.
        glm::dvec3 previous(0.0);
        double maxStep = 0.0;
        for (int f = 0; f <= 120; ++f) {
            const double a = glm::radians(6.0 * f);
            const glm::dmat3 m = matrixFromEuler(glm::dvec3(a, 0.2, 0.3), axes);
            glm::dvec3 e = eulerFromMatrix(m, axes);
            if (f > 0) {
                e = closestEuler(e, previous);
                maxStep = std::max(maxStep, glm::length(e - previous));
            }
            QVERIFY(maxAbsDiff(matrixFromEuler(e, axes), m) < 1e-9);
            previous = e;
        }
        QVERIFY2(maxStep < glm::radians(6.001), qPrintable(QString::number(maxStep)));
        QVERIFY(std::abs(previous[0] - glm::radians(720.0)) < 1e-9);
        // The other Tait-Bryan branch is taken when it is closer.
        const glm::dvec3 alt = closestEuler(
            glm::dvec3(0.1, 0.2, 0.3),
            glm::dvec3(0.1 + glm::pi<double>(), glm::pi<double>() - 0.2, 0.3 + glm::pi<double>()));
        QVERIFY(std::abs(alt[0] - (0.1 + glm::pi<double>())) < 1e-12);
        QVERIFY(std::abs(alt[1] - (glm::pi<double>() - 0.2)) < 1e-12);
    }
};

QTEST_APPLESS_MAIN(TestRotation)
#include "test_rotation.moc"
