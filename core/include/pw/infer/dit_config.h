// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <pw/core/error.h>
#include <pw/core/weight_file.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace pw::infer {

/// The HY-Motion DiT and sampler settings of a model folder's `config.yml` (official layout:
/// `network_module_args` + `train_pipeline_args`). Keys missing from the file take the
/// reference code's defaults (hymotion-spec.md §2.2). No torch types (public header).
struct DitConfig
{
    // network_module_args
    int inputDim = 201;      ///< latent channels per frame (input_dim = output_dim)
    int featDim = 0;         ///< D (Lite 1024, 1.0B 1280); required
    int ctxtInputDim = 4096; ///< Qwen3 hidden size
    int vtxtInputDim = 256;  ///< CLIP pooled width (768 in the released configs)
    int numLayers = 12;      ///< double + single blocks; divisible by 3
    int numHeads = 16;
    double mlpRatio = 4.0;
    std::string mlpActType = "gelu_tanh"; ///< gelu_tanh, gelu, silu or relu
    std::string qkNormType = "rms";       ///< only rms is supported
    bool qkvBias = true;
    std::string maskMode;                ///< "narrowband", "causal" or "" (none)
    bool applyRopeToSingleBranch = true; ///< false in the released models: RoPE on [motion; text]
    double timeFactor = 1.0;             ///< 1000 in the released models
    double narrowbandLengthSec = 2.0;    ///< code default; window = round(sec * 30) frames
    int refinerLayers = 2;               ///< text_refiner_cfg.num_layers

    // train_pipeline_args
    int trainFrames = 360;   ///< latent length the model was trained on (longest clip)
    double fps = 30.0;       ///< output_mesh_fps
    double cfgScale = 5.0;   ///< test_cfg.text_guidance_scale
    int steps = 50;          ///< infer_noise_scheduler_cfg.validation_steps
    int maxTextTokens = 128; ///< text_encoder_cfg.max_length_llm
    bool enableCtxtNullFeat = true;
    bool randomGeneratorOnGpu = false; ///< noise from a CUDA generator when running on CUDA

    int headDim() const { return featDim / numHeads; }
    int doubleBlocks() const { return numLayers / 3; }
    int singleBlocks() const { return numLayers - numLayers / 3; }
    int mlpHidden() const { return static_cast<int>(featDim * mlpRatio); }
    /// Narrowband half-width in frames: round(narrowband_length * 30) (30 is hard-coded in the
    /// reference, not the fps).
    int narrowbandWindow() const;
    /// The shortest clip in frames: min(20, trainFrames).
    int minFrames() const { return trainFrames < 20 ? trainFrames : 20; }
};

/// Requested length in frames: round-half-even(durationSec * fps) (Python's round()) clamped to
/// [minFrames(), trainFrames] like the reference, except that durations <= 0, non-finite, or
/// longer than trainFrames / fps (12 s for the released models) are errors instead of being
/// clamped. Error: InvalidArgument (item "duration") with the allowed range.
Result<int> durationToFrames(double durationSec, const DitConfig& config);

/// Parses config.yml text; `label` names the file in errors. Errors: BadModelFile (malformed
/// YAML, missing/invalid required keys, unsupported options, naming the key and the value).
Result<DitConfig> parseDitConfig(const std::string& yamlText, const std::string& label);
/// Reads and parses a config.yml. Errors: FileNotFound, IoError, BadModelFile.
Result<DitConfig> loadDitConfig(const std::filesystem::path& file);

/// One tensor the config implies, with the module it belongs to (for summaries).
struct ExpectedTensor
{
    std::string name; ///< state-dict key, e.g. "motion_transformer.input_encoder.weight"
    std::vector<std::int64_t> shape;
    std::string module;   ///< "input_encoder", ..., "double_blocks", "pipeline"
    bool required = true; ///< special_game_* are optional (unused at inference)
};

/// Every state-dict key and shape a folder with this config must hold (hymotion-spec.md §1.5,
/// Appendix A/B), in state-dict order, the 6 pipeline tensors last.
std::vector<ExpectedTensor> expectedTensors(const DitConfig& config);

/// Checks names, shapes and dtypes (floating point: F32, BF16, F16) of `weights` against the
/// config. Unexpected extra tensors are allowed (logged). Errors: BadModelFile naming the file,
/// the tensor, and expected vs found.
Result<void> validateWeights(const DitConfig& config, const WeightFile& weights);

/// The files of a model folder: `config.yml` and the weights (`latest.ckpt`, else the only
/// `*.safetensors`, else the only `*.ckpt`). `prefer` = "ckpt" or "safetensors" forces one kind.
struct ModelFolder
{
    std::filesystem::path dir;
    std::filesystem::path configFile;
    std::filesystem::path weightsFile;
};
/// Errors: FileNotFound (no folder, no config.yml, no weights), InvalidArgument (bad `prefer`),
/// BadModelFile (several candidate weight files).
Result<ModelFolder> findModelFolder(const std::filesystem::path& dir,
                                    const std::string& prefer = {});

} // namespace pw::infer
