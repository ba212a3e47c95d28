// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <pw/core/motion_clip.h>

#include <cstdint>
#include <string>

namespace pw {

/// The settings a motion was generated with (everything needed to reproduce it).
struct GenerationParams
{
    double durationSec = 0.0; ///< as requested by the user
    int frames = 0;           ///< frames generated (after the model's length clamp)
    float cfgScale = 5.0f;    ///< classifier-free guidance scale (1 = off)
    int steps = 50;           ///< Euler steps
    std::string device;       ///< "cpu", "cuda", "cuda:1"
    std::string precision;    ///< "fp32", "bf16", "fp16"
    int textMaxLength = 128;  ///< Qwen3 tokens fed to the DiT (max_length_llm)
    bool trimmed = true;      ///< network ran on the requested frames only (exact, faster)
};

/// Which model files produced a take. Folder paths are as the user configured them; the
/// fingerprints let a take be matched to weights even after the folders move.
struct ModelIdentity
{
    std::string name;        ///< e.g. "HY-Motion-1.0-Lite" (folder name) or "dit-tiny"
    std::string dir;         ///< the HY-Motion folder
    std::string weightsFile; ///< "latest.ckpt" or "model.safetensors"
    std::uint64_t weightsBytes = 0;
    std::string configSha256; ///< of config.yml
    std::string qwenDir;      ///< text encoders (empty when features were given directly)
    std::string clipDir;
};

/// One generated motion with everything needed to reproduce, reload and export it.
/// Saved as soon as it is produced (see pw/io/take_file.h for the file format).
struct Take
{
    std::string id; ///< unique and file-name safe, e.g. "20261125-081503-seed42"
    std::string prompt;
    GenerationParams params;
    std::uint64_t seed = 0;
    int candidateIndex = 0; ///< position among the candidates of one request
    ModelIdentity model;
    std::string createdUtc; ///< ISO 8601, e.g. "2026-11-25T08:15:03Z"
    std::string appVersion; ///< Posewright version that made it
    MotionClipPtr motion;   ///< decoded motion (before ground alignment and export options)
};

} // namespace pw
