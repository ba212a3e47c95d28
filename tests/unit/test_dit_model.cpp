// SPDX-License-Identifier: Apache-2.0
// The DiT loader's error paths (broken model folders made here from the fixture's bytes), length
// rules, trimmed == padded sampling, progress and cancellation.
#include <pw/core/atomic_file.h>
#include <pw/core/safetensors.h>
#include <pw/infer/motion_model.h>
#include <pw/infer/runtime.h>

#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <filesystem>
#include <functional>

using namespace pw;
using namespace pw::infer;
namespace fs = std::filesystem;

namespace {

const fs::path kFixture = PW_FIXTURES_DIR "/dit-tiny";

struct Edit
{
    std::function<void(std::string& name, std::vector<std::int64_t>& shape,
                       std::vector<float>& data, std::string& dtype)>
        fn;
};

// Writes a safetensors copy of the fixture weights with `edit` applied to every tensor (an empty
// name drops it), beside a copy of config.yml. dtype "I32" stores the values as int32.
fs::path makeFolder(const QTemporaryDir& dir, const Edit& edit, const std::string& config = {})
{
    const fs::path out = dir.path().toStdString();
    auto src = SafetensorsFile::open(kFixture / "model.safetensors");
    std::string header = "{";
    std::string body;
    for (const auto& t : src->tensors()) {
        std::string name = t.name;
        auto shape = t.shape;
        auto data = *t.toFloat32();
        std::string dtype = "F32";
        if (edit.fn) {
            edit.fn(name, shape, data, dtype);
        }
        if (name.empty()) {
            continue;
        }
        const std::size_t begin = body.size();
        if (dtype == "I32") {
            for (float v : data) {
                const auto i = static_cast<std::int32_t>(v);
                body.append(reinterpret_cast<const char*>(&i), 4);
            }
        } else {
            body.append(reinterpret_cast<const char*>(data.data()), data.size() * 4);
        }
        if (header.size() > 1) {
            header += ",";
        }
        header += "\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":[";
        for (std::size_t i = 0; i < shape.size(); ++i) {
            if (i > 0) {
                header += ',';
            }
            header += std::to_string(shape[i]);
        }
        header += "],\"data_offsets\":[" + std::to_string(begin) + "," +
                  std::to_string(body.size()) + "]}";
    }
    header += "}";
    header.append((8 - header.size() % 8) % 8, ' ');
    std::string file(8, '\0');
    const std::uint64_t len = header.size();
    std::memcpy(file.data(), &len, 8);
    file += header + body;
    writeFileAtomically(out / "model.safetensors", file).value();
    writeFileAtomically(out / "config.yml",
                        config.empty() ? *readWholeFile(kFixture / "config.yml") : config)
        .value();
    return out;
}

Error loadError(const fs::path& dir)
{
    MotionModelOptions o;
    o.dir = dir;
    auto m = MotionModel::load(o);
    if (m) {
        return Error(Errc::Internal, "unexpectedly loaded");
    }
    // The torch-free inspection must agree.
    auto r = inspectModelFolder(dir);
    if (r || r.error().code != m.error().code || r.error().item != m.error().item ||
        r.error().file != m.error().file) {
        return Error(Errc::Internal, "inspectModelFolder disagrees: " +
                                         (r ? std::string("ok") : r.error().describe()));
    }
    return m.error();
}

MotionModel::SampleInput fixtureSample(const SafetensorsFile& cases)
{
    MotionModel::SampleInput in;
    auto host = [&](const char* key) {
        const TensorView* t = cases.find(key);
        return HostTensor{t->shape, *t->toFloat32()};
    };
    in.ctxt = host("gen.ctxt");
    in.vtxt = host("gen.vtxt");
    in.ctxtLengths = *cases.find("gen.ctxt_lengths")->toInt64();
    const std::vector<std::int64_t> seeds = *cases.find("gen.seeds")->toInt64();
    for (auto s : seeds) {
        in.seeds.push_back(static_cast<std::uint64_t>(s));
    }
    in.frames = 75;
    in.steps = 10;
    in.cfgScale = 5.0;
    return in;
}

} // namespace

class TestDitModel : public QObject
{
    Q_OBJECT
  private Q_SLOTS:
    void initTestCase() { setCpuThreads(1); }

