// SPDX-License-Identifier: Apache-2.0
// The text encoders (pw_infer) on the tiny fixture folders: goldens through the public facade,
// the prompt cache, cancellation, and every load error on broken copies of the folders.
#include <pw/core/atomic_file.h>
#include <pw/core/safetensors.h>
#include <pw/infer/text_encoder.h>

#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include <cmath>
#include <functional>

using namespace pw;
using namespace pw::infer;
using nlohmann::json;

namespace {

const std::filesystem::path kText = PW_FIXTURES_DIR "/text";

double relError(std::span<const float> a, std::span<const float> b)
{
    double num = 0.0;
    double den = 0.0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        num += (double(a[i]) - b[i]) * (double(a[i]) - b[i]);
        den += double(b[i]) * b[i];
    }
    return std::sqrt(num / den);
}

std::vector<float> floats(const std::string& file, const std::string& key)
{
    auto f = SafetensorsFile::open(kText / file);
    return (*f->require(key))->toFloat32().value();
}

/// A writable copy of a fixture folder in `dir`.
std::filesystem::path copyFolder(const QTemporaryDir& tmp, const std::string& name)
{
    const std::filesystem::path to = std::filesystem::path(tmp.path().toStdString()) / name;
    std::filesystem::copy(kText / name, to, std::filesystem::copy_options::recursive);
    for (const auto& e : std::filesystem::directory_iterator(to)) {
        std::filesystem::permissions(e.path(), std::filesystem::perms::owner_write,
                                     std::filesystem::perm_options::add);
    }
    std::filesystem::permissions(to, std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::add);
    return to;
}

void editJson(const std::filesystem::path& file, const std::function<void(json&)>& edit)
{
    json j = json::parse(readWholeFile(file).value());
    edit(j);
    QVERIFY(writeFileAtomically(file, j.dump(2)).has_value());
}

TextEncoderConfig tinyConfig(const std::filesystem::path& qwen = kText / "qwen3-tiny",
                             const std::filesystem::path& clip = kText / "clip-tiny")
{
    TextEncoderConfig c;
    c.qwenDir = qwen;
    c.clipDir = clip;
    return c;
}

const std::vector<std::string> kPrompts = {
    "A person walks unsteadily, then slowly sits down.",
    "A person performs a squat, then pushes a barbell overhead using the power from standing up.",
    "Person stands"};

} // namespace

class TestTextEncoder : public QObject
{
    Q_OBJECT

    void expectLoadError(const TextEncoderConfig& config, Errc code, const std::string& file,
                         const std::string& item, const std::string& message)
    {
        auto enc = TextEncoder::load(config, RunControl{});
        QVERIFY(!enc);
        const Error& e = enc.error();
        QVERIFY2(e.code == code, e.describe().c_str());
        QVERIFY2(e.file.find(file) != std::string::npos, e.describe().c_str());
        QVERIFY2(e.item.find(item) != std::string::npos, e.describe().c_str());
        QVERIFY2(e.message.find(message) != std::string::npos, e.describe().c_str());
    }

  private Q_SLOTS:
    void encodesTheGoldenPrompts()
    {
        auto enc = TextEncoder::load(tinyConfig(), RunControl{});
        QVERIFY2(enc.has_value(), enc ? "" : enc.error().describe().c_str());
        const TextEncoderInfo& info = (*enc)->info();
        QCOMPARE(info.cropStart, 101);
        QCOMPARE(info.ctxtDim, 32);
        QCOMPARE(info.vtxtDim, 32);
        QCOMPARE(info.qwenPrecision, Precision::Fp32);
        auto out = (*enc)->encode(kPrompts, RunControl{});
        QVERIFY2(out.has_value(), out ? "" : out.error().describe().c_str());
        QCOMPARE(out->batch, 3);
        QCOMPARE(out->textTokens, 128);
        QCOMPARE(out->ctxtLength, (std::vector<std::int64_t>{14, 21, 4}));
        const auto ref = floats("qwen3-tiny-cases.safetensors", "ctxt_fp32");
        for (int b = 0; b < 3; ++b) {
            const std::size_t row = 128 * 32;
            const std::size_t valid = static_cast<std::size_t>(out->ctxtLength[b]) * 32;
            const std::span<const float> ours(out->ctxt.data() + b * row, valid);
            const std::span<const float> golden(ref.data() + b * row, valid);
            QVERIFY(relError(ours, golden) < 1e-4);
            // Padded rows are zero in the default (real tokens only) mode.
            for (std::size_t i = valid; i < row; ++i) {
                QCOMPARE(out->ctxt[b * row + i], 0.0f);
            }
        }
        const auto pooled = floats("clip-tiny-cases.safetensors", "pooler_output");
        QVERIFY(relError(out->vtxt, std::span<const float>(pooled.data(), 3 * 32)) < 1e-4);
    }

