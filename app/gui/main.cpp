// SPDX-License-Identifier: Apache-2.0
// posewright: the studio.
#include "app_options.h"
#include "language.h"
#include "main_window.h"
#include "metatypes.h"
#include "prompt_panel.h"
#include "timeline_widget.h"
#include "viewport_widget.h"

#include <pw/core/guarded_main.h>
#include <pw/core/log.h>
#include <pw/core/version.h>
#include <pw/infer/runtime.h>

#include <QApplication>
#include <QSettings>
#include <QSurfaceFormat>
#include <QTimer>

#include <cstdio>

namespace {

void qtMessageHandler(QtMsgType type, const QMessageLogContext& /*context*/, const QString& message)
{
    auto logger = pw::log::get(pw::log::kQt);
    const std::string text = message.toStdString();
    switch (type) {
    case QtDebugMsg:
        logger->debug("{}", text);
        break;
    case QtInfoMsg:
        logger->info("{}", text);
        break;
    case QtWarningMsg:
        logger->warn("{}", text);
        break;
    case QtCriticalMsg:
    case QtFatalMsg:
        logger->error("{}", text);
        break;
    }
}

int run(int argc, char** argv)
{
    // The GL format must be the default before the first GL widget exists: 3.3 core with
    // multisampling, reduced below once the renderer is known.
    QSurfaceFormat format;
    format.setVersion(3, 3);
    format.setProfile(QSurfaceFormat::CoreProfile);
    format.setDepthBufferSize(24);
    format.setSamples(4);
    QSurfaceFormat::setDefaultFormat(format);

    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Posewright"));
    QApplication::setApplicationName(QStringLiteral("Posewright"));
    QApplication::setApplicationVersion(QString::fromLatin1(pw::kVersion));

    int exitCode = 0;
    const auto options = pw::gui::parseStudioOptions(QApplication::arguments(), exitCode);
    if (!options) {
        return exitCode;
    }

    QSettings settings;
    pw::log::LogConfig logConfig;
    const QString levelText =
        options->logLevel.isEmpty()
            ? settings.value(QStringLiteral("log/level"), QStringLiteral("info")).toString()
            : options->logLevel;
    auto level = pw::log::parseLevel(levelText.toStdString());
    if (!level) {
        std::fprintf(stderr, "posewright: %s\n", level.error().describe().c_str());
        return 2;
    }
    logConfig.level = *level;
    pw::log::init(logConfig);
    qInstallMessageHandler(qtMessageHandler);
    pw::infer::setCpuThreads(0);

    const QString language =
        options->language.isEmpty()
            ? settings.value(QLatin1String(pw::gui::kLanguageSettingKey), QStringLiteral("system"))
                  .toString()
            : options->language;
    pw::gui::installTranslators(language);
    pw::gui::registerMetaTypes();
    QSurfaceFormat::setDefaultFormat(pw::gui::ViewportWidget::preferredFormat());

    pw::gui::MainWindow window;
    if (options->hasPrompt) {
        window.promptPanel()->setPrompt(options->prompt);
    }
    window.show();

    // --load-take: open the take; with --screenshot the picture waits for it and shows the
    // skeleton mid-motion.
    bool takePending = !options->loadTake.isEmpty();
    if (takePending) {
        QObject::connect(&window, &pw::gui::MainWindow::takeOpened, &window,
                         [&window, &takePending, &exitCode,
                          screenshot = !options->screenshotPath.isEmpty()](bool ok) {
                             takePending = false;
                             if (!ok) {
                                 // The same status and text as posewright-cli for this file.
                                 const pw::Error error = window.lastError().value_or(
                                     pw::Error(pw::Errc::BadInput, "the take could not be opened"));
                                 exitCode = static_cast<int>(error.code);
                                 std::fprintf(stderr, "posewright: error: %s\n",
                                              error.describe().c_str());
                             } else if (screenshot) {
                                 auto* t = window.timeline();
                                 t->setCurrentFrame(t->frameCount() / 2);
                             }
                         });
        window.openTakeFile(options->loadTake);
    }

    if (!options->screenshotPath.isEmpty()) {
        // Wait for the viewport's first frame, then let layouts settle before grabbing.
        const int delayMs = options->quitAfterMs >= 0 ? options->quitAfterMs : 800;
        auto take = [&window, path = options->screenshotPath, &exitCode] {
            if (auto r = window.saveScreenshot(path); !r) {
                std::fprintf(stderr, "posewright: %s\n", r.error().describe().c_str());
                exitCode = static_cast<int>(r.error().code);
            }
            QApplication::exit(exitCode);
        };
        auto arm = [&window, take] {
            if (window.viewport()->framesRendered() > 0) {
                take();
            } else {
                QObject::connect(window.viewport(), &pw::gui::ViewportWidget::frameRendered,
                                 &window, take, Qt::SingleShotConnection);
                // Without any GL frame (no OpenGL at all) still save what the window shows.
                QTimer::singleShot(10000, &window, take);
            }
        };
        QTimer::singleShot(delayMs, &window, [&window, &takePending, arm] {
            if (!takePending) {
                // Let the viewport draw the take before grabbing.
                window.viewport()->update();
                QTimer::singleShot(100, &window, arm);
            } else {
                QObject::connect(&window, &pw::gui::MainWindow::takeOpened, &window,
                                 [&window, arm] {
                                     window.viewport()->update();
                                     QTimer::singleShot(100, &window, arm);
                                 });
            }
        });
    } else if (options->quitAfterMs >= 0) {
        QTimer::singleShot(options->quitAfterMs, &app, &QApplication::quit);
    }
    const int rc = QApplication::exec();
    pw::log::flush();
    return rc != 0 ? rc : exitCode;
}

} // namespace

int main(int argc, char** argv)
{
    return pw::guardedMain("posewright", run, argc, argv);
}
