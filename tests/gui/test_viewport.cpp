// SPDX-License-Identifier: Apache-2.0
// The 3D viewport under Xvfb (Mesa llvmpipe): skeletons, candidates, trails, picking.
#include "synthetic_motion.h"
#include "viewport_widget.h"

#include <pw/core/body_mesh.h>
#include <pw/core/forward_kinematics.h>
#include <pw/core/log.h>
#include <pw/core/motion_clip_ops.h>
#include <pw/render/mesh_renderer.h>

#include <QApplication>
#include <QOffscreenSurface>
#include <QOpenGLContext>
#include <QOpenGLFunctions>
#include <QOpenGLFunctions_3_3_Core>
#include <QOpenGLVersionFunctionsFactory>
#include <QSignalSpy>
#include <QSurfaceFormat>
#include <QTest>

#include <limits>

using namespace pw;
using namespace pw::gui;

namespace {

struct Pixels
{
    int wood = 0;  ///< the selected skeleton's light wood tone
    int slate = 0; ///< the other candidates' blue-grey
    int amber = 0; ///< the selected trail
};

Pixels countPixels(const QImage& image)
{
    Pixels p;
    const QImage img = image.convertToFormat(QImage::Format_RGB32);
    for (int y = 0; y < img.height(); ++y) {
        const auto* row = reinterpret_cast<const QRgb*>(img.constScanLine(y));
        for (int x = 0; x < img.width(); ++x) {
            const int r = qRed(row[x]), g = qGreen(row[x]), b = qBlue(row[x]);
            if (r > 120 && r > g + 15 && g > b + 15 && r - b > 60) {
                ++p.wood;
            }
            if (b > 110 && b > r + 12 && b >= g && g > r) {
                ++p.slate;
            }
            if (r > 180 && g > 120 && b < 110 && r - b > 100) {
                ++p.amber;
            }
        }
    }
    return p;
}

/// Where world point `p` lands in the viewport (pixels, y down).
QPointF toScreen(ViewportWidget& v, const glm::vec3& p)
{
    const glm::vec4 c = v.camera().viewProjection() * glm::vec4(p, 1.0f);
    return {(c.x / c.w * 0.5f + 0.5f) * static_cast<float>(v.width()),
            (1.0f - (c.y / c.w * 0.5f + 0.5f)) * static_cast<float>(v.height())};
}

/// The lowest skinned vertex of `mesh` over every frame of `track` (brute force).
float lowestVertexY(const PoseTrack& track, const SkinnedMesh& mesh)
{
    const Skeleton& body = *Skeleton::smplhBody();
    float lowest = std::numeric_limits<float>::infinity();
    std::vector<glm::vec3> vertices;
    for (int f = 0; f < track.frameCount(); ++f) {
        skinMesh(mesh, body, track.rotations(f), track.frame(f), vertices);
        for (const glm::vec3& v : vertices) {
            lowest = std::min(lowest, v.y);
        }
    }
    return lowest;
}

float lowestJointY(const PoseTrack& track)
{
    float lowest = std::numeric_limits<float>::infinity();
    for (int f = 0; f < track.frameCount(); ++f) {
        for (const glm::vec3& p : track.frame(f)) {
            lowest = std::min(lowest, p.y);
        }
    }
    return lowest;
}

/// Screen rectangle (pixels) of the skinned built-in mannequin at `frame` of candidate 0.
QRect projectedBody(ViewportWidget& v, int frame)
{
    std::vector<glm::vec3> vertices;
    const PoseTrack* t = v.track(0);
    skinMesh(*builtinMannequinMesh(), *Skeleton::smplhBody(), t->rotations(frame), t->frame(frame),
             vertices);
    float x0 = 1e9f, y0 = 1e9f, x1 = -1e9f, y1 = -1e9f;
    for (const glm::vec3& p : vertices) {
        const QPointF s = toScreen(v, p + v.candidateOffset(0));
        x0 = std::min(x0, static_cast<float>(s.x()));
        x1 = std::max(x1, static_cast<float>(s.x()));
        y0 = std::min(y0, static_cast<float>(s.y()));
        y1 = std::max(y1, static_cast<float>(s.y()));
    }
    return QRect(QPoint(static_cast<int>(x0), static_cast<int>(y0)),
                 QPoint(static_cast<int>(x1), static_cast<int>(y1)));
}

/// Wood-coloured pixels inside and outside `rect` (grown by `margin`).
std::pair<int, int> woodInsideOutside(const QImage& image, const QRect& rect, int margin)
{
    const QImage img = image.convertToFormat(QImage::Format_RGB32);
    const QRect grown = rect.adjusted(-margin, -margin, margin, margin);
    int inside = 0;
    int outside = 0;
    for (int y = 0; y < img.height(); ++y) {
        const auto* row = reinterpret_cast<const QRgb*>(img.constScanLine(y));
        for (int x = 0; x < img.width(); ++x) {
            const int r = qRed(row[x]), g = qGreen(row[x]), b = qBlue(row[x]);
            if (r > 120 && r > g + 15 && g > b + 15 && r - b > 60) {
                (grown.contains(x, y) ? inside : outside) += 1;
            }
        }
    }
    return {inside, outside};
}

/// Draws a fresh frame and returns it (grabFramebuffer renders if needed).
QImage drawn(ViewportWidget& v)
{
    const int before = v.framesRendered();
    v.update();
    for (int i = 0; i < 200 && v.framesRendered() == before; ++i) {
        QTest::qWait(10);
    }
    return v.grabFramebuffer();
}

} // namespace