    void missingTensorIsNamed()
    {
        QTemporaryDir dir;
        const auto folder =
            makeFolder(dir, {[](auto& name, auto&, auto&, auto&) {
                           if (name == "motion_transformer.single_blocks.1.linear2.bias") {
                               name.clear();
                           }
                       }});
        const Error e = loadError(folder);
        QCOMPARE(e.code, Errc::BadModelFile);
        QCOMPARE(e.item, std::string("motion_transformer.single_blocks.1.linear2.bias"));
        QVERIFY(e.message.find("missing tensor") != std::string::npos);
        QCOMPARE(e.file, (folder / "model.safetensors").string());
    }

    void wrongShapeIsNamedWithExpectedAndFound()
    {
        QTemporaryDir dir;
        const auto folder = makeFolder(dir, {[](auto& name, auto& shape, auto&, auto&) {
                                           if (name == "motion_transformer.ctxt_encoder.weight") {
                                               shape = {32, 64}; // transposed
                                           }
                                       }});
        const Error e = loadError(folder);
        QCOMPARE(e.code, Errc::BadModelFile);
        QCOMPARE(e.item, std::string("motion_transformer.ctxt_encoder.weight"));
        QCOMPARE(e.expected, std::string("[64, 32]"));
        QCOMPARE(e.found, std::string("[32, 64]"));
    }

    void configOfAnotherSizeIsAShapeMismatch()
    {
        QTemporaryDir dir;
        std::string config = *readWholeFile(kFixture / "config.yml");
        config.replace(config.find("feat_dim: 64"), 12, "feat_dim: 48");
        const Error e = loadError(makeFolder(dir, {}, config));
        QCOMPARE(e.code, Errc::BadModelFile);
        QCOMPARE(e.item, std::string("motion_transformer.input_encoder.weight"));
        QCOMPARE(e.expected, std::string("[48, 201]"));
    }

    void unexpectedDtypeIsNamed()
    {
        QTemporaryDir dir;
        const auto folder = makeFolder(dir, {[](auto& name, auto&, auto&, auto& dtype) {
                                           if (name == "std") {
                                               dtype = "I32";
                                           }
                                       }});
        const Error e = loadError(folder);
        QCOMPARE(e.code, Errc::BadModelFile);
        QCOMPARE(e.item, std::string("std"));
        QCOMPARE(e.found, std::string("I32"));
    }

    void nonFiniteValuesAreNamed()
    {
        QTemporaryDir dir;
        const auto folder =
            makeFolder(dir, {[](auto& name, auto&, auto& data, auto&) {
                           if (name == "motion_transformer.double_blocks.1.text_mlp.fc1.weight") {
                               data[17] = std::nanf("");
                           }
                       }});
        const Error e = loadError(folder);
        QCOMPARE(e.code, Errc::BadModelFile);
        QCOMPARE(e.item, std::string("motion_transformer.double_blocks.1.text_mlp.fc1.weight"));
        QVERIFY(e.message.find("non-finite") != std::string::npos);
    }

    void truncatedCheckpointIsRejected()
    {
        QTemporaryDir dir;
        const fs::path out = dir.path().toStdString();
        std::string bytes = *readWholeFile(kFixture / "latest.ckpt");
        bytes.resize(bytes.size() * 2 / 3);
        writeFileAtomically(out / "latest.ckpt", bytes).value();
        writeFileAtomically(out / "config.yml", *readWholeFile(kFixture / "config.yml")).value();
        const Error e = loadError(out);
        QCOMPARE(e.code, Errc::BadModelFile);
        QCOMPARE(e.file, (out / "latest.ckpt").string());
        QVERIFY2(e.message.find("truncated") != std::string::npos, e.describe().c_str());
    }

    void folderWithoutConfigIsNotFound()
    {
        QTemporaryDir dir;
        const Error e = loadError(dir.path().toStdString());
        QCOMPARE(e.code, Errc::FileNotFound);
        QVERIFY(e.message.find("config.yml") != std::string::npos);
    }

