// SPDX-License-Identifier: Apache-2.0
// `posewright-cli generate`: the whole pipeline from the command line. Loads the HY-Motion,
// Qwen3 and CLIP folders, generates one take per seed and writes each as a .pwtake file as soon
// as it exists; prints the paths on stdout, progress on stderr (text or JSON lines).
#include "cli_context.h"
#include <fmt/format.h>

#include <pw/core/log.h>
#include <pw/infer/engine.h>
#include <pw/io/take_file.h>

#include <nlohmann/json.hpp>

#include <charconv>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <optional>
#include <random>
#include <string>
#include <vector>

#ifdef _WIN32
#include <io.h>
#define PW_ISATTY(fd) _isatty(fd)
#else
#include <unistd.h>
#define PW_ISATTY(fd) ::isatty(fd)
#endif

namespace pw::cli {
namespace {

struct GenerateOptions
{
    std::filesystem::path modelDir;
    std::filesystem::path qwenDir;
    std::filesystem::path clipDir;
    std::string prompt;
    double durationSec = 5.0;
    std::string seeds = "0";
    std::optional<float> cfg;
    std::optional<int> steps;
    std::optional<int> textMaxLength;
    std::string device = "auto";
    std::string precision = "fp32";
    std::string qwenPrecision; ///< empty: the Engine's default
    std::string textEncoders = "auto";
    std::string weights;
    bool padded = false;
    std::string progress = "text";
    std::filesystem::path outDir;
};

Result<std::vector<std::uint64_t>> parseSeeds(const std::string& text)
{
    std::vector<std::uint64_t> seeds;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t comma = std::min(text.find(',', start), text.size());
        std::string item = text.substr(start, comma - start);
        while (!item.empty() && item.front() == ' ') {
            item.erase(item.begin());
        }
        while (!item.empty() && item.back() == ' ') {
            item.pop_back();
        }
        std::uint64_t value = 0;
        const auto [end, ec] = std::from_chars(item.data(), item.data() + item.size(), value);
        if (item.empty() || ec != std::errc() || end != item.data() + item.size()) {
            return Error(Errc::InvalidArgument, "malformed seed list")
                .at("--seeds")
                .mismatch("comma-separated whole numbers 0..18446744073709551615, e.g. 0,1,2",
                          text);
        }
        seeds.push_back(value);
        start = comma + 1;
    }
    return seeds;
}

/// Creates `dir` if needed and proves that files can be written there, before any model loads.
Result<void> prepareOutDir(const std::filesystem::path& dir)
{
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec || !std::filesystem::is_directory(dir)) {
        return Error(Errc::IoError, "cannot create the output folder: " +
                                        (ec ? ec.message() : std::string("not a folder")))
            .inFile(dir.string());
    }
    const auto probe = dir / fmt::format(".posewright-write-test-{:08x}", std::random_device{}());
    {
        std::ofstream f(probe, std::ios::binary);
        if (!f || !(f << "x") || !(f.flush())) {
            return Error(Errc::IoError, "the output folder is not writable").inFile(dir.string());
        }
    }
    std::filesystem::remove(probe, ec);
    return {};
}

/// Progress on stderr: a line per stage (and live counts on a terminal), or JSON lines.
class ProgressPrinter
{
  public:
    explicit ProgressPrinter(std::string mode) : m_mode(std::move(mode)), m_tty(PW_ISATTY(2) != 0)
    {
    }

    void operator()(const Progress& p)
    {
        using Clock = std::chrono::steady_clock;
        const auto now = Clock::now();
        const std::string stage(p.stage);
        if (m_mode == "json") {
            nlohmann::ordered_json j;
            j["stage"] = stage;
            j["step"] = p.step;
            j["steps"] = p.stepCount;
            std::fprintf(stderr, "%s\n", j.dump().c_str());
            std::fflush(stderr);
            return;
        }
        if (m_mode == "none") {
            return;
        }
        if (stage != m_stage) {
            finishLine(now);
            m_stage = stage;
            m_stageStart = now;
            m_lastDraw = {};
        }
        m_lastStep = p.step;
        m_lastCount = p.stepCount;
        if (m_tty && now - m_lastDraw > std::chrono::milliseconds(100)) {
            m_lastDraw = now;
            std::fprintf(stderr, "\r%-7s %d/%d", m_stage.c_str(), p.step, p.stepCount);
            std::fflush(stderr);
        }
    }

