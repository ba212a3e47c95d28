// SPDX-License-Identifier: Apache-2.0
// PRIVATE torch-level API of the HY-Motion DiT (HunyuanMotionMMDiT) and its flow-matching
// sampler, for code inside pw_infer (the Engine, the fixture runners, the benchmark). Public,
// torch-free entry points are in <pw/infer/motion_model.h>.
//
// Conventions
// - Every function throws on error: pw::Exception (with the Errc a caller should report) or
//   c10::Error from libtorch. Wrap calls with guardTorch() at a public boundary.
// - Thread: a MotionDit is not thread-safe; create and use it on one thread (the inference
//   thread). CUDA work is issued on that thread's current stream.
// - Tensors passed in may live on any device and have any floating dtype unless stated; they are
//   moved/cast as needed. Returned tensors live on device() and are float32 unless stated.
// - Shapes: S = seeds, B = batch rows given to the network (2S with CFG), M = motion frames fed
//   to the network, T = text tokens fed, C = config().inputDim (201), D = featDim.
#pragma once

#include <pw/core/cancel.h>
#include <pw/core/error.h>
#include <pw/infer/device.h>
#include <pw/infer/dit_config.h>
#include <pw/infer/engine.h>

#include <ATen/ATen.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace pw::infer {

/// How to load a model folder.
struct DitLoadOptions
{
    Device device;                         ///< where the network runs
    Precision precision = Precision::Fp32; ///< CPU: fp32 only (UnsupportedDevice otherwise)
    std::string weights;                   ///< "", "ckpt" or "safetensors" (findModelFolder)
    bool verifyChecksums = true;           ///< zip CRC-32 of every storage (checkpoints)
};

/// One network evaluation, as HunyuanMotionMMDiT.forward (hymotion-spec.md §3.11).
struct DitForwardArgs
{
    at::Tensor x;           ///< (B, M, C) normalised latent at time t
    at::Tensor ctxt;        ///< (B, T, ctxtInputDim) Qwen3 states (padded rows are ignored)
    at::Tensor vtxt;        ///< (B, 1, vtxtInputDim) CLIP pooled vector
    at::Tensor t;           ///< (B) flow time in [0, 1]
    at::Tensor xLengths;    ///< (B) int64: valid motion frames, 1..M
    at::Tensor ctxtLengths; ///< (B) int64: valid text tokens, 1..T
    /// RoPE position of the first text token. -1: M, the reference (M = train_frames there).
    /// Trimmed runs pass train_frames so text keeps its reference positions.
    std::int64_t textPositionOffset = -1;
};

/// Named intermediates of one forward (float32, CPU), filled when a trace is passed:
/// "timestep_feat" (B,1,D), "text_refiner_out" (B,T,D), "double{i}.motion" (B,M,D),
/// "single{i}.out" (B,M+T,D) — the names of the golden fixture's fwd.* tensors.
struct DitTrace
{
    std::vector<std::pair<std::string, at::Tensor>> tensors;
};

/// Everything of a forward that depends only on shapes and lengths (masks, RoPE tables): built
/// once per sampling run and reused at every step.
struct DitContext
{
    std::int64_t batch = 0, motion = 0, text = 0;
    at::Tensor attnMask;  ///< (B,1,M+T,M+T) additive 0/-inf, model dtype
    at::Tensor refMask;   ///< (B,1,T,T) additive 0/-inf, model dtype (token refiner)
    at::Tensor textValid; ///< (B,T,1) 1/0, model dtype
    at::Tensor ropeCos;   ///< (1,M+T,1,hd) float32; identity rows where RoPE does not apply
    at::Tensor ropeSin;   ///< (1,M+T,1,hd) float32
};

/// Everything of a forward that depends only on the text conditioning (not on x or t).
struct DitConditioning
{
    at::Tensor vtxtFeat; ///< (B,1,D) vtxt_encoder(vtxt)
    at::Tensor ctxtFeat; ///< (B,T,D) ctxt_encoder(ctxt)
    at::Tensor ctxtPool; ///< (B,1,D) refiner context_encoder(masked mean of ctxtFeat)
};

/// A sampling request (hymotion-spec.md §4): S candidates of one prompt.
struct DitSampleArgs
{
    at::Tensor ctxt;        ///< (S, T, ctxtInputDim), T <= any; rows padded after ctxtLengths
    at::Tensor ctxtLengths; ///< (S) int64, each 1..T
    at::Tensor vtxt;        ///< (S, 1, vtxtInputDim)
    std::vector<std::uint64_t> seeds; ///< one per candidate (S)
    int frames = 0;        ///< requested length, minFrames()..trainFrames (see framesForDuration)
    double cfgScale = 5.0; ///< CFG on iff > 1
    int steps = 50;        ///< Euler steps (>= 1)
    bool trimmed = true;   ///< run on `frames` motion and max(ctxtLengths) text tokens (exact)
    at::Tensor noise;      ///< optional (S, trainFrames, C): used instead of drawing from seeds
    bool useCudaGraph = true; ///< capture one step as a CUDA graph (CUDA builds, CUDA device)
};

