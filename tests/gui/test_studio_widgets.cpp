// SPDX-License-Identifier: Apache-2.0
// The studio's non-GL widgets: the VRAM gauge (CPU-only and GPU readings), the model manager's
// on-the-spot validation, the parameters panel and its QSettings persistence, out-of-memory
// advice, the takes list and the export dialog. Offscreen platform, isolated XDG dirs.
#include "dialogs/export_dialog.h"
#include "dialogs/model_manager_dialog.h"
#include "generation_settings.h"
#include "language.h"
#include "model_check.h"
#include "models/take_list_model.h"
#include "oom_advice.h"
#include "parameters_panel.h"
#include "synthetic_motion.h"
#include "widgets/vram_gauge.h"

#include <pw/core/log.h>
#include <pw/infer/runtime.h>

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

using namespace pw;
using namespace pw::gui;

namespace {

const QString kFixtures = QStringLiteral(PW_FIXTURES_DIR);

class RecordingExporter : public TakeExporter
{
  public:
    std::vector<io::ExportFormat> formats() const override
    {
        return {io::ExportFormat::Bvh, io::ExportFormat::Json};
    }
    bool canExport(io::ExportFormat) const override { return true; }
    Result<void> exportTake(const Take& take, const io::ExportOptions& options,
                            const std::filesystem::path& path) const override
    {
        if (path.filename() == "fail.json") {
            return Error(Errc::ExportFailed, "the disk said no").inFile(path.string());
        }
        std::ofstream(path) << take.id << ' ' << io::formatName(options.format);
        return {};
    }
};

} // namespace

class TestStudioWidgets : public QObject
{
    Q_OBJECT
  private Q_SLOTS:
    void initTestCase()
    {
        log::LogConfig config;
        config.file = false;
        config.level = spdlog::level::warn;
        log::init(config);
        installTranslators(QStringLiteral("en"));
    }

    void init() { QSettings().clear(); }

    // --- VRAM gauge ------------------------------------------------------------------------

    void gaugeSaysCpuOnlyAndShowsProcessRam()
    {
        VramGauge g;
        // The real probe on this machine: without an NVIDIA driver it reports the CPU.
        g.sampleNow();
        if (!g.lastSample().hasDevice) {
            QVERIFY2(g.headline().startsWith(QStringLiteral("No NVIDIA GPU found")),
                     qPrintable(g.headline()));
            QVERIFY(g.headline().contains(QStringLiteral("Process RAM")));
            QVERIFY(g.lastSample().processBytes > 0);
            QVERIFY(!g.lastSample().unavailableReason.isEmpty());
        }
        // A CPU-only sampler: RAM figures, no allocator line for CUDA.
        g.setSampler([] {
            MemorySample s;
            s.hasHost = true;
            s.processBytes = 512ULL << 20;
            s.hostTotalBytes = 8ULL << 30;
            return s;
        });
        QCOMPARE(g.headline(),
                 QStringLiteral("No NVIDIA GPU found: running on the CPU. Process RAM: 512 MiB of "
                                "8.00 GiB"));
        infer::MemoryStats cpu;
        cpu.allocatedBytes = 100ULL << 20;
        cpu.peakAllocatedBytes = 200ULL << 20;
        g.setAllocatorStats(cpu);
        QVERIFY(g.detailText().contains(QStringLiteral("100 MiB in use, peak 200 MiB")));
    }

