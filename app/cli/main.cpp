// SPDX-License-Identifier: Apache-2.0
// posewright-cli: batch generation, checks and benchmarks without Qt.
#include "cli_context.h"

#include <pw/core/guarded_main.h>
#include <pw/core/log.h>
#include <pw/core/version.h>
#include <pw/infer/runtime.h>

#include <csignal>
#include <cstdio>
#include <string>

namespace {

pw::CancelToken* g_cancel = nullptr;

extern "C" void onSigint(int /*signal*/)
{
    // Only an atomic store: async-signal-safe. A second Ctrl+C kills the process as usual.
    if (g_cancel != nullptr) {
        g_cancel->requestCancel();
    }
    std::signal(SIGINT, SIG_DFL);
}

int run(int argc, char** argv)
{
    using namespace pw;
    cli::CliContext ctx;
    g_cancel = &ctx.cancel;

    CLI::App app{"Posewright command line: text-to-motion with HY-Motion 1.0, checks and "
                 "benchmarks.",
                 "posewright-cli"};
    app.set_version_flag("--version",
                         std::string("posewright-cli ") + kVersion + " (" + kGitHash + ")");
    app.require_subcommand(0, 1);
    app.add_option("--log-level", ctx.logLevel,
                   "Console log level: trace, debug, info, warn, error, critical, off")
        ->capture_default_str();
    app.add_option("--log-dir", ctx.logDir, "Folder of the rotating log file (default: XDG state)");
    app.add_flag("--no-log-file", ctx.noLogFile, "Do not write a log file");
    app.add_option("--threads", ctx.threads, "CPU threads for libtorch (0 = all, at most 1024)")
        ->check(CLI::Range(0, 1024))
        ->capture_default_str();

    const cli::Register commands[] = {
        &cli::addInfoCommand,         &cli::addCheckFixtureCommand, &cli::addExportCommand,
        &cli::addDecodeLatentCommand, &cli::addBenchCommand,        &cli::addTokenizeCommand,
        &cli::addEncodeCommand,       &cli::addBenchTextCommand,    &cli::addLintCommand,
        &cli::addNoiseCommand,        &cli::addGenerateCommand,     &cli::addBenchPipelineCommand,
    };
    for (auto reg : commands) {
        reg(app, ctx);
    }

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    }

    auto level = log::parseLevel(ctx.logLevel);
    if (!level) {
        return cli::reportError(level.error());
    }
    log::LogConfig config;
    config.level = *level;
    config.file = !ctx.noLogFile;
    config.fileDir = ctx.logDir;
    log::init(config);
    infer::setCpuThreads(ctx.threads);
    std::signal(SIGINT, onSigint);

    if (!ctx.action) {
        std::fputs(app.help().c_str(), stderr);
        return cli::reportError(
            Error(Errc::InvalidArgument, "no command given (see the list above)"));
    }
    const int rc = ctx.action();
    log::flush();
    return rc;
}

} // namespace

int main(int argc, char** argv)
{
    return pw::guardedMain("posewright-cli", run, argc, argv);
}