    void cpuRunsFp32Only()
    {
        MotionModelOptions o;
        o.dir = kFixture;
        o.precision = Precision::Bf16;
        auto m = MotionModel::load(o);
        QVERIFY(!m);
        QCOMPARE(m.error().code, Errc::UnsupportedDevice);
        if (!runtimeInfo().cudaBuild) {
            o.precision = Precision::Fp32;
            o.device = Device{Device::Kind::Cuda, 0};
            auto c = MotionModel::load(o);
            QVERIFY(!c);
            QCOMPARE(c.error().code, Errc::UnsupportedDevice);
        }
    }

    void configErrorsNameTheKey_data()
    {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::addColumn<QString>("item");
        QTest::newRow("layers") << "num_layers: 6"
                                << "num_layers: 7"
                                << "network_module_args.num_layers";
        QTest::newRow("heads") << "num_heads: 4"
                               << "num_heads: 5"
                               << "network_module_args.num_heads";
        QTest::newRow("type") << "feat_dim: 64"
                              << "feat_dim: wide"
                              << "network_module_args.feat_dim";
        QTest::newRow("solver") << "method: euler"
                                << "method: dopri5"
                                << "train_pipeline_args.noise_scheduler_cfg.method";
        QTest::newRow("mask") << "mask_mode: narrowband"
                              << "mask_mode: diagonal"
                              << "network_module_args.mask_mode";
        QTest::newRow("network") << "hymotion_mmdit.HunyuanMotionMMDiT"
                                 << "other.Net"
                                 << "network_module";
        QTest::newRow("yaml") << "train_frames: 120"
                              << "train_frames: [120"
                              << "";
    }
    void configErrorsNameTheKey()
    {
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(QString, item);
        std::string text = *readWholeFile(kFixture / "config.yml");
        const auto pos = text.find(from.toStdString());
        QVERIFY(pos != std::string::npos);
        text.replace(pos, static_cast<std::size_t>(from.size()), to.toStdString());
        auto c = parseDitConfig(text, "config.yml");
        QVERIFY(!c);
        QCOMPARE(c.error().code, Errc::BadModelFile);
        QCOMPARE(c.error().file, std::string("config.yml"));
        QCOMPARE(QString::fromStdString(c.error().item), item);
    }

    void configDefaultsFollowTheReference()
    {
        auto c = parseDitConfig(*readWholeFile(kFixture / "config.yml"), "config.yml");
        QVERIFY(c.has_value());
        QCOMPARE(c->narrowbandWindow(), 60);
        QCOMPARE(c->refinerLayers, 2);
        QCOMPARE(c->doubleBlocks(), 2);
        QCOMPARE(c->singleBlocks(), 4);
        QCOMPARE(c->trainFrames, 120);
        QCOMPARE(c->steps, 10);
        QVERIFY(!c->randomGeneratorOnGpu);
        QVERIFY(!c->applyRopeToSingleBranch);
        QCOMPARE(expectedTensors(*c).size(), std::size_t(148));
        auto count = [](const DitConfig& cfg) {
            std::int64_t params = 0;
            for (const auto& e : expectedTensors(cfg)) {
                std::int64_t n = 1;
                for (auto d : e.shape) {
                    n *= d;
                }
                params += n;
            }
            return params;
        };
        // hymotion-spec.md §1.4: tensors and parameters of the released checkpoints.
        QCOMPARE(expectedTensors(liteConfig()).size(), std::size_t(308));
        QCOMPARE(count(liteConfig()), std::int64_t(460851803));
        DitConfig big = liteConfig();
        big.featDim = 1280;
        big.numLayers = 27;
        big.numHeads = 20;
        QCOMPARE(expectedTensors(big).size(), std::size_t(428));
        QCOMPARE(count(big), std::int64_t(1042878811));
    }

