// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <pw/core/body_mesh.h>
#include <pw/core/error.h>
#include <pw/infer/dit_config.h>

#include <cstdint>
#include <filesystem>
#include <string>

namespace pw::gui {

/// What the studio knows about a HY-Motion folder before loading it.
struct MotionModelInfo
{
    std::string name; ///< the folder name, e.g. "HY-Motion-1.0-Lite"
    infer::ModelFolder folder;
    infer::DitConfig config;
    std::uint64_t weightsBytes = 0; ///< size of the weights file
};

/// The quick check of a HY-Motion folder for the model manager: the files are found and the
/// config is parsed by pw_infer (findModelFolder, loadDitConfig: the messages the engine gives),
/// and the weights file's header is checked (checkWeightsFileHeader); the tensors are checked when
/// the engine loads. Thread: any. Errors: FileNotFound, BadModelFile.
Result<MotionModelInfo> inspectMotionModel(const std::filesystem::path& dir);

/// The official wooden mannequin from the folder the model manager holds: the dump_wooden
/// folder itself or a clone of the official repository (found by inspectMannequinFolder), read
/// with loadMannequinAssets. Thread: any. Errors: FileNotFound, BadModelFile, BadInput.
Result<MannequinAssets> loadMannequinFolder(const std::filesystem::path& dir);

} // namespace pw::gui
