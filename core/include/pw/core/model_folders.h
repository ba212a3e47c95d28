// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <pw/core/error.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace pw {

/// Quick structural checks of the model folders a user points the studio at: files present,
/// configs parse, the values the UI needs. They read only configs and file headers (no weights),
/// so they run on the GUI thread while the user types a path. The engine does the deep checks
/// (every tensor's name, shape and dtype) when it loads. Thread: any.

/// A HY-Motion folder (`HY-Motion-1.0-Lite/`, `HY-Motion-1.0/` or a fixture like `dit-tiny/`).
struct MotionModelFolderInfo
{
    std::string name; ///< the folder name
    std::filesystem::path configFile;
    std::filesystem::path weightsFile; ///< latest.ckpt or model.safetensors
    std::uint64_t weightsBytes = 0;    ///< file size (fp32 weights in the official release)
    int trainFrames = 360;             ///< train_pipeline_args.train_frames
    float fps = 30.0f;                 ///< train_pipeline_args.output_mesh_fps
    int defaultSteps = 50;             ///< infer_noise_scheduler_cfg.validation_steps
    float defaultCfgScale = 5.0f;      ///< test_cfg.text_guidance_scale
    int maxTextTokens = 128;           ///< text_encoder_cfg.max_length_llm
    int featDim = 0;                   ///< network_module_args.feat_dim
    int numLayers = 0;
    int numHeads = 0;
    int ctxtInputDim = 0; ///< width of the Qwen3 features the DiT expects
    int vtxtInputDim = 0; ///< width of the CLIP vector the DiT expects
};

/// Errors: FileNotFound (folder, config.yml, or no weights file: names what was looked for),
/// BadModelFile (YAML syntax with line, missing/invalid key, a weights file that is not a zip
/// checkpoint / safetensors, or a Git LFS pointer instead of the real file).
Result<MotionModelFolderInfo> inspectMotionModelFolder(const std::filesystem::path& dir);

/// A Hugging Face text-encoder folder (Qwen3 or CLIP).
struct TextEncoderFolderInfo
{
    std::string name;      ///< the folder name
    std::string modelType; ///< config.json model_type ("qwen3", "clip", "clip_text_model")
    int hiddenSize = 0;    ///< the feature width the DiT receives
    std::vector<std::filesystem::path> weightFiles;
    std::uint64_t weightsBytes = 0; ///< bytes of the weights actually used (CLIP: text tower)
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