class TestViewport : public QObject
{
    Q_OBJECT
  private Q_SLOTS:
    void initTestCase()
    {
        log::LogConfig config;
        config.file = false;
        config.level = spdlog::level::warn;
        log::init(config);
    }

    void skeletonPixelsAreVisibleForASyntheticClip()
    {
        ViewportWidget v;
        v.resize(640, 480);
        v.show();
        QVERIFY(QTest::qWaitForWindowExposed(&v));
        const Pixels empty = countPixels(drawn(v));
        QCOMPARE(empty.wood, 0);

        v.setCandidates({test::syntheticWalk(150)});
        v.setFrame(75);
        const QImage frame = drawn(v);
        if (qEnvironmentVariableIsSet("PW_VIEWPORT_DUMP")) {
            frame.save(qEnvironmentVariable("PW_VIEWPORT_DUMP") + QStringLiteral("/single.png"));
        }
        const Pixels p = countPixels(frame);
        QVERIFY2(p.wood > 250, qPrintable(QString::number(p.wood)));
        QVERIFY2(p.amber > 30, qPrintable(QString::number(p.amber)));
        QCOMPARE(v.candidateCount(), 1);

        // Another frame shows another pose.
        v.setFrame(10);
        const QImage other = drawn(v);
        QVERIFY(other != frame);

        // The trail can be hidden.
        v.setTrailVisible(false);
        v.setFrame(75);
        QVERIFY(countPixels(drawn(v)).amber < p.amber / 2);
    }

