// SPDX-License-Identifier: Apache-2.0
// Private, torch-level: the Qwen3 decoder (Qwen3ForCausalLM without its LM head) as the text
// encoder of HY-Motion: embeddings, pre-norm layers with GQA attention (q/k RMSNorm, half-split
// RoPE) and SwiGLU MLP, final RMSNorm. Numerics follow transformers: RMSNorm in float32, the
// normalised value cast back before the weight; RoPE tables in float32 cast to the compute
// dtype. The layer loop is explicit so a caller can run (and later stream) one layer at a time.
#pragma once

#include "text_torch.h"

#include <pw/core/cancel.h>
#include <pw/infer/device.h>

#include <torch/torch.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <vector>

namespace pw::infer {

struct Qwen3Config
{
    std::int64_t vocabSize = 0;
    std::int64_t hiddenSize = 0;
    std::int64_t intermediateSize = 0;
    std::int64_t layerCount = 0;
    std::int64_t headCount = 0;
    std::int64_t kvHeadCount = 0;
    std::int64_t headDim = 0;
    double rmsNormEps = 1e-6;
    double ropeTheta = 1e6;
    bool attentionBias = false;

    /// Reads and validates config.json (model_type qwen3, silu, no RoPE scaling, head counts
    /// that divide, an even head_dim). Throws FileNotFound / BadModelFile naming the field.
    static Qwen3Config load(const std::filesystem::path& configJson);
    /// Qwen/Qwen3-8B.
    static Qwen3Config qwen3_8b();
    std::int64_t parameterCount() const; ///< without the LM head
};

/// What every layer needs for one forward: RoPE tables and the attention mask.
struct Qwen3Attention
{
    torch::Tensor cos;  ///< (1, 1, L, headDim), compute dtype
    torch::Tensor sin;  ///< (1, 1, L, headDim)
    torch::Tensor keep; ///< (B, 1, L, L) bool (causal and key padding) or undefined
    bool causal = true; ///< when `keep` is undefined: plain causal attention
};

class Qwen3Model
{
  public:
    using Placement = ModelPlacement;

    /// Loads `dir` (config.json + safetensors, memory-mapped; weights are converted to the
    /// compute dtype on `placement.device` as they are loaded). Progress: stage "load", one step
    /// per layer; cancel is checked between layers. Throws (pw::Exception, c10::Error).
    static std::unique_ptr<Qwen3Model> load(const std::filesystem::path& dir,
                                            const Placement& placement, const RunControl& control);
    /// Random weights (N(0, 0.02), norms near 1) generated on the device: for benchmarks.
    static std::unique_ptr<Qwen3Model> random(const Qwen3Config& config, const Placement& placement,
                                              std::uint64_t seed);

    /// Token embeddings (B, L, hidden) of int64 ids (B, L).
    torch::Tensor embed(const torch::Tensor& ids) const;
    /// RoPE tables for positions 0..length-1, and the mask for `attentionMask` (B, L) of 0/1
    /// (undefined: no padding, plain causal attention).
    Qwen3Attention prepare(std::int64_t length, const torch::Tensor& attentionMask) const;
    /// One decoder layer.
    torch::Tensor runLayer(std::size_t index, const torch::Tensor& hidden,
                           const Qwen3Attention& attention) const;
    /// The final RMSNorm.
    torch::Tensor finalNorm(const torch::Tensor& hidden) const;
    /// embed -> layers -> final norm: the last hidden state (B, L, hidden), compute dtype.
    /// Cancel is checked before each layer; progress: stage "encode", a step per layer.
    torch::Tensor forward(const torch::Tensor& ids, const torch::Tensor& attentionMask,
                          const RunControl& control) const;

    const Qwen3Config& config() const { return m_config; }
    torch::Device device() const { return m_device; }
    torch::ScalarType dtype() const { return m_dtype; }
    std::size_t layerCount() const { return m_layers.size(); }
    /// Bytes of the weights as held for compute.
    std::uint64_t weightBytes() const;
    /// The weight files' identity ("" for random weights).
    const std::string& identity() const { return m_identity; }

  private:
    struct Layer
    {
        torch::Tensor inputNorm, postNorm;
        torch::Tensor q, k, v, o;                 // projections (out, in)
        torch::Tensor qBias, kBias, vBias, oBias; // only with attention_bias
        torch::Tensor qNorm, kNorm;               // (headDim)
        torch::Tensor gate, up, down;
    };
    torch::Tensor rmsNorm(const torch::Tensor& x, const torch::Tensor& weight) const;

    Qwen3Config m_config;
    torch::Device m_device = torch::kCPU;
    torch::ScalarType m_dtype = torch::kFloat32;
    torch::Tensor m_embed;
    torch::Tensor m_norm;
    std::vector<Layer> m_layers;
    torch::Tensor m_invFreq; ///< (headDim / 2) float32 on the device
    std::string m_identity;
};

} // namespace pw::infer
