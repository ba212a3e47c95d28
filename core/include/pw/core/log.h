// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <pw/core/error.h>

#include <spdlog/spdlog.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace pw::log {

/// Names of the per-module loggers.
inline constexpr const char* kCore = "core";
inline constexpr const char* kInfer = "infer";
inline constexpr const char* kIo = "io";
inline constexpr const char* kRender = "render";
inline constexpr const char* kGui = "gui";
inline constexpr const char* kQt = "qt";
inline constexpr const char* kCli = "cli";

/// How logging is set up once per process (pw::log::init).
struct LogConfig
{
    spdlog::level::level_enum level = spdlog::level::info; ///< console and logger level
    bool console = true;                                   ///< colour sink on stderr
    bool file = true;                                      ///< rotating file sink
    std::filesystem::path fileDir; ///< empty: defaultLogDir() (XDG state dir)
    std::size_t fileMaxBytes = 5 * 1024 * 1024;
    std::size_t fileCount = 3;
};

/// Sets up the shared sinks. Safe to call more than once (the last call wins).
/// A file sink that cannot be opened is reported on the console and skipped.
/// Thread: any; call before starting other threads that log.
void init(const LogConfig& config);

/// Returns the logger of a module, creating it on first use (sharing the process sinks).
/// Before init() loggers write to stderr at info level.
std::shared_ptr<spdlog::logger> get(const char* name);

/// Adds a sink (e.g. the GUI's log panel) that receives every logger's records.
void addSink(std::shared_ptr<spdlog::sinks::sink> sink);
/// Removes a sink previously added with addSink.
void removeSink(const std::shared_ptr<spdlog::sinks::sink>& sink);

/// Changes the level of every logger and of the console sink.
void setLevel(spdlog::level::level_enum level);
spdlog::level::level_enum level();

/// Parses "trace|debug|info|warn|warning|error|critical|off" (case-insensitive).
Result<spdlog::level::level_enum> parseLevel(std::string_view text);

/// The log file in use, if a file sink is active.
std::optional<std::filesystem::path> currentLogFile();

/// $XDG_STATE_HOME/posewright/logs, or ~/.local/state/posewright/logs.
std::filesystem::path defaultLogDir();

/// Flushes every sink (call before exiting).
void flush();

} // namespace pw::log