    void referencePaddingReproducesThePaddedRows()
    {
        auto config = tinyConfig();
        config.referencePadding = true;
        auto enc = TextEncoder::load(config, RunControl{});
        QVERIFY(enc.has_value());
        auto out = (*enc)->encode(kPrompts, RunControl{});
        QVERIFY(out.has_value());
        QVERIFY(relError(out->ctxt, floats("qwen3-tiny-cases.safetensors", "ctxt_fp32")) < 1e-4);
    }

    void bf16ComputeStaysWithinTheBf16Tolerance()
    {
        auto config = tinyConfig();
        config.qwen.precision = Precision::Bf16;
        config.clip.precision = Precision::Bf16;
        auto enc = TextEncoder::load(config, RunControl{});
        QVERIFY2(enc.has_value(), enc ? "" : enc.error().describe().c_str());
        auto out = (*enc)->encode(kPrompts, RunControl{});
        QVERIFY(out.has_value());
        const auto ref = floats("qwen3-tiny-cases.safetensors", "ctxt_fp32");
        const std::size_t valid = 14 * 32;
        QVERIFY(relError(std::span<const float>(out->ctxt.data(), valid),
                         std::span<const float>(ref.data(), valid)) < 2e-2);
    }

    void duplicatesAndRepeatsAreEncodedOnce()
    {
        auto config = tinyConfig();
        config.cacheCapacity = 2;
        auto enc = TextEncoder::load(config, RunControl{});
        QVERIFY(enc.has_value());
        int layerSteps = 0;
        RunControl counting;
        counting.onProgress = [&](const Progress& p) {
            QCOMPARE(p.stage, std::string_view("encode"));
            ++layerSteps;
        };
        const std::vector<std::string> seeds(4, kPrompts[2]); // four seeds, one prompt
        auto first = (*enc)->encode(seeds, counting);
        QVERIFY(first.has_value());
        QCOMPARE(layerSteps, 4); // 2 Qwen3 + 2 CLIP layers, once
        QCOMPARE((*enc)->cacheStats().misses, std::size_t(1));
        QCOMPARE((*enc)->cacheStats().hits, std::size_t(3)); // the duplicate rows
        for (int b = 1; b < 4; ++b) {
            QVERIFY(std::equal(first->vtxt.begin(), first->vtxt.begin() + 32,
                               first->vtxt.begin() + b * 32));
        }
        layerSteps = 0;
        auto again = (*enc)->encode(std::vector<std::string>{kPrompts[2]}, counting);
        QVERIFY(again.has_value());
        QCOMPARE(layerSteps, 0);
        QCOMPARE((*enc)->cacheStats().hits, std::size_t(4));
        QVERIFY(std::equal(again->ctxt.begin(), again->ctxt.end(), first->ctxt.begin()));

        // Capacity 2: a third prompt evicts the least recently used one.
        QVERIFY((*enc)->encode(std::vector<std::string>{kPrompts[0]}, RunControl{}));
        QVERIFY((*enc)->encode(std::vector<std::string>{kPrompts[1]}, RunControl{}));
        QCOMPARE((*enc)->cacheStats().entries, std::size_t(2));
        layerSteps = 0;
        QVERIFY((*enc)->encode(std::vector<std::string>{kPrompts[2]}, counting));
        QCOMPARE(layerSteps, 4);
        (*enc)->clearCache();
        QCOMPARE((*enc)->cacheStats().entries, std::size_t(0));
    }

    void cancelStopsBetweenLayers()
    {
        auto enc = TextEncoder::load(tinyConfig(), RunControl{});
        QVERIFY(enc.has_value());
        RunControl control;
        int steps = 0;
        control.onProgress = [&](const Progress&) {
            if (++steps == 1) {
                control.cancel.requestCancel();
            }
        };
        auto out = (*enc)->encode(kPrompts, control);
        QVERIFY(!out);
        QCOMPARE(out.error().code, Errc::Cancelled);
        QCOMPARE(steps, 1);
        // A cancelled encode leaves nothing half-cached: the next run encodes everything.
        QCOMPARE((*enc)->cacheStats().entries, std::size_t(0));
        QVERIFY((*enc)->encode(kPrompts, RunControl{}).has_value());

        RunControl cancelled;
        cancelled.cancel.requestCancel();
        auto load = TextEncoder::load(tinyConfig(), cancelled);
        QVERIFY(!load);
        QCOMPARE(load.error().code, Errc::Cancelled);
    }

