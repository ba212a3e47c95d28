// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <pw/core/error.h>
#include <pw/core/take.h>

#include <QString>

#include <filesystem>
#include <functional>

namespace pw::gui {

/// How the studio reads and writes take files. The default uses pw::io::saveTake/loadTake
/// (docs/take-format.md); tests inject their own. Both functions may run on any thread.
struct TakeFileIo
{
    std::function<Result<void>(const Take&, const std::filesystem::path&)> save;
    std::function<Result<Take>(const std::filesystem::path&)> load;

    /// pw::io's take files (pw::io::saveTake/loadTake).
    static TakeFileIo defaults();
};

/// A unique, file-name-safe take id: "20261125-081503-s42-c1" (UTC time, seed, candidate),
/// with a numeric suffix if `exists` says the name is taken.
std::string makeTakeId(const std::string& createdUtcCompact, std::uint64_t seed, int candidate,
                       const std::function<bool(const std::string&)>& exists = {});

/// "20261125-081503" from "2026-11-25T08:15:03Z" (pw::utcIsoNow()).
std::string compactUtc(const std::string& iso);

/// The file of a take in a project folder: <dir>/<id>.pwtake.
std::filesystem::path takePath(const std::filesystem::path& projectDir, const std::string& id);

} // namespace pw::gui