    void gaugeShowsDeviceAllocatorBudgetAndPrediction()
    {
        VramGauge g;
        g.resize(300, 200);
        int calls = 0;
        g.setSampler([&calls] {
            MemorySample s;
            s.hasDevice = true;
            s.deviceName = QStringLiteral("NVIDIA Test GPU");
            s.deviceTotalBytes = 24ULL << 30;
            s.deviceUsedBytes = (6ULL << 30) + static_cast<quint64>(calls++) * (1ULL << 30);
            return s;
        });
        g.sampleNow();
        g.sampleNow();
        QVERIFY(g.historySize() >= 3);
        QCOMPARE(g.headline(), QStringLiteral("NVIDIA Test GPU: 8.00 GiB of 24.00 GiB used"));
        infer::MemoryStats stats;
        stats.isCuda = true;
        stats.allocatedBytes = 3ULL << 30;
        stats.reservedBytes = 4ULL << 30;
        stats.peakAllocatedBytes = 5ULL << 30;
        g.setAllocatorStats(stats);
        g.setBudgetBytes(20ULL << 30);
        MemoryEstimate e;
        e.parts = {{"DiT weights", 2ULL << 30}, {"Qwen3 weights", 15ULL << 30}};
        e.peakBytes = 17ULL << 30;
        g.setPrediction(e);
        const QString details = g.detailText();
        QVERIFY(details.contains(
            QStringLiteral("3.00 GiB allocated, 4.00 GiB reserved, peak 5.00 GiB")));
        QVERIFY(
            details.contains(QStringLiteral("Predicted peak for these settings: about 17.00 GiB")));
        QVERIFY(details.contains(QStringLiteral("Budget: 20.00 GiB")));
        QVERIFY(g.toolTip().contains(QStringLiteral("Motion model weights")));
        QVERIFY(g.toolTip().contains(QStringLiteral("do not change memory")));
        // It paints (bar, chart, budget and prediction lines) without trouble.
        QImage image(g.size(), QImage::Format_ARGB32);
        image.fill(Qt::transparent);
        g.render(&image);
        int coloured = 0;
        for (int y = 0; y < image.height(); ++y) {
            for (int x = 0; x < image.width(); ++x) {
                const QColor c = image.pixelColor(x, y);
                coloured += (c.red() > c.blue() + 60 || c.green() > c.red() + 40) ? 1 : 0;
            }
        }
        QVERIFY(coloured > 50);
    }

    // --- model manager ---------------------------------------------------------------------

    void modelManagerAcceptsTheFixtureFolders()
    {
        ModelPaths p;
        p.modelDir = kFixtures + QStringLiteral("/dit-tiny");
        p.qwenDir = kFixtures + QStringLiteral("/text/qwen3-tiny");
        p.clipDir = kFixtures + QStringLiteral("/text/clip-tiny");
        ModelManagerDialog d(p);
        QVERIFY(d.isValid(ModelManagerDialog::Field::Model));
        QVERIFY(d.isValid(ModelManagerDialog::Field::Qwen));
        QVERIFY(d.isValid(ModelManagerDialog::Field::Clip));
        QVERIFY(d.canAccept());
        QVERIFY2(
            d.statusText(ModelManagerDialog::Field::Model).contains(QStringLiteral("120 frames")),
            qPrintable(d.statusText(ModelManagerDialog::Field::Model)));
        QVERIFY(d.statusText(ModelManagerDialog::Field::Qwen).contains(QStringLiteral("32-wide")));
        QCOMPARE(d.motionInfo()->config.trainFrames, 120);
        QCOMPARE(d.paths().clipDir, p.clipDir);
    }

    void motionFolderCheckUsesTheEnginesConfigReader()
    {
        auto info = inspectMotionModel((kFixtures + QStringLiteral("/dit-tiny")).toStdString());
        QVERIFY2(info, info ? "" : info.error().describe().c_str());
        QCOMPARE(info->name, std::string("dit-tiny"));
        QCOMPARE(info->config.trainFrames, 120);
        QCOMPARE(info->config.steps, 10);
        QCOMPARE(info->config.ctxtInputDim, 32);
        QCOMPARE(info->folder.weightsFile.filename().string(), std::string("latest.ckpt"));
        QVERIFY(info->weightsBytes > 1000000);
        QCOMPARE(ModelLimits::fromConfig(info->config).maxDurationSec(), 4.0);

        QTemporaryDir tmp;
        const std::filesystem::path dir = std::filesystem::path(tmp.path().toStdString());
        auto none = inspectMotionModel(dir / "missing");
        QVERIFY(!none);
        QCOMPARE(none.error().code, Errc::FileNotFound);
        // A config but an LFS pointer for weights: caught before any load.
        std::filesystem::copy_file(
            (kFixtures + QStringLiteral("/dit-tiny/config.yml")).toStdString(), dir / "config.yml");
        std::ofstream(dir / "latest.ckpt") << "version https://git-lfs.github.com/spec/v1\n";
        auto lfs = inspectMotionModel(dir);
        QVERIFY(!lfs);
        QVERIFY(lfs.error().describe().find("git lfs pull") != std::string::npos);
        // Broken YAML is reported with the file.
        std::ofstream(dir / "config.yml") << "train_pipeline_args: [unclosed\n  x: : :";
        auto yaml = inspectMotionModel(dir);
        QVERIFY(!yaml);
        QCOMPARE(yaml.error().code, Errc::BadModelFile);
        QVERIFY(yaml.error().file.find("config.yml") != std::string::npos);
    }

