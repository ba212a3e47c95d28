// SPDX-License-Identifier: Apache-2.0
// The 3D viewport under Xvfb (Mesa llvmpipe): skeletons, candidates, trails, picking.
#include "synthetic_motion.h"
#include "viewport_widget.h"

#include <pw/core/log.h>

#include <QApplication>
#include <QSignalSpy>
#include <QSurfaceFormat>
#include <QTest>

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
        const glm::vec4 c = v.camera().viewProjection() * glm::vec4(spine, 1.0f);
        const QPoint at(static_cast<int>((c.x / c.w * 0.5f + 0.5f) * v.width()),
                        static_cast<int>((1.0f - (c.y / c.w * 0.5f + 0.5f)) * v.height()));
        QTest::mouseClick(&v, Qt::LeftButton, Qt::NoModifier, at);
        QCOMPARE(clicked.count(), 1);
        QCOMPARE(clicked.first().at(0).toInt(), 1);
        QCOMPARE(v.selectedCandidate(), 1);
        // A click on empty space selects nothing.
        QTest::mouseClick(&v, Qt::LeftButton, Qt::NoModifier, QPoint(5, 5));
        QCOMPARE(clicked.count(), 1);
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
