// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <pw/core/error.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace pw {

/// Quick structural checks of the text-encoder and mannequin folders a user points the studio
/// at: files present, configs parse, the values the UI needs. They read only configs and file
/// headers (no weights), so they run on the GUI thread while the user types a path. The engine does
/// the deep checks (every tensor's name, shape and dtype) when it loads. Thread: any.

/// The HY-Motion folder itself (config.yml + weights) is read by pw::infer::findModelFolder and
/// loadDitConfig (pw/infer/dit_config.h); this checks its weights file without loading it: not
/// empty, not a Git LFS pointer, a zip signature for torch.save checkpoints (.ckpt/.pt/.pth), a
/// valid header for safetensors. Errors: FileNotFound, BadModelFile naming the file.
Result<void> checkWeightsFileHeader(const std::filesystem::path& path);

/// A Hugging Face text-encoder folder (Qwen3 or CLIP).
struct TextEncoderFolderInfo
{
    std::string name;      ///< the folder name
    std::string modelType; ///< config.json model_type ("qwen3", "clip", "clip_text_model")
    int hiddenSize = 0;    ///< the feature width the DiT receives
    std::vector<std::filesystem::path> weightFiles;
    /// Bytes of the weights actually loaded: CLIP's text tower; Qwen3's shards less an untied
    /// LM head listed in the index (never loaded).
    std::uint64_t weightsBytes = 0;
};

/// Qwen3 folder: config.json (model_type qwen3), tokenizer.json, and model.safetensors or a
/// model.safetensors.index.json whose shards all exist. Errors: FileNotFound, BadModelFile.
Result<TextEncoderFolderInfo> inspectQwenFolder(const std::filesystem::path& dir);

/// CLIP folder: config.json (model_type clip or clip_text_model), vocab.json, merges.txt,
/// model.safetensors. weightsBytes counts the text tower only (what the pipeline uses).
/// Errors: FileNotFound, BadModelFile.
Result<TextEncoderFolderInfo> inspectClipFolder(const std::filesystem::path& dir);

/// The official repository's wooden-mannequin assets (optional, for mesh display/exports):
/// either the dump_wooden folder itself or a clone of Tencent-Hunyuan/HY-Motion-1.0.
struct MannequinFolderInfo
{
    std::filesystem::path assetsDir; ///< the folder holding j_template.bin etc.
    bool hasMesh = false;            ///< v_template.bin, faces.bin, skin weights present
};

/// Errors: FileNotFound, BadModelFile (e.g. Git LFS pointers: "run git lfs pull").
Result<MannequinFolderInfo> inspectMannequinFolder(const std::filesystem::path& dir);

} // namespace pw