    void invalidPromptsAreRejected()
    {
        auto enc = TextEncoder::load(tinyConfig(), RunControl{});
        QVERIFY(enc.has_value());
        auto bad = (*enc)->encode(std::vector<std::string>{"ok", "walk\xe2\x82"}, RunControl{});
        QVERIFY(!bad);
        QCOMPARE(bad.error().code, Errc::InvalidArgument);
        QCOMPARE(bad.error().item, std::string("prompt 1"));
        QVERIFY(bad.error().message.find("byte offset 4") != std::string::npos);
        QCOMPARE((*enc)->encode(std::vector<std::string>{}, RunControl{}).error().code,
                 Errc::InvalidArgument);
    }

    void unsupportedPlacementsAreReported()
    {
        auto fp16 = tinyConfig();
        fp16.qwen.precision = Precision::Fp16;
        expectLoadError(fp16, Errc::UnsupportedDevice, "", "precision", "fp16");
        auto cuda = tinyConfig();
        cuda.qwen.device = Device{Device::Kind::Cuda, 0};
        auto r = TextEncoder::load(cuda, RunControl{});
        if (!r) { // a CUDA build with a GPU loads it; elsewhere it is a clear error
            QCOMPARE(r.error().code, Errc::UnsupportedDevice);
            QCOMPARE(r.error().item, std::string("device"));
        }
    }

    void missingOrCorruptShardsAreReported()
    {
        QTemporaryDir tmp;
        const auto qwen = copyFolder(tmp, "qwen3-tiny");
        const auto shard = qwen / "model-00002-of-00002.safetensors";
        // Truncated shard.
        std::string bytes = readWholeFile(shard).value();
        QVERIFY(writeFileAtomically(shard, bytes.substr(0, bytes.size() - 100)).has_value());
        expectLoadError(tinyConfig(qwen), Errc::BadModelFile, "model-00002-of-00002", "model.",
                        "truncated file");
        // Missing shard.
        std::filesystem::remove(shard);
        expectLoadError(tinyConfig(qwen), Errc::FileNotFound, "model-00002-of-00002", "index",
                        "is missing");
    }

    void indexErrorsAreReported()
    {
        QTemporaryDir tmp;
        const auto qwen = copyFolder(tmp, "qwen3-tiny");
        const auto index = qwen / "model.safetensors.index.json";
        editJson(index, [](json& j) {
            j["weight_map"]["model.norm.weight"] = "model-00003-of-00002.safetensors";
        });
        expectLoadError(tinyConfig(qwen), Errc::FileNotFound, "model-00003-of-00002", "index",
                        "is missing");
        editJson(index, [](json& j) {
            j["weight_map"]["model.norm.weight"] = "model-00001-of-00002.safetensors";
        });
        expectLoadError(tinyConfig(qwen), Errc::BadModelFile, "model-00001-of-00002",
                        "model.norm.weight", "does not contain it");
        editJson(index, [](json& j) { j.erase("weight_map"); });
        expectLoadError(tinyConfig(qwen), Errc::BadModelFile, "index.json", "weight_map",
                        "malformed index");
        std::filesystem::remove(index);
        std::filesystem::remove(qwen / "model-00001-of-00002.safetensors");
        std::filesystem::remove(qwen / "model-00002-of-00002.safetensors");
        expectLoadError(tinyConfig(qwen), Errc::FileNotFound, "qwen3-tiny", "",
                        "no safetensors weights");
    }