    void modelManagerExplainsWhatIsWrongOnTheSpot()
    {
        ModelManagerDialog d(ModelPaths{});
        QVERIFY(!d.canAccept());
        QVERIFY(d.statusText(ModelManagerDialog::Field::Model).contains(QStringLiteral("no")));
        // A folder that does not exist.
        d.setPath(ModelManagerDialog::Field::Model, QStringLiteral("/no/such/HY-Motion"));
        d.validateNow();
        QVERIFY(!d.isValid(ModelManagerDialog::Field::Model));
        QVERIFY2(d.statusText(ModelManagerDialog::Field::Model)
                     .contains(QStringLiteral("/no/such/HY-Motion: model folder does not exist")),
                 qPrintable(d.statusText(ModelManagerDialog::Field::Model)));
        // The folders swapped: the messages name the expected type.
        d.setPath(ModelManagerDialog::Field::Model, kFixtures + QStringLiteral("/dit-tiny"));
        d.setPath(ModelManagerDialog::Field::Qwen, kFixtures + QStringLiteral("/text/clip-tiny"));
        d.setPath(ModelManagerDialog::Field::Clip, kFixtures + QStringLiteral("/text/qwen3-tiny"));
        d.validateNow();
        QVERIFY(d.isValid(ModelManagerDialog::Field::Model));
        QVERIFY(d.statusText(ModelManagerDialog::Field::Qwen)
                    .contains(QStringLiteral("not a Qwen3 model folder")));
        QVERIFY(d.statusText(ModelManagerDialog::Field::Clip)
                    .contains(QStringLiteral("not a CLIP model folder")));
        QVERIFY(!d.canAccept());
        // Debounced validation runs after typing stops.
        d.findChild<QLineEdit*>(QStringLiteral("qwenPath"))
            ->setText(kFixtures + QStringLiteral("/text/qwen3-tiny"));
        QTRY_VERIFY(d.isValid(ModelManagerDialog::Field::Qwen));
    }

    void modelManagerCatchesMismatchedFeatureWidths()
    {
        // A HY-Motion config expecting Qwen3-8B's 4096-wide features, with the tiny Qwen3.
        QTemporaryDir tmp;
        const std::filesystem::path dir = std::filesystem::path(tmp.path().toStdString()) / "m";
        std::filesystem::create_directories(dir);
        std::ifstream in((kFixtures + QStringLiteral("/dit-tiny/config.yml")).toStdString());
        std::string config((std::istreambuf_iterator<char>(in)), {});
        config.replace(config.find("ctxt_input_dim: 32"), 18, "ctxt_input_dim: 4096");
        std::ofstream(dir / "config.yml") << config;
        std::filesystem::copy_file(
            (kFixtures + QStringLiteral("/dit-tiny/latest.ckpt")).toStdString(),
            dir / "latest.ckpt");
        ModelPaths p;
        p.modelDir = QString::fromStdString(dir.string());
        p.qwenDir = kFixtures + QStringLiteral("/text/qwen3-tiny");
        p.clipDir = kFixtures + QStringLiteral("/text/clip-tiny");
        ModelManagerDialog d(p);
        QVERIFY(d.isValid(ModelManagerDialog::Field::Model));
        QVERIFY(!d.isValid(ModelManagerDialog::Field::Qwen));
        QVERIFY2(d.statusText(ModelManagerDialog::Field::Qwen)
                     .contains(QStringLiteral("gives 32-wide features, but the HY-Motion model "
                                              "expects 4096")),
                 qPrintable(d.statusText(ModelManagerDialog::Field::Qwen)));
        QVERIFY(d.isValid(ModelManagerDialog::Field::Clip));
        QVERIFY(!d.canAccept());
    }

    // --- parameters and settings -------------------------------------------------------------

