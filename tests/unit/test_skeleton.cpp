// SPDX-License-Identifier: Apache-2.0
#include "approx.h"

#include <pw/core/forward_kinematics.h>

#include <QTest>

#include <glm/gtc/quaternion.hpp>

using namespace pw;

class TestSkeleton : public QObject
{
    Q_OBJECT
  private Q_SLOTS:
    void bodyHasTheSmplhHierarchy()
    {
        auto s = Skeleton::smplhBody();
        QCOMPARE(s->jointCount(), kBodyJointCount);
        QCOMPARE(s->indexOf("Pelvis"), 0);
        QCOMPARE(s->indexOf("R_Wrist"), 21);
        QCOMPARE(s->parents[15], 12); // Head under Neck
        for (int j = 1; j < s->jointCount(); ++j) {
            QVERIFY(s->parents[static_cast<std::size_t>(j)] < j);
        }
        // Left/right joints mirror each other in x.
        QVERIFY(test::approx(s->restPositions[16].x, -s->restPositions[17].x, 1e-6f));
    }

    void identityPoseReproducesTheRestPositionsPlusTranslation()
    {
        auto s = Skeleton::smplhBody();
        std::vector<glm::quat> rot(22, glm::quat(1, 0, 0, 0));
        std::vector<glm::vec3> pos;
        forwardKinematics(*s, rot, {0.5f, 1.0f, -2.0f}, pos);
        for (int j = 0; j < 22; ++j) {
            QVERIFY(test::approx(pos[static_cast<std::size_t>(j)],
                                 s->restPositions[static_cast<std::size_t>(j)] +
                                     glm::vec3(0.5f, 1.0f, -2.0f),
                                 1e-6f));
        }
    }

    void rootRotationTurnsTheWholeBodyAboutThePelvis()
    {
        auto s = Skeleton::smplhBody();
        std::vector<glm::quat> rot(22, glm::quat(1, 0, 0, 0));
        rot[0] = glm::angleAxis(glm::radians(90.0f), glm::vec3(0, 1, 0));
        std::vector<glm::vec3> pos;
        forwardKinematics(*s, rot, glm::vec3(0), pos);
        const glm::vec3 pelvis = s->restPositions[0];
        for (int j = 0; j < 22; ++j) {
            const glm::vec3 expected =
                pelvis + rot[0] * (s->restPositions[static_cast<std::size_t>(j)] - pelvis);
            QVERIFY(test::approx(pos[static_cast<std::size_t>(j)], expected, 1e-5f));
        }
    }

    void boneLengthsArePreservedUnderAnyPose()
    {
        auto s = Skeleton::smplhBody();
        std::vector<glm::quat> rot;
        for (int j = 0; j < 22; ++j) {
            rot.push_back(glm::normalize(glm::quat(1.0f, 0.1f * j, -0.05f * j, 0.2f)));
        }
        std::vector<glm::vec3> pos;
        forwardKinematics(*s, rot, glm::vec3(0), pos);
        for (int j = 1; j < 22; ++j) {
            const auto p = static_cast<std::size_t>(s->parents[static_cast<std::size_t>(j)]);
            QVERIFY(test::approx(glm::length(pos[static_cast<std::size_t>(j)] - pos[p]),
                                 glm::length(s->restOffset(j)), 1e-5f));
        }
    }
};

QTEST_APPLESS_MAIN(TestSkeleton)
#include "test_skeleton.moc"