    void candidatesAreSpreadSideBySideOrOverlaid()
    {
        ViewportWidget v;
        v.resize(800, 480);
        v.show();
        QVERIFY(QTest::qWaitForWindowExposed(&v));
        v.setCandidates({test::syntheticWalk(90, 30.0f, 1.1f, 0.0f),
                         test::syntheticWalk(90, 30.0f, 1.1f, 1.0f),
                         test::syntheticWalk(90, 30.0f, 1.1f, 2.0f)},
                        1);
        v.setFrame(30);
        QCOMPARE(v.selectedCandidate(), 1);
        QVERIFY(v.candidateOffset(0).x < v.candidateOffset(1).x - 1.0f);
        QVERIFY(v.candidateOffset(2).x > v.candidateOffset(1).x + 1.0f);
        const QImage sideImage = drawn(v);
        if (qEnvironmentVariableIsSet("PW_VIEWPORT_DUMP")) {
            sideImage.save(qEnvironmentVariable("PW_VIEWPORT_DUMP") + QStringLiteral("/side.png"));
        }
        const Pixels side = countPixels(sideImage);
        QVERIFY2(side.wood > 500, qPrintable(QString::number(side.wood)));
        QVERIFY2(side.slate > 500, qPrintable(QString::number(side.slate))); // the two others

        v.setLayout(ViewportWidget::Layout::Overlay);
        QCOMPARE(v.candidateOffset(0), glm::vec3(0.0f));
        QCOMPARE(v.candidateOffset(2), glm::vec3(0.0f));
        const QImage overlayImage = drawn(v);
        if (qEnvironmentVariableIsSet("PW_VIEWPORT_DUMP")) {
            overlayImage.save(qEnvironmentVariable("PW_VIEWPORT_DUMP") +
                              QStringLiteral("/overlay.png"));
        }
        const Pixels overlay = countPixels(overlayImage);
        QVERIFY2(overlay.wood > 150, qPrintable(QString::number(overlay.wood)));
    }

    void clickingASkeletonSelectsIt()
    {
        ViewportWidget v;
        v.resize(800, 480);
        v.show();
        QVERIFY(QTest::qWaitForWindowExposed(&v));
        v.setCandidates({test::syntheticWalk(60), test::syntheticWalk(60, 30.0f, 1.1f, 1.5f)}, 0);
        v.setFrame(20);
        drawn(v);
        QSignalSpy clicked(&v, &ViewportWidget::candidateClicked);
        // Project candidate 1's spine onto the screen and click there.
        const glm::vec3 spine = v.track(1)->frame(20)[3] + v.candidateOffset(1);
        const QPoint at = toScreen(v, spine).toPoint();
        QTest::mouseClick(&v, Qt::LeftButton, Qt::NoModifier, at);
        QCOMPARE(clicked.count(), 1);
        QCOMPARE(clicked.first().at(0).toInt(), 1);
        QCOMPARE(v.selectedCandidate(), 1);
        // A click on empty space selects nothing.
        QTest::mouseClick(&v, Qt::LeftButton, Qt::NoModifier, QPoint(5, 5));
        QCOMPARE(clicked.count(), 1);
    }

    void clipsStandOnTheGround()
    {
        // A walk floating 0.7 m up and one sunk 0.4 m into the floor both end up standing on
        // the grid: the built-in mannequin's lowest vertex over the clip on y = 0, as exports.
        ViewportWidget v;
        for (const float shift : {0.7f, -0.4f}) {
            auto clip = std::make_shared<MotionClip>(*test::syntheticWalk(120));
            for (glm::vec3& t : clip->rootTranslation) {
                t.y += shift;
            }
            v.setCandidates({clip});
            const PoseTrack* t = v.track(0);
            QVERIFY(t != nullptr);
            QVERIFY2(std::abs(lowestVertexY(*t, *builtinMannequinMesh())) < 1e-4f,
                     qPrintable(QString::number(lowestVertexY(*t, *builtinMannequinMesh()))));
            // The lowest joint (a toe base) is just above the floor: the sole is under it.
            const float joint = lowestJointY(*t);
            QVERIFY2(joint > 0.005f && joint < 0.08f, qPrintable(QString::number(joint)));
            QCOMPARE(t->groundOffset(), lowestPointY(*clip, builtinMannequinMesh().get()));
        }

        // Another body mesh moves the floor with it: a mannequin 5 cm longer downwards (in its
        // rest pose; the feet are tilted in places) lifts the motion by about 5 cm.
        const float before = lowestJointY(*v.track(0));
        auto thick = std::make_shared<SkinnedMesh>(*builtinMannequinMesh());
        for (glm::vec3& p : thick->positions) {
            p.y -= 0.05f;
        }
        v.setBodyMesh(thick);
        QCOMPARE(v.bodyMesh().get(), thick.get());
        QVERIFY(std::abs(lowestVertexY(*v.track(0), *thick)) < 1e-4f);
        const float lifted = lowestJointY(*v.track(0)) - before;
        QVERIFY2(lifted > 0.04f && lifted < 0.0501f, qPrintable(QString::number(lifted)));
        v.setBodyMesh(nullptr);
        QCOMPARE(v.bodyMesh().get(), builtinMannequinMesh().get());
        QVERIFY(std::abs(lowestJointY(*v.track(0)) - before) < 1e-5f);
    }

