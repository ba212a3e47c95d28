// SPDX-License-Identifier: Apache-2.0
#pragma once

// Torch-free entry points to the HY-Motion DiT for the CLI, tests and tools: load a model
// folder, run one forward or a sampling run on plain float arrays, inspect a folder without
// loading it, and benchmark. The Engine (engine.h) is the full text-to-motion pipeline; this is
// the DiT alone.

#include <pw/core/cancel.h>
#include <pw/core/error.h>
#include <pw/infer/device.h>
#include <pw/infer/dit_config.h>
#include <pw/infer/host_tensor.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace pw::infer {

struct MotionModelOptions
{
    std::filesystem::path dir;             ///< model folder: config.yml + weights
    Device device;                         ///< cpu or cuda:N
    Precision precision = Precision::Fp32; ///< CPU: fp32 only
    std::string weights;                   ///< "", "ckpt" or "safetensors"
    bool verifyChecksums = true;           ///< CRC-32 of checkpoint storages
};

/// A loaded DiT. Not thread-safe: use it on the thread that loaded it. Movable.
class MotionModel
{
  public:
    /// Errors: FileNotFound, BadModelFile (naming file, tensor, expected vs found),
    /// UnsupportedDevice, OutOfMemory, Cancelled.
    static Result<MotionModel> load(const MotionModelOptions& options,
                                    const RunControl& control = {});
    MotionModel(MotionModel&&) noexcept;
    MotionModel& operator=(MotionModel&&) noexcept;
    ~MotionModel();

    const DitConfig& config() const;
    std::filesystem::path weightsFile() const;
    Device device() const;
    Precision precision() const;
    std::int64_t parameterCount() const;

    struct ForwardInput
    {
        HostTensor x;                          ///< (B, M, C)
        HostTensor ctxt;                       ///< (B, T, ctxtInputDim)
        HostTensor vtxt;                       ///< (B, 1, vtxtInputDim)
        HostTensor t;                          ///< (B)
        std::vector<std::int64_t> xLengths;    ///< (B) valid frames
        std::vector<std::int64_t> ctxtLengths; ///< (B) valid text tokens
        std::int64_t textPositionOffset = -1;  ///< -1: M (reference)
        bool trace = false;                    ///< also return the named intermediates
    };
    struct ForwardOutput
    {
        HostTensor out;                                        ///< (B, M, C) velocity
        std::vector<std::pair<std::string, HostTensor>> trace; ///< see MotionDit / DitTrace
    };
    /// One network forward. Errors: InvalidArgument (shapes, lengths), OutOfMemory, Internal.
    Result<ForwardOutput> forward(const ForwardInput& input) const;

    struct SampleInput
    {
        HostTensor ctxt;                       ///< (S, T, ctxtInputDim)
        HostTensor vtxt;                       ///< (S, 1, vtxtInputDim)
        std::vector<std::int64_t> ctxtLengths; ///< (S), each 1..T
        std::vector<std::uint64_t> seeds;      ///< (S)
        int frames = 0;                        ///< requested frames
        double cfgScale = 5.0;
        int steps = 50;
        bool trimmed = true;
        std::optional<HostTensor> noise; ///< (S, trainFrames, C) instead of seeded noise
        bool useCudaGraph = true;
    };
    struct SampleOutput
    {
        HostTensor latent; ///< (S, frames, C) normalised latent
        HostTensor noise;  ///< (S, trainFrames, C) the initial noise used
        bool usedCudaGraph = false;
    };
    /// Euler + CFG sampling (progress stage "sample", cancellable every step).
    /// Errors: InvalidArgument, Cancelled, OutOfMemory, BadModelOutput (non-finite result).
    Result<SampleOutput> sample(const SampleInput& input, const RunControl& control = {}) const;

    /// Seconds -> frames with the model's limits (see docs/model.md). Error: InvalidArgument.
    Result<int> framesForDuration(double durationSec) const;

  private:
    MotionModel();
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

/// What `posewright-cli info --model` prints: the folder's files, config, tensors per module and
/// weight bytes per dtype. Built without libtorch.
struct ModelFolderReport
{
    ModelFolder folder;
    DitConfig config;
    std::string weightsFormat;
    struct Module
    {
        std::string name;
        std::int64_t tensors = 0;
        std::int64_t parameters = 0;
    };
    std::vector<Module> modules;                        ///< state-dict order
    std::map<std::string, std::uint64_t> bytesPerDtype; ///< "F32" -> bytes
    std::int64_t parameterCount = 0;
    std::int64_t tensorCount = 0;
    int unexpectedTensors = 0;                                 ///< present but not used
    std::vector<std::pair<std::string, std::string>> metadata; ///< checkpoint root entries
};

/// The initial noise the reference draws for one seed: randn(1, frames, channels) float32 from
/// PyTorch's CPU generator (device cpu) or a CUDA generator (device cuda:N) seeded with `seed`.
/// Used to check that this machine reproduces the reference's random streams.
/// Errors: InvalidArgument, UnsupportedDevice.
Result<HostTensor> drawSeedNoise(std::uint64_t seed, std::int64_t frames, std::int64_t channels,
                                 Device device);

/// Opens and validates a model folder (config, names, shapes, dtypes; with `checkValues` also
/// finite values and checkpoint CRCs, reading every byte). Errors as MotionModel::load.
Result<ModelFolderReport> inspectModelFolder(const std::filesystem::path& dir,
                                             const std::string& weights = {},
                                             bool checkValues = true);

/// The HY-Motion-1.0-Lite network shapes (hymotion-spec.md §1.4, §2.1).
DitConfig liteConfig();

struct BenchOptions
{
    DitConfig config = liteConfig();
    Device device;
    std::vector<Precision> precisions{Precision::Fp32};
    std::vector<int> seedCounts{1, 4};
    std::vector<double> durationsSec{5.0, 12.0};
    int steps = 50;
    double cfgScale = 5.0;
    int textTokens = 128;     ///< padded text length (the reference always feeds 128)
    int validTextTokens = 24; ///< valid tokens of the prompt (trimmed runs feed only these)
    bool trimmed = true;
    bool cudaGraph = true;
    int repeats = 3; ///< timed runs per case (after one warm-up); the best is reported
};

struct BenchResult
{
    Precision precision = Precision::Fp32;
    int seeds = 1;
    double durationSec = 0.0;
    int frames = 0;
    int steps = 0;
    bool trimmed = true;
    bool cudaGraph = false;
    double totalMs = 0.0;              ///< one sampling run (best of repeats)
    double msPerStep = 0.0;            ///< totalMs / steps
    std::uint64_t peakDeviceBytes = 0; ///< CUDA allocator peak during the run (0 on CPU)
    std::uint64_t weightBytes = 0;     ///< device bytes of the weights
};

/// Builds a random-weight DiT of `options.config`'s shapes and times sampling for every
/// combination of precision x seeds x duration. Progress stage "bench". Errors:
/// UnsupportedDevice, OutOfMemory, Cancelled.
Result<std::vector<BenchResult>> runDitBenchmark(const BenchOptions& options,
                                                 const RunControl& control = {});

} // namespace pw::infer
