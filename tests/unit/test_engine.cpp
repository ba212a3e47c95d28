// SPDX-License-Identifier: Apache-2.0
// The Engine (pw_infer) on the tiny fixture folders on the CPU: takes and their metadata,
// determinism, the progress protocol, cancellation, request validation, load errors, the prompt
// cache, the text max length, the Release placement and SHA-256 fingerprints.
#include <pw/core/sha256.h>
#include <pw/core/version.h>
#include <pw/infer/engine.h>
#include <pw/infer/motion_model.h>
#include <pw/infer/runtime.h>

#include <QCryptographicHash>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <glm/geometric.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstring>
#include <fstream>

using namespace pw;
using namespace pw::infer;

namespace {

const std::filesystem::path kFixtures = PW_FIXTURES_DIR;
const std::filesystem::path kDit = kFixtures / "dit-tiny";
const std::filesystem::path kQwen = kFixtures / "text/qwen3-tiny";
const std::filesystem::path kClip = kFixtures / "text/clip-tiny";

EngineConfig fixtureConfig()
{
    EngineConfig c;
    c.modelDir = kDit;
    c.qwenDir = kQwen;
    c.clipDir = kClip;
    return c;
}

GenerateRequest request(const std::string& prompt, std::vector<std::uint64_t> seeds = {5, 6})
{
    GenerateRequest r;
    r.prompt = prompt;
    r.durationSec = 2.0;
    r.seeds = std::move(seeds);
    return r;
}

struct Event
{
    std::string stage;
    int step = 0;
    int count = 0;
};

RunControl recorder(std::vector<Event>& events)
{
    RunControl c;
    c.onProgress = [&events](const Progress& p) {
        events.push_back({std::string(p.stage), p.step, p.stepCount});
    };
    return c;
}

/// The stages in the order they first appear, consecutive repeats collapsed.
std::vector<std::string> stageSequence(const std::vector<Event>& events)
{
    std::vector<std::string> seq;
    for (const auto& e : events) {
        if (seq.empty() || seq.back() != e.stage) {
            seq.push_back(e.stage);
        }
    }
    return seq;
}

/// Bit-identical clips.
bool sameMotion(const MotionClip& a, const MotionClip& b)
{
    if (a.frameCount != b.frameCount || a.rootTranslation.size() != b.rootTranslation.size() ||
        a.localRotation.size() != b.localRotation.size()) {
        return false;
    }
    return std::memcmp(a.rootTranslation.data(), b.rootTranslation.data(),
                       a.rootTranslation.size() * sizeof(a.rootTranslation[0])) == 0 &&
           std::memcmp(a.localRotation.data(), b.localRotation.data(),
                       a.localRotation.size() * sizeof(a.localRotation[0])) == 0;
}

/// The largest difference between two clips: translation (metres) or rotation (1 - |q.q'|,
/// sign-free).
double motionDifference(const MotionClip& a, const MotionClip& b)
{
    if (a.frameCount != b.frameCount || a.localRotation.size() != b.localRotation.size()) {
        return 1e9;
    }
    double d = 0.0;
    for (std::size_t i = 0; i < a.rootTranslation.size(); ++i) {
        d = std::max(d, double(glm::length(a.rootTranslation[i] - b.rootTranslation[i])));
    }
    for (std::size_t i = 0; i < a.localRotation.size(); ++i) {
        d = std::max(d, 1.0 - std::abs(double(glm::dot(a.localRotation[i], b.localRotation[i]))));
    }
    return d;
}

std::filesystem::path copyFolder(const QTemporaryDir& tmp, const std::filesystem::path& from,
                                 const std::string& name)
{
    const std::filesystem::path to = std::filesystem::path(tmp.path().toStdString()) / name;
    std::filesystem::copy(from, to, std::filesystem::copy_options::recursive);
    std::filesystem::permissions(to, std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::add);
    for (const auto& e : std::filesystem::directory_iterator(to)) {
        std::filesystem::permissions(e.path(), std::filesystem::perms::owner_write,
                                     std::filesystem::perm_options::add);
    }
    return to;
}

void setJsonField(const std::filesystem::path& file, const std::string& key, int value)
{
    std::ifstream in(file);
    nlohmann::json j = nlohmann::json::parse(in);
    in.close();
    j[key] = value;
    std::ofstream(file) << j.dump(2);
}

double relError(const std::vector<float>& a, const std::vector<float>& b)
{
    double num = 0.0;
    double den = 0.0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        num += (double(a[i]) - b[i]) * (double(a[i]) - b[i]);
        den += double(b[i]) * b[i];
    }
    return std::sqrt(num / std::max(den, 1e-30));
}