    void meshIsDrawnWhereTheBodyIs()
    {
        ViewportWidget v;
        v.resize(640, 480);
        v.show();
        QVERIFY(QTest::qWaitForWindowExposed(&v));
        v.setCandidates({test::syntheticWalk(150)});
        v.setTrailVisible(false);
        v.setFrame(75);
        QCOMPARE(v.bodyDisplay(), ViewportWidget::BodyDisplay::Skeleton);
        const QImage bones = drawn(v);
        v.setBodyDisplay(ViewportWidget::BodyDisplay::Mesh);
        const QImage mesh = drawn(v);
        v.setBodyDisplay(ViewportWidget::BodyDisplay::Both);
        const QImage both = drawn(v);
        if (qEnvironmentVariableIsSet("PW_VIEWPORT_DUMP")) {
            const QString dir = qEnvironmentVariable("PW_VIEWPORT_DUMP");
            mesh.save(dir + QStringLiteral("/mesh.png"));
            both.save(dir + QStringLiteral("/both.png"));
        }
        const QRect body = projectedBody(v, 75);
        QVERIFY2(body.width() > 20 && body.height() > 100,
                 qPrintable(QStringLiteral("%1x%2").arg(body.width()).arg(body.height())));
        const auto [boneIn, boneOut] = woodInsideOutside(bones, body, 3);
        const auto [meshIn, meshOut] = woodInsideOutside(mesh, body, 3);
        // The body is drawn inside its projected box, nowhere else, and it is bulkier than the
        // bones: much more of the box is covered.
        QCOMPARE(meshOut, 0);
        const int area = body.width() * body.height();
        QVERIFY2(meshIn > area / 4, qPrintable(QStringLiteral("%1 of %2").arg(meshIn).arg(area)));
        QVERIFY2(meshIn > 2 * boneIn,
                 qPrintable(QStringLiteral("%1 vs %2").arg(meshIn).arg(boneIn)));
        // The chest block (vertices bound to Spine3) covers the centre of its projection.
        std::vector<glm::vec3> vertices;
        const PoseTrack* t = v.track(0);
        skinMesh(*builtinMannequinMesh(), *Skeleton::smplhBody(), t->rotations(75), t->frame(75),
                 vertices);
        const int spine3 = Skeleton::smplhBody()->indexOf("Spine3");
        glm::vec3 chest(0.0f);
        int count = 0;
        for (std::size_t i = 0; i < vertices.size(); ++i) {
            if (builtinMannequinMesh()->joints[i][0] == spine3) {
                chest += vertices[i];
                ++count;
            }
        }
        QVERIFY(count > 0);
        chest /= static_cast<float>(count);
        const QRgb px = mesh.pixel(toScreen(v, chest).toPoint());
        QVERIFY2(
            qRed(px) > qBlue(px) + 40,
            qPrintable(QStringLiteral("%1,%2,%3").arg(qRed(px)).arg(qGreen(px)).arg(qBlue(px))));
        // Both: the bones show through a translucent body, so the image differs from each.
        QVERIFY(both != mesh);
        QVERIFY(both != bones);
        QCOMPARE(woodInsideOutside(both, body, 3).second, 0);
    }

