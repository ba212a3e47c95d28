// SPDX-License-Identifier: Apache-2.0
// Torch-free: config.yml parsing, the expected state-dict layout and weight validation, so the
// CLI's `info --model` and the loader share one description of the model.
#include <fmt/format.h>

#include <pw/core/atomic_file.h>
#include <pw/core/log.h>
#include <pw/infer/dit_config.h>
#include <pw/infer/motion_model.h>

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <set>

namespace pw::infer {
namespace {

constexpr const char* kNetworkModule = "hymotion/network/hymotion_mmdit.HunyuanMotionMMDiT";
constexpr const char* kPrefix = "motion_transformer.";

Error badKey(const std::string& label, const std::string& key, std::string message)
{
    return Error(Errc::BadModelFile, std::move(message)).inFile(label).at(key);
}

bool isMap(const YAML::Node& n)
{
    return n.IsDefined() && n.IsMap();
}

std::string scalarText(const YAML::Node& n)
{
    if (n.IsScalar()) {
        return n.Scalar();
    }
    if (n.IsNull()) {
        return "null";
    }
    return isMap(n) ? "a mapping" : "a sequence";
}

// Reads `section.key` into `out` when present; wrong types name the key and the value.
template <class T>
void read(const YAML::Node& section, const std::string& sectionName, const char* key, T& out,
          const std::string& label)
{
    const YAML::Node n = section[key];
    if (!n.IsDefined() || n.IsNull()) {
        return;
    }
    try {
        out = n.as<T>();
    } catch (const YAML::Exception&) {
        fail(badKey(label, sectionName + "." + key, "config value has the wrong type")
                 .mismatch(std::is_same_v<T, bool>     ? "true or false"
                           : std::is_same_v<T, int>    ? "an integer"
                           : std::is_same_v<T, double> ? "a number"
                                                       : "a string",
                           scalarText(n)));
    }
}

void requirePositive(const std::string& label, const std::string& key, double v)
{
    if (!(v > 0.0) || !std::isfinite(v)) {
        fail(badKey(label, key, "config value must be positive")
                 .mismatch("> 0", fmt::format("{}", v)));
    }
}

} // namespace

int DitConfig::narrowbandWindow() const
{
    return static_cast<int>(std::nearbyint(narrowbandLengthSec * 30.0));
}

Result<int> durationToFrames(double durationSec, const DitConfig& config)
{
    const double maxSec = config.trainFrames / config.fps;
    const std::string range =
        fmt::format("{:.2f}..{:.2f} s", config.minFrames() / config.fps, maxSec);
    if (!std::isfinite(durationSec) || durationSec <= 0.0) {
        return Error(Errc::InvalidArgument, "duration must be positive")
            .at("duration")
            .mismatch(range, fmt::format("{} s", durationSec));
    }
    // nearbyint rounds half to even in the default rounding mode, like Python's round().
    const double frames = std::nearbyint(durationSec * config.fps);
    if (frames > config.trainFrames) {
        return Error(Errc::InvalidArgument,
                     fmt::format("duration is longer than the model can generate in one clip "
                                 "({} frames at {} fps)",
                                 config.trainFrames, config.fps))
            .at("duration")
            .mismatch(range, fmt::format("{} s", durationSec));
    }
    return std::max(static_cast<int>(frames), config.minFrames());
}

Result<DitConfig> parseDitConfig(const std::string& yamlText, const std::string& label)
{
    return guard([&]() -> DitConfig {
        YAML::Node root;
        try {
            root = YAML::Load(yamlText);
        } catch (const YAML::Exception& e) {
            fail(Error(Errc::BadModelFile, std::string("malformed YAML: ") + e.what())
                     .inFile(label));
        }
        if (!isMap(root)) {
            fail(Error(Errc::BadModelFile, "config.yml is not a mapping").inFile(label));
        }
        DitConfig c;
        if (root["network_module"].IsDefined() && root["network_module"].IsScalar() &&
            root["network_module"].Scalar() != kNetworkModule) {
            fail(badKey(label, "network_module", "unsupported network (not the HY-Motion DiT)")
                     .mismatch(kNetworkModule, root["network_module"].Scalar()));
        }
        const YAML::Node net = root["network_module_args"];
        if (!isMap(net)) {
            fail(badKey(label, "network_module_args", "missing section (not a HY-Motion config)"));
        }
        const std::string n = "network_module_args";
        if (!net["input_dim"].IsDefined() || !net["feat_dim"].IsDefined()) {
            fail(badKey(label, n + (net["input_dim"].IsDefined() ? ".feat_dim" : ".input_dim"),
                        "missing required key"));
        }
        read(net, n, "input_dim", c.inputDim, label);
        read(net, n, "feat_dim", c.featDim, label);
        read(net, n, "ctxt_input_dim", c.ctxtInputDim, label);
        read(net, n, "vtxt_input_dim", c.vtxtInputDim, label);
        read(net, n, "num_layers", c.numLayers, label);
        read(net, n, "num_heads", c.numHeads, label);
        read(net, n, "mlp_ratio", c.mlpRatio, label);
        read(net, n, "mlp_act_type", c.mlpActType, label);
        read(net, n, "qk_norm_type", c.qkNormType, label);
        read(net, n, "qkv_bias", c.qkvBias, label);
        read(net, n, "mask_mode", c.maskMode, label);
        read(net, n, "apply_rope_to_single_branch", c.applyRopeToSingleBranch, label);
        read(net, n, "time_factor", c.timeFactor, label);
        read(net, n, "narrowband_length", c.narrowbandLengthSec, label);
        if (isMap(net["text_refiner_cfg"])) {
            read(net["text_refiner_cfg"], n + ".text_refiner_cfg", "num_layers", c.refinerLayers,
                 label);
        }
        for (const char* key : {"insert_start_token", "with_long_skip_connection"}) {
            bool on = false;
            read(net, n, key, on, label);
            if (on) {
                fail(badKey(label, n + "." + key, "unsupported model option")
                         .mismatch("false", "true"));
            }
        }
        for (auto [key, v] : {std::pair{"input_dim", c.inputDim},
                              {"feat_dim", c.featDim},
                              {"ctxt_input_dim", c.ctxtInputDim},
                              {"vtxt_input_dim", c.vtxtInputDim},
                              {"num_layers", c.numLayers},
                              {"num_heads", c.numHeads}}) {
            if (v <= 0 || v > 1 << 20) {
                fail(badKey(label, n + "." + key, "config value out of range")
                         .mismatch("1 .. 1048576", std::to_string(v)));
            }
        }
        requirePositive(label, n + ".mlp_ratio", c.mlpRatio);
        requirePositive(label, n + ".time_factor", c.timeFactor);
        if (c.numLayers % 3 != 0) {
            fail(badKey(label, n + ".num_layers", "must be divisible by 3")
                     .mismatch("a multiple of 3", std::to_string(c.numLayers)));
        }
        if (c.featDim % c.numHeads != 0 || c.headDim() % 2 != 0) {
            fail(badKey(label, n + ".num_heads", "feat_dim / num_heads must be an even integer")
                     .mismatch("a divisor of " + std::to_string(c.featDim),
                               std::to_string(c.numHeads)));
        }
        if (c.mlpActType != "gelu_tanh" && c.mlpActType != "gelu" && c.mlpActType != "silu" &&
            c.mlpActType != "relu") {
            fail(badKey(label, n + ".mlp_act_type", "unsupported activation")
                     .mismatch("gelu_tanh, gelu, silu or relu", c.mlpActType));
        }
        if (c.qkNormType != "rms") {
            fail(badKey(label, n + ".qk_norm_type", "unsupported q/k norm")
                     .mismatch("rms", c.qkNormType));
        }
        if (c.maskMode == "null" || c.maskMode == "None") {
            c.maskMode.clear();
        }
        if (!c.maskMode.empty() && c.maskMode != "narrowband" && c.maskMode != "causal") {
            fail(badKey(label, n + ".mask_mode", "unsupported attention mask mode")
                     .mismatch("narrowband, causal or null", c.maskMode));
        }
        if (c.refinerLayers < 0 || c.refinerLayers > 64) {
            fail(badKey(label, n + ".text_refiner_cfg.num_layers", "out of range")
                     .mismatch("0 .. 64", std::to_string(c.refinerLayers)));
        }

        const YAML::Node pipe = root["train_pipeline_args"];
        if (isMap(pipe)) {
            const std::string p = "train_pipeline_args";
            read(pipe, p, "train_frames", c.trainFrames, label);
            read(pipe, p, "output_mesh_fps", c.fps, label);
            read(pipe, p, "enable_ctxt_null_feat", c.enableCtxtNullFeat, label);
            read(pipe, p, "random_generator_on_gpu", c.randomGeneratorOnGpu, label);
            if (isMap(pipe["test_cfg"])) {
                read(pipe["test_cfg"], p + ".test_cfg", "text_guidance_scale", c.cfgScale, label);
            }
            if (isMap(pipe["infer_noise_scheduler_cfg"])) {
                read(pipe["infer_noise_scheduler_cfg"], p + ".infer_noise_scheduler_cfg",
                     "validation_steps", c.steps, label);
            }
            if (isMap(pipe["text_encoder_cfg"])) {
                read(pipe["text_encoder_cfg"], p + ".text_encoder_cfg", "max_length_llm",
                     c.maxTextTokens, label);
            }
            if (isMap(pipe["noise_scheduler_cfg"])) {
                std::string method = "euler";
                read(pipe["noise_scheduler_cfg"], p + ".noise_scheduler_cfg", "method", method,
                     label);
                if (method != "euler") {
                    fail(badKey(label, p + ".noise_scheduler_cfg.method", "unsupported ODE solver")
                             .mismatch("euler", method));
                }
            }
            bool uncond = false;
            read(pipe, p, "uncondition_mode", uncond, label);
            if (uncond) {
                fail(badKey(label, p + ".uncondition_mode", "unsupported pipeline option")
                         .mismatch("false", "true"));
            }
            if (c.trainFrames < 1 || c.trainFrames > 4999) {
                fail(badKey(label, p + ".train_frames", "out of range")
                         .mismatch("1 .. 4999", std::to_string(c.trainFrames)));
            }
            requirePositive(label, p + ".output_mesh_fps", c.fps);
            if (c.steps < 1 || c.steps > 10000) {
                fail(
                    badKey(label, p + ".infer_noise_scheduler_cfg.validation_steps", "out of range")
                        .mismatch("1 .. 10000", std::to_string(c.steps)));
            }
            if (c.maxTextTokens < 1 || c.maxTextTokens > 4096) {
                fail(badKey(label, p + ".text_encoder_cfg.max_length_llm", "out of range")
                         .mismatch("1 .. 4096", std::to_string(c.maxTextTokens)));
            }
            if (!(c.cfgScale >= 0.0) || !std::isfinite(c.cfgScale)) {
                fail(badKey(label, p + ".test_cfg.text_guidance_scale", "out of range")
                         .mismatch(">= 0", fmt::format("{}", c.cfgScale)));
            }
        }
        if (c.trainFrames + c.maxTextTokens > 5000) {
            fail(badKey(label, "train_pipeline_args.train_frames",
                        "train_frames + max_length_llm exceed the RoPE table (5000 positions)"));
        }
        return c;
    });
}

Result<DitConfig> loadDitConfig(const std::filesystem::path& file)
{
    std::error_code ec;
    if (!std::filesystem::exists(file, ec)) {
        return Error(Errc::FileNotFound, "model config does not exist").inFile(file.string());
    }
    auto text = readWholeFile(file);
    if (!text) {
        return std::move(text).error();
    }
    return parseDitConfig(*text, file.string());
}

std::vector<ExpectedTensor> expectedTensors(const DitConfig& c)
{
    using Shape = std::vector<std::int64_t>;
    const std::int64_t d = c.featDim;
    const std::int64_t f = c.mlpHidden();
    const std::int64_t hd = c.headDim();
    std::vector<ExpectedTensor> out;
    std::string module;
    auto add = [&](const std::string& name, Shape shape) {
        out.push_back({kPrefix + name, std::move(shape), module, true});
    };
    auto linear = [&](const std::string& name, std::int64_t outDim, std::int64_t inDim,
                      bool bias = true) {
        add(name + ".weight", {outDim, inDim});
        if (bias) {
            add(name + ".bias", {outDim});
        }
    };
    module = "input_encoder";
    linear("input_encoder", d, c.inputDim);
    module = "ctxt_encoder";
    linear("ctxt_encoder", d, c.ctxtInputDim);
    module = "vtxt_encoder";
    linear("vtxt_encoder.linears.0", d, c.vtxtInputDim);
    linear("vtxt_encoder.linears.2", d, d);
    module = "timestep_encoder";
    linear("timestep_encoder.blocks.0", d, d);
    linear("timestep_encoder.blocks.2", d, d);
    module = "text_refiner";
    linear("text_refiner.input_embedder", d, d);
    linear("text_refiner.context_encoder.linears.0", d, d);
    linear("text_refiner.context_encoder.linears.2", d, d);
    linear("text_refiner.timestep_encoder.blocks.0", d, d);
    linear("text_refiner.timestep_encoder.blocks.2", d, d);
    for (int i = 0; i < c.refinerLayers; ++i) {
        const std::string b = fmt::format("text_refiner.individual_token_refiner.blocks.{}.", i);
        add(b + "norm1.weight", {d});
        add(b + "norm1.bias", {d});
        linear(b + "self_attn_qkv", 3 * d, d, c.qkvBias);
        add(b + "self_attn_q_norm.weight", {hd});
        add(b + "self_attn_q_norm.bias", {hd});
        add(b + "self_attn_k_norm.weight", {hd});
        add(b + "self_attn_k_norm.bias", {hd});
        linear(b + "self_attn_proj", d, d, c.qkvBias);
        add(b + "norm2.weight", {d});
        add(b + "norm2.bias", {d});
        linear(b + "mlp.fc1", f, d);
        linear(b + "mlp.fc2", d, f);
        linear(b + "adaLN_modulation.linear", 2 * d, d);
    }
    module = "double_blocks";
    for (int j = 0; j < c.doubleBlocks(); ++j) {
        for (const char* s : {"motion", "text"}) {
            const std::string b = fmt::format("double_blocks.{}.{}_", j, s);
            linear(b + "mod.linear", 6 * d, d);
            linear(b + "qkv", 3 * d, d, c.qkvBias);
            add(b + "q_norm.weight", {hd});
            add(b + "k_norm.weight", {hd});
            linear(b + "out_proj", d, d, c.qkvBias);
            linear(b + "mlp.fc1", f, d);
            linear(b + "mlp.fc2", d, f);
        }
    }
    module = "single_blocks";
    for (int k = 0; k < c.singleBlocks(); ++k) {
        const std::string b = fmt::format("single_blocks.{}.", k);
        linear(b + "modulation.linear", 3 * d, d);
        linear(b + "linear1", 3 * d + f, d, c.qkvBias);
        linear(b + "linear2", d, d + f, c.qkvBias);
        add(b + "q_norm.weight", {hd});
        add(b + "k_norm.weight", {hd});
    }
    module = "final_layer";
    linear("final_layer.adaLN_modulation.linear", 2 * d, d);
    linear("final_layer.linear", c.inputDim, d);
    const std::int64_t cv = c.vtxtInputDim;
    const std::int64_t cc = c.ctxtInputDim;
    out.push_back({"null_vtxt_feat", {1, 1, cv}, "pipeline", true});
    out.push_back({"null_ctxt_input", {1, 1, cc}, "pipeline", true});
    out.push_back({"special_game_vtxt_feat", {1, 1, cv}, "pipeline", false});
    out.push_back({"special_game_ctxt_feat", {1, 1, cc}, "pipeline", false});
    out.push_back({"mean", {c.inputDim}, "pipeline", true});
    out.push_back({"std", {c.inputDim}, "pipeline", true});
    return out;
}

Result<void> validateWeights(const DitConfig& config, const WeightFile& weights)
{
    std::set<std::string, std::less<>> known;
    for (const auto& e : expectedTensors(config)) {
        known.insert(e.name);
        const TensorView* t = weights.find(e.name);
        if (t == nullptr) {
            if (!e.required) {
                continue;
            }
            return Error(Errc::BadModelFile,
                         "missing tensor (the weights do not match config.yml, or the file is "
                         "incomplete)")
                .inFile(weights.label())
                .at(e.name)
                .mismatch("shape " + shapeString(e.shape), "no such tensor");
        }
        if (t->shape != e.shape) {
            return Error(Errc::BadModelFile,
                         "tensor has the wrong shape for config.yml (a different model size?)")
                .inFile(weights.label())
                .at(e.name)
                .mismatch(shapeString(e.shape), shapeString(t->shape));
        }
        if (t->dtype != DType::F32 && t->dtype != DType::BF16 && t->dtype != DType::F16) {
            return Error(Errc::BadModelFile, "tensor has an unexpected dtype")
                .inFile(weights.label())
                .at(e.name)
                .mismatch("F32, BF16 or F16", dtypeName(t->dtype));
        }
    }
    int extra = 0;
    for (const auto& t : weights.tensors()) {
        if (known.count(t.name) == 0) {
            if (extra++ < 5) {
                log::get(log::kInfer)
                    ->info("{}: ignoring unexpected tensor '{}'", weights.label(), t.name);
            }
        }
    }
    if (extra > 5) {
        log::get(log::kInfer)
            ->info("{}: {} unexpected tensors ignored in total", weights.label(), extra);
    }
    return {};
}

Result<ModelFolder> findModelFolder(const std::filesystem::path& dir, const std::string& prefer)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        return Error(Errc::FileNotFound, "model folder does not exist").inFile(dir.string());
    }
    if (!prefer.empty() && prefer != "ckpt" && prefer != "safetensors") {
        return Error(Errc::InvalidArgument, "unknown weights kind")
            .at("weights")
            .mismatch("ckpt or safetensors", prefer);
    }
    ModelFolder m;
    m.dir = dir;
    m.configFile = dir / "config.yml";
    if (!fs::exists(m.configFile, ec)) {
        return Error(Errc::FileNotFound,
                     "model folder has no config.yml (expected the HY-Motion download layout: "
                     "config.yml + latest.ckpt)")
            .inFile(dir.string());
    }
    std::vector<fs::path> ckpts;
    std::vector<fs::path> safetensors;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        if (!entry.is_regular_file(ec)) {
            continue;
        }
        const auto ext = entry.path().extension().string();
        if (ext == ".ckpt") {
            ckpts.push_back(entry.path());
        } else if (ext == ".safetensors") {
            safetensors.push_back(entry.path());
        }
    }
    auto pick = [&](std::vector<fs::path>& files, const char* kind,
                    const fs::path& preferred) -> Result<fs::path> {
        if (!preferred.empty() && fs::exists(preferred, ec)) {
            return preferred;
        }
        if (files.size() == 1) {
            return files[0];
        }
        if (files.empty()) {
            return Error(Errc::FileNotFound, std::string("model folder has no ") + kind + " file")
                .inFile(dir.string());
        }
        std::sort(files.begin(), files.end());
        return Error(Errc::BadModelFile,
                     std::string("model folder has several ") + kind + " files; keep one")
            .inFile(dir.string())
            .mismatch("one file",
                      files[0].filename().string() + ", " + files[1].filename().string() + ", ...");
    };
    Result<fs::path> weights = fs::path();
    if (prefer == "safetensors") {
        weights = pick(safetensors, "*.safetensors", dir / "model.safetensors");
    } else if (prefer == "ckpt" || !ckpts.empty()) {
        weights = pick(ckpts, "*.ckpt", dir / "latest.ckpt");
    } else if (!safetensors.empty()) {
        weights = pick(safetensors, "*.safetensors", dir / "model.safetensors");
    } else {
        return Error(Errc::FileNotFound,
                     "model folder has no weights (expected latest.ckpt or *.safetensors)")
            .inFile(dir.string());
    }
    if (!weights) {
        return std::move(weights).error();
    }
    m.weightsFile = *weights;
    return m;
}