    void parametersAreRememberedAcrossRestarts()
    {
        {
            ParametersPanel panel;
            panel.findChild<QSpinBox*>(QStringLiteral("candidates"))->setValue(3);
            panel.findChild<QDoubleSpinBox*>(QStringLiteral("duration"))->setValue(7.5);
            panel.findChild<QDoubleSpinBox*>(QStringLiteral("cfgScale"))->setValue(6.5);
            panel.findChild<QSpinBox*>(QStringLiteral("steps"))->setValue(30);
            panel.findChild<QCheckBox*>(QStringLiteral("randomSeed"))->setChecked(false);
            auto* seed = panel.findChild<QLineEdit*>(QStringLiteral("seed"));
            seed->setText(QStringLiteral("1234"));
            Q_EMIT seed->textEdited(seed->text());
            // A CUDA device remembered from another machine keeps its CUDA precisions.
            GenerationSettings cuda = panel.settings();
            cuda.device = QStringLiteral("cuda:0");
            cuda.precision = QStringLiteral("bf16");
            panel.setSettings(cuda);
        }
        ParametersPanel again;
        const GenerationSettings s = again.settings();
        QCOMPARE(s.candidates, 3);
        QCOMPARE(s.durationSec, 7.5);
        QCOMPARE(s.cfgScale, 6.5);
        QCOMPARE(s.steps, 30);
        QCOMPARE(s.randomSeed, false);
        QCOMPARE(s.seed, quint64(1234));
        QCOMPARE(s.device, QStringLiteral("cuda:0"));
        QCOMPARE(s.precision, QStringLiteral("bf16"));
        QCOMPARE(again.nextSeed(), std::uint64_t(1234)); // fixed seed stays
        // Broken stored values are clamped or replaced on load.
        QSettings qs;
        qs.setValue(QStringLiteral("generation/candidates"), 99);
        qs.setValue(QStringLiteral("generation/device"), QStringLiteral("tpu:7"));
        qs.setValue(QStringLiteral("generation/precision"), QStringLiteral("int3"));
        const GenerationSettings loaded = GenerationSettings::load(qs);
        QCOMPARE(loaded.candidates, 4);
        QCOMPARE(loaded.device, QStringLiteral("auto"));
        QCOMPARE(loaded.precision, QStringLiteral("fp32"));
        // bf16 is a CUDA precision: with the CPU it reads back as fp32.
        qs.setValue(QStringLiteral("generation/device"), QStringLiteral("cpu"));
        qs.setValue(QStringLiteral("generation/precision"), QStringLiteral("bf16"));
        QCOMPARE(GenerationSettings::load(qs).precision, QStringLiteral("fp32"));
        // Model paths and licence acceptance persist too.
        ModelPaths p;
        p.modelDir = QStringLiteral("/m");
        p.qwenDir = QStringLiteral("/q");
        p.clipDir = QStringLiteral("/c");
        p.loadAtStart = true;
        p.save(qs);
        const ModelPaths back = ModelPaths::load(qs);
        QCOMPARE(back.modelDir, p.modelDir);
        QVERIFY(back.loadAtStart && back.isComplete());
        QVERIFY(!isLicenceAccepted());
        setLicenceAccepted(true);
        QVERIFY(isLicenceAccepted());
    }

    void durationIsValidatedAgainstTheModelLimits()
    {
        ParametersPanel panel;
        ModelLimits limits; // 360 frames at 30 fps, at least 20
        panel.setLimits(limits);
        auto* duration = panel.findChild<QDoubleSpinBox*>(QStringLiteral("duration"));
        QCOMPARE(duration->maximum(), 12.0);
        duration->setValue(5.0);
        QCOMPARE(panel.framesText(), QStringLiteral("150 frames"));
        duration->setValue(0.6);
        QVERIFY2(panel.framesText().contains(QStringLiteral("20 frames (clamped from 18)")),
                 qPrintable(panel.framesText()));
        duration->setValue(20.0); // beyond the canvas: the box stops at 12 s
        QCOMPARE(panel.framesText(), QStringLiteral("360 frames"));
        // Ties round to even like the reference's Python round(): 1.25 s x 30 = 37.5 -> 38,
        // 0.75 s x 30 = 22.5 -> 22.
        QCOMPARE(limits.requestedFrames(1.25), 38);
        QCOMPARE(limits.requestedFrames(0.75), 22);
        // A smaller model (the fixture: 120 frames) shrinks the range.
        ModelLimits tiny;
        tiny.trainFrames = 120;
        panel.setLimits(tiny);
        QCOMPARE(duration->maximum(), 4.0);
        QCOMPARE(panel.settings().durationSec, 4.0);
        // The text length follows the model's max_length_llm.
        QCOMPARE(panel.findChild<QSpinBox*>(QStringLiteral("textMaxLength"))->maximum(), 128);
    }

