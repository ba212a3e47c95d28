// SPDX-License-Identifier: Apache-2.0
// Torch translation unit: the HY-Motion DiT network (HunyuanMotionMMDiT) module by module
// (hymotion-spec.md §3) and its loading from a model folder.
#include "motion_dit.h"
#include <fmt/format.h>

#include <pw/core/log.h>
#include <pw/core/weight_file.h>

#include <ATen/ATen.h>
#include <c10/core/InferenceMode.h>
#include <c10/util/Exception.h>
#include <torch/version.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <map>

namespace pw::infer {
namespace {

constexpr double kNormEps = 1e-6;

// ---- primitives -----------------------------------------------------------------------------

struct Linear
{
    at::Tensor weight; // (out, in)
    at::Tensor bias;   // (out) or undefined
    at::Tensor operator()(const at::Tensor& x) const { return at::linear(x, weight, bias); }
};

at::Tensor layerNorm0(const at::Tensor& x) // LayerNorm without affine, eps 1e-6
{
    return at::layer_norm(x, {x.size(-1)}, {}, {}, kNormEps);
}

// x * (1 + scale) + shift, as one fused multiply-add kernel.
at::Tensor modulate(const at::Tensor& x, const at::Tensor& shift, const at::Tensor& scale)
{
    return at::addcmul(shift, x, 1 + scale);
}

// Gated residual x + y * gate (one kernel).
at::Tensor gated(const at::Tensor& x, const at::Tensor& y, const at::Tensor& gate)
{
    return at::addcmul(x, y, gate);
}

// RMSNorm over the last dim, computed in float32, cast back, then scaled (bricks.RMSNorm).
// Applied to q and k together: x (B,L,2,H,hd), weight (2,1,hd) = [w_q; w_k].
at::Tensor rmsNorm(const at::Tensor& x, const at::Tensor& weight)
{
    const at::Tensor xf = x.to(at::kFloat);
    const at::Tensor y = xf * at::rsqrt(xf.pow(2).mean(-1, true) + kNormEps);
    return y.to(x.scalar_type()) * weight;
}

// Interleaved-pair RoPE: out = x * cos + rotate(x) * sin with rotate(x)_{2j} = -x_{2j+1},
// rotate(x)_{2j+1} = x_{2j}; in float32, cast back (positional_encoding.RotaryEmbedding).
// x (..., hd); cos/sin float32, broadcastable to x.
at::Tensor applyRope(const at::Tensor& x, const at::Tensor& cos, const at::Tensor& sin)
{
    const at::Tensor xf = x.to(at::kFloat);
    auto sizes = xf.sizes().vec();
    sizes.back() /= 2;
    sizes.push_back(2);
    const at::Tensor pairs = xf.reshape(sizes);
    const at::Tensor rotated =
        at::stack({-pairs.select(-1, 1), pairs.select(-1, 0)}, -1).flatten(-2);
    return at::addcmul(xf * cos, rotated, sin).to(x.scalar_type());
}

// Multi-head attention with an additive mask. q,k,v (B,L,H,hd) -> (B,L,H*hd).
at::Tensor attention(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v,
                     const at::Tensor& mask)
{
    const at::Tensor qt = q.transpose(1, 2);
    const at::Tensor kt = k.transpose(1, 2);
    const at::Tensor vt = v.transpose(1, 2);
#if TORCH_VERSION_MAJOR >= 2
    at::Tensor o = at::scaled_dot_product_attention(qt, kt, vt, mask);
#else
    // libtorch 1.13 has no public SDPA: softmax(q k^T / sqrt(hd) + mask) v.
    const double scale = 1.0 / std::sqrt(static_cast<double>(q.size(-1)));
    at::Tensor scores = at::matmul(qt, kt.transpose(-2, -1)) * scale + mask;
    at::Tensor o = at::matmul(at::softmax(scores, -1), vt);
#endif
    const auto b = q.size(0);
    const auto l = q.size(1);
    return o.transpose(1, 2).reshape({b, l, q.size(2) * q.size(3)});
}

// Sinusoid of t*factor, cos half first (encoders.TimestepEmbeddingEncoder). t (B) float32.
at::Tensor sinusoid(const at::Tensor& t, const at::Tensor& freqs, double factor, int64_t width)
{
    const at::Tensor args = (t * factor).unsqueeze(1).to(at::kFloat) * freqs.unsqueeze(0);
    at::Tensor e = at::cat({at::cos(args), at::sin(args)}, -1);
    if (width % 2 != 0) {
        e = at::cat({e, at::zeros_like(e.narrow(1, 0, 1))}, -1);
    }
    return e;
}

// ---- modules --------------------------------------------------------------------------------

struct Mlp2 // Linear -> act -> Linear
{
    Linear fc1, fc2;
};

struct RefinerBlock
{
    at::Tensor norm1W, norm1B, norm2W, norm2B;
    Linear qkv, proj;
    at::Tensor qNormW, qNormB, kNormW, kNormB;
    Mlp2 mlp;
    Linear ada;
};

struct DoubleStream
{
    Linear mod, qkv, outProj;
    at::Tensor qkNorm; // (2,1,hd): RMSNorm weights of q and k, stacked
    Mlp2 mlp;
};

struct DoubleBlock
{
    DoubleStream motion, text;
};

struct SingleBlock
{
    Linear mod, linear1, linear2;
    at::Tensor qkNorm; // (2,1,hd)
};

struct Network
{
    Linear inputEncoder, ctxtEncoder;
    Mlp2 vtxtEncoder, timestepEncoder;
    Linear refinerEmbed;
    Mlp2 refinerContext, refinerTimestep;
    std::vector<RefinerBlock> refiner;
    std::vector<DoubleBlock> doubles;
    std::vector<SingleBlock> singles;
    Linear finalAda, finalLinear;
};

at::ScalarType scalarTypeOf(Precision p)
{
    switch (p) {
    case Precision::Bf16:
        return at::kBFloat16;
    case Precision::Fp16:
        return at::kHalf;
    case Precision::Fp32:
        break;
    }
    return at::kFloat;
}

at::ScalarType scalarTypeOf(DType d)
{
    switch (d) {
    case DType::F64:
        return at::kDouble;
    case DType::F32:
        return at::kFloat;
    case DType::F16:
        return at::kHalf;
    case DType::BF16:
        return at::kBFloat16;
    case DType::I64:
        return at::kLong;
    case DType::I32:
        return at::kInt;
    case DType::I16:
        return at::kShort;
    case DType::I8:
        return at::kChar;
    case DType::U8:
        return at::kByte;
    case DType::Bool:
        return at::kBool;
    }
    return at::kFloat;
}

at::Device torchDeviceOf(Device d)
{
    return d.isCuda() ? at::Device(at::kCUDA, static_cast<c10::DeviceIndex>(d.index))
                      : at::Device(at::kCPU);
}

at::Tensor activation(const std::string& type, const at::Tensor& x)
{
    if (type == "gelu_tanh") {
        return at::gelu(x, "tanh");
    }
    if (type == "gelu") {
        return at::gelu(x);
    }
    if (type == "silu") {
        return at::silu(x);
    }
    return at::relu(x);
}

} // namespace

// ---- the model ----------------------------------------------------------------------------

struct MotionDit::Impl
{
    DitConfig config;
    Device device;
    Precision precision = Precision::Fp32;
    at::Device torchDevice{at::kCPU};
    at::ScalarType dtype = at::kFloat;
    std::filesystem::path weightsFile;
    std::int64_t parameterCount = 0;
    Network net;
    at::Tensor mean, std, nullVtxt, nullCtxt;
    at::Tensor freqsMain; // (D/2) float32: sinusoid frequencies
    at::Tensor ropeFreqs; // (hd/2) float32 on the CPU

