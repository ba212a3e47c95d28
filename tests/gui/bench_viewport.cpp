// SPDX-License-Identifier: Apache-2.0
// Viewport frame rate: draws every frame of 12 s takes (1 or 4 candidates; bones, body mesh or
// both) as fast as the GL driver allows and prints frames per second. A benchmark program, not a
// test: run it under the GL you care about, e.g.
// `xvfb-run -a -s "-screen 0 1600x1000x24" bench_viewport`. PW_BENCH_MESH_DIR=<dump_wooden>
// measures with the official mannequin instead of the built-in one.
#include "synthetic_motion.h"
#include "viewport_widget.h"

#include <pw/core/body_mesh.h>
#include <pw/core/log.h>
#include <pw/core/pose_track.h>

#include <QApplication>
#include <QElapsedTimer>
#include <QSurfaceFormat>
#include <QTest>

#include <cstdio>

int main(int argc, char** argv)
{
    QSurfaceFormat format;
    format.setVersion(3, 3);
    format.setProfile(QSurfaceFormat::CoreProfile);
    format.setDepthBufferSize(24);
    format.setSamples(qEnvironmentVariableIntValue("PW_BENCH_SAMPLES"));
    format.setSwapInterval(0); // do not wait for vblank: measure the drawing itself
    QSurfaceFormat::setDefaultFormat(format);
    QApplication app(argc, argv);
    if (!qEnvironmentVariableIsSet("PW_BENCH_SAMPLES")) {
        QSurfaceFormat preferred = pw::gui::ViewportWidget::preferredFormat(); // as the studio
        preferred.setSwapInterval(0);
        QSurfaceFormat::setDefaultFormat(preferred);
    }
    pw::log::LogConfig config;
    config.file = false;
    config.level = spdlog::level::warn;
    pw::log::init(config);

    const int frames = 360; // 12 s at 30 fps
    QElapsedTimer clock;
    clock.start();
    const auto clip = pw::test::syntheticWalk(frames);
    const pw::PoseTrack track(*clip);
    std::printf("pose track of %d frames x %d joints: %.2f ms\n", track.frameCount(),
                track.jointCount(), static_cast<double>(clock.nsecsElapsed()) / 1e6);

    pw::gui::ViewportWidget view;
    view.resize(1280, 720);
    view.show();
    if (!QTest::qWaitForWindowExposed(&view)) {
        std::fprintf(stderr, "no window\n");
        return 1;
    }
    if (qEnvironmentVariableIsSet("PW_BENCH_MESH_DIR")) {
        auto assets =
            pw::loadMannequinAssets(qEnvironmentVariable("PW_BENCH_MESH_DIR").toStdString());
        if (!assets) {
            std::fprintf(stderr, "%s\n", assets.error().describe().c_str());
            return 1;
        }
        view.setBodyMesh(assets->mesh);
    }
    std::printf("body mesh: %s, %zu vertices, %zu triangles\n", view.bodyMesh()->name.c_str(),
                view.bodyMesh()->vertexCount(), view.bodyMesh()->triangleCount());
    using Body = pw::gui::ViewportWidget::BodyDisplay;
    for (const auto& [body, bodyName] :
         {std::pair{Body::Skeleton, "skeleton"}, std::pair{Body::Mesh, "mesh"},
          std::pair{Body::Both, "both"}}) {
        view.setBodyDisplay(body);
        for (int candidates : {1, 4}) {
            std::vector<pw::MotionClipPtr> clips;
            for (int i = 0; i < candidates; ++i) {
                clips.push_back(pw::test::syntheticWalk(frames, 30.0f, 1.1f, 0.8f * i));
            }
            view.setCandidates(clips, 0);
            // Draw every frame once, each time waiting until the viewport has drawn it.
            auto drawFrame = [&view](int f) {
                const int before = view.framesRendered();
                view.setFrame(f);
                while (view.framesRendered() == before) {
                    QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
                }
            };
            for (int f = 0; f < 10; ++f) {
                drawFrame(f); // warm-up
            }
            const int first = view.framesRendered();
            clock.restart();
            for (int f = 0; f < frames; ++f) {
                drawFrame(f);
            }
            const double seconds = static_cast<double>(clock.nsecsElapsed()) / 1e9;
            const int drawn = view.framesRendered() - first;
            std::printf("%-8s %d candidate(s), 1280x720, %d frames drawn: %.1f fps (%.2f ms per "
                        "frame)\n",
                        bodyName, candidates, drawn, drawn / seconds, 1000.0 * seconds / drawn);
        }
    }
    std::printf("GL: %s\n", qPrintable(view.glDescription()));
    return 0;
}
