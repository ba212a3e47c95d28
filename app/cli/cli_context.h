// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <pw/core/cancel.h>
#include <pw/core/error.h>

#include <CLI/CLI.hpp>

#include <functional>
#include <string>

namespace pw::cli {

/// State shared by every subcommand: global options and the process's cancel token (SIGINT).
struct CliContext
{
    std::string logLevel = "warn";
    std::string logDir; ///< empty: XDG state dir
    bool noLogFile = false;
    int threads = 0;    ///< 0: one per hardware thread
    CancelToken cancel; ///< set by SIGINT
    /// The action of the chosen subcommand; returns the process exit code.
    std::function<int()> action;
};

/// Prints "error: <describe()>" on stderr, logs it, and returns the exit code for its Errc.
int reportError(const Error& error);

/// Validators with plain messages (CLI11's NonNegativeNumber/PositiveNumber print DBL_MAX and
/// accept NaN): a finite number >= 0, or > 0.
CLI::Validator nonNegative();
CLI::Validator positive();

/// Registers one subcommand on `app`. Each cmd_*.cpp file defines one of these.
using Register = void (*)(CLI::App& app, CliContext& ctx);

void addInfoCommand(CLI::App& app, CliContext& ctx);
void addCheckFixtureCommand(CLI::App& app, CliContext& ctx);
void addExportCommand(CLI::App& app, CliContext& ctx);
void addDecodeLatentCommand(CLI::App& app, CliContext& ctx);
void addBenchCommand(CLI::App& app, CliContext& ctx);
void addTokenizeCommand(CLI::App& app, CliContext& ctx);
void addEncodeCommand(CLI::App& app, CliContext& ctx);
void addBenchTextCommand(CLI::App& app, CliContext& ctx);
void addGenerateCommand(CLI::App& app, CliContext& ctx);
void addBenchPipelineCommand(CLI::App& app, CliContext& ctx);
void addLintCommand(CLI::App& app, CliContext& ctx);
void addNoiseCommand(CLI::App& app, CliContext& ctx);

} // namespace pw::cli
