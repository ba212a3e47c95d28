// SPDX-License-Identifier: Apache-2.0
#include <pw/core/log.h>
#include <pw/core/paths.h>

#include <spdlog/sinks/dist_sink.h>
#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <mutex>
#include <system_error>

namespace pw::log {
namespace {

constexpr const char* kPattern = "[%H:%M:%S.%e] [%n] [%l] [t%t] %v";
constexpr const char* kConsolePattern = "[%H:%M:%S.%e] [%n] [%^%l%$] %v";

struct State
{
    std::mutex mutex;
    std::shared_ptr<spdlog::sinks::dist_sink_mt> dist;
    std::shared_ptr<spdlog::sinks::sink> console;
    std::shared_ptr<spdlog::sinks::sink> file;
    std::optional<std::filesystem::path> filePath;
    spdlog::level::level_enum level = spdlog::level::info;
};

State& state()
{
    static State s;
    return s;
}

// Creates the distributing sink with a default console sink on first use, so that logging
// before init() still reaches stderr.
std::shared_ptr<spdlog::sinks::dist_sink_mt> distLocked(State& s)
{
    if (!s.dist) {
        s.dist = std::make_shared<spdlog::sinks::dist_sink_mt>();
        s.console = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
        s.console->set_pattern(kConsolePattern);
        s.dist->add_sink(s.console);
    }
    return s.dist;
}

} // namespace

void init(const LogConfig& config)
{
    State& s = state();
    std::unique_lock lock(s.mutex);
    auto dist = distLocked(s);
    dist->set_sinks({});
    s.level = config.level;
    if (config.console) {
        s.console->set_level(config.level);
        dist->add_sink(s.console);
    }
    s.file.reset();
    s.filePath.reset();
    std::string fileError;
    if (config.file) {
        const std::filesystem::path dir = config.fileDir.empty() ? defaultLogDir() : config.fileDir;
        std::error_code ec;
        std::filesystem::create_directories(dir, ec);
        const auto path = dir / "posewright.log";
        try {
            auto file = std::make_shared<spdlog::sinks::rotating_file_sink_mt>(
                path.string(), config.fileMaxBytes, config.fileCount);
            file->set_pattern(kPattern);
            // The file keeps debug detail even when the console is quieter.
            file->set_level(std::min(config.level, spdlog::level::debug));
            dist->add_sink(file);
            s.file = file;
            s.filePath = path;
        } catch (const spdlog::spdlog_ex& e) {
            fileError = "cannot open log file " + path.string() + ": " + e.what();
        }
    }
    const auto loggerLevel = s.file ? std::min(config.level, spdlog::level::debug) : config.level;
    spdlog::apply_all([&](const std::shared_ptr<spdlog::logger>& l) { l->set_level(loggerLevel); });
    lock.unlock();
    if (!fileError.empty()) {
        get(kCore)->warn("{}", fileError);
    }
}

std::shared_ptr<spdlog::logger> get(const char* name)
{
    if (auto existing = spdlog::get(name)) {
        return existing;
    }
    State& s = state();
    std::lock_guard lock(s.mutex);
    if (auto existing = spdlog::get(name)) {
        return existing;
    }
    auto logger = std::make_shared<spdlog::logger>(name, distLocked(s));
    logger->set_level(s.file ? std::min(s.level, spdlog::level::debug) : s.level);
    logger->flush_on(spdlog::level::warn);
    spdlog::register_logger(logger);
    return logger;
}

void addSink(std::shared_ptr<spdlog::sinks::sink> sink)
{
    State& s = state();
    std::lock_guard lock(s.mutex);
    sink->set_pattern(kPattern);
    distLocked(s)->add_sink(std::move(sink));
}

void removeSink(const std::shared_ptr<spdlog::sinks::sink>& sink)
{
    State& s = state();
    std::lock_guard lock(s.mutex);
    distLocked(s)->remove_sink(sink);
}

void setLevel(spdlog::level::level_enum newLevel)
{
    State& s = state();
    std::lock_guard lock(s.mutex);
    s.level = newLevel;
    distLocked(s);
    s.console->set_level(newLevel);
    if (s.file) {
        s.file->set_level(std::min(newLevel, spdlog::level::debug));
    }
    const auto loggerLevel = s.file ? std::min(newLevel, spdlog::level::debug) : newLevel;
    spdlog::apply_all([&](const std::shared_ptr<spdlog::logger>& l) { l->set_level(loggerLevel); });
}

spdlog::level::level_enum level()
{
    State& s = state();
    std::lock_guard lock(s.mutex);
    return s.level;
}

Result<spdlog::level::level_enum> parseLevel(std::string_view text)
{
    std::string lower(text);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    static const std::array<std::pair<const char*, spdlog::level::level_enum>, 8> kLevels{{
        {"trace", spdlog::level::trace},
        {"debug", spdlog::level::debug},
        {"info", spdlog::level::info},
        {"warn", spdlog::level::warn},
        {"warning", spdlog::level::warn},
        {"error", spdlog::level::err},
        {"critical", spdlog::level::critical},
        {"off", spdlog::level::off},
    }};
    for (const auto& [name, value] : kLevels) {
        if (lower == name) {
            return value;
        }
    }
    return Error(Errc::InvalidArgument, "unknown log level")
        .at("log level")
        .mismatch("trace, debug, info, warn, error, critical or off", std::string(text));
}

std::optional<std::filesystem::path> currentLogFile()
{
    State& s = state();
    std::lock_guard lock(s.mutex);
    return s.filePath;
}

std::filesystem::path defaultLogDir()
{
    return paths::stateDir() / "logs";
}

void flush()
{
    spdlog::apply_all([](const std::shared_ptr<spdlog::logger>& l) { l->flush(); });
}

} // namespace pw::log