    void aMeshForAnotherSkeletonFallsBackToBones()
    {
        ViewportWidget v;
        v.resize(320, 240);
        v.show();
        QVERIFY(QTest::qWaitForWindowExposed(&v));
        v.setCandidates({test::syntheticWalk(60)});
        v.setTrailVisible(false);
        v.setFrame(30);
        const int bones = countPixels(drawn(v)).wood;
        QVERIFY(bones > 50);
        // A mesh referencing a joint the 22-joint body does not have cannot skin it: the bones
        // are drawn instead, and the clip is aligned by its lowest joint.
        auto other = std::make_shared<SkinnedMesh>(*builtinMannequinMesh());
        other->joints[0][1] = static_cast<std::uint16_t>(kBodyJointCount + 3);
        other->weights[0] = glm::vec4(0.5f, 0.5f, 0.0f, 0.0f);
        v.setBodyMesh(other);
        v.setBodyDisplay(ViewportWidget::BodyDisplay::Mesh);
        const int fallback = countPixels(drawn(v)).wood;
        QVERIFY2(std::abs(fallback - bones) < bones / 4,
                 qPrintable(QStringLiteral("%1 vs %2").arg(fallback).arg(bones)));
        QVERIFY(std::abs(lowestJointY(*v.track(0))) < 1e-5f);
    }

    void skinningMatricesMatchTheCoreSkinning()
    {
        // The GPU applies sum_i w_i A_i v; A_i from skinningMatrices must give pw::skinMesh.
        ViewportWidget v;
        v.setCandidates({test::syntheticWalk(40)});
        const PoseTrack* t = v.track(0);
        const SkinnedMesh& mesh = *builtinMannequinMesh();
        std::vector<glm::mat4> skin;
        std::vector<glm::vec3> expected;
        for (const int f : {0, 17, 39}) {
            render::skinningMatrices(t->rotations(f), t->frame(f),
                                     Skeleton::smplhBody()->restPositions, skin);
            QCOMPARE(skin.size(), std::size_t(kBodyJointCount));
            skinMesh(mesh, *Skeleton::smplhBody(), t->rotations(f), t->frame(f), expected);
            for (std::size_t i = 0; i < mesh.positions.size(); ++i) {
                glm::vec4 acc(0.0f);
                for (int k = 0; k < 4; ++k) {
                    acc += mesh.weights[i][k] * (skin[mesh.joints[i][static_cast<std::size_t>(k)]] *
                                                 glm::vec4(mesh.positions[i], 1.0f));
                }
                QVERIFY(glm::length(glm::vec3(acc) - expected[i]) < 1e-5f);
            }
        }
    }

    void meshRendererRefusesBadMeshes()
    {
        QOpenGLContext context;
        QVERIFY(context.create());
        QOffscreenSurface surface;
        surface.setFormat(context.format());
        surface.create();
        QVERIFY(context.makeCurrent(&surface));
        auto* gl = QOpenGLVersionFunctionsFactory::get<QOpenGLFunctions_3_3_Core>(&context);
        QVERIFY(gl != nullptr);
        render::MeshRenderer r;
        // Uploading before initialize() is an internal error, not a crash.
        QCOMPARE(r.setMesh(builtinMannequinMesh()).error().code, Errc::Internal);
        QVERIFY2(r.initialize(gl), "mesh shader");
        QVERIFY(r.setMesh(builtinMannequinMesh()));
        QCOMPARE(r.mesh(), builtinMannequinMesh().get());

        QCOMPARE(r.setMesh(nullptr).error().code, Errc::InvalidArgument);
        auto tooMany = std::make_shared<SkinnedMesh>(*builtinMannequinMesh());
        tooMany->joints[5][0] = static_cast<std::uint16_t>(render::MeshRenderer::kMaxJoints);
        const auto e1 = r.setMesh(tooMany);
        QCOMPARE(e1.error().code, Errc::InvalidArgument);
        QVERIFY2(e1.error().describe().find("joint indices < 32") != std::string::npos,
                 e1.error().describe().c_str());
        auto outOfRange = std::make_shared<SkinnedMesh>(*builtinMannequinMesh());
        outOfRange->indices[7] = static_cast<std::uint32_t>(outOfRange->positions.size());
        QCOMPARE(r.setMesh(outOfRange).error().code, Errc::InvalidArgument);
        auto ragged = std::make_shared<SkinnedMesh>(*builtinMannequinMesh());
        ragged->normals.pop_back();
        QCOMPARE(r.setMesh(ragged).error().code, Errc::InvalidArgument);
        // A refused mesh leaves the previous one in place.
        QCOMPARE(r.mesh(), builtinMannequinMesh().get());
        r.release();
        context.doneCurrent();
    }