    void durationsMapToFrames_data()
    {
        QTest::addColumn<double>("seconds");
        QTest::addColumn<int>("frames"); // -1: InvalidArgument
        QTest::newRow("zero") << 0.0 << -1;
        QTest::newRow("negative") << -2.0 << -1;
        QTest::newRow("nan") << double(NAN) << -1;
        QTest::newRow("longer than train_frames") << 4.1 << -1; // fixture: 120 frames = 4 s
        QTest::newRow("twelve seconds") << 12.0 << -1;
        QTest::newRow("short clamps to 20") << 0.1 << 20;
        QTest::newRow("2.5 s") << 2.5 << 75;
        QTest::newRow("tie rounds to even") << 0.75 << 22; // 22.5 -> 22, like Python round()
        QTest::newRow("maximum") << 4.0 << 120;
    }
    void durationsMapToFrames()
    {
        QFETCH(double, seconds);
        QFETCH(int, frames);
        MotionModelOptions o;
        o.dir = kFixture;
        auto m = MotionModel::load(o);
        QVERIFY(m.has_value());
        auto f = m->framesForDuration(seconds);
        if (frames < 0) {
            QVERIFY(!f);
            QCOMPARE(f.error().code, Errc::InvalidArgument);
            QCOMPARE(f.error().item, std::string("duration"));
        } else {
            QVERIFY2(f.has_value(), f ? "" : f.error().describe().c_str());
            QCOMPARE(*f, frames);
        }
    }

    void releasedModelsAllowUpToTwelveSeconds()
    {
        const DitConfig lite = liteConfig();
        QCOMPARE(*durationToFrames(12.0, lite), 360);
        QCOMPARE(*durationToFrames(5.0, lite), 150);
        QCOMPARE(*durationToFrames(0.5, lite),
                 20); // the Gradio minimum, clamped like the reference
        auto tooLong = durationToFrames(12.1, lite);
        QVERIFY(!tooLong);
        QCOMPARE(tooLong.error().code, Errc::InvalidArgument);
        QVERIFY(tooLong.error().describe().find("0.67..12.00 s") != std::string::npos);
        auto zero = durationToFrames(0.0, lite);
        QVERIFY(!zero);
        QVERIFY(zero.error().message.find("positive") != std::string::npos);
    }

    void trimmedSamplingEqualsPadded()
    {
        MotionModelOptions o;
        o.dir = kFixture;
        auto m = MotionModel::load(o);
        QVERIFY(m.has_value());
        auto cases = SafetensorsFile::open(kFixture / "cases.safetensors");
        auto in = fixtureSample(*cases);
        auto trimmed = m->sample(in);
        in.trimmed = false;
        auto padded = m->sample(in);
        QVERIFY(trimmed.has_value() && padded.has_value());
        QCOMPARE(trimmed->latent.shape, (std::vector<std::int64_t>{2, 75, 201}));
        double maxDiff = 0.0;
        double maxAbs = 0.0;
        for (std::size_t i = 0; i < trimmed->latent.data.size(); ++i) {
            maxDiff = std::max(maxDiff,
                               double(std::fabs(trimmed->latent.data[i] - padded->latent.data[i])));
            maxAbs = std::max(maxAbs, double(std::fabs(padded->latent.data[i])));
        }
        QVERIFY2(maxDiff <= 1e-5 * maxAbs, std::to_string(maxDiff).c_str());
        // And both match the reference (the same seeds draw the recorded noise).
        const auto ref = *cases->find("gen.latent")->toFloat32();
        double num = 0, den = 0;
        for (std::size_t i = 0; i < ref.size(); ++i) {
            num += std::pow(trimmed->latent.data[i] - ref[i], 2);
            den += std::pow(ref[i], 2);
        }
        QVERIFY2(std::sqrt(num / den) < 1e-3, std::to_string(std::sqrt(num / den)).c_str());
    }

