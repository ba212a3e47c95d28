// SPDX-License-Identifier: Apache-2.0
#include "model_check.h"

#include <pw/core/model_folders.h>

#include <system_error>

namespace pw::gui {

Result<MotionModelInfo> inspectMotionModel(const std::filesystem::path& dir)
{
    if (dir.empty()) {
        return Error(Errc::FileNotFound, "no HY-Motion model folder chosen");
    }
    auto folder = infer::findModelFolder(dir);
    if (!folder) {
        return folder.error();
    }
    auto config = infer::loadDitConfig(folder->configFile);
    if (!config) {
        return config.error();
    }
    if (auto header = checkWeightsFileHeader(folder->weightsFile); !header) {
        return header.error();
    }
    MotionModelInfo info;
    info.folder = *folder;
    info.config = *config;
    info.name =
        dir.filename().empty() ? dir.parent_path().filename().string() : dir.filename().string();
    std::error_code ec;
    const auto size = std::filesystem::file_size(folder->weightsFile, ec);
    info.weightsBytes = ec ? 0 : static_cast<std::uint64_t>(size);
    return info;
}

Result<MannequinAssets> loadMannequinFolder(const std::filesystem::path& dir)
{
    auto folder = inspectMannequinFolder(dir);
    if (!folder) {
        return folder.error();
    }
    return loadMannequinAssets(folder->assetsDir);
}

} // namespace pw::gui