    void blendingKeepsTheFramebufferOpaque()
    {
        // Translucent trails, shadows, grid lines and body shells are blended over an opaque
        // background: the framebuffer must stay opaque, or the window's composition (and its
        // screenshots) treats bright colours over a lowered alpha as invalid premultiplied
        // pixels and shows garbage where translucent layers overlap.
        ViewportWidget v;
        v.resize(480, 360);
        v.show();
        QVERIFY(QTest::qWaitForWindowExposed(&v));
        auto clip = std::make_shared<MotionClip>(*test::syntheticWalk(120));
        for (int f = 0; f < clip->frameCount; ++f) {
            // Back and forth over the same ground: the trail overlaps itself many times.
            clip->rootTranslation[static_cast<std::size_t>(f)].z = 0.5f * std::sin(0.3f * f);
            clip->rootTranslation[static_cast<std::size_t>(f)].x = 0.5f * std::cos(0.21f * f);
        }
        v.setCandidates({clip, test::syntheticWalk(120, 30.0f, 1.1f, 1.0f)});
        v.setLayout(ViewportWidget::Layout::Overlay);
        v.setBodyDisplay(ViewportWidget::BodyDisplay::Both);
        v.setFrame(60);
        drawn(v);
        // Read the widget's framebuffer with its alpha (grabFramebuffer drops it).
        v.makeCurrent();
        auto* gl = QOpenGLContext::currentContext()->functions();
        gl->glBindFramebuffer(GL_FRAMEBUFFER, v.defaultFramebufferObject());
        const int w = v.width() * v.devicePixelRatio();
        const int h = v.height() * v.devicePixelRatio();
        std::vector<unsigned char> rgba(static_cast<std::size_t>(w) * h * 4);
        gl->glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, rgba.data());
        v.doneCurrent();
        int translucent = 0;
        for (std::size_t i = 3; i < rgba.size(); i += 4) {
            translucent += rgba[i] < 255 ? 1 : 0;
        }
        QCOMPARE(translucent, 0);
    }

    void framingKeepsTheWholeMotionInView()
    {
        ViewportWidget v;
        v.resize(640, 480);
        v.show();
        QVERIFY(QTest::qWaitForWindowExposed(&v));
        auto clip = test::syntheticWalk(360); // 12 s, about 13 m of walking
        v.setCandidates({clip});
        const PoseTrack* t = v.track(0);
        const glm::mat4 vp = v.camera().viewProjection();
        for (const glm::vec3& corner : {t->boundsMin(), t->boundsMax()}) {
            const glm::vec4 c = vp * glm::vec4(corner, 1.0f);
            QVERIFY(c.w > 0.0f);
            QVERIFY(std::abs(c.x / c.w) <= 1.05f && std::abs(c.y / c.w) <= 1.05f);
        }
    }
};

int main(int argc, char** argv)
{
    QSurfaceFormat format;
    format.setVersion(3, 3);
    format.setProfile(QSurfaceFormat::CoreProfile);
    format.setDepthBufferSize(24);
    QSurfaceFormat::setDefaultFormat(format);
    QApplication app(argc, argv);
    TestViewport test;
    return QTest::qExec(&test, argc, argv);
}
#include "test_viewport.moc"