    void theCpuOffersFp32OnlyAndCudaAllThree()
    {
        // EngineConfig::precision is the DiT's; the engine runs it in fp32 only on the CPU.
        QCOMPARE(precisionsFor(QStringLiteral("cpu")), QStringList{QStringLiteral("fp32")});
        QCOMPARE(
            precisionsFor(QStringLiteral("cuda:0")),
            (QStringList{QStringLiteral("bf16"), QStringLiteral("fp16"), QStringLiteral("fp32")}));
        QCOMPARE(precisionsFor(QStringLiteral("auto")).size(),
                 infer::runtimeInfo().cudaAvailable ? 3 : 1);

        ParametersPanel panel;
        auto* device = panel.findChild<QComboBox*>(QStringLiteral("device"));
        auto* precision = panel.findChild<QComboBox*>(QStringLiteral("precision"));
        auto offered = [precision] {
            QStringList items;
            for (int i = 0; i < precision->count(); ++i) {
                items << precision->itemData(i).toString();
            }
            return items;
        };
        // A CUDA device (remembered; not present here) offers bf16, fp16 and fp32.
        GenerationSettings s = panel.settings();
        s.device = QStringLiteral("cuda:0");
        s.precision = QStringLiteral("fp16");
        panel.setSettings(s);
        QCOMPARE(offered().size(), 3);
        QCOMPARE(panel.settings().precision, QStringLiteral("fp16"));
        QVERIFY(precision->isEnabled());
        // Switching to the CPU leaves fp32 alone and switches the precision to it.
        QSignalSpy engine(&panel, &ParametersPanel::engineSettingsChanged);
        device->setCurrentIndex(device->findData(QStringLiteral("cpu")));
        QCOMPARE(offered(), QStringList{QStringLiteral("fp32")});
        QCOMPARE(panel.settings().precision, QStringLiteral("fp32"));
        QVERIFY(!precision->isEnabled());
        QCOMPARE(engine.count(), 1);
        QSettings qs;
        QCOMPARE(GenerationSettings::load(qs).precision, QStringLiteral("fp32"));
        // Automatic without CUDA is the CPU.
        device->setCurrentIndex(device->findData(QStringLiteral("auto")));
        if (!infer::runtimeInfo().cudaAvailable) {
            QCOMPARE(offered(), QStringList{QStringLiteral("fp32")});
        }
        // Back on CUDA the previous choice is not remembered, fp32 stays selected.
        device->setCurrentIndex(device->findData(QStringLiteral("cuda:0")));
        QCOMPARE(offered().size(), 3);
        QCOMPARE(panel.settings().precision, QStringLiteral("fp32"));
        QVERIFY(panel.problem().isEmpty() == infer::runtimeInfo().cudaAvailable);
    }

    void jobsCarryEverySetting()
    {
        GenerationSettings s;
        s.candidates = 3;
        s.durationSec = 4.5;
        s.cfgScale = 6.0;
        s.steps = 25;
        s.textMaxLength = 64;
        s.device = QStringLiteral("cuda:0");
        s.precision = QStringLiteral("bf16");
        s.vramBudgetGiB = 8.0;
        const GenerationJob job =
            makeGenerationJob(QStringLiteral("  A person jumps.  "), s, 40, "/tmp/takes");
        QCOMPARE(job.request.prompt, std::string("A person jumps."));
        QCOMPARE(job.request.seeds, (std::vector<std::uint64_t>{40, 41, 42}));
        QCOMPARE(*job.request.cfgScale, 6.0f);
        QCOMPARE(*job.request.steps, 25);
        QCOMPARE(*job.request.textMaxLength, 64);
        QCOMPARE(job.params.precision, std::string("bf16"));
        ModelPaths p;
        p.modelDir = QStringLiteral("/m");
        auto config = makeEngineConfig(p, s);
        QVERIFY(config);
        QCOMPARE(config->precision, infer::Precision::Bf16);
        QCOMPARE(config->vramBudgetBytes, 8ULL << 30);
        QCOMPARE(config->textEncoders, infer::TextEncoderPlacement::Auto);
        s.textEncoders = QStringLiteral("cpu");
        QCOMPARE(makeEngineConfig(p, s)->textEncoders, infer::TextEncoderPlacement::Cpu);
        s.textEncoders = QStringLiteral("release");
        QCOMPARE(makeEngineConfig(p, s)->textEncoders, infer::TextEncoderPlacement::Release);
        s.textEncoders = QStringLiteral("gpu-ish");
        auto badPlacement = makeEngineConfig(p, s);
        QVERIFY(!badPlacement);
        QVERIFY(badPlacement.error().describe().find("auto, device, cpu or release") !=
                std::string::npos);
        s.textEncoders = QStringLiteral("device");
        s.device = QStringLiteral("gpu");
        auto bad = makeEngineConfig(p, s);
        QVERIFY(!bad);
        QCOMPARE(bad.error().code, Errc::InvalidArgument);
    }