Result<ModelFolderReport> inspectModelFolder(const std::filesystem::path& dir,
                                             const std::string& weights, bool checkValues)
{
    auto folder = findModelFolder(dir, weights);
    if (!folder) {
        return std::move(folder).error();
    }
    auto config = loadDitConfig(folder->configFile);
    if (!config) {
        return std::move(config).error();
    }
    auto file = WeightFile::open(folder->weightsFile);
    if (!file) {
        return std::move(file).error();
    }
    if (auto ok = validateWeights(*config, *file); !ok) {
        return std::move(ok).error();
    }
    ModelFolderReport r;
    r.folder = *folder;
    r.config = *config;
    r.weightsFormat = file->formatName();
    r.metadata = file->metadata();
    std::set<std::string, std::less<>> used;
    for (const auto& e : expectedTensors(*config)) {
        const TensorView* t = file->find(e.name);
        if (t == nullptr) {
            continue; // optional and absent
        }
        used.insert(e.name);
        if (r.modules.empty() || r.modules.back().name != e.module) {
            r.modules.push_back({e.module, 0, 0});
        }
        r.modules.back().tensors += 1;
        r.modules.back().parameters += t->numel();
        r.parameterCount += t->numel();
        r.tensorCount += 1;
        r.bytesPerDtype[dtypeName(t->dtype)] += t->bytes.size();
        if (!checkValues) {
            continue;
        }
        if (auto ok = file->verifyChecksum(e.name); !ok) {
            return std::move(ok).error();
        }
        auto values = t->toFloat32();
        if (!values) {
            return std::move(values).error().inFile(file->label());
        }
        const auto bad =
            std::find_if(values->begin(), values->end(), [](float v) { return !std::isfinite(v); });
        if (bad != values->end()) {
            return Error(Errc::BadModelFile,
                         "tensor holds non-finite values (NaN or inf): corrupt weights")
                .inFile(file->label())
                .at(e.name)
                .mismatch("finite values",
                          fmt::format("{} at index {}", *bad, bad - values->begin()));
        }
    }
    for (const auto& t : file->tensors()) {
        if (used.count(t.name) == 0) {
            ++r.unexpectedTensors;
        }
    }
    return r;
}

} // namespace pw::infer
