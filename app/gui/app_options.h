// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace pw::gui {

/// Command-line options of the studio (`posewright --help`).
struct StudioOptions
{
    QString screenshotPath; ///< save a PNG of the main window, then quit
    int quitAfterMs = -1;   ///< quit after this many ms (with --screenshot: when to take it)
    QString language;       ///< "system", "en", "zh_CN"; empty = the saved setting
    QString logLevel;       ///< empty = the saved setting
    QString loadTake;       ///< a take file to open at start
    QString prompt;         ///< text for the prompt editor at start (linted as if typed)
    bool hasPrompt = false; ///< --prompt was given (even empty)
};

/// Parses `arguments` (including argv[0]). Returns the options or, on a usage error or
/// --help/--version, prints to stdout/stderr and returns an exit code in `exitCode`.
std::optional<StudioOptions> parseStudioOptions(const QStringList& arguments, int& exitCode);

} // namespace pw::gui