    void textEncoderPlacementIsASettingThatReloads()
    {
        ParametersPanel panel;
        auto* combo = panel.findChild<QComboBox*>(QStringLiteral("textEncoders"));
        QVERIFY(combo);
        QCOMPARE(combo->count(), 4);
        auto* device = panel.findChild<QComboBox*>(QStringLiteral("device"));
        device->setCurrentIndex(device->findData(QStringLiteral("cpu")));
        QVERIFY(!combo->isEnabled()); // a CPU run has nothing to place
        GenerationSettings cuda = panel.settings();
        cuda.device = QStringLiteral("cuda:0");
        panel.setSettings(cuda);
        QVERIFY(combo->isEnabled());
        QSignalSpy engine(&panel, &ParametersPanel::engineSettingsChanged);
        combo->setCurrentIndex(combo->findData(QStringLiteral("cpu")));
        QCOMPARE(panel.settings().textEncoders, QStringLiteral("cpu"));
        QCOMPARE(engine.count(), 1);
        QSettings qs;
        QCOMPARE(GenerationSettings::load(qs).textEncoders, QStringLiteral("cpu"));
        // A damaged setting falls back to automatic.
        qs.setValue(QStringLiteral("generation/textEncoders"), QStringLiteral("moon"));
        QCOMPARE(GenerationSettings::load(qs).textEncoders, QStringLiteral("auto"));
    }

    void textEncodersLeaveTheGpuAsTheEngineDecides()
    {
        GenerationSettings s;
        s.device = QStringLiteral("cuda:0");
        const std::uint64_t weights = 17ULL << 30;
        QVERIFY(textEncodersOnGpu(s, weights)); // auto, no budget
        s.vramBudgetGiB = 24.0;
        QVERIFY(textEncodersOnGpu(s, weights)); // fits the budget
        s.vramBudgetGiB = 8.0;
        QVERIFY(!textEncodersOnGpu(s, weights)); // over it: the engine puts them on the CPU
        s.textEncoders = QStringLiteral("device");
        QVERIFY(textEncodersOnGpu(s, weights)); // forced, whatever the budget
        s.textEncoders = QStringLiteral("release");
        QVERIFY(textEncodersOnGpu(s, weights)); // on the GPU while encoding: same peak
        s.textEncoders = QStringLiteral("cpu");
        QVERIFY(!textEncodersOnGpu(s, weights));
        s.textEncoders = QStringLiteral("device");
        s.device = QStringLiteral("cpu");
        QVERIFY(!textEncodersOnGpu(s, weights)); // a CPU run has no GPU at all
    }

    // --- out of memory -----------------------------------------------------------------------

