// SPDX-License-Identifier: Apache-2.0
// Torch translation unit: the CLIP text transformer used as HY-Motion's sentence encoder.
#include "clip_text.h"

#include <pw/core/log.h>

#include <cmath>

namespace pw::infer {

ClipTextConfig ClipTextConfig::load(const std::filesystem::path& configJson)
{
    const JsonConfig root = JsonConfig::load(configJson);
    const std::string type = root.stringOr("model_type", "");
    const bool full = type == "clip" || root.has("text_config");
    if (!full && type != "clip_text_model") {
        root.bad("model_type", "not a CLIP config", "\"clip\" or \"clip_text_model\"",
                 type.empty() ? "nothing" : "\"" + type + "\"");
    }
    const JsonConfig c = full ? root.section("text_config") : root;
    ClipTextConfig t;
    t.vocabSize = c.requireInt("vocab_size");
    t.hiddenSize = c.requireInt("hidden_size");
    t.intermediateSize = c.requireInt("intermediate_size");
    t.layerCount = c.requireInt("num_hidden_layers");
    t.headCount = c.requireInt("num_attention_heads");
    t.maxPositions = c.requireInt("max_position_embeddings");
    if (t.hiddenSize % t.headCount != 0) {
        c.bad("num_attention_heads", "hidden_size is not a multiple of the head count",
              "a divisor of " + std::to_string(t.hiddenSize), std::to_string(t.headCount));
    }
    t.layerNormEps = c.numberOr("layer_norm_eps", 1e-5);
    t.activation = c.stringOr("hidden_act", "quick_gelu");
    if (t.activation != "quick_gelu" && t.activation != "gelu" && t.activation != "gelu_new" &&
        t.activation != "gelu_pytorch_tanh") {
        c.bad("hidden_act", "unsupported activation",
              "quick_gelu, gelu, gelu_new or gelu_pytorch_tanh", t.activation);
    }
    t.eosTokenId = c.intOr("eos_token_id", 49407, 0);
    return t;
}

ClipTextConfig ClipTextConfig::clipVitLarge14()
{
    ClipTextConfig t;
    t.vocabSize = 49408;
    t.hiddenSize = 768;
    t.intermediateSize = 3072;
    t.layerCount = 12;
    t.headCount = 12;
    t.maxPositions = 77;
    t.eosTokenId = 2;
    return t;
}

std::unique_ptr<ClipTextModel> ClipTextModel::load(const std::filesystem::path& dir,
                                                   const Placement& placement,
                                                   const RunControl& control)
{
    auto model = std::make_unique<ClipTextModel>();
    model->m_config = ClipTextConfig::load(dir / "config.json");
    const ClipTextConfig& c = model->m_config;
    checkPlacement(placement.device, placement.precision, "CLIP");
    model->m_device = toTorchDevice(placement.device);
    model->m_dtype = toScalarType(placement.precision);
    const HfWeights weights = HfWeights::open(dir);
    model->m_identity = weights.identity();

    // A full CLIP checkpoint prefixes the text tower with "text_model."; CLIPTextModel files
    // written by transformers 5 do not.
    std::string prefix = "text_model.";
    if (weights.find(prefix + "embeddings.token_embedding.weight") == nullptr &&
        weights.find("embeddings.token_embedding.weight") != nullptr) {
        prefix.clear();
    }
    const auto dev = model->m_device;
    const auto dt = model->m_dtype;
    auto get = [&](const std::string& name, std::vector<std::int64_t> shape) {
        return weightTensor(weights, weights.require(prefix + name, std::move(shape)), dev, dt);
    };
    const std::int64_t h = c.hiddenSize;
    control.report(0, static_cast<int>(c.layerCount), "load");
    model->m_tokenEmbed = get("embeddings.token_embedding.weight", {c.vocabSize, h});
    model->m_positionEmbed = get("embeddings.position_embedding.weight", {c.maxPositions, h});
    for (std::int64_t i = 0; i < c.layerCount; ++i) {
        checkCancel(control);
        const std::string p = "encoder.layers." + std::to_string(i) + ".";
        Layer l;
        l.ln1W = get(p + "layer_norm1.weight", {h});
        l.ln1B = get(p + "layer_norm1.bias", {h});
        l.ln2W = get(p + "layer_norm2.weight", {h});
        l.ln2B = get(p + "layer_norm2.bias", {h});
        l.qW = get(p + "self_attn.q_proj.weight", {h, h});
        l.qB = get(p + "self_attn.q_proj.bias", {h});
        l.kW = get(p + "self_attn.k_proj.weight", {h, h});
        l.kB = get(p + "self_attn.k_proj.bias", {h});
        l.vW = get(p + "self_attn.v_proj.weight", {h, h});
        l.vB = get(p + "self_attn.v_proj.bias", {h});
        l.oW = get(p + "self_attn.out_proj.weight", {h, h});
        l.oB = get(p + "self_attn.out_proj.bias", {h});
        l.fc1W = get(p + "mlp.fc1.weight", {c.intermediateSize, h});
        l.fc1B = get(p + "mlp.fc1.bias", {c.intermediateSize});
        l.fc2W = get(p + "mlp.fc2.weight", {h, c.intermediateSize});
        l.fc2B = get(p + "mlp.fc2.bias", {h});
        model->m_layers.push_back(std::move(l));
        control.report(static_cast<int>(i + 1), static_cast<int>(c.layerCount), "load");
    }
    model->m_finalW = get("final_layer_norm.weight", {h});
    model->m_finalB = get("final_layer_norm.bias", {h});
    log::get(log::kInfer)
        ->info("CLIP text loaded from {}: {} layers, width {}, {} on {}", dir.string(),
               c.layerCount, h, precisionName(placement.precision), placement.device.toString());
    return model;
}

std::unique_ptr<ClipTextModel> ClipTextModel::random(const ClipTextConfig& config,
                                                     const Placement& placement, std::uint64_t seed)
{
    checkPlacement(placement.device, placement.precision, "CLIP");
    auto model = std::make_unique<ClipTextModel>();
    model->m_config = config;
    model->m_device = toTorchDevice(placement.device);
    model->m_dtype = toScalarType(placement.precision);
    torch::manual_seed(seed);
    const auto opts = torch::TensorOptions().device(model->m_device).dtype(model->m_dtype);
    auto normal = [&](const std::vector<std::int64_t>& shape) { return randomWeight(shape, opts); };
    auto ones = [&](std::int64_t n) { return torch::ones({n}, opts); };
    auto zeros = [&](std::int64_t n) { return torch::zeros({n}, opts); };
    const auto& c = config;
    const std::int64_t h = c.hiddenSize;
    model->m_tokenEmbed = normal({c.vocabSize, h});
    model->m_positionEmbed = normal({c.maxPositions, h});
    for (std::int64_t i = 0; i < c.layerCount; ++i) {
        Layer l{ones(h),
                zeros(h),
                ones(h),
                zeros(h),
                normal({h, h}),
                zeros(h),
                normal({h, h}),
                zeros(h),
                normal({h, h}),
                zeros(h),
                normal({h, h}),
                zeros(h),
                normal({c.intermediateSize, h}),
                zeros(c.intermediateSize),
                normal({h, c.intermediateSize}),
                zeros(h)};
        model->m_layers.push_back(std::move(l));
    }
    model->m_finalW = ones(h);
    model->m_finalB = zeros(h);
    return model;
}

std::uint64_t ClipTextModel::weightBytes() const
{
    std::uint64_t total = 0;
    auto add = [&](const torch::Tensor& t) {
        total += static_cast<std::uint64_t>(t.numel()) * t.element_size();
    };
    for (const auto* t : {&m_tokenEmbed, &m_positionEmbed, &m_finalW, &m_finalB}) {
        add(*t);
    }
    for (const Layer& l : m_layers) {
        for (const auto* t : {&l.ln1W, &l.ln1B, &l.ln2W, &l.ln2B, &l.qW, &l.qB, &l.kW, &l.kB, &l.vW,
                              &l.vB, &l.oW, &l.oB, &l.fc1W, &l.fc1B, &l.fc2W, &l.fc2B}) {
            add(*t);
        }
    }
    return total;
}

torch::Tensor ClipTextModel::activate(const torch::Tensor& x) const
{
    const std::string& act = m_config.activation;
    if (act == "quick_gelu") {
        return x * torch::sigmoid(1.702 * x);
    }
    if (act == "gelu") {
        return torch::gelu(x);
    }
    return torch::gelu(x, "tanh");
}

ClipTextOutput ClipTextModel::forward(const torch::Tensor& idsIn,
                                      const torch::Tensor& attentionMask,
                                      const RunControl& control) const
{
    const auto& c = m_config;
    const auto ids = idsIn.to(m_device, torch::kInt64);
    const std::int64_t b = ids.size(0);
    const std::int64_t len = ids.size(1);
    if (len > c.maxPositions) {
        fail(Error(Errc::InvalidArgument, "too many tokens for CLIP's position table")
                 .mismatch("<= " + std::to_string(c.maxPositions), std::to_string(len)));
    }
    const std::int64_t heads = c.headCount;
    const std::int64_t hd = c.hiddenSize / heads;

    auto h = torch::embedding(m_tokenEmbed, ids) + m_positionEmbed.narrow(0, 0, len).unsqueeze(0);
    torch::Tensor keep;
    bool causal = true;
    if (attentionMask.defined()) {
        const auto keys = attentionMask.to(m_device).to(torch::kBool).view({b, 1, 1, len});
        const auto tri =
            torch::ones({len, len}, torch::TensorOptions().device(m_device).dtype(torch::kBool))
                .tril()
                .view({1, 1, len, len});
        keep = tri & keys;
        causal = false;
    }
    const int n = static_cast<int>(m_layers.size());
    for (std::size_t i = 0; i < m_layers.size(); ++i) {
        checkCancel(control);
        const Layer& l = m_layers[i];
        auto x = torch::layer_norm(h, {c.hiddenSize}, l.ln1W, l.ln1B, c.layerNormEps);
        auto q = torch::linear(x, l.qW, l.qB).view({b, len, heads, hd}).transpose(1, 2);
        auto k = torch::linear(x, l.kW, l.kB).view({b, len, heads, hd}).transpose(1, 2);
        auto v = torch::linear(x, l.vW, l.vB).view({b, len, heads, hd}).transpose(1, 2);
        auto a = attention(q, k, v, keep, causal).transpose(1, 2).reshape({b, len, c.hiddenSize});
        h = h + torch::linear(a, l.oW, l.oB);
        x = torch::layer_norm(h, {c.hiddenSize}, l.ln2W, l.ln2B, c.layerNormEps);
        h = h + torch::linear(activate(torch::linear(x, l.fc1W, l.fc1B)), l.fc2W, l.fc2B);
        control.report(static_cast<int>(i + 1), n, "encode");
    }
    ClipTextOutput out;
    out.lastHidden = torch::layer_norm(h, {c.hiddenSize}, m_finalW, m_finalB, c.layerNormEps);
    // Pooling as transformers: legacy configs (eos_token_id == 2) take the position of the
    // largest id (the end token is the largest id of CLIP's vocabulary); others the first
    // position holding eos_token_id.
    const auto positions = c.eosTokenId == 2 ? ids.to(torch::kInt32).argmax(-1)
                                             : (ids == c.eosTokenId).to(torch::kInt32).argmax(-1);
    out.pooled = out.lastHidden.index(
        {torch::arange(b, torch::TensorOptions().device(m_device).dtype(torch::kInt64)),
         positions});
    return out;
}

} // namespace pw::infer
