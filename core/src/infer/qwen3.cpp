// SPDX-License-Identifier: Apache-2.0
// Torch translation unit: the Qwen3 decoder used as HY-Motion's context encoder.
#include "qwen3.h"

#include <pw/core/log.h>

#include <cmath>

namespace pw::infer {

Qwen3Config Qwen3Config::load(const std::filesystem::path& configJson)
{
    const JsonConfig c = JsonConfig::load(configJson);
    const std::string type = c.stringOr("model_type", "");
    if (type != "qwen3") {
        c.bad("model_type", "not a Qwen3 model config", "\"qwen3\"",
              type.empty() ? "nothing" : "\"" + type + "\"");
    }
    Qwen3Config q;
    q.vocabSize = c.requireInt("vocab_size");
    q.hiddenSize = c.requireInt("hidden_size");
    q.intermediateSize = c.requireInt("intermediate_size");
    q.layerCount = c.requireInt("num_hidden_layers");
    q.headCount = c.requireInt("num_attention_heads");
    q.kvHeadCount = c.intOr("num_key_value_heads", q.headCount, 1);
    if (q.hiddenSize % q.headCount != 0 && !c.has("head_dim")) {
        c.bad("num_attention_heads", "hidden_size is not a multiple of the head count",
              "a divisor of " + std::to_string(q.hiddenSize), std::to_string(q.headCount));
    }
    q.headDim = c.intOr("head_dim", q.hiddenSize / q.headCount, 1);
    if (q.headCount % q.kvHeadCount != 0) {
        c.bad("num_key_value_heads", "the query heads are not a multiple of the key/value heads",
              "a divisor of " + std::to_string(q.headCount), std::to_string(q.kvHeadCount));
    }
    if (q.headDim % 2 != 0) {
        c.bad("head_dim", "RoPE needs an even head_dim", "an even number",
              std::to_string(q.headDim));
    }
    q.rmsNormEps = c.numberOr("rms_norm_eps", 1e-6);
    if (!(q.rmsNormEps > 0.0)) {
        c.bad("rms_norm_eps", "value out of range", "> 0", std::to_string(q.rmsNormEps));
    }
    // transformers 4.x writes rope_theta at the top; 5.x inside rope_parameters.
    if (c.has("rope_parameters") && !c.isNull("rope_parameters")) {
        const JsonConfig rope = c.section("rope_parameters");
        const std::string ropeType = rope.stringOr("rope_type", "default");
        if (ropeType != "default") {
            rope.bad("rope_type", "unsupported RoPE scaling", "\"default\"", ropeType);
        }
        q.ropeTheta = rope.requirePositive("rope_theta");
    } else {
        q.ropeTheta = c.has("rope_theta") ? c.requirePositive("rope_theta") : 10000.0;
    }
    if (!c.isNull("rope_scaling")) {
        const JsonConfig scaling = c.section("rope_scaling");
        const std::string ropeType =
            scaling.stringOr("rope_type", scaling.stringOr("type", "default"));
        if (ropeType != "default") {
            scaling.bad("rope_type", "unsupported RoPE scaling", "\"default\" or null", ropeType);
        }
    }
    const std::string act = c.stringOr("hidden_act", "silu");
    if (act != "silu") {
        c.bad("hidden_act", "unsupported activation", "\"silu\"", act);
    }
    q.attentionBias = c.boolOr("attention_bias", false);
    if (c.boolOr("use_sliding_window", false)) {
        c.bad("use_sliding_window", "sliding-window attention is not supported", "false", "true");
    }
    return q;
}

Qwen3Config Qwen3Config::qwen3_8b()
{
    Qwen3Config q;
    q.vocabSize = 151936;
    q.hiddenSize = 4096;
    q.intermediateSize = 12288;
    q.layerCount = 36;
    q.headCount = 32;
    q.kvHeadCount = 8;
    q.headDim = 128;
    q.rmsNormEps = 1e-6;
    q.ropeTheta = 1e6;
    return q;
}

std::int64_t Qwen3Config::parameterCount() const
{
    const std::int64_t qDim = headCount * headDim;
    const std::int64_t kvDim = kvHeadCount * headDim;
    std::int64_t perLayer = 2 * hiddenSize                       // norms
                            + hiddenSize * (qDim + 2 * kvDim)    // q, k, v
                            + qDim * hiddenSize                  // o
                            + 2 * headDim                        // q/k norms
                            + 3 * hiddenSize * intermediateSize; // gate, up, down
    if (attentionBias) {
        perLayer += qDim + 2 * kvDim + hiddenSize;
    }
    return vocabSize * hiddenSize + layerCount * perLayer + hiddenSize;
}

// ---------------------------------------------------------------------------------------------
namespace {

// RoPE's inv_freq = 1 / theta^(2i/d), computed in float32 on the CPU as transformers does, then
// rounded to bfloat16: the reference loads Qwen3 with torch_dtype=bfloat16, which casts this
// buffer too, and keeps the rounded values when computing in float32 (the fixture's
// hidden_last_fp32 matches to 5e-7 with the rounding and only to 5e-3 without it, the error
// growing with the position).
torch::Tensor inverseFrequencies(const Qwen3Config& c)
{
    const auto exponents =
        torch::arange(0, c.headDim, 2, torch::kInt64).to(torch::kFloat32) / c.headDim;
    const auto exact = 1.0 / torch::pow(c.ropeTheta, exponents);
    return exact.to(torch::kBFloat16).to(torch::kFloat32);
}

} // namespace

std::unique_ptr<Qwen3Model> Qwen3Model::load(const std::filesystem::path& dir,
                                             const Placement& placement, const RunControl& control)
{
    auto model = std::make_unique<Qwen3Model>();
    model->m_config = Qwen3Config::load(dir / "config.json");
    const Qwen3Config& c = model->m_config;
    checkPlacement(placement.device, placement.precision, "Qwen3");
    if (placement.precision == Precision::Fp16) {
        fail(Error(Errc::UnsupportedDevice,
                   "Qwen3 runs in bf16 or fp32 (its activations overflow fp16)")
                 .at("precision")
                 .mismatch("bf16 or fp32", "fp16"));
    }
    model->m_device = toTorchDevice(placement.device);
    model->m_dtype = toScalarType(placement.precision);
    const HfWeights weights = HfWeights::open(dir);
    model->m_identity = weights.identity();

    const auto dev = model->m_device;
    const auto dt = model->m_dtype;
    auto get = [&](const std::string& name, std::vector<std::int64_t> shape) {
        return weightTensor(weights, weights.require(name, std::move(shape)), dev, dt);
    };
    const std::int64_t h = c.hiddenSize;
    const std::int64_t qDim = c.headCount * c.headDim;
    const std::int64_t kvDim = c.kvHeadCount * c.headDim;

    control.report(0, static_cast<int>(c.layerCount), "load");
    model->m_embed = get("model.embed_tokens.weight", {c.vocabSize, h});
    for (std::int64_t i = 0; i < c.layerCount; ++i) {
        checkCancel(control);
        const std::string p = "model.layers." + std::to_string(i) + ".";
        Layer l;
        l.inputNorm = get(p + "input_layernorm.weight", {h});
        l.postNorm = get(p + "post_attention_layernorm.weight", {h});
        l.q = get(p + "self_attn.q_proj.weight", {qDim, h});
        l.k = get(p + "self_attn.k_proj.weight", {kvDim, h});
        l.v = get(p + "self_attn.v_proj.weight", {kvDim, h});
        l.o = get(p + "self_attn.o_proj.weight", {h, qDim});
        if (c.attentionBias) {
            l.qBias = get(p + "self_attn.q_proj.bias", {qDim});
            l.kBias = get(p + "self_attn.k_proj.bias", {kvDim});
            l.vBias = get(p + "self_attn.v_proj.bias", {kvDim});
            l.oBias = get(p + "self_attn.o_proj.bias", {h});
        }
        l.qNorm = get(p + "self_attn.q_norm.weight", {c.headDim});
        l.kNorm = get(p + "self_attn.k_norm.weight", {c.headDim});
        l.gate = get(p + "mlp.gate_proj.weight", {c.intermediateSize, h});
        l.up = get(p + "mlp.up_proj.weight", {c.intermediateSize, h});
        l.down = get(p + "mlp.down_proj.weight", {h, c.intermediateSize});
        model->m_layers.push_back(std::move(l));
        control.report(static_cast<int>(i + 1), static_cast<int>(c.layerCount), "load");
    }
    model->m_norm = get("model.norm.weight", {h});

    model->m_invFreq = inverseFrequencies(c).to(dev);
    log::get(log::kInfer)
        ->info("Qwen3 loaded from {}: {} layers, hidden {}, {} on {}", dir.string(), c.layerCount,
               h, precisionName(placement.precision), placement.device.toString());
    return model;
}

std::unique_ptr<Qwen3Model> Qwen3Model::random(const Qwen3Config& config,
                                               const Placement& placement, std::uint64_t seed)
{
    checkPlacement(placement.device, placement.precision, "Qwen3");
    auto model = std::make_unique<Qwen3Model>();
    model->m_config = config;
    model->m_device = toTorchDevice(placement.device);
    model->m_dtype = toScalarType(placement.precision);
    torch::manual_seed(seed);
    const auto opts = torch::TensorOptions().device(model->m_device).dtype(model->m_dtype);
    auto normal = [&](const std::vector<std::int64_t>& shape) { return randomWeight(shape, opts); };
    auto nearOne = [&](std::int64_t n) { return torch::empty({n}, opts).uniform_(0.9, 1.1); };
    const auto& c = config;
    const std::int64_t h = c.hiddenSize;
    const std::int64_t qDim = c.headCount * c.headDim;
    const std::int64_t kvDim = c.kvHeadCount * c.headDim;
    model->m_embed = normal({c.vocabSize, h});
    for (std::int64_t i = 0; i < c.layerCount; ++i) {
        Layer l;
        l.inputNorm = nearOne(h);
        l.postNorm = nearOne(h);
        l.q = normal({qDim, h});
        l.k = normal({kvDim, h});
        l.v = normal({kvDim, h});
        l.o = normal({h, qDim});
        l.qNorm = nearOne(c.headDim);
        l.kNorm = nearOne(c.headDim);
        l.gate = normal({c.intermediateSize, h});
        l.up = normal({c.intermediateSize, h});
        l.down = normal({h, c.intermediateSize});
        model->m_layers.push_back(std::move(l));
    }
    model->m_norm = nearOne(h);
    model->m_invFreq = inverseFrequencies(c).to(model->m_device);
    return model;
}

std::uint64_t Qwen3Model::weightBytes() const
{
    std::uint64_t total = 0;
    auto add = [&](const torch::Tensor& t) {
        if (t.defined()) {
            total += static_cast<std::uint64_t>(t.numel()) * t.element_size();
        }
    };
    add(m_embed);
    add(m_norm);
    for (const Layer& l : m_layers) {
        for (const auto* t : {&l.inputNorm, &l.postNorm, &l.q, &l.k, &l.v, &l.o, &l.qBias, &l.kBias,
                              &l.vBias, &l.oBias, &l.qNorm, &l.kNorm, &l.gate, &l.up, &l.down}) {
            add(*t);
        }
    }
    return total;
}

torch::Tensor Qwen3Model::rmsNorm(const torch::Tensor& x, const torch::Tensor& weight) const
{
    const auto xf = x.to(torch::kFloat32);
    const auto variance = xf.pow(2).mean(-1, /*keepdim=*/true);
    const auto normed = xf * torch::rsqrt(variance + m_config.rmsNormEps);
    return weight * normed.to(x.scalar_type());
}

torch::Tensor Qwen3Model::embed(const torch::Tensor& ids) const
{
    return torch::embedding(m_embed, ids.to(m_device, torch::kInt64));
}

Qwen3Attention Qwen3Model::prepare(std::int64_t length, const torch::Tensor& attentionMask) const
{
    Qwen3Attention a;
    // Positions 0..L-1 whatever the padding (right padding does not shift them).
    const auto positions =
        torch::arange(length, torch::TensorOptions().device(m_device).dtype(torch::kFloat32));
    const auto freqs = positions.unsqueeze(1) * m_invFreq.unsqueeze(0); // (L, d/2), exact
    const auto emb = torch::cat({freqs, freqs}, -1);
    a.cos = emb.cos().to(m_dtype).view({1, 1, length, m_config.headDim});
    a.sin = emb.sin().to(m_dtype).view({1, 1, length, m_config.headDim});
    if (attentionMask.defined()) {
        const auto keys =
            attentionMask.to(m_device).to(torch::kBool).view({attentionMask.size(0), 1, 1, length});
        const auto causal = torch::ones({length, length},
                                        torch::TensorOptions().device(m_device).dtype(torch::kBool))
                                .tril()
                                .view({1, 1, length, length});
        a.keep = causal & keys;
        a.causal = false;
    }
    return a;
}

namespace {

torch::Tensor rotateHalf(const torch::Tensor& x)
{
    const auto half = x.size(-1) / 2;
    const auto x1 = x.narrow(-1, 0, half);
    const auto x2 = x.narrow(-1, half, half);
    return torch::cat({-x2, x1}, -1);
}

torch::Tensor linear(const torch::Tensor& x, const torch::Tensor& w, const torch::Tensor& b)
{
    return b.defined() ? torch::linear(x, w, b) : torch::linear(x, w);
}

} // namespace

torch::Tensor Qwen3Model::runLayer(std::size_t index, const torch::Tensor& hidden,
                                   const Qwen3Attention& a) const
{
    const Layer& l = m_layers.at(index);
    const auto& c = m_config;
    const std::int64_t b = hidden.size(0);
    const std::int64_t len = hidden.size(1);

    auto x = rmsNorm(hidden, l.inputNorm);
    auto q = linear(x, l.q, l.qBias).view({b, len, c.headCount, c.headDim});
    auto k = linear(x, l.k, l.kBias).view({b, len, c.kvHeadCount, c.headDim});
    auto v = linear(x, l.v, l.vBias).view({b, len, c.kvHeadCount, c.headDim});
    q = rmsNorm(q, l.qNorm).transpose(1, 2); // (B, H, L, D)
    k = rmsNorm(k, l.kNorm).transpose(1, 2);
    v = v.transpose(1, 2);
    q = q * a.cos + rotateHalf(q) * a.sin;
    k = k * a.cos + rotateHalf(k) * a.sin;
    if (c.kvHeadCount != c.headCount) {
        const auto rep = c.headCount / c.kvHeadCount;
        k = k.repeat_interleave(rep, 1);
        v = v.repeat_interleave(rep, 1);
    }
    auto attn = attention(q, k, v, a.keep, a.causal);
    attn = attn.transpose(1, 2).reshape({b, len, c.headCount * c.headDim});
    auto h = hidden + linear(attn, l.o, l.oBias);

    x = rmsNorm(h, l.postNorm);
    const auto mlp =
        torch::linear(torch::silu(torch::linear(x, l.gate)) * torch::linear(x, l.up), l.down);
    return h + mlp;
}

torch::Tensor Qwen3Model::finalNorm(const torch::Tensor& hidden) const
{
    return rmsNorm(hidden, m_norm);
}

torch::Tensor Qwen3Model::forward(const torch::Tensor& ids, const torch::Tensor& attentionMask,
                                  const RunControl& control) const
{
    const Qwen3Attention a = prepare(ids.size(1), attentionMask);
    auto h = embed(ids);
    const int n = static_cast<int>(m_layers.size());
    for (std::size_t i = 0; i < m_layers.size(); ++i) {
        checkCancel(control);
        h = runLayer(i, h, a);
        control.report(static_cast<int>(i + 1), n, "encode");
    }
    return finalNorm(h);
}

} // namespace pw::infer