    void finish() { finishLine(std::chrono::steady_clock::now()); }

  private:
    void finishLine(std::chrono::steady_clock::time_point now)
    {
        if (m_stage.empty() || m_mode != "text") {
            return;
        }
        const double sec = std::chrono::duration<double>(now - m_stageStart).count();
        std::fprintf(stderr, "%s%-7s %d/%d  %.2f s\n", m_tty ? "\r" : "", m_stage.c_str(),
                     m_lastStep, m_lastCount, sec);
        std::fflush(stderr);
        m_stage.clear();
    }

    std::string m_mode;
    bool m_tty = false;
    std::string m_stage;
    int m_lastStep = 0;
    int m_lastCount = 0;
    std::chrono::steady_clock::time_point m_stageStart{};
    std::chrono::steady_clock::time_point m_lastDraw{};
};

int runGenerate(const GenerateOptions& opt, const CliContext& ctx)
{
    infer::EngineConfig config;
    config.modelDir = opt.modelDir;
    config.qwenDir = opt.qwenDir;
    config.clipDir = opt.clipDir;
    config.weights = opt.weights;
    auto device = infer::parseDevice(opt.device);
    if (!device) {
        return reportError(Error(device.error()).at("--device"));
    }
    auto precision = infer::parsePrecision(opt.precision);
    if (!precision) {
        return reportError(Error(precision.error()).at("--precision"));
    }
    config.device = *device;
    config.precision = *precision;
    if (!opt.qwenPrecision.empty()) {
        auto qp = infer::parsePrecision(opt.qwenPrecision);
        if (!qp) {
            return reportError(Error(qp.error()).at("--qwen-precision"));
        }
        config.qwenPrecision = *qp;
    }
    auto placement = infer::parseTextEncoderPlacement(opt.textEncoders);
    if (!placement) {
        return reportError(Error(placement.error()).at("--text-encoders"));
    }
    config.textEncoders = *placement;

    infer::GenerateRequest request;
    request.prompt = opt.prompt;
    request.durationSec = opt.durationSec;
    auto seeds = parseSeeds(opt.seeds);
    if (!seeds) {
        return reportError(seeds.error());
    }
    request.seeds = *seeds;
    request.cfgScale = opt.cfg;
    request.steps = opt.steps;
    request.textMaxLength = opt.textMaxLength;
    request.trimmed = !opt.padded;
    // The request is checked against the folder's config.yml before gigabytes are loaded (the
    // Engine checks it again; a broken folder is reported by Engine::load below).
    if (auto folder = infer::findModelFolder(opt.modelDir, opt.weights)) {
        if (auto dit = infer::loadDitConfig(folder->configFile)) {
            if (auto ok = infer::validateRequest(request, infer::summaryFromConfig(*dit, ""));
                !ok) {
                return reportError(ok.error());
            }
        }
    }
    if (auto ok = prepareOutDir(opt.outDir); !ok) {
        return reportError(ok.error());
    }

    ProgressPrinter printer(opt.progress);
    RunControl control;
    control.cancel = ctx.cancel;
    control.onProgress = [&printer](const Progress& p) { printer(p); };

    auto engine = infer::Engine::load(config, control);
    printer.finish();
    if (!engine) {
        return reportError(engine.error());
    }
    const infer::ModelSummary s = (*engine)->summary();
    if (opt.progress == "text") {
        std::fprintf(stderr, "model   %s: DiT %s, Qwen3 %s, CLIP %s\n", s.name.c_str(),
                     s.ditPlacement.c_str(), s.qwenPlacement.c_str(), s.clipPlacement.c_str());
    }

    auto takes = (*engine)->generate(request, control);
    printer.finish();
    if (!takes) {
        return reportError(takes.error());
    }
    // Every take is written before anything else can fail; one failed write does not stop the
    // others.
    std::optional<Error> firstError;
    for (const Take& take : *takes) {
        const auto path = opt.outDir / (take.id + io::kTakeExtension);
        if (auto ok = io::saveTake(take, path); !ok) {
            std::fprintf(stderr, "error: %s\n", ok.error().describe().c_str());
            if (!firstError) {
                firstError = ok.error();
            }
            continue;
        }
        std::printf("%s\n", path.string().c_str());
        std::fflush(stdout);
    }
    if (firstError) {
        return reportError(*firstError);
    }
    if (opt.progress == "text" && !takes->empty()) {
        const auto& p = takes->front().params;
        std::fprintf(stderr,
                     "wrote   %zu take(s): %d frames (%.2f s at %.0f fps), cfg %g, %d steps, "
                     "text max length %d\n",
                     takes->size(), p.frames, p.frames / static_cast<double>(s.fps),
                     static_cast<double>(s.fps), static_cast<double>(p.cfgScale), p.steps,
                     p.textMaxLength);
    }
    return 0;
}

} // namespace