    void outOfMemoryAdviceLowersOneThingAtATime()
    {
        QCOMPARE(
            requestedBytesFromMessage("CUDA out of memory. Tried to allocate 2.00 GiB (GPU 0)"),
            std::optional<quint64>(2ULL << 30));
        QCOMPARE(requestedBytesFromMessage("Tried to allocate 512.00 MiB"),
                 std::optional<quint64>(512ULL << 20));
        QVERIFY(!requestedBytesFromMessage("std::bad_alloc").has_value());

        GenerationSettings s;
        s.candidates = 4;
        s.device = QStringLiteral("cuda:0");
        auto a = lowerSettings(s, true);
        QVERIFY(a && a->candidates == 1 && a->precision == QLatin1String("fp32"));
        auto b = lowerSettings(*a, true);
        QVERIFY(b && b->precision == QLatin1String("bf16") && b->device == s.device);
        auto c = lowerSettings(*b, true);
        QVERIFY(c && c->device == QLatin1String("cpu"));
        QVERIFY(!lowerSettings(*c, false).has_value());

        const Error e(Errc::OutOfMemory, "Tried to allocate 1.50 GiB");
        const QString text = outOfMemoryExplanation(e, QStringLiteral("encode"), s, a);
        QVERIFY(text.contains(QStringLiteral("encoding the prompt")));
        QVERIFY(text.contains(QStringLiteral("1.50 GiB")));
        QVERIFY(text.contains(QStringLiteral("one candidate instead of 4")));
        const QString last = outOfMemoryExplanation(e, QStringLiteral("sample"), *c, std::nullopt);
        QVERIFY(last.contains(QStringLiteral("no lower setting")));
    }

    // --- takes list and export -------------------------------------------------------------

    void takeListIsNewestFirstAndDescribesEachTake()
    {
        TakeListModel m;
        Take a = test::syntheticTake("a", 1, 60);
        a.createdUtc = "2026-11-20T10:00:00Z";
        Take b = test::syntheticTake("b", 2, 90);
        b.createdUtc = "2026-11-21T10:00:00Z";
        m.addTake(a, QStringLiteral("/p/a.pwtake"));
        m.addTake(b, QStringLiteral("/p/b.pwtake"));
        QCOMPARE(m.rowCount(), 2);
        QCOMPARE(m.entry(0)->take.id, std::string("b"));
        const QString display = m.data(m.index(0), Qt::DisplayRole).toString();
        QVERIFY2(display.contains(QStringLiteral("seed 2 · 3.0 s · 2026-11-21 10:00")),
                 qPrintable(display));
        QVERIFY(
            m.data(m.index(1), Qt::ToolTipRole).toString().contains(QStringLiteral("/p/a.pwtake")));
        // Same id replaces.
        m.addTake(b, QStringLiteral("/p/b2.pwtake"));
        QCOMPARE(m.rowCount(), 2);
        QCOMPARE(m.data(m.index(0), TakeListModel::PathRole).toString(),
                 QStringLiteral("/p/b2.pwtake"));
        m.removeTakeAt(0);
        QCOMPARE(m.rowOf("b"), -1);
        QCOMPARE(m.rowOf("a"), 0);
    }

    void exportDialogRunsTheExporterOffTheGuiThread()
    {
        QTemporaryDir tmp;
        const Take take = test::syntheticTake("walk-1", 5, 60);
        ExportDialog d(take, std::make_shared<RecordingExporter>());
        d.setFormat(io::ExportFormat::Json);
        QVERIFY(d.path().endsWith(QStringLiteral(".json")));
        d.setFormat(io::ExportFormat::Bvh);
        QVERIFY(d.path().endsWith(QStringLiteral(".bvh")));
        d.setPath(tmp.filePath(QStringLiteral("walk.bvh")));
        QSignalSpy done(&d, &ExportDialog::exportFinished);
        d.startExport();
        QVERIFY(done.wait(5000));
        QCOMPARE(done.first().at(0).toBool(), true);
        QVERIFY(QFile::exists(tmp.filePath(QStringLiteral("walk.bvh"))));
        QVERIFY(d.resultText().contains(QStringLiteral("Exported to")));
        d.setFormat(io::ExportFormat::Json);
        d.setPath(tmp.filePath(QStringLiteral("fail.json")));
        d.startExport();
        QVERIFY(done.wait(5000));
        QCOMPARE(done.last().at(0).toBool(), false);
        QVERIFY(d.resultText().contains(QStringLiteral("the disk said no")));
    }

    void exportDialogBuildsTheOptions()
    {
        QSettings().clear();
        const Take take = test::syntheticTake("walk-2", 5, 90);
        ExportDialog d(take, makeDefaultTakeExporter());
        d.setFormat(io::ExportFormat::Fbx);
        d.setPreset(io::ExportPreset::Unreal);
        d.setTrim(10, 60);
        d.setInPlace(true);
        const io::ExportOptions o = d.options();
        QCOMPARE(o.format, io::ExportFormat::Fbx);
        QCOMPARE(o.unit, io::LengthUnit::Centimetre);
        QCOMPARE(o.upAxis, io::UpAxis::Z);
        QVERIFY(o.trim.has_value());
        QCOMPARE(o.trim->begin, 10);
        QCOMPARE(o.trim->end, 60);
        QVERIFY(o.inPlace);
        QVERIFY(o.groundAlign);
        // The whole clip is no trim at all.
        d.setTrim(0, 90);
        QVERIFY(!d.options().trim.has_value());
    }

