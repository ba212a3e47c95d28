// SPDX-License-Identifier: Apache-2.0
#include "app_options.h"

#include <pw/core/version.h>

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>

namespace pw::gui {

std::optional<StudioOptions> parseStudioOptions(const QStringList& arguments, int& exitCode)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("StudioOptions", "Posewright: text-to-motion studio"));
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();
    const QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QCoreApplication::translate("StudioOptions",
                                    "Save a PNG of the window to <path>, then quit."),
        QStringLiteral("path"));
    const QCommandLineOption quitAfter(
        QStringLiteral("quit-after-ms"),
        QCoreApplication::translate(
            "StudioOptions", "Quit after <ms> milliseconds (with --screenshot: take it then)."),
        QStringLiteral("ms"));
    const QCommandLineOption language(
        QStringLiteral("lang"),
        QCoreApplication::translate("StudioOptions", "Interface language: system, en or zh_CN."),
        QStringLiteral("language"));
    const QCommandLineOption logLevel(
        QStringLiteral("log-level"),
        QCoreApplication::translate("StudioOptions",
                                    "Log level: trace, debug, info, warn, error, critical, off."),
        QStringLiteral("level"));
    const QCommandLineOption loadTake(
        QStringLiteral("load-take"),
        QCoreApplication::translate("StudioOptions", "Open a saved take file at start."),
        QStringLiteral("file"));
    const QCommandLineOption prompt(
        QStringLiteral("prompt"),
        QCoreApplication::translate("StudioOptions",
                                    "Put <text> in the prompt editor at start (it is linted as "
                                    "if typed; nothing is generated)."),
        QStringLiteral("text"));
    parser.addOptions({screenshot, quitAfter, language, logLevel, loadTake, prompt});

    if (!parser.parse(arguments)) {
        std::fprintf(stderr, "posewright: %s\n", qPrintable(parser.errorText()));
        exitCode = 2;
        return std::nullopt;
    }
    if (parser.isSet(helpOption)) {
        std::printf("%s", qPrintable(parser.helpText()));
        exitCode = 0;
        return std::nullopt;
    }
    if (parser.isSet(versionOption)) {
        std::printf("posewright %s (%s)\n", kVersion, kGitHash);
        exitCode = 0;
        return std::nullopt;
    }
    if (!parser.positionalArguments().isEmpty()) {
        std::fprintf(stderr, "posewright: unexpected argument '%s' (see --help)\n",
                     qPrintable(parser.positionalArguments().constFirst()));
        exitCode = 2;
        return std::nullopt;
    }

    StudioOptions options;
    options.screenshotPath = parser.value(screenshot);
    if (parser.isSet(quitAfter)) {
        bool ok = false;
        options.quitAfterMs = parser.value(quitAfter).toInt(&ok);
        if (!ok || options.quitAfterMs < 0) {
            std::fprintf(stderr,
                         "posewright: --quit-after-ms expects a non-negative integer, got '%s'\n",
                         qPrintable(parser.value(quitAfter)));
            exitCode = 2;
            return std::nullopt;
        }
    }
    options.language = parser.value(language);
    if (!options.language.isEmpty() && options.language != QLatin1String("system") &&
        options.language != QLatin1String("en") && options.language != QLatin1String("zh_CN")) {
        std::fprintf(stderr, "posewright: --lang expects system, en or zh_CN, got '%s'\n",
                     qPrintable(options.language));
        exitCode = 2;
        return std::nullopt;
    }
    options.logLevel = parser.value(logLevel);
    options.loadTake = parser.value(loadTake);
    options.hasPrompt = parser.isSet(prompt);
    options.prompt = parser.value(prompt);
    return options;
}

} // namespace pw::gui