    // Options of the reference that the released models do not use have no goldens; the
    // trimmed run must still equal the padded one under them (masking and RoPE invariants).
    void trimmedEqualsPaddedUnderOtherOptions_data()
    {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::newRow("causal mask") << "mask_mode: narrowband"
                                     << "mask_mode: causal";
        QTest::newRow("no mask") << "mask_mode: narrowband"
                                 << "mask_mode: null";
        QTest::newRow("RoPE on motion only") << "apply_rope_to_single_branch: false"
                                             << "apply_rope_to_single_branch: true";
        QTest::newRow("no null context") << "enable_ctxt_null_feat: true"
                                         << "enable_ctxt_null_feat: false";
    }
    void trimmedEqualsPaddedUnderOtherOptions()
    {
        QFETCH(QString, from);
        QFETCH(QString, to);
        QTemporaryDir dir;
        std::string config = *readWholeFile(kFixture / "config.yml");
        const auto pos = config.find(from.toStdString());
        QVERIFY(pos != std::string::npos);
        config.replace(pos, static_cast<std::size_t>(from.size()), to.toStdString());
        MotionModelOptions o;
        o.dir = makeFolder(dir, {}, config);
        auto m = MotionModel::load(o);
        QVERIFY2(m.has_value(), m ? "" : m.error().describe().c_str());
        auto cases = SafetensorsFile::open(kFixture / "cases.safetensors");
        auto in = fixtureSample(*cases);
        in.steps = 4;
        auto trimmed = m->sample(in);
        in.trimmed = false;
        auto padded = m->sample(in);
        QVERIFY(trimmed.has_value() && padded.has_value());
        double num = 0, den = 0;
        for (std::size_t i = 0; i < padded->latent.data.size(); ++i) {
            num += std::pow(trimmed->latent.data[i] - padded->latent.data[i], 2);
            den += std::pow(padded->latent.data[i], 2);
        }
        QVERIFY2(std::sqrt(num / den) < 1e-5, std::to_string(std::sqrt(num / den)).c_str());
    }

    void progressAndCancellation()
    {
        MotionModelOptions o;
        o.dir = kFixture;
        auto m = MotionModel::load(o);
        auto cases = SafetensorsFile::open(kFixture / "cases.safetensors");
        auto in = fixtureSample(*cases);
        // Loading reports one step per tensor, ending at the total.
        int loadSteps = 0;
        int loadTotal = -1;
        RunControl loadControl;
        loadControl.onProgress = [&](const Progress& p) {
            QCOMPARE(p.stage, std::string_view("load"));
            loadTotal = p.stepCount;
            QCOMPARE(p.step, ++loadSteps);
        };
        QVERIFY(MotionModel::load(o, loadControl).has_value());
        QCOMPARE(loadSteps, loadTotal);
        QCOMPARE(loadTotal, 146); // 148 tensors less the two unused special_game_* ones
        QCOMPARE(m->parameterCount(), std::int64_t(736667)); // info --model's total
        RunControl cancelLoad;
        cancelLoad.onProgress = [&](const Progress& p) {
            if (p.step == 10) {
                cancelLoad.cancel.requestCancel();
            }
        };
        auto cancelled = MotionModel::load(o, cancelLoad);
        QVERIFY(!cancelled);
        QCOMPARE(cancelled.error().code, Errc::Cancelled);

        int reported = 0;
        RunControl control;
        control.onProgress = [&](const Progress& p) {
            QCOMPARE(p.stage, std::string_view("sample"));
            QCOMPARE(p.stepCount, 10);
            QCOMPARE(p.step, reported + 1);
            if (++reported == 3) {
                control.cancel.requestCancel();
            }
        };
        auto r = m->sample(in, control);
        QVERIFY(!r);
        QCOMPARE(r.error().code, Errc::Cancelled);
        QCOMPARE(reported, 3);
    }

    void badSampleArgumentsAreRejected()
    {
        MotionModelOptions o;
        o.dir = kFixture;
        auto m = MotionModel::load(o);
        auto cases = SafetensorsFile::open(kFixture / "cases.safetensors");
        auto in = fixtureSample(*cases);
        in.frames = 0;
        QCOMPARE(m->sample(in).error().code, Errc::InvalidArgument);
        in = fixtureSample(*cases);
        in.frames = 121;
        QCOMPARE(m->sample(in).error().item, std::string("frames"));
        in = fixtureSample(*cases);
        in.ctxtLengths = {0, 5};
        QCOMPARE(m->sample(in).error().item, std::string("ctxtLengths"));
        in = fixtureSample(*cases);
        in.steps = 0;
        QCOMPARE(m->sample(in).error().item, std::string("steps"));
    }
};

QTEST_APPLESS_MAIN(TestDitModel)
#include "test_dit_model.moc"