    void defaultExporterWritesThroughPwIo_data()
    {
        QTest::addColumn<int>("format");
        QTest::addColumn<QString>("file");
        QTest::newRow("fbx") << static_cast<int>(io::ExportFormat::Fbx) << "walk.fbx";
        QTest::newRow("glb") << static_cast<int>(io::ExportFormat::Glb) << "walk.glb";
        QTest::newRow("json") << static_cast<int>(io::ExportFormat::Json) << "walk.json";
        QTest::newRow("bvh") << static_cast<int>(io::ExportFormat::Bvh) << "walk.bvh";
    }

    void defaultExporterWritesThroughPwIo()
    {
        QFETCH(int, format);
        QFETCH(QString, file);
        const auto fmt = static_cast<io::ExportFormat>(format);
        QTemporaryDir tmp;
        auto exporter = makeDefaultTakeExporter();
        QCOMPARE(exporter->formats().size(), std::size_t(4));
        QCOMPARE(exporter->canExport(io::ExportFormat::Glb), io::canExport(io::ExportFormat::Glb));
        if (fmt == io::ExportFormat::Glb && !io::canExport(fmt)) {
            QVERIFY(!exporter->canExport(fmt));
            QSKIP("glTF needs Assimp (PW_HAVE_ASSIMP), which this build does not have");
        }
        QVERIFY(exporter->canExport(fmt));
        const Take take = test::syntheticTake("walk-3", 9, 60);
        ExportDialog d(take, exporter);
        d.setFormat(fmt);
        d.setPreset(io::ExportPreset::Blender);
        d.setTrim(10, 50);
        const QString path = tmp.filePath(file);
        d.setPath(path);
        QCOMPARE(d.options().format, fmt);
        QSignalSpy done(&d, &ExportDialog::exportFinished);
        d.startExport();
        QVERIFY(done.wait(20000));
        QVERIFY2(done.first().at(0).toBool(), qPrintable(d.resultText()));
        QFile out(path);
        QVERIFY(out.open(QIODevice::ReadOnly));
        const QByteArray bytes = out.readAll();
        // What the dialog wrote is what pw::io encodes for its options (FBX carries its
        // creation time, so only its header and size are compared).
        auto expected = io::encodeExport(*take.motion, d.options(), &take);
        QVERIFY2(expected, expected ? "" : expected.error().describe().c_str());
        switch (fmt) {
        case io::ExportFormat::Fbx:
            QVERIFY(bytes.startsWith(QByteArray("Kaydara FBX Binary  \0", 21)));
            QCOMPARE(bytes.size(), static_cast<qsizetype>(expected->size()));
            break;
        case io::ExportFormat::Glb:
            // Assimp's writer leaves a few padding bytes unspecified: compare layout and scene.
            QVERIFY(bytes.startsWith("glTF"));
            QCOMPARE(bytes.size(), static_cast<qsizetype>(expected->size()));
            QVERIFY(bytes.contains("\"skins\"") && bytes.contains("\"animations\""));
            break;
        case io::ExportFormat::Json: {
            QCOMPARE(bytes, QByteArray::fromStdString(*expected));
            const auto j = nlohmann::json::parse(bytes.toStdString());
            QCOMPARE(j.at("frames").get<int>(), 40); // trimmed to 10:50
            QCOMPARE(j.at("joints").size(), std::size_t(22));
            QCOMPARE(j.at("take").at("prompt").get<std::string>(), take.prompt);
            break;
        }
        case io::ExportFormat::Bvh:
            QCOMPARE(bytes, QByteArray::fromStdString(*expected));
            QVERIFY(bytes.startsWith("HIERARCHY"));
            QVERIFY(bytes.contains("Frames: 40"));
            break;
        }
    }
};

QTEST_MAIN(TestStudioWidgets)
#include "test_studio_widgets.moc"
