// SPDX-License-Identifier: Apache-2.0
// Private, torch-level: the CLIP text transformer (CLIPTextModel) as HY-Motion's sentence
// encoder: token + learned position embeddings, pre-LN layers (causal + padding mask,
// quick_gelu MLP), final LayerNorm, pooled output at the end token.
#pragma once

#include "text_torch.h"

#include <pw/core/cancel.h>
#include <pw/infer/device.h>

#include <torch/torch.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace pw::infer {

struct ClipTextConfig
{
    std::int64_t vocabSize = 0;
    std::int64_t hiddenSize = 0;
    std::int64_t intermediateSize = 0;
    std::int64_t layerCount = 0;
    std::int64_t headCount = 0;
    std::int64_t maxPositions = 0;
    double layerNormEps = 1e-5;
    std::string activation = "quick_gelu";
    std::int64_t eosTokenId = 2; ///< 2: the legacy configs' value -> pool at argmax(ids)

    /// Reads config.json: a full CLIP config (model_type "clip": its text_config) or a text-only
    /// one (model_type "clip_text_model"). Throws FileNotFound / BadModelFile naming the field.
    static ClipTextConfig load(const std::filesystem::path& configJson);
    /// openai/clip-vit-large-patch14's text tower.
    static ClipTextConfig clipVitLarge14();
};

struct ClipTextOutput
{
    torch::Tensor lastHidden; ///< (B, L, hidden) after the final LayerNorm
    torch::Tensor pooled;     ///< (B, hidden)
};

class ClipTextModel
{
  public:
    using Placement = ModelPlacement;

    /// Loads the text tower of `dir` (tensors "text_model.*" of a full CLIP checkpoint, or
    /// unprefixed ones of a CLIPTextModel; everything else is ignored). Throws.
    static std::unique_ptr<ClipTextModel>
    load(const std::filesystem::path& dir, const Placement& placement, const RunControl& control);
    static std::unique_ptr<ClipTextModel> random(const ClipTextConfig& config,
                                                 const Placement& placement, std::uint64_t seed);

    /// ids (B, L) int64, attentionMask (B, L) of 0/1 or undefined (no padding).
    ClipTextOutput forward(const torch::Tensor& ids, const torch::Tensor& attentionMask,
                           const RunControl& control) const;

    const ClipTextConfig& config() const { return m_config; }
    torch::Device device() const { return m_device; }
    torch::ScalarType dtype() const { return m_dtype; }
    std::uint64_t weightBytes() const;
    const std::string& identity() const { return m_identity; }

  private:
    struct Layer
    {
        torch::Tensor ln1W, ln1B, ln2W, ln2B;
        torch::Tensor qW, qB, kW, kB, vW, vB, oW, oB;
        torch::Tensor fc1W, fc1B, fc2W, fc2B;
    };
    torch::Tensor activate(const torch::Tensor& x) const;

    ClipTextConfig m_config;
    torch::Device m_device = torch::kCPU;
    torch::ScalarType m_dtype = torch::kFloat32;
    torch::Tensor m_tokenEmbed, m_positionEmbed, m_finalW, m_finalB;
    std::vector<Layer> m_layers;
    std::string m_identity;
};

} // namespace pw::infer