/// An Engine that is not made by Engine::load (the diagnostics must refuse it).
class OtherEngine : public Engine
{
  public:
    Result<std::vector<Take>> generate(const GenerateRequest&, const RunControl&) override
    {
        return std::vector<Take>{};
    }
    ModelSummary summary() const override { return {}; }
    MemoryStats memoryStats() const override { return {}; }
    const EngineConfig& config() const override { return m_config; }

  private:
    EngineConfig m_config;
};

} // namespace

class TestEngine : public QObject
{
    Q_OBJECT
    std::unique_ptr<Engine> m_engine;

    Engine& engine() { return *m_engine; }

  private Q_SLOTS:
    void initTestCase()
    {
        setCpuThreads(1);
        std::vector<Event> events;
        auto e = Engine::load(fixtureConfig(), recorder(events));
        QVERIFY2(e, e ? "" : e.error().describe().c_str());
        m_engine = std::move(*e);
        // Load progress: stage "load" only, monotonic, ending at its total.
        QVERIFY(!events.empty());
        int last = -1;
        for (const auto& ev : events) {
            QCOMPARE(ev.stage, std::string("load"));
            QVERIFY(ev.step >= last);
            QCOMPARE(ev.count, events.back().count);
            last = ev.step;
        }
        QCOMPARE(events.back().step, events.back().count);
    }

    void autoPlacementFollowsTheVramBudget()
    {
        using P = infer::TextEncoderPlacement;
        const infer::Device cuda{infer::Device::Kind::Cuda, 0};
        const infer::Device cpu{};
        const std::uint64_t weights = 17ULL << 30;
        QCOMPARE(infer::resolveTextEncoderPlacement(P::Auto, cuda, 0, weights), P::Device);
        QCOMPARE(infer::resolveTextEncoderPlacement(P::Auto, cuda, 24ULL << 30, weights),
                 P::Device);
        QCOMPARE(infer::resolveTextEncoderPlacement(P::Auto, cuda, 8ULL << 30, weights), P::Cpu);
        QCOMPARE(infer::resolveTextEncoderPlacement(P::Auto, cpu, 8ULL << 30, weights), P::Device);
        QCOMPARE(infer::resolveTextEncoderPlacement(P::Device, cuda, 8ULL << 30, weights),
                 P::Device);
        QCOMPARE(infer::resolveTextEncoderPlacement(P::Release, cuda, 8ULL << 30, weights),
                 P::Release);
        QCOMPARE(infer::parseTextEncoderPlacement("release").value(), P::Release);
        QCOMPARE(std::string(infer::textEncoderPlacementName(P::Cpu)), std::string("cpu"));
        QVERIFY(!infer::parseTextEncoderPlacement("gpu"));
    }

    void summaryReflectsTheFolders()
    {
        const ModelSummary s = engine().summary();
        QCOMPARE(s.name, std::string("dit-tiny"));
        QCOMPARE(s.trainFrames, 120);
        QCOMPARE(s.minFrames, 20);
        QCOMPARE(s.fps, 30.0f);
        QCOMPARE(s.defaultCfgScale, 5.0f);
        QCOMPARE(s.defaultSteps, 10);
        QCOMPARE(s.maxTextTokens, 128);
        MotionModelOptions o;
        o.dir = kDit;
        auto dit = MotionModel::load(o);
        QVERIFY(dit);
        QCOMPARE(s.parameterCount, dit->parameterCount());
        QCOMPARE(s.ditPlacement, std::string("cpu fp32"));
        QCOMPARE(s.qwenPlacement, std::string("cpu fp32"));
        QCOMPARE(s.clipPlacement, std::string("cpu fp32"));
        QVERIFY(s.textEncodersResident);
        QVERIFY(s.textEncoderWeightBytes > 0);
        const MemoryStats m = engine().memoryStats();
        QVERIFY(!m.isCuda);
        QVERIFY(m.allocatedBytes > 0);
        QVERIFY(m.peakAllocatedBytes >= m.allocatedBytes);
    }

