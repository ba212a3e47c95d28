// SPDX-License-Identifier: Apache-2.0
// Torch translation unit: shared text-encoder helpers, the TextEncoders pair with its prompt
// cache, the public facade, diagnostics and the benchmark.
#include "text_encoders.h"

#include <pw/core/log.h>
#include <pw/core/utf8.h>

#include <torch/torch.h>
#include <torch/version.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <limits>
#include <numeric>
#include <random>

namespace pw::infer {

// --- helpers (text_torch.h) --------------------------------------------------------------------

torch::Device toTorchDevice(const Device& device)
{
    return device.isCuda()
               ? torch::Device(torch::kCUDA, static_cast<c10::DeviceIndex>(device.index))
               : torch::Device(torch::kCPU);
}

torch::ScalarType toScalarType(Precision precision)
{
    switch (precision) {
    case Precision::Fp32:
        return torch::kFloat32;
    case Precision::Bf16:
        return torch::kBFloat16;
    case Precision::Fp16:
        return torch::kFloat16;
    }
    return torch::kFloat32;
}

Precision precisionOf(torch::ScalarType dtype)
{
    switch (dtype) {
    case torch::kBFloat16:
        return Precision::Bf16;
    case torch::kFloat16:
        return Precision::Fp16;
    default:
        return Precision::Fp32;
    }
}

void checkPlacement(const Device& device, Precision precision, const std::string& what)
{
    if (device.isCuda()) {
        if (!torch::cuda::is_available()) {
            fail(Error(Errc::UnsupportedDevice,
                       what + " cannot run on CUDA: no usable CUDA device in this build or on "
                              "this machine")
                     .at("device")
                     .mismatch("cpu", device.toString()));
        }
        const auto count = static_cast<int>(torch::cuda::device_count());
        if (device.index < 0 || device.index >= count) {
            fail(Error(Errc::UnsupportedDevice, what + ": no such CUDA device")
                     .at("device")
                     .mismatch("cuda:0 .. cuda:" + std::to_string(count - 1), device.toString()));
        }
        return;
    }
    if (precision == Precision::Fp16) {
        fail(Error(Errc::UnsupportedDevice,
                   what + " cannot run in fp16 on the CPU (libtorch has no fp16 CPU matmul)")
                 .at("precision")
                 .mismatch("fp32 or bf16", "fp16"));
    }
}

torch::Tensor weightTensor(const HfWeights& weights, const TensorView& view, torch::Device device,
                           torch::ScalarType dtype)
{
    torch::ScalarType source = torch::kFloat32;
    switch (view.dtype) {
    case DType::F32:
        source = torch::kFloat32;
        break;
    case DType::F16:
        source = torch::kFloat16;
        break;
    case DType::BF16:
        source = torch::kBFloat16;
        break;
    default:
        fail(Error(Errc::BadModelFile, "unsupported weight dtype")
                 .inFile(weights.fileOf(view.name))
                 .at(view.name)
                 .mismatch("F32, F16 or BF16", dtypeName(view.dtype)));
    }
    const auto elementSize = dtypeSize(view.dtype);
    void* data = const_cast<std::byte*>(view.bytes.data());
    torch::Tensor mapped;
    if (reinterpret_cast<std::uintptr_t>(data) % elementSize != 0) {
        // safetensors does not promise aligned tensors: copy the rare misaligned one.
        mapped = torch::empty(view.shape, torch::TensorOptions().dtype(source));
        std::memcpy(mapped.data_ptr(), data, view.bytes.size());
    } else {
        auto keep = weights.keepAlive(view.name);
        mapped = torch::from_blob(
            data, view.shape, [keep](void*) mutable { keep.reset(); },
            torch::TensorOptions().dtype(source));
    }
    if (source == dtype && device.is_cpu()) {
        return mapped; // zero-copy: the page cache holds the weights
    }
    return mapped.to(device, dtype);
}

torch::Tensor randomWeight(const std::vector<std::int64_t>& shape,
                           const torch::TensorOptions& options)
{
    return torch::empty(shape, options).normal_(0.0, 0.02);
}

torch::Tensor attention(const torch::Tensor& q, const torch::Tensor& k, const torch::Tensor& v,
                        const torch::Tensor& keep, bool causal)
{
#if TORCH_VERSION_MAJOR >= 2
    if (keep.defined()) {
        return at::scaled_dot_product_attention(q, k, v, keep);
    }
    return at::scaled_dot_product_attention(q, k, v, {}, 0.0, causal);
#else
    // Without SDPA: the score, softmax and weighted sum run in float32 whatever the compute
    // dtype, as the fused kernels accumulate (rounding the scores to bf16 would add ~1e-2).
    const double scale = 1.0 / std::sqrt(static_cast<double>(q.size(-1)));
    const auto qf = q.to(torch::kFloat32);
    const auto kf = k.to(torch::kFloat32);
    const auto vf = v.to(torch::kFloat32);
    auto scores = torch::matmul(qf, kf.transpose(-2, -1)) * scale;
    torch::Tensor mask = keep;
    if (!mask.defined() && causal) {
        const auto l = q.size(-2);
        const auto s = k.size(-2);
        mask = torch::ones({l, s}, torch::TensorOptions().device(q.device()).dtype(torch::kBool))
                   .tril(s - l);
    }
    if (mask.defined()) {
        scores = scores.masked_fill(mask.logical_not(), -std::numeric_limits<float>::infinity());
    }
    return torch::matmul(torch::softmax(scores, -1), vf).to(q.scalar_type());
#endif
}

namespace {

torch::Tensor idsTensor(const std::vector<std::int64_t>& values, std::int64_t rows,
                        std::int64_t cols)
{
    return torch::from_blob(const_cast<std::int64_t*>(values.data()), {rows, cols}, torch::kInt64)
        .clone();
}

torch::Tensor idsTensor(const std::vector<std::int32_t>& values)
{
    std::vector<std::int64_t> wide(values.begin(), values.end());
    return idsTensor(wide, 1, static_cast<std::int64_t>(wide.size()));
}

HostTensor toHost(const torch::Tensor& t)
{
    HostTensor h;
    const auto c = t.to(torch::kCPU, torch::kFloat32).contiguous();
    h.shape.assign(c.sizes().begin(), c.sizes().end());
    h.data.assign(c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
    return h;
}

/// A RunControl that forwards cancel and maps a sub-task's progress into a larger count.
struct ProgressSpan
{
    const RunControl& parent;
    int offset = 0;
    int total = 0;
    RunControl child() const
    {
        RunControl c;
        c.cancel = parent.cancel;
        if (parent.onProgress) {
            const RunControl* p = &parent;
            const int off = offset;
            const int tot = total;
            c.onProgress = [p, off, tot](const Progress& progress) {
                p->report(off + progress.step, tot, progress.stage);
            };
        }
        return c;
    }
};

} // namespace

// --- TextEncoders -------------------------------------------------------------------------------

Result<std::unique_ptr<TextEncoders>> TextEncoders::load(const TextEncoderConfig& config,
                                                         const RunControl& control)
{
    return guardTorch([&] {
        torch::NoGradGuard noGrad;
        std::unique_ptr<TextEncoders> enc(new TextEncoders());
        enc->m_config = config;
        // Tokenizers first: cheap, and a wrong folder is found before gigabytes are mapped.
        enc->m_qwenTokenizer.emplace(
            QwenPromptTokenizer::load(config.qwenDir, config.maxTextTokens).value());
        enc->m_clipTokenizer.emplace(ClipTokenizer::load(config.clipDir).value());
        enc->loadModels(control);
        return enc;
    });
}

std::unique_ptr<TextEncoders> TextEncoders::fromModels(const TextEncoderConfig& config,
                                                       std::unique_ptr<Qwen3Model> qwen,
                                                       std::unique_ptr<ClipTextModel> clip)
{
    std::unique_ptr<TextEncoders> enc(new TextEncoders());
    enc->m_config = config;
    enc->m_reloadable = false;
    enc->m_qwenTokenizer.emplace(
        QwenPromptTokenizer::load(config.qwenDir, config.maxTextTokens).value());
    enc->m_clipTokenizer.emplace(ClipTokenizer::load(config.clipDir).value());
    enc->m_qwen = std::move(qwen);
    enc->m_clip = std::move(clip);
    enc->finishModels();
    return enc;
}

void TextEncoders::loadModels(const RunControl& control)
{
    if (!m_reloadable) {
        fail(Error(Errc::FileNotFound, "these text encoders were built in memory (random "
                                       "weights) and cannot be reloaded after release"));
    }
    const TextEncoderConfig& config = m_config;
    const Precision qp = config.qwen.precision.value_or(
        config.qwen.device.isCuda() ? Precision::Bf16 : Precision::Fp32);
    const Precision cp = config.clip.precision.value_or(Precision::Fp32);
    const Qwen3Config qcfg = Qwen3Config::load(config.qwenDir / "config.json");
    const ClipTextConfig ccfg = ClipTextConfig::load(config.clipDir / "config.json");
    const int total = static_cast<int>(qcfg.layerCount + ccfg.layerCount);
    m_qwen = Qwen3Model::load(config.qwenDir, {config.qwen.device, qp},
                              ProgressSpan{control, 0, total}.child());
    m_clip = ClipTextModel::load(
        config.clipDir, {config.clip.device, cp},
        ProgressSpan{control, static_cast<int>(qcfg.layerCount), total}.child());
    finishModels();
}

void TextEncoders::finishModels()
{
    const TextEncoderConfig& config = m_config;
    // The tokenizers must fit the embedding tables.
    const auto qwenLimit = m_qwenTokenizer->tokenizer().idLimit();
    if (qwenLimit > m_qwen->config().vocabSize) {
        fail(Error(Errc::BadModelFile,
                   "tokenizer.json has token ids beyond the model's embedding table")
                 .inFile((config.qwenDir / "tokenizer.json").string())
                 .at("vocab_size")
                 .mismatch("ids < " + std::to_string(m_qwen->config().vocabSize),
                           "ids up to " + std::to_string(qwenLimit - 1)));
    }
    const auto& clipTok = *m_clipTokenizer;
    const std::int64_t clipMaxId =
        std::max({clipTok.startId(), clipTok.endId(), clipTok.padId(), clipTok.unkId()});
    if (clipMaxId >= m_clip->config().vocabSize ||
        static_cast<std::int64_t>(clipTok.vocabSize()) > m_clip->config().vocabSize) {
        fail(Error(Errc::BadModelFile, "vocab.json does not fit the CLIP model's embedding table")
                 .inFile((config.clipDir / "vocab.json").string())
                 .at("vocab_size")
                 .mismatch("<= " + std::to_string(m_clip->config().vocabSize) + " tokens",
                           std::to_string(clipTok.vocabSize()) + " tokens, largest id " +
                               std::to_string(clipMaxId)));
    }
    m_clipMaxTokens = static_cast<int>(std::min<std::int64_t>(77, m_clip->config().maxPositions));

    const Precision qp = precisionOf(m_qwen->dtype());
    const Precision cp = precisionOf(m_clip->dtype());
    TextEncoderInfo& info = m_info;
    info.cropStart = m_qwenTokenizer->cropStart();
    info.maxTextTokens = config.maxTextTokens;
    info.ctxtDim = static_cast<int>(m_qwen->config().hiddenSize);
    info.vtxtDim = static_cast<int>(m_clip->config().hiddenSize);
    info.qwenLayers = static_cast<int>(m_qwen->config().layerCount);
    info.clipLayers = static_cast<int>(m_clip->config().layerCount);
    info.qwenDevice = config.qwen.device;
    info.qwenPrecision = qp;
    info.clipDevice = config.clip.device;
    info.clipPrecision = cp;
    info.qwenWeightBytes = m_qwen->weightBytes();
    info.clipWeightBytes = m_clip->weightBytes();

    m_identity = m_qwen->identity() + "|" + fileIdentity(config.qwenDir / "tokenizer.json") + "|" +
                 fileIdentity(config.qwenDir / "tokenizer_config.json") + "|" +
                 config.qwen.device.toString() + ":" + precisionName(qp) + "|" +
                 m_clip->identity() + "|" + fileIdentity(config.clipDir / "vocab.json") + "|" +
                 fileIdentity(config.clipDir / "merges.txt") + "|" + config.clip.device.toString() +
                 ":" + precisionName(cp);
}

void TextEncoders::releaseModels()
{
    m_qwen.reset();
    m_clip.reset();
}

bool TextEncoders::allCached(std::span<const std::string> prompts) const
{
    return std::all_of(prompts.begin(), prompts.end(), [this](const std::string& p) {
        return m_index.find(cacheKey(p)) != m_index.end();
    });
}

std::string TextEncoders::cacheKey(const std::string& prompt) const
{
    return m_identity + '\x1f' + std::to_string(m_config.maxTextTokens) +
           (m_config.referencePadding ? "R" : "T") + '\x1f' + prompt;
}

TextEncoders::Entry TextEncoders::encodeOne(const std::string& prompt,
                                            const RunControl& control) const
{
    Entry e;
    const std::string one[] = {prompt};
    const QwenPromptBatch batch = m_qwenTokenizer->tokenize(one).value();
    const std::int64_t length = batch.tokens.length;
    const std::int64_t crop = batch.cropStart;
    const std::int64_t rows = batch.maxTextTokens;
    const std::int64_t real = batch.tokens.realTokens[0];
    const auto ids = idsTensor(batch.tokens.ids, 1, length);
    const int qwenLayers = static_cast<int>(m_qwen->layerCount());
    const int total = qwenLayers + static_cast<int>(m_clip->config().layerCount);
    if (m_config.referencePadding) {
        const auto mask = idsTensor(batch.tokens.mask, 1, length);
        const auto hidden = m_qwen->forward(ids, mask, ProgressSpan{control, 0, total}.child());
        e.ctxt = hidden.narrow(1, crop, rows).clone();
    } else {
        // Qwen3 is causal and its positions do not depend on the mask: the real tokens alone
        // give the same valid rows (spec 5.1 item 7). Padded rows are zero.
        const auto hidden = m_qwen->forward(ids.narrow(1, 0, real), torch::Tensor(),
                                            ProgressSpan{control, 0, total}.child());
        e.ctxt = torch::zeros({1, rows, hidden.size(2)}, hidden.options());
        const std::int64_t valid = real - crop;
        if (valid > 0) {
            e.ctxt.narrow(1, 0, valid).copy_(hidden.narrow(1, crop, valid));
        }
    }
    e.length = batch.ctxtLength[0];

    const auto clipIds = m_clipTokenizer->encodeForModel(prompt, m_clipMaxTokens).value();
    const auto out = m_clip->forward(idsTensor(clipIds), torch::Tensor(),
                                     ProgressSpan{control, qwenLayers, total}.child());
    e.vtxt = out.pooled.unsqueeze(1).clone();
    return e;
}

Result<TextFeatures> TextEncoders::encode(std::span<const std::string> prompts,
                                          const RunControl& control)
{
    if (prompts.empty()) {
        return Error(Errc::InvalidArgument, "no prompt to encode");
    }
    for (std::size_t i = 0; i < prompts.size(); ++i) {
        if (auto valid = validateUtf8(prompts[i], "prompt " + std::to_string(i)); !valid) {
            return std::move(valid).error();
        }
    }
    return guardTorch([&] {
        c10::InferenceMode inference;
        // Distinct prompts that are not cached, for the progress count.
        std::vector<std::string> todo;
        for (const auto& p : prompts) {
            if (m_index.find(cacheKey(p)) == m_index.end() &&
                std::find(todo.begin(), todo.end(), p) == todo.end()) {
                todo.push_back(p);
            }
        }
        if (!todo.empty() && !modelsLoaded()) {
            loadModels(control);
        }
        const int perPrompt = m_info.qwenLayers + m_info.clipLayers;
        const int total = perPrompt * static_cast<int>(todo.size());

        std::vector<Entry> rows;
        rows.reserve(prompts.size());
        std::unordered_map<std::string, Entry> fresh;
        int done = 0;
        for (const auto& p : prompts) {
            const std::string key = cacheKey(p);
            if (const auto it = m_index.find(key); it != m_index.end()) {
                m_lru.splice(m_lru.begin(), m_lru, it->second);
                rows.push_back(it->second->second);
                ++m_hits;
                continue;
            }
            if (const auto it = fresh.find(key); it != fresh.end()) {
                rows.push_back(it->second);
                continue;
            }
            Entry e = encodeOne(p, ProgressSpan{control, done * perPrompt, total}.child());
            ++done;
            ++m_misses;
            fresh.emplace(key, e);
            rows.push_back(e);
            if (m_config.cacheCapacity > 0) {
                m_lru.emplace_front(key, e);
                m_index[key] = m_lru.begin();
                while (m_lru.size() > m_config.cacheCapacity) {
                    m_index.erase(m_lru.back().first);
                    m_lru.pop_back();
                }
            }
        }

        TextFeatures f;
        std::vector<torch::Tensor> ctxt;
        std::vector<torch::Tensor> vtxt;
        std::vector<std::int64_t> lengths;
        for (const Entry& e : rows) {
            ctxt.push_back(e.ctxt);
            vtxt.push_back(e.vtxt);
            lengths.push_back(e.length);
        }
        f.ctxt = torch::cat(ctxt, 0);
        f.vtxt = torch::cat(vtxt, 0);
        f.ctxtLength = idsTensor(lengths, static_cast<std::int64_t>(lengths.size()), 1).view(-1);
        return f;
    });
}

TextCacheStats TextEncoders::cacheStats() const
{
    return TextCacheStats{m_lru.size(), m_hits, m_misses};
}

void TextEncoders::clearCache()
{
    m_lru.clear();
    m_index.clear();
}

// --- public facade ------------------------------------------------------------------------------

struct TextEncoder::Impl
{
    std::unique_ptr<TextEncoders> encoders;
};

TextEncoder::TextEncoder(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
TextEncoder::~TextEncoder() = default;

Result<std::unique_ptr<TextEncoder>> TextEncoder::load(const TextEncoderConfig& config,
                                                       const RunControl& control)
{
    auto encoders = TextEncoders::load(config, control);
    if (!encoders) {
        return std::move(encoders).error();
    }
    auto impl = std::make_unique<Impl>();
    impl->encoders = std::move(*encoders);
    return std::unique_ptr<TextEncoder>(new TextEncoder(std::move(impl)));
}

Result<TextEncoding> TextEncoder::encode(std::span<const std::string> prompts,
                                         const RunControl& control)
{
    auto features = m_impl->encoders->encode(prompts, control);
    if (!features) {
        return std::move(features).error();
    }
    return guardTorch([&] {
        TextEncoding out;
        const HostTensor ctxt = toHost(features->ctxt);
        const HostTensor vtxt = toHost(features->vtxt);
        out.batch = static_cast<int>(ctxt.shape[0]);
        out.textTokens = static_cast<int>(ctxt.shape[1]);
        out.ctxtDim = static_cast<int>(ctxt.shape[2]);
        out.vtxtDim = static_cast<int>(vtxt.shape[2]);
        out.ctxt = ctxt.data;
        out.vtxt = vtxt.data;
        const auto lengths = features->ctxtLength.contiguous();
        out.ctxtLength.assign(lengths.data_ptr<std::int64_t>(),
                              lengths.data_ptr<std::int64_t>() + lengths.numel());
        return out;
    });
}

const TextEncoderInfo& TextEncoder::info() const
{
    return m_impl->encoders->info();
}

TextCacheStats TextEncoder::cacheStats() const
{
    return m_impl->encoders->cacheStats();
}

void TextEncoder::clearCache()
{
    m_impl->encoders->clearCache();
}

// --- diagnostics --------------------------------------------------------------------------------

namespace {

Result<void> checkBatch(const TokenBatch& batch)
{
    const auto n = static_cast<std::size_t>(batch.batch) * static_cast<std::size_t>(batch.length);
    if (batch.batch < 1 || batch.length < 1 || batch.ids.size() != n || batch.mask.size() != n) {
        return Error(Errc::InvalidArgument, "malformed token batch")
            .mismatch("ids and mask of batch x length values",
                      std::to_string(batch.ids.size()) + " ids, " +
                          std::to_string(batch.mask.size()) + " mask values");
    }
    return {};
}

} // namespace

Result<HostTensor> runQwen3(const std::filesystem::path& dir, const TokenBatch& batch,
                            const Device& device, Precision precision)
{
    if (auto ok = checkBatch(batch); !ok) {
        return std::move(ok).error();
    }
    return guardTorch([&] {
        c10::InferenceMode inference;
        const auto model = Qwen3Model::load(dir, {device, precision}, RunControl{});
        const auto ids = idsTensor(batch.ids, batch.batch, batch.length);
        const auto mask = idsTensor(batch.mask, batch.batch, batch.length);
        return toHost(model->forward(ids, mask, RunControl{}));
    });
}

Result<ClipTextRun> runClipText(const std::filesystem::path& dir, const TokenBatch& batch,
                                const Device& device, Precision precision)
{
    if (auto ok = checkBatch(batch); !ok) {
        return std::move(ok).error();
    }
    return guardTorch([&] {
        c10::InferenceMode inference;
        const auto model = ClipTextModel::load(dir, {device, precision}, RunControl{});
        const auto ids = idsTensor(batch.ids, batch.batch, batch.length);
        const auto mask = idsTensor(batch.mask, batch.batch, batch.length);
        const auto out = model->forward(ids, mask, RunControl{});
        return ClipTextRun{toHost(out.lastHidden), toHost(out.pooled)};
    });
}

// --- benchmark ----------------------------------------------------------------------------------

Result<TextBenchResult> benchmarkTextEncoders(const TextBenchOptions& options,
                                              const RunControl& control)
{
    if (options.iterations < 1 || options.warmup < 0 || options.qwenLayers < 1) {
        return Error(Errc::InvalidArgument, "benchmark needs iterations >= 1, warmup >= 0 and "
                                            "at least one layer");
    }
    return guardTorch([&] {
        c10::InferenceMode inference;
        using Clock = std::chrono::steady_clock;
        const Device& dev = options.device;
        checkPlacement(dev, options.qwenPrecision, "Qwen3");
        checkPlacement(dev, options.clipPrecision, "CLIP");
        TextBenchResult r;
        r.device = dev.toString();

        // Token ids: the real template when a tokenizer is given, else random ids of the same
        // length as the default prompt's template (115).
        std::vector<std::int64_t> ids;
        int cropStart = 101;
        if (!options.qwenTokenizerDir.empty()) {
            const auto tok = QwenPromptTokenizer::load(options.qwenTokenizerDir).value();
            const std::string one[] = {options.prompt};
            const auto batch = tok.tokenize(one).value();
            cropStart = batch.cropStart;
            ids.assign(batch.tokens.ids.begin(), batch.tokens.ids.end());
            r.templatedTokens = batch.tokens.realTokens[0];
        } else {
            std::mt19937 rng(7);
            r.templatedTokens = 115;
            ids.resize(static_cast<std::size_t>(cropStart + 128), 151643);
            for (int i = 0; i < r.templatedTokens; ++i) {
                ids[static_cast<std::size_t>(i)] = static_cast<std::int64_t>(rng() % 151643);
            }
        }
        r.paddedTokens = cropStart + 128;
        std::vector<std::int64_t> mask(static_cast<std::size_t>(r.paddedTokens), 0);
        std::fill_n(mask.begin(), r.templatedTokens, 1);

        auto seconds = [&](auto&& fn) {
            synchronizeDevice(dev);
            const auto t0 = Clock::now();
            fn();
            synchronizeDevice(dev);
            return std::chrono::duration<double>(Clock::now() - t0).count();
        };
        auto median = [&](auto&& fn) {
            for (int i = 0; i < options.warmup; ++i) {
                checkCancel(control);
                fn();
            }
            std::vector<double> times;
            for (int i = 0; i < options.iterations; ++i) {
                checkCancel(control);
                times.push_back(seconds(fn));
            }
            std::sort(times.begin(), times.end());
            return times[times.size() / 2];
        };

        Qwen3Config qcfg = Qwen3Config::qwen3_8b();
        qcfg.layerCount = options.qwenLayers;
        std::unique_ptr<Qwen3Model> qwen;
        r.qwenInitSec = seconds([&] {
            qwen = Qwen3Model::random(qcfg, {dev, options.qwenPrecision}, 1234);
        });
        r.qwenWeightBytes = qwen->weightBytes();
        r.qwenParameters = qcfg.parameterCount();

        const auto devT = toTorchDevice(dev);
        const auto padded = idsTensor(ids, 1, r.paddedTokens).to(devT);
        const auto paddedMask = idsTensor(mask, 1, r.paddedTokens).to(devT);
        const auto real = padded.narrow(1, 0, r.templatedTokens);
        const RunControl quiet{control.cancel, {}};
        r.qwenRealTokensSec = median([&] {
            const auto h = qwen->forward(real, torch::Tensor(), quiet);
            (void)h.narrow(1, cropStart, r.templatedTokens - cropStart).clone();
        });
        resetPeakMemory(dev);
        r.qwenPaddedSec = median([&] {
            const auto h = qwen->forward(padded, paddedMask, quiet);
            (void)h.narrow(1, cropStart, 128).clone();
        });
        const MemoryStats afterQwen = deviceMemoryStats(dev);
        r.memoryStatsAvailable = afterQwen.isCuda;
        r.qwenPeakBytes = afterQwen.peakAllocatedBytes;

        std::unique_ptr<ClipTextModel> clip;
        r.clipInitSec = seconds([&] {
            clip = ClipTextModel::random(ClipTextConfig::clipVitLarge14(),
                                         {dev, options.clipPrecision}, 99);
        });
        r.clipWeightBytes = clip->weightBytes();
        r.deviceBytesAfterInit = deviceMemoryStats(dev).allocatedBytes;
        std::vector<std::int64_t> clipIds(16, 320);
        clipIds.front() = 49406;
        clipIds.back() = 49407;
        const auto clipT = idsTensor(clipIds, 1, 16).to(devT);
        r.clipSec = median([&] { (void)clip->forward(clipT, torch::Tensor(), quiet); });
        return r;
    });
}

} // namespace pw::infer
