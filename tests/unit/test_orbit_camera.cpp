// SPDX-License-Identifier: Apache-2.0
#include "approx.h"

#include <pw/render/orbit_camera.h>

#include <QTest>

using namespace pw::render;

class TestOrbitCamera : public QObject
{
    Q_OBJECT
  private Q_SLOTS:
    void eyeKeepsItsDistanceFromTheTarget()
    {
        OrbitCamera cam;
        cam.setTarget({1.0f, 1.0f, -2.0f});
        cam.setDistance(3.0f);
        cam.orbit(1.3f, 0.4f);
        QVERIFY(pw::test::approx(glm::length(cam.eye() - cam.target()), 3.0f, 1e-5f));
    }

    void targetProjectsToTheViewportCentre()
    {
        OrbitCamera cam;
        cam.setAspect(1.5f);
        const glm::vec4 clip = cam.viewProjection() * glm::vec4(cam.target(), 1.0f);
        QVERIFY(pw::test::approx(clip.x / clip.w, 0.0f, 1e-5f));
        QVERIFY(pw::test::approx(clip.y / clip.w, 0.0f, 1e-5f));
    }

    void pitchIsClampedBelowThePole()
    {
        OrbitCamera cam;
        cam.orbit(0.0f, 10.0f);
        QVERIFY(cam.pitch() < 1.5708f);
        cam.orbit(0.0f, -20.0f);
        QVERIFY(cam.pitch() > -1.5708f);
    }

    void framingAPersonKeepsItInsideTheFrustum()
    {
        OrbitCamera cam;
        cam.setAspect(16.0f / 9.0f);
        cam.frame({-0.4f, 0.0f, -0.3f}, {0.4f, 1.8f, 3.0f});
        for (const glm::vec3& corner :
             {glm::vec3(-0.4f, 0.0f, -0.3f), glm::vec3(0.4f, 1.8f, 3.0f),
              glm::vec3(-0.4f, 1.8f, 3.0f), glm::vec3(0.4f, 0.0f, -0.3f)}) {
            const glm::vec4 c = cam.viewProjection() * glm::vec4(corner, 1.0f);
            QVERIFY(c.w > 0.0f);
            QVERIFY(std::abs(c.x / c.w) <= 1.0f);
            QVERIFY(std::abs(c.y / c.w) <= 1.0f);
        }
    }

    void panMovesTheTargetSideways()
    {
        OrbitCamera cam;
        cam.setYawPitch(0.0f, 0.0f); // looking along -Z
        const glm::vec3 before = cam.target();
        cam.pan(0.1f, 0.0f);
        const glm::vec3 d = cam.target() - before;
        QVERIFY(d.x < 0.0f); // dragging right moves the scene right, i.e. the target left
        QVERIFY(pw::test::approx(d.y, 0.0f, 1e-5f));
        QVERIFY(pw::test::approx(d.z, 0.0f, 1e-5f));
    }
};

QTEST_APPLESS_MAIN(TestOrbitCamera)
#include "test_orbit_camera.moc"