    void generatesOneTakePerSeedWithEverythingRecorded()
    {
        auto takes = engine().generate(request("A person walks forward, then turns left."), {});
        QVERIFY2(takes, takes ? "" : takes.error().describe().c_str());
        QCOMPARE(takes->size(), std::size_t(2));
        const QRegularExpression safeId(QStringLiteral("^[A-Za-z0-9_-]+$"));
        const QRegularExpression iso(
            QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$"));
        QFile config(QString::fromStdString((kDit / "config.yml").string()));
        QVERIFY(config.open(QIODevice::ReadOnly));
        const std::string sha =
            QCryptographicHash::hash(config.readAll(), QCryptographicHash::Sha256)
                .toHex()
                .toStdString();
        for (int i = 0; i < 2; ++i) {
            const Take& t = (*takes)[static_cast<std::size_t>(i)];
            QCOMPARE(t.seed, std::uint64_t(5 + i));
            QCOMPARE(t.candidateIndex, i);
            QCOMPARE(t.prompt, std::string("A person walks forward, then turns left."));
            QVERIFY(safeId.match(QString::fromStdString(t.id)).hasMatch());
            QVERIFY(t.id.find("-s" + std::to_string(t.seed) + "-") != std::string::npos);
            QVERIFY(iso.match(QString::fromStdString(t.createdUtc)).hasMatch());
            QCOMPARE(t.appVersion, std::string(kVersion));
            QCOMPARE(t.params.durationSec, 2.0);
            QCOMPARE(t.params.frames, 60);
            QCOMPARE(t.params.cfgScale, 5.0f);
            QCOMPARE(t.params.steps, 10);
            QCOMPARE(t.params.device, std::string("cpu"));
            QCOMPARE(t.params.precision, std::string("fp32"));
            QCOMPARE(t.params.textMaxLength, 128);
            QVERIFY(t.params.trimmed);
            QCOMPARE(t.model.name, std::string("dit-tiny"));
            QCOMPARE(t.model.dir, kDit.string());
            QCOMPARE(t.model.weightsFile, std::string("latest.ckpt"));
            QCOMPARE(t.model.weightsBytes, std::filesystem::file_size(kDit / "latest.ckpt"));
            QCOMPARE(t.model.configSha256, sha);
            QCOMPARE(t.model.qwenDir, kQwen.string());
            QCOMPARE(t.model.clipDir, kClip.string());
            QVERIFY(t.motion);
            QCOMPARE(t.motion->frameCount, 60);
            QCOMPARE(t.motion->fps, 30.0f);
        }
        QVERIFY((*takes)[0].id != (*takes)[1].id);
    }

    void sameSeedSameMotionOtherSeedOtherMotion()
    {
        auto a = engine().generate(request("A person jumps.", {11, 12}), {});
        auto again = engine().generate(request("A person jumps.", {11, 12}), {});
        auto b = engine().generate(request("A person jumps.", {11}), {});
        auto c = engine().generate(request("A person jumps.", {13}), {});
        QVERIFY(a && again && b && c);
        for (std::size_t i = 0; i < 2; ++i) {
            QVERIFY(sameMotion(*(*a)[i].motion, *(*again)[i].motion));
        }
        // A seed's motion does not depend on the other candidates of the request (up to the
        // summation order of a different batch size).
        QVERIFY(motionDifference(*(*a)[0].motion, *(*b)[0].motion) < 1e-4);
        QVERIFY(motionDifference(*(*a)[0].motion, *(*a)[1].motion) > 1e-2);
        QVERIFY(motionDifference(*(*b)[0].motion, *(*c)[0].motion) > 1e-2);
    }

    void progressStagesInOrderWithStepCounts()
    {
        std::vector<Event> events;
        GenerateRequest r = request("A person crouches, then stands up.", {1, 2, 3});
        r.steps = 7;
        auto takes = engine().generate(r, recorder(events));
        QVERIFY(takes);
        QCOMPARE(stageSequence(events), (std::vector<std::string>{"encode", "sample", "decode"}));
        auto ofStage = [&](const std::string& stage) {
            std::vector<Event> out;
            for (const auto& e : events) {
                if (e.stage == stage) {
                    out.push_back(e);
                }
            }
            return out;
        };
        // encode: one step per encoder layer (Qwen3 2 + CLIP 2), from 0.
        const auto enc = ofStage("encode");
        QCOMPARE(enc.front().step, 0);
        QCOMPARE(enc.front().count, 4);
        QCOMPARE(enc.back().step, 4);
        // sample: 0, then one step per Euler step.
        const auto smp = ofStage("sample");
        QCOMPARE(smp.size(), std::size_t(8));
        for (int i = 0; i <= 7; ++i) {
            QCOMPARE(smp[static_cast<std::size_t>(i)].step, i);
            QCOMPARE(smp[static_cast<std::size_t>(i)].count, 7);
        }
        // decode: 0, then one step per seed.
        const auto dec = ofStage("decode");
        QCOMPARE(dec.size(), std::size_t(4));
        QCOMPARE(dec.back().step, 3);
        QCOMPARE(dec.back().count, 3);
    }

    void secondGenerateComesFromTheCache()
    {
        const std::string prompt = "A person waves with the right hand.";
        GenerateTrace first;
        QVERIFY(generateTraced(engine(), request(prompt), {}, first));
        QVERIFY(!first.textFromCache);
        const TextCacheStats before = textCacheStats(engine());
        std::vector<Event> events;
        GenerateTrace second;
        QVERIFY(generateTraced(engine(), request(prompt, {7, 8, 9}), recorder(events), second));
        const TextCacheStats after = textCacheStats(engine());
        QVERIFY(second.textFromCache);
        QCOMPARE(after.misses, before.misses);
        QCOMPARE(after.hits, before.hits + 1);
        // The only encode event says "done" (1 of 1); no encoder layer ran.
        int encodeEvents = 0;
        for (const auto& e : events) {
            if (e.stage == "encode") {
                ++encodeEvents;
                QCOMPARE(e.count, 1);
            }
        }
        QVERIFY(encodeEvents >= 1);
        // Same text features, expanded to the new seed count.
        QCOMPARE(second.ctxt.shape, (std::vector<std::int64_t>{3, 128, 32}));
        const std::size_t row = 128 * 32;
        for (std::size_t s = 0; s < 3; ++s) {
            QVERIFY(std::equal(first.ctxt.data.begin(), first.ctxt.data.begin() + row,
                               second.ctxt.data.begin() + s * row));
        }
    }

    void cancelDuringSamplingStopsWithinOneStep()
    {
        RunControl control;
        int lastSample = 0;
        control.onProgress = [&](const Progress& p) {
            if (p.stage == "sample") {
                lastSample = p.step;
                if (p.step == 3) {
                    control.cancel.requestCancel();
                }
            }
        };
        GenerateRequest r = request("A person kicks.");
        r.steps = 1000;
        auto takes = engine().generate(r, control);
        QVERIFY(!takes);
        QCOMPARE(takes.error().code, Errc::Cancelled);
        QCOMPARE(lastSample, 3);
        // Cancelled before it starts.
        RunControl pre;
        pre.cancel.requestCancel();
        auto none = engine().generate(request("A person kicks."), pre);
        QVERIFY(!none);
        QCOMPARE(none.error().code, Errc::Cancelled);
        // The engine is still usable.
        QVERIFY(engine().generate(request("A person kicks.", {1}), {}));
    }

    void invalidRequestsAreRejectedWithClearText_data()
    {
        QTest::addColumn<int>("which");
        QTest::addColumn<QString>("item");
        QTest::addColumn<QString>("text");
        QTest::newRow("empty prompt") << 0 << "prompt"
                                      << "the prompt is empty";
        QTest::newRow("whitespace prompt") << 1 << "prompt"
                                           << "only whitespace";
        QTest::newRow("invalid UTF-8") << 2 << "prompt"
                                       << "invalid UTF-8";
        QTest::newRow("duration too long") << 3 << "duration"
                                           << "0.67..4.00 s";
        QTest::newRow("duration zero") << 4 << "duration"
                                       << "must be positive";
        QTest::newRow("duration NaN") << 5 << "duration"
                                      << "must be positive";
        QTest::newRow("steps 0") << 6 << "steps"
                                 << "1..10000";
        QTest::newRow("cfg negative") << 7 << "cfg"
                                      << ">= 0";
        QTest::newRow("cfg infinite") << 8 << "cfg"
                                      << "finite";
        QTest::newRow("no seeds") << 9 << "seeds"
                                  << "at least one seed";
        QTest::newRow("text max length 0") << 10 << "text-max-length"
                                           << "1..128";
        QTest::newRow("text max length 129") << 11 << "text-max-length"
                                             << "found 129";
    }
    void invalidRequestsAreRejectedWithClearText()
    {
        QFETCH(int, which);
        QFETCH(QString, item);
        QFETCH(QString, text);
        GenerateRequest r = request("A person walks.");
        switch (which) {
        case 0:
            r.prompt.clear();
            break;
        case 1:
            r.prompt = " \t\n ";
            break;
        case 2:
            r.prompt = "walk \xc3";
            break;
        case 3:
            r.durationSec = 4.1;
            break;
        case 4:
            r.durationSec = 0.0;
            break;
        case 5:
            r.durationSec = std::nan("");
            break;
        case 6:
            r.steps = 0;
            break;
        case 7:
            r.cfgScale = -0.5f;
            break;
        case 8:
            r.cfgScale = INFINITY;
            break;
        case 9:
            r.seeds.clear();
            break;
        case 10:
            r.textMaxLength = 0;
            break;
        case 11:
            r.textMaxLength = 129;
            break;
        }
        std::vector<Event> events;
        auto takes = engine().generate(r, recorder(events));
        QVERIFY(!takes);
        QCOMPARE(takes.error().code, Errc::InvalidArgument);
        QCOMPARE(QString::fromStdString(takes.error().item), item);
        QVERIFY2(QString::fromStdString(takes.error().describe()).contains(text),
                 takes.error().describe().c_str());
        QVERIFY(events.empty()); // rejected before anything ran
        // The torch-free check says the same before a model is loaded.
        auto early = validateRequest(r, engine().summary());
        QVERIFY(!early);
        QCOMPARE(early.error().describe(), takes.error().describe());
    }

    void textMaxLengthCutsThePromptLikeAShorterMaxLength()
    {
        const std::string prompt = "A person walks forward, then turns left and waves.";
        GenerateTrace full;
        QVERIFY(generateTraced(engine(), request(prompt, {3}), {}, full));
        QVERIFY(full.ctxtLength[0] > 5);
        GenerateRequest r = request(prompt, {3});
        r.textMaxLength = 5;
        GenerateTrace cut;
        auto takes = generateTraced(engine(), r, {}, cut);
        QVERIFY(takes);
        QCOMPARE((*takes)[0].params.textMaxLength, 5);
        QCOMPARE(cut.ctxt.shape, (std::vector<std::int64_t>{1, 5, 32}));
        QCOMPARE(cut.ctxtLength, (std::vector<std::int64_t>{5}));
        QVERIFY(cut.textFromCache);
        // The text encoders with max_length_llm = 5 give the same rows.
        TextEncoderConfig tc;
        tc.qwenDir = kQwen;
        tc.clipDir = kClip;
        tc.maxTextTokens = 5;
        auto enc = TextEncoder::load(tc, {});
        QVERIFY(enc);
        const std::string one[] = {prompt};
        auto e = (*enc)->encode(one, {});
        QVERIFY(e);
        QCOMPARE(e->ctxtLength[0], std::int64_t(5));
        QCOMPARE(e->ctxt.size(), cut.ctxt.data.size());
        QVERIFY(relError(cut.ctxt.data, e->ctxt) < 1e-6);
        QVERIFY(relError(cut.latent.data, full.latent.data) > 1e-3); // the cut matters
    }

    void paddedRunMatchesTrimmedRun()
    {
        GenerateRequest r = request("A person sits down.", {2});
        GenerateTrace trimmed;
        QVERIFY(generateTraced(engine(), r, {}, trimmed));
        r.trimmed = false;
        GenerateTrace padded;
        auto takes = generateTraced(engine(), r, {}, padded);
        QVERIFY(takes);
        QVERIFY(!(*takes)[0].params.trimmed);
        QCOMPARE(padded.latent.shape, trimmed.latent.shape);
        QVERIFY(relError(padded.latent.data, trimmed.latent.data) < 1e-5);
    }

    void releasePlacementReloadsOnlyForNewPrompts()
    {
        EngineConfig c = fixtureConfig();
        c.textEncoders = TextEncoderPlacement::Release;
        auto released = Engine::load(c, {});
        QVERIFY2(released, released ? "" : released.error().describe().c_str());
        QVERIFY(!(*released)->summary().textEncodersResident);
        const std::string prompt = "A person climbs stairs.";
        std::vector<Event> events;
        GenerateTrace a;
        QVERIFY(generateTraced(**released, request(prompt), recorder(events), a));
        QCOMPARE(stageSequence(events),
                 (std::vector<std::string>{"load", "encode", "sample", "decode"}));
        events.clear();
        QVERIFY(generateTraced(**released, request(prompt), recorder(events), a));
        QCOMPARE(stageSequence(events), (std::vector<std::string>{"encode", "sample", "decode"}));
        // The same numbers as the resident engine.
        GenerateTrace resident;
        QVERIFY(generateTraced(engine(), request(prompt), {}, resident));
        QCOMPARE(a.latent.data, resident.latent.data);
    }

    void mismatchedEncoderWidthsAreBadModelFiles()
    {
        QTemporaryDir tmp;
        const auto qwen = copyFolder(tmp, kQwen, "qwen-wide");
        setJsonField(qwen / "config.json", "hidden_size", 48);
        EngineConfig c = fixtureConfig();
        c.qwenDir = qwen;
        auto e = Engine::load(c, {});
        QVERIFY(!e);
        QCOMPARE(e.error().code, Errc::BadModelFile);
        const std::string d = e.error().describe();
        QVERIFY2(d.find("qwen-wide") != std::string::npos && d.find("48") != std::string::npos &&
                     d.find("32 (ctxt_input_dim") != std::string::npos &&
                     d.find("config.yml") != std::string::npos,
                 d.c_str());

        const auto clip = copyFolder(tmp, kClip, "clip-wide");
        setJsonField(clip / "config.json", "hidden_size", 40);
        c = fixtureConfig();
        c.clipDir = clip;
        e = Engine::load(c, {});
        QVERIFY(!e);
        QCOMPARE(e.error().code, Errc::BadModelFile);
        const std::string d2 = e.error().describe();
        QVERIFY2(d2.find("clip-wide") != std::string::npos && d2.find("40") != std::string::npos &&
                     d2.find("vtxt_input_dim") != std::string::npos,
                 d2.c_str());
    }

    void loadErrors()
    {
        EngineConfig c = fixtureConfig();
        c.modelDir = kFixtures / "no-such-model";
        auto e = Engine::load(c, {});
        QVERIFY(!e);
        QCOMPARE(e.error().code, Errc::FileNotFound);
        QVERIFY(e.error().describe().find("no-such-model") != std::string::npos);

        c = fixtureConfig();
        c.clipDir.clear();
        e = Engine::load(c, {});
        QVERIFY(!e);
        QCOMPARE(e.error().code, Errc::FileNotFound);
        QVERIFY(e.error().describe().find("CLIP") != std::string::npos);

        c = fixtureConfig();
        c.precision = Precision::Bf16;
        e = Engine::load(c, {});
        QVERIFY(!e);
        QCOMPARE(e.error().code, Errc::UnsupportedDevice);
        QVERIFY(e.error().describe().find("fp32 only") != std::string::npos);

        c = fixtureConfig();
        c.qwenPrecision = Precision::Fp16;
        e = Engine::load(c, {});
        QVERIFY(!e);
        QCOMPARE(e.error().code, Errc::UnsupportedDevice);

        if (!runtimeInfo().cudaAvailable) {
            c = fixtureConfig();
            c.device = Device{Device::Kind::Cuda, 0};
            e = Engine::load(c, {});
            QVERIFY(!e);
            QCOMPARE(e.error().code, Errc::UnsupportedDevice);
        }

        // Cancelled while loading.
        RunControl control;
        control.onProgress = [&](const Progress& p) {
            if (p.step >= 5) {
                control.cancel.requestCancel();
            }
        };
        e = Engine::load(fixtureConfig(), control);
        QVERIFY(!e);
        QCOMPARE(e.error().code, Errc::Cancelled);
    }

    void diagnosticsNeedARealEngine()
    {
        OtherEngine other;
        GenerateTrace trace;
        auto r = generateTraced(other, request("x"), {}, trace);
        QVERIFY(!r);
        QCOMPARE(r.error().code, Errc::InvalidArgument);
        QCOMPARE(textCacheStats(other).misses, std::size_t(0));
    }

    void sha256MatchesKnownVectorsAndQt()
    {
        // FIPS 180-2 test vectors.
        QCOMPARE(sha256Hex("abc"),
                 std::string("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        QCOMPARE(sha256Hex(""),
                 std::string("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
        QTemporaryDir tmp;
        const std::filesystem::path file = tmp.path().toStdString() + "/big.bin";
        std::string bytes;
        for (int i = 0; i < 3 * 1024 * 1024 + 17; ++i) { // crosses the 1 MiB read chunks
            bytes.push_back(static_cast<char>(i * 7 + (i >> 9)));
        }
        std::ofstream(file, std::ios::binary) << bytes;
        const auto expected =
            QCryptographicHash::hash(QByteArray(bytes.data(), static_cast<int>(bytes.size())),
                                     QCryptographicHash::Sha256)
                .toHex()
                .toStdString();
        QCOMPARE(sha256File(file).value(), expected);
        auto missing = sha256File(file.string() + ".nope");
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, Errc::FileNotFound);
    }
};

QTEST_APPLESS_MAIN(TestEngine)
#include "test_engine.moc"