    void wrongQwenConfigsAreReported_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value"); // JSON; empty = remove the field
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("item");
        QTest::addColumn<QString>("message");
        const int bad = static_cast<int>(Errc::BadModelFile);
        QTest::newRow("missing hidden_size") << "hidden_size"
                                             << "" << bad << "hidden_size"
                                             << "missing field";
        QTest::newRow("wrong hidden_size") << "hidden_size"
                                           << "48" << bad << "model.embed_tokens.weight"
                                           << "tensor shape mismatch";
        QTest::newRow("kv heads do not divide") << "num_key_value_heads"
                                                << "3" << bad << "num_key_value_heads"
                                                << "not a multiple";
        QTest::newRow("more layers than weights") << "num_hidden_layers"
                                                  << "3" << bad << "model.layers.2"
                                                  << "missing tensor";
        QTest::newRow("not qwen3") << "model_type"
                                   << "\"llama\"" << bad << "model_type"
                                   << "not a Qwen3 model config";
        QTest::newRow("rope scaling")
            << "rope_parameters"
            << R"({"rope_type": "yarn", "rope_theta": 1e6})" << bad << "rope_parameters.rope_type"
            << "unsupported RoPE";
        QTest::newRow("negative intermediate") << "intermediate_size"
                                               << "-4" << bad << "intermediate_size"
                                               << "out of range";
    }
    void wrongQwenConfigsAreReported()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(int, code);
        QFETCH(QString, item);
        QFETCH(QString, message);
        QTemporaryDir tmp;
        const auto qwen = copyFolder(tmp, "qwen3-tiny");
        editJson(qwen / "config.json", [&](json& j) {
            if (value.isEmpty()) {
                j.erase(field.toStdString());
            } else {
                j[field.toStdString()] = json::parse(value.toStdString());
            }
        });
        const std::string file = message.contains("tensor") ? "safetensors" : "config.json";
        expectLoadError(tinyConfig(qwen), static_cast<Errc>(code), file, item.toStdString(),
                        message.toStdString());
    }

    void brokenClipFoldersAreReported()
    {
        QTemporaryDir tmp;
        const auto clip = copyFolder(tmp, "clip-tiny");
        editJson(clip / "config.json", [](json& j) { j.erase("num_attention_heads"); });
        expectLoadError(tinyConfig(kText / "qwen3-tiny", clip), Errc::BadModelFile, "config.json",
                        "num_attention_heads", "missing field");
        editJson(clip / "config.json", [](json& j) {
            j["num_attention_heads"] = 4;
            j["hidden_act"] = "relu";
        });
        expectLoadError(tinyConfig(kText / "qwen3-tiny", clip), Errc::BadModelFile, "config.json",
                        "hidden_act", "unsupported activation");
        editJson(clip / "config.json", [](json& j) { j["hidden_act"] = "quick_gelu"; });

        // A checkpoint without the final LayerNorm bias (everything else F32 as written).
        auto full = SafetensorsFile::open(clip / "model.safetensors");
        QVERIFY(full.has_value());
        std::vector<std::vector<float>> data;
        std::vector<TensorToWrite> keep;
        for (const auto& t : full->tensors()) {
            if (t.name != "final_layer_norm.bias") {
                data.push_back(t.toFloat32().value());
            }
        }
        std::size_t k = 0;
        for (const auto& t : full->tensors()) {
            if (t.name != "final_layer_norm.bias") {
                keep.push_back({t.name, t.shape, data[k++]});
            }
        }
        const auto partial = clip / "partial.safetensors";
        QVERIFY(writeSafetensors(partial, keep).has_value());
        full = Result<SafetensorsFile>(Error(Errc::Internal, "closed")); // unmap first
        std::filesystem::rename(partial, clip / "model.safetensors");
        expectLoadError(tinyConfig(kText / "qwen3-tiny", clip), Errc::BadModelFile,
                        "model.safetensors", "final_layer_norm.bias", "missing tensor");

        std::filesystem::remove(clip / "model.safetensors");
        expectLoadError(tinyConfig(kText / "qwen3-tiny", clip), Errc::FileNotFound, "clip-tiny", "",
                        "no safetensors weights");
        std::filesystem::remove(clip / "vocab.json");
        expectLoadError(tinyConfig(kText / "qwen3-tiny", clip), Errc::FileNotFound, "vocab.json",
                        "", "CLIP tokenizer file not found");
    }

    void diagnosticsRejectMalformedBatches()
    {
        TokenBatch b;
        b.batch = 2;
        b.length = 3;
        b.ids = {1, 2, 3};
        b.mask = {1, 1, 1};
        auto r = runQwen3(kText / "qwen3-tiny", b, Device{}, Precision::Fp32);
        QVERIFY(!r);
        QCOMPARE(r.error().code, Errc::InvalidArgument);
    }
};

QTEST_APPLESS_MAIN(TestTextEncoder)
#include "test_text_encoder.moc"