struct DitSampleResult
{
    at::Tensor latent; ///< (S, frames, C) float32 normalised latent (before mean/std)
    at::Tensor noise;  ///< (S, trainFrames, C) float32 initial noise actually used
    bool usedCudaGraph = false;
};

/// The loaded network plus the pipeline tensors (null features, mean/std).
class MotionDit
{
  public:
    ~MotionDit();
    MotionDit(const MotionDit&) = delete;
    MotionDit& operator=(const MotionDit&) = delete;

    /// Loads a model folder (config.yml + latest.ckpt or *.safetensors), validating every tensor
    /// (name, shape, dtype, finite values) against the config. Weights are memory-mapped; on the
    /// CPU in fp32 the tensors view the mapping (no copy), otherwise each tensor is converted
    /// straight to the device. Progress stage "load" (one step per tensor), cancellable.
    /// Throws: FileNotFound, BadModelFile, UnsupportedDevice, OutOfMemory, Cancelled.
    static std::unique_ptr<MotionDit> load(const std::filesystem::path& dir,
                                           const DitLoadOptions& options,
                                           const RunControl& control = {});
    /// A network of `config`'s shapes with random weights (benchmarks). Throws UnsupportedDevice.
    static std::unique_ptr<MotionDit> randomInit(const DitConfig& config, Device device,
                                                 Precision precision, std::uint64_t seed);

    const DitConfig& config() const;
    Device device() const;
    Precision precision() const;
    at::Device torchDevice() const;
    at::ScalarType dtype() const; ///< weights/activations dtype
    const std::filesystem::path& weightsFile() const;
    std::int64_t parameterCount() const; ///< network + pipeline tensors

    const at::Tensor& mean() const;     ///< (C) float32 on device()
    const at::Tensor& std() const;      ///< (C) float32 on device()
    const at::Tensor& nullVtxt() const; ///< (1,1,vtxtInputDim) float32 on device()
    const at::Tensor& nullCtxt() const; ///< (1,1,ctxtInputDim) float32 on device()

    /// One full forward (reference semantics). Returns (B, M, C) float32.
    at::Tensor forward(const DitForwardArgs& args, DitTrace* trace = nullptr) const;

    /// Building blocks of forward() for the sampler. `xLengths`/`ctxtLengths` are (B) int64.
    DitContext prepare(std::int64_t batch, std::int64_t motion, std::int64_t text,
                       const at::Tensor& xLengths, const at::Tensor& ctxtLengths,
                       std::int64_t textPositionOffset) const;
    DitConditioning condition(const DitContext& ctx, const at::Tensor& ctxt,
                              const at::Tensor& vtxt) const;
    /// x (B,M,C) any float dtype, t (B) float32 on device(). No host synchronisation (safe to
    /// capture in a CUDA graph). Returns (B,M,C) in dtype().
    at::Tensor forwardPrepared(const DitContext& ctx, const DitConditioning& cond,
                               const at::Tensor& x, const at::Tensor& t,
                               DitTrace* trace = nullptr) const;

    /// Initial noise for `seeds`: per seed randn(1, trainFrames, C) from a generator seeded with
    /// the seed — a CUDA generator when the model runs on CUDA and random_generator_on_gpu is
    /// true, else a CPU generator (then copied). (S, trainFrames, C) float32 on device().
    at::Tensor drawNoise(const std::vector<std::uint64_t>& seeds) const;
    /// True when drawNoise uses a CUDA generator.
    bool noiseOnGpu() const;

    /// Euler flow-matching sampling with classifier-free guidance (hymotion-spec.md §4).
    /// Progress stage "sample", one step per Euler step; cancellation is checked before every
    /// step (throws Cancelled). Throws InvalidArgument for bad shapes, lengths, steps or scale.
    DitSampleResult sample(const DitSampleArgs& args, const RunControl& control = {}) const;

  private:
    MotionDit();
    struct Impl;
    std::unique_ptr<Impl> m_impl;
    friend struct MotionDitAccess;
};

/// durationToFrames() (dit_config.h) that throws pw::Exception(InvalidArgument) instead.
int framesForDuration(double durationSec, const DitConfig& config);

/// Device memory of libtorch's CUDA allocator (zeros on CPU).
MemoryStats deviceMemoryStats(Device device);
/// Resets the CUDA allocator's peak counter (no-op on CPU).
void resetPeakMemory(Device device);
/// Waits for queued device work (no-op on CPU).
void synchronizeDevice(Device device);

/// Converts the exception in flight (pw::Exception, c10::OutOfMemoryError, c10::Error,
/// std::exception) to an Error. Call only inside a catch block.
Error currentTorchError();

/// Runs `fn`, turning any exception (including libtorch's) into an Error.
template <class Fn> auto guardTorch(Fn&& fn) -> Result<std::invoke_result_t<Fn>>
{
    return guardWith(currentTorchError, std::forward<Fn>(fn));
}

} // namespace pw::infer