    at::Tensor timestepEmbed(const Mlp2& enc, const at::Tensor& t, double factor) const
    {
        const at::Tensor e = sinusoid(t, freqsMain, factor, config.featDim).to(dtype);
        return enc.fc2(at::silu(enc.fc1(e))).unsqueeze(1);
    }

    void initTables()
    {
        const int64_t half = config.featDim / 2;
        // exp(-ln(10000) * i / half), fp32 as the reference builds it
        freqsMain = at::exp(-std::log(10000.0f) * at::arange(0, half, at::kFloat) /
                            static_cast<double>(half))
                        .to(torchDevice);
        const int64_t hd = config.headDim();
        const at::Tensor dimT = at::arange(0, hd, 2, at::kFloat);
        ropeFreqs = 1.0 / at::pow(10000.0, 2 * at::div(dimT, 2, "trunc") / static_cast<double>(hd));
    }
};

MotionDit::MotionDit() : m_impl(std::make_unique<Impl>()) {}
MotionDit::~MotionDit() = default;

const DitConfig& MotionDit::config() const
{
    return m_impl->config;
}
Device MotionDit::device() const
{
    return m_impl->device;
}
Precision MotionDit::precision() const
{
    return m_impl->precision;
}
at::Device MotionDit::torchDevice() const
{
    return m_impl->torchDevice;
}
at::ScalarType MotionDit::dtype() const
{
    return m_impl->dtype;
}
const std::filesystem::path& MotionDit::weightsFile() const
{
    return m_impl->weightsFile;
}
std::int64_t MotionDit::parameterCount() const
{
    return m_impl->parameterCount;
}
const at::Tensor& MotionDit::mean() const
{
    return m_impl->mean;
}
const at::Tensor& MotionDit::std() const
{
    return m_impl->std;
}
const at::Tensor& MotionDit::nullVtxt() const
{
    return m_impl->nullVtxt;
}
const at::Tensor& MotionDit::nullCtxt() const
{
    return m_impl->nullCtxt;
}

namespace {

void checkDevice(Device device, Precision precision)
{
    if (device.isCuda()) {
        if (!at::hasCUDA()) {
            fail(Error(Errc::UnsupportedDevice,
                       "this build's libtorch has no CUDA support (Debian's libtorch is "
                       "CPU-only; build against a CUDA libtorch, see README)")
                     .at("device")
                     .mismatch("cpu", device.toString()));
        }
        // Device existence is checked by the first allocation (c10::Error -> UnsupportedDevice).
    } else if (precision != Precision::Fp32) {
        fail(Error(Errc::UnsupportedDevice, "the CPU runs the DiT in fp32 only")
                 .at("precision")
                 .mismatch("fp32", precisionName(precision)));
    }
}

// Builds all module weights through `get(name, shape-from-config)`.
template <class Get> Network buildNetwork(const DitConfig& c, Get&& get)
{
    const std::string p = "motion_transformer.";
    auto lin = [&](const std::string& name, bool bias = true) {
        Linear l;
        l.weight = get(p + name + ".weight");
        if (bias) {
            l.bias = get(p + name + ".bias");
        }
        return l;
    };
    auto mlp = [&](const std::string& a, const std::string& b) { return Mlp2{lin(a), lin(b)}; };
    Network n;
    n.inputEncoder = lin("input_encoder");
    n.ctxtEncoder = lin("ctxt_encoder");
    n.vtxtEncoder = mlp("vtxt_encoder.linears.0", "vtxt_encoder.linears.2");
    n.timestepEncoder = mlp("timestep_encoder.blocks.0", "timestep_encoder.blocks.2");
    n.refinerEmbed = lin("text_refiner.input_embedder");
    n.refinerContext =
        mlp("text_refiner.context_encoder.linears.0", "text_refiner.context_encoder.linears.2");
    n.refinerTimestep =
        mlp("text_refiner.timestep_encoder.blocks.0", "text_refiner.timestep_encoder.blocks.2");
    for (int i = 0; i < c.refinerLayers; ++i) {
        const std::string b = fmt::format("text_refiner.individual_token_refiner.blocks.{}.", i);
        RefinerBlock r;
        r.norm1W = get(p + b + "norm1.weight");
        r.norm1B = get(p + b + "norm1.bias");
        r.qkv = lin(b + "self_attn_qkv", c.qkvBias);
        r.qNormW = get(p + b + "self_attn_q_norm.weight");
        r.qNormB = get(p + b + "self_attn_q_norm.bias");
        r.kNormW = get(p + b + "self_attn_k_norm.weight");
        r.kNormB = get(p + b + "self_attn_k_norm.bias");
        r.proj = lin(b + "self_attn_proj", c.qkvBias);
        r.norm2W = get(p + b + "norm2.weight");
        r.norm2B = get(p + b + "norm2.bias");
        r.mlp = mlp(b + "mlp.fc1", b + "mlp.fc2");
        r.ada = lin(b + "adaLN_modulation.linear");
        n.refiner.push_back(std::move(r));
    }
    for (int j = 0; j < c.doubleBlocks(); ++j) {
        DoubleBlock d;
        for (int s = 0; s < 2; ++s) {
            const std::string b =
                fmt::format("double_blocks.{}.{}_", j, s == 0 ? "motion" : "text");
            DoubleStream& st = s == 0 ? d.motion : d.text;
            st.mod = lin(b + "mod.linear");
            st.qkv = lin(b + "qkv", c.qkvBias);
            st.qkNorm = at::stack({get(p + b + "q_norm.weight"), get(p + b + "k_norm.weight")})
                            .unsqueeze(1);
            st.outProj = lin(b + "out_proj", c.qkvBias);
            st.mlp = mlp(b + "mlp.fc1", b + "mlp.fc2");
        }
        n.doubles.push_back(std::move(d));
    }
    for (int k = 0; k < c.singleBlocks(); ++k) {
        const std::string b = fmt::format("single_blocks.{}.", k);
        SingleBlock s;
        s.mod = lin(b + "modulation.linear");
        s.linear1 = lin(b + "linear1", c.qkvBias);
        s.linear2 = lin(b + "linear2", c.qkvBias);
        s.qkNorm =
            at::stack({get(p + b + "q_norm.weight"), get(p + b + "k_norm.weight")}).unsqueeze(1);
        n.singles.push_back(std::move(s));
    }
    n.finalAda = lin("final_layer.adaLN_modulation.linear");
    n.finalLinear = lin("final_layer.linear");
    return n;
}

} // namespace

std::unique_ptr<MotionDit> MotionDit::load(const std::filesystem::path& dir,
                                           const DitLoadOptions& options, const RunControl& control)
{
    auto logger = log::get(log::kInfer);
    checkDevice(options.device, options.precision);
    auto folder = findModelFolder(dir, options.weights);
    if (!folder) {
        fail(std::move(folder).error());
    }
    auto config = loadDitConfig(folder->configFile);
    if (!config) {
        fail(std::move(config).error());
    }
    auto weights = WeightFile::open(folder->weightsFile);
    if (!weights) {
        fail(std::move(weights).error());
    }
    if (auto ok = validateWeights(*config, *weights); !ok) {
        fail(std::move(ok).error());
    }
    control.cancel.throwIfCancelled();

    std::unique_ptr<MotionDit> dit(new MotionDit());
    Impl& m = *dit->m_impl;
    m.config = *config;
    m.device = options.device;
    m.precision = options.precision;
    m.torchDevice = torchDeviceOf(options.device);
    m.dtype = scalarTypeOf(options.precision);
    m.weightsFile = folder->weightsFile;

    // Progress counts the tensors actually loaded (special_game_* are unused at inference).
    int total = 0;
    for (const auto& e : expectedTensors(m.config)) {
        total += e.name.rfind("special_game_", 0) == 0 ? 0 : 1;
    }
    int loaded = 0;
    const std::shared_ptr<const void> keep = weights->keepAlive();
    const std::string& label = weights->label();

    // Zero-copy view of a mapped tensor (the deleter keeps the mapping alive); a copy only when
    // the bytes are misaligned for their type.
    auto view = [&](const TensorView& v) {
        void* data = const_cast<std::byte*>(v.bytes.data());
        const auto type = scalarTypeOf(v.dtype);
        at::Tensor t = at::from_blob(
            data, v.shape, [keep](void*) {}, at::TensorOptions().dtype(type));
        if (reinterpret_cast<std::uintptr_t>(data) % dtypeSize(v.dtype) != 0) {
            t = t.clone();
        }
        return t;
    };
    auto get = [&](const std::string& name, at::ScalarType target) {
        control.cancel.throwIfCancelled();
        const TensorView* v = weights->find(name);
        PW_ASSERT(v != nullptr); // validateWeights checked every required name
        if (options.verifyChecksums) {
            if (auto ok = weights->verifyChecksum(name); !ok) {
                fail(std::move(ok).error());
            }
        }
        at::Tensor t = view(*v);
        const bool sameDtype = t.scalar_type() == target;
        if (!m.torchDevice.is_cpu() || !sameDtype) {
            // Converted straight into device memory; the mapping is only read.
            t = t.to(m.torchDevice, target);
        }
        if (!at::isfinite(t).all().item<bool>()) {
            const bool before = at::isfinite(view(*v).to(at::kFloat)).all().item<bool>();
            fail(Error(Errc::BadModelFile,
                       before ? "tensor values overflow the chosen precision (inf after "
                                "conversion; use fp32 or bf16)"
                              : "tensor holds non-finite values (NaN or inf): corrupt weights")
                     .inFile(label)
                     .at(name)
                     .mismatch("finite values", before ? std::string("inf after conversion to ") +
                                                             precisionName(m.precision)
                                                       : "NaN/inf"));
        }
        m.parameterCount += t.numel();
        control.report(++loaded, total, "load");
        return t;
    };
    m.net = buildNetwork(m.config, [&](const std::string& n) { return get(n, m.dtype); });
    m.nullVtxt = get("null_vtxt_feat", at::kFloat);
    m.nullCtxt = get("null_ctxt_input", at::kFloat);
    m.mean = get("mean", at::kFloat);
    m.std = get("std", at::kFloat);
    for (const char* unused : {"special_game_vtxt_feat", "special_game_ctxt_feat"}) {
        if (const TensorView* v = weights->find(unused)) {
            m.parameterCount += v->numel(); // counted like the reference's totals, not loaded
        }
    }
    m.initTables();
    logger->info("loaded {} ({}; {} tensors, {} parameters) on {} in {}", m.weightsFile.string(),
                 weights->formatName(), loaded, m.parameterCount, m.device.toString(),
                 precisionName(m.precision));
    return dit;
}

std::unique_ptr<MotionDit> MotionDit::randomInit(const DitConfig& config, Device device,
                                                 Precision precision, std::uint64_t seed)
{
    checkDevice(device, precision);
    std::unique_ptr<MotionDit> dit(new MotionDit());
    Impl& m = *dit->m_impl;
    m.config = config;
    m.device = device;
    m.precision = precision;
    m.torchDevice = torchDeviceOf(device);
    m.dtype = scalarTypeOf(precision);
    at::Generator gen = at::detail::createCPUGenerator(seed);
    std::map<std::string, std::vector<std::int64_t>> shapes;
    for (const auto& e : expectedTensors(config)) {
        shapes[e.name] = e.shape;
    }
    auto get = [&](const std::string& name, at::ScalarType target) {
        const auto& shape = shapes.at(name);
        at::Tensor t;
        if (shape.size() == 2) { // Linear weight: keeps activations O(1)
            t = at::randn(shape, gen, at::kFloat) / std::sqrt(static_cast<double>(shape[1]));
        } else if (name.find("norm") != std::string::npos && name.ends_with(".weight")) {
            t = at::ones(shape, at::kFloat);
        } else {
            t = at::randn(shape, gen, at::kFloat) * 0.02;
        }
        m.parameterCount += t.numel();
        return t.to(m.torchDevice, target);
    };
    m.net = buildNetwork(m.config, [&](const std::string& n) { return get(n, m.dtype); });
    m.nullVtxt = get("null_vtxt_feat", at::kFloat);
    m.nullCtxt = get("null_ctxt_input", at::kFloat);
    m.mean = get("mean", at::kFloat);
    m.std = get("std", at::kFloat).abs() + 0.5;
    m.initTables();
    return dit;
}

// ---- forward --------------------------------------------------------------------------------

DitContext MotionDit::prepare(std::int64_t batch, std::int64_t motion, std::int64_t text,
                              const at::Tensor& xLengths, const at::Tensor& ctxtLengths,
                              std::int64_t textPositionOffset) const
{
    const Impl& m = *m_impl;
    const auto cpuLong = at::TensorOptions().dtype(at::kLong);
    const at::Tensor xl = xLengths.to(at::kCPU, at::kLong).reshape({batch, 1});
    const at::Tensor cl = ctxtLengths.to(at::kCPU, at::kLong).reshape({batch, 1});
    const std::int64_t total = motion + text;
    const float negInf = -std::numeric_limits<float>::infinity();

    DitContext ctx;
    ctx.batch = batch;
    ctx.motion = motion;
    ctx.text = text;

    // Joint mask over [motion; text] (hymotion-spec.md §3.6), built on the CPU in float32.
    const at::Tensor idxM = at::arange(motion, cpuLong);
    const at::Tensor idxT = at::arange(text, cpuLong);
    const at::Tensor keyValid = at::cat({idxM.unsqueeze(0) < xl, idxT.unsqueeze(0) < cl}, 1);
    at::Tensor allowed =
        keyValid.view({batch, 1, 1, total}).expand({batch, 1, total, total}).clone();
    at::Tensor mm = at::ones({motion, motion}, at::kBool);
    const at::Tensor dist = (idxM.unsqueeze(0) - idxM.unsqueeze(1)).abs();
    if (m.config.maskMode == "narrowband") {
        mm = dist <= m.config.narrowbandWindow();
    } else if (m.config.maskMode == "causal") {
        mm = idxM.unsqueeze(0) <= idxM.unsqueeze(1); // key j <= query i
    }
    allowed.narrow(2, 0, motion).narrow(3, 0, motion).logical_and_(mm.view({1, 1, motion, motion}));
    allowed.narrow(2, motion, text).narrow(3, 0, motion).fill_(false); // text -> motion blocked
    ctx.attnMask = at::zeros({batch, 1, total, total}, at::kFloat)
                       .masked_fill_(allowed.logical_not(), negInf)
                       .to(m.torchDevice, m.dtype);

    // Token refiner mask: both valid, a row with no valid key sees its own diagonal only.
    const at::Tensor tv = idxT.unsqueeze(0) < cl;                  // (B,T)
    at::Tensor ref = tv.unsqueeze(1).logical_and(tv.unsqueeze(2)); // (B,Tq,Tk)
    const at::Tensor emptyRow = ref.any(-1, true).logical_not();
    ref = at::where(emptyRow, at::eye(text, at::kBool).unsqueeze(0), ref);
    ctx.refMask = at::zeros({batch, 1, text, text}, at::kFloat)
                      .masked_fill_(ref.unsqueeze(1).logical_not(), negInf)
                      .to(m.torchDevice, m.dtype);
    ctx.textValid = tv.unsqueeze(-1).to(m.torchDevice, m.dtype);

    // RoPE tables: motion positions 0..M-1, text positions offset..offset+T-1 (concatenated
    // stream), or motion only (apply_rope_to_single_branch). Identity rows elsewhere.
    const std::int64_t offset = textPositionOffset < 0 ? motion : textPositionOffset;
    const std::int64_t hd = m.config.headDim();
    const at::Tensor pos =
        at::cat({at::arange(motion, cpuLong), at::arange(text, cpuLong) + offset}).to(at::kFloat);
    const at::Tensor ang = pos.unsqueeze(1) * m.ropeFreqs.unsqueeze(0); // outer product, fp32
    at::Tensor cosT = ang.cos().repeat_interleave(2, 1);
    at::Tensor sinT = ang.sin().repeat_interleave(2, 1);
    if (m.config.applyRopeToSingleBranch) {
        cosT.narrow(0, motion, text).fill_(1.0);
        sinT.narrow(0, motion, text).fill_(0.0);
    }
    ctx.ropeCos = cosT.view({1, total, 1, 1, hd}).to(m.torchDevice);
    ctx.ropeSin = sinT.view({1, total, 1, 1, hd}).to(m.torchDevice);
    return ctx;
}

DitConditioning MotionDit::condition(const DitContext& ctx, const at::Tensor& ctxt,
                                     const at::Tensor& vtxt) const
{
    const Impl& m = *m_impl;
    const Network& n = m.net;
    DitConditioning c;
    const at::Tensor v = vtxt.to(m.torchDevice, m.dtype);
    c.vtxtFeat = n.vtxtEncoder.fc2(at::silu(n.vtxtEncoder.fc1(v)));
    c.ctxtFeat = n.ctxtEncoder(ctxt.to(m.torchDevice, m.dtype));
    // Masked mean over valid tokens of the refiner's input (before input_embedder).
    const at::Tensor denom = ctx.textValid.sum(1).clamp_min(1e-6);
    const at::Tensor pooled = (c.ctxtFeat * ctx.textValid).sum(1) / denom;
    c.ctxtPool = n.refinerContext.fc2(at::silu(n.refinerContext.fc1(pooled))).unsqueeze(1);
    return c;
}

at::Tensor MotionDit::forwardPrepared(const DitContext& ctx, const DitConditioning& cond,
                                      const at::Tensor& xIn, const at::Tensor& t,
                                      DitTrace* trace) const
{
    const Impl& m = *m_impl;
    const Network& n = m.net;
    const DitConfig& cfg = m.config;
    const std::int64_t B = ctx.batch, M = ctx.motion, T = ctx.text;
    const std::int64_t H = cfg.numHeads, hd = cfg.headDim(), D = cfg.featDim;
    auto record = [&](std::string name, const at::Tensor& v) {
        if (trace != nullptr) {
            trace->tensors.emplace_back(std::move(name), v.to(at::kCPU, at::kFloat).contiguous());
        }
    };
    auto heads = [&](const at::Tensor& qkv, std::int64_t len) {
        return qkv.view({B, len, 3, H, hd}).unbind(2);
    }; // the refiner's LayerNorm q/k norms are applied separately
    auto mlp = [&](const Mlp2& f, const at::Tensor& x) {
        return f.fc2(activation(cfg.mlpActType, f.fc1(x)));
    };

    at::Tensor motion = n.inputEncoder(xIn.to(m.dtype));
    const at::Tensor timestepFeat = m.timestepEmbed(n.timestepEncoder, t, cfg.timeFactor);
    record("timestep_feat", timestepFeat);
    const at::Tensor adapter = timestepFeat + cond.vtxtFeat; // (B,1,D)
    const at::Tensor adapterAct = at::silu(adapter);

    // Token refiner (time factor 1, its own mask, LayerNorm q/k norms, SiLU MLP, no RoPE).
    at::Tensor text;
    {
        const at::Tensor cr = m.timestepEmbed(n.refinerTimestep, t, 1.0) + cond.ctxtPool;
        const at::Tensor crAct = at::silu(cr);
        text = n.refinerEmbed(cond.ctxtFeat);
        for (const RefinerBlock& r : n.refiner) {
            const auto gates = r.ada(crAct).chunk(2, -1);
            const at::Tensor h = at::layer_norm(text, {D}, r.norm1W, r.norm1B, kNormEps);
            auto qkv = heads(r.qkv(h), T);
            const at::Tensor q = at::layer_norm(qkv[0], {hd}, r.qNormW, r.qNormB, kNormEps);
            const at::Tensor k = at::layer_norm(qkv[1], {hd}, r.kNormW, r.kNormB, kNormEps);
            const at::Tensor o = attention(q.to(qkv[2].scalar_type()), k.to(qkv[2].scalar_type()),
                                           qkv[2], ctx.refMask);
            text = gated(text, r.proj(o), gates[0]);
            const at::Tensor h2 = at::layer_norm(text, {D}, r.norm2W, r.norm2B, kNormEps);
            text = gated(text, r.mlp.fc2(at::silu(r.mlp.fc1(h2))), gates[1]);
        }
    }
    record("text_refiner_out", text);

    // q and k of a stream are normalised and rotated together as one (B,L,2,H,hd) tensor.
    auto qkvView = [&](const at::Tensor& qkv, std::int64_t len) {
        return qkv.view({B, len, 3, H, hd});
    };
    for (std::size_t i = 0; i < n.doubles.size(); ++i) {
        const DoubleBlock& blk = n.doubles[i];
        const auto mm = blk.motion.mod(adapterAct).chunk(6, -1);
        const auto tm = blk.text.mod(adapterAct).chunk(6, -1);
        const at::Tensor mqkv =
            qkvView(blk.motion.qkv(modulate(layerNorm0(motion), mm[0], mm[1])), M);
        const at::Tensor tqkv = qkvView(blk.text.qkv(modulate(layerNorm0(text), tm[0], tm[1])), T);
        at::Tensor qk = at::cat({rmsNorm(mqkv.narrow(2, 0, 2), blk.motion.qkNorm),
                                 rmsNorm(tqkv.narrow(2, 0, 2), blk.text.qkNorm)},
                                1);
        qk = applyRope(qk, ctx.ropeCos, ctx.ropeSin);
        const at::Tensor v = at::cat({mqkv.select(2, 2), tqkv.select(2, 2)}, 1);
        const at::Tensor o = attention(qk.select(2, 0), qk.select(2, 1), v, ctx.attnMask);
        motion = gated(motion, blk.motion.outProj(o.narrow(1, 0, M)), mm[2]);
        motion =
            gated(motion, mlp(blk.motion.mlp, modulate(layerNorm0(motion), mm[3], mm[4])), mm[5]);
        text = gated(text, blk.text.outProj(o.narrow(1, M, T)), tm[2]);
        text = gated(text, mlp(blk.text.mlp, modulate(layerNorm0(text), tm[3], tm[4])), tm[5]);
        record(fmt::format("double{}.motion", i), motion);
    }

    at::Tensor z = at::cat({motion, text}, 1);
    const std::int64_t qkvWidth = 3 * D;
    for (std::size_t i = 0; i < n.singles.size(); ++i) {
        const SingleBlock& blk = n.singles[i];
        const auto mod = blk.mod(adapterAct).chunk(3, -1);
        const at::Tensor u = blk.linear1(modulate(layerNorm0(z), mod[0], mod[1]));
        const at::Tensor qkv = qkvView(u.narrow(-1, 0, qkvWidth), M + T);
        const at::Tensor hidden = u.narrow(-1, qkvWidth, u.size(-1) - qkvWidth);
        const at::Tensor qk =
            applyRope(rmsNorm(qkv.narrow(2, 0, 2), blk.qkNorm), ctx.ropeCos, ctx.ropeSin);
        const at::Tensor o =
            attention(qk.select(2, 0), qk.select(2, 1), qkv.select(2, 2), ctx.attnMask);
        z = gated(z, blk.linear2(at::cat({o, activation(cfg.mlpActType, hidden)}, 2)), mod[2]);
        record(fmt::format("single{}.out", i), z);
    }

    const auto fin = n.finalAda(adapterAct).chunk(2, -1);
    return n.finalLinear(modulate(layerNorm0(z.narrow(1, 0, M)), fin[0], fin[1]));
}

at::Tensor MotionDit::forward(const DitForwardArgs& args, DitTrace* trace) const
{
    const c10::InferenceMode inferenceMode;
    const Impl& m = *m_impl;
    const DitConfig& c = m.config;
    auto shapeError = [&](const char* what, const at::Tensor& t, const std::string& expected) {
        return Error(Errc::InvalidArgument, "forward input has the wrong shape")
            .at(what)
            .mismatch(expected, shapeString(t.sizes().vec()));
    };
    if (args.x.dim() != 3 || args.x.size(2) != c.inputDim) {
        fail(shapeError("x", args.x, fmt::format("(B, M, {})", c.inputDim)));
    }
    const std::int64_t B = args.x.size(0), M = args.x.size(1);
    if (args.ctxt.dim() != 3 || args.ctxt.size(0) != B || args.ctxt.size(2) != c.ctxtInputDim) {
        fail(shapeError("ctxt", args.ctxt, fmt::format("({}, T, {})", B, c.ctxtInputDim)));
    }
    if (args.vtxt.dim() != 3 || args.vtxt.size(0) != B || args.vtxt.size(1) != 1 ||
        args.vtxt.size(2) != c.vtxtInputDim) {
        fail(shapeError("vtxt", args.vtxt, fmt::format("({}, 1, {})", B, c.vtxtInputDim)));
    }
    const std::int64_t T = args.ctxt.size(1);
    if (args.t.numel() != B || args.xLengths.numel() != B || args.ctxtLengths.numel() != B) {
        fail(Error(Errc::InvalidArgument, "t, xLengths and ctxtLengths need one value per row")
                 .mismatch(std::to_string(B), std::to_string(args.t.numel())));
    }
    const at::Tensor cl = args.ctxtLengths.to(at::kCPU, at::kLong).contiguous().view({-1});
    if (cl.min().item<std::int64_t>() < 1 || cl.max().item<std::int64_t>() > T) {
        fail(Error(Errc::InvalidArgument, "text lengths out of range")
                 .at("ctxtLengths")
                 .mismatch("1.." + std::to_string(T),
                           shapeString(std::vector<std::int64_t>(
                               cl.data_ptr<std::int64_t>(), cl.data_ptr<std::int64_t>() + B))));
    }
    if (M + T > 5000 || (args.textPositionOffset >= 0 && args.textPositionOffset + T > 5000)) {
        fail(Error(Errc::InvalidArgument, "sequence longer than the RoPE table (5000)"));
    }
    const DitContext ctx = prepare(B, M, T, args.xLengths, cl, args.textPositionOffset);
    const DitConditioning cond = condition(ctx, args.ctxt, args.vtxt);
    const at::Tensor t = args.t.to(m.torchDevice, at::kFloat).reshape({B});
    return forwardPrepared(ctx, cond, args.x.to(m.torchDevice), t, trace).to(at::kFloat);
}

Error currentTorchError()
{
    try {
        throw;
#if TORCH_VERSION_MAJOR >= 2 || (TORCH_VERSION_MAJOR == 1 && TORCH_VERSION_MINOR >= 10)
    } catch (const c10::OutOfMemoryError& e) {
        return Error(Errc::OutOfMemory, e.what_without_backtrace());
#endif
    } catch (const c10::Error& e) {
        return Error(Errc::Internal, std::string("libtorch: ") + e.what_without_backtrace());
    } catch (...) {
        return currentExceptionToError(); // pw::Exception, bad_alloc, std::exception
    }
}

} // namespace pw::infer