void addGenerateCommand(CLI::App& app, CliContext& ctx)
{
    auto opt = std::make_shared<GenerateOptions>();
    CLI::App* sub = app.add_subcommand(
        "generate", "Generate motion from a prompt: one take file (.pwtake) per seed");
    sub->add_option("--model", opt->modelDir,
                    "HY-Motion folder (config.yml + latest.ckpt or *.safetensors)")
        ->required();
    sub->add_option("--qwen", opt->qwenDir, "Hugging Face Qwen3 folder (Qwen/Qwen3-8B)")
        ->required();
    sub->add_option("--clip", opt->clipDir,
                    "Hugging Face CLIP folder (openai/clip-vit-large-patch14)")
        ->required();
    sub->add_option("--prompt", opt->prompt, "What the person does (English)")->required();
    sub->add_option("--duration", opt->durationSec, "Seconds of motion")->capture_default_str();
    sub->add_option("--seeds", opt->seeds, "Comma-separated seeds, one take each (e.g. 0,1,2,3)")
        ->capture_default_str();
    sub->add_option("--cfg", opt->cfg, "Guidance scale (default: the model's, 5; <= 1: off)");
    sub->add_option("--steps", opt->steps, "Euler steps (default: the model's, 50)");
    sub->add_option("--text-max-length", opt->textMaxLength,
                    "Qwen3 tokens of the prompt given to the model (default: 128)");
    sub->add_option("--device", opt->device, "cpu, cuda, cuda:N or auto")->capture_default_str();
    sub->add_option("--precision", opt->precision, "DiT precision: fp32, bf16, fp16 (CPU: fp32)")
        ->capture_default_str();
    sub->add_option("--qwen-precision", opt->qwenPrecision,
                    "Qwen3 precision: fp32 or bf16 (default: bf16 on CUDA, fp32 on CPU)");
    sub->add_option("--text-encoders", opt->textEncoders,
                    "Where Qwen3 and CLIP live: auto, device, cpu (low VRAM) or release (freed "
                    "after encoding)")
        ->capture_default_str();
    sub->add_option("--weights", opt->weights, "HY-Motion weights file kind: ckpt or safetensors")
        ->check(CLI::IsMember({"ckpt", "safetensors"}));
    sub->add_flag("--padded", opt->padded,
                  "Run the DiT on the full 360-frame canvas and 128 text rows as the reference "
                  "does (slower, same result)");
    sub->add_option("--progress", opt->progress, "Progress on stderr: text, json or none")
        ->check(CLI::IsMember({"text", "json", "none"}))
        ->capture_default_str();
    sub->add_option("--out", opt->outDir, "Folder for the take files (created if missing)")
        ->required();
    sub->callback([&ctx, opt] { ctx.action = [opt, &ctx] { return runGenerate(*opt, ctx); }; });
}

} // namespace pw::cli
