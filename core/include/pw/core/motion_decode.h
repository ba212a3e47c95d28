// SPDX-License-Identifier: Apache-2.0
#pragma once

// Decoding of the DiT's 201-channel output into joint rotations and a root translation, exactly
// as the HY-Motion reference does it (hymotion-spec.md §6): de-normalisation, channel split,
// 6D -> matrix, Gaussian quaternion smoothing (Markley average) of the 22 rotations,
// Savitzky-Golay smoothing of the translation. Pure C++, float32 like the reference (the
// averaging runs in double as numpy does). Thread: any (no shared state).

#include <pw/core/error.h>
#include <pw/core/motion_clip.h>

#include <glm/gtc/quaternion.hpp>

#include <memory>
#include <span>
#include <vector>

namespace pw {

/// Channels per frame of the motion latent: [0:3] root translation, [3:9] root rotation (6D),
/// [9:135] 21 body joints x 6D, [135:201] 22 joint positions (not used by decoding).
inline constexpr int kMotionChannels = 201;
/// std entries below this count as 0 in de-normalisation (the reference's rule).
inline constexpr float kStdZeroThreshold = 1e-3f;
/// The smoothing needs at least this many frames (Savitzky-Golay window).
inline constexpr int kMinDecodeFrames = 11;

/// One decoded sample. All arrays are frame-major, float32, row-major like the reference's
/// tensors of the same name (hymotion-spec.md §6.6).
struct DecodedMotion
{
    int frames = 0;
    std::vector<float> latentDenorm; ///< (frames, 201): de-normalised, unsmoothed
    std::vector<float> rot6d;        ///< (frames, 22, 6): local rotations, joint 0 = root (global)
    std::vector<float> transl;       ///< (frames, 3): root translation, metres, Y up
    std::vector<float> rootRotmat;   ///< (frames, 3, 3) row-major: rot6dToMatrix(rot6d[:, 0])
};

/// x * std' + mean per channel, with std' = 0 where std < 1e-3. `latent` is (frames, 201).
/// Errors: InvalidArgument (sizes).
Result<std::vector<float>> denormalizeLatent(std::span<const float> latent,
                                             std::span<const float> mean,
                                             std::span<const float> std);

/// Decodes one sample: `latent` is the normalised DiT output (frames, 201); `mean`/`std` are the
/// checkpoint's 201-entry statistics. With `smooth` (always on in the reference's generate) the
/// rotations and translation are smoothed; without it rot6d/transl are the raw channels.
/// The translation is NOT ground-aligned (see groundAligned() in motion_clip_ops.h).
/// Errors: InvalidArgument (sizes, fewer than kMinDecodeFrames frames when smoothing),
/// BadModelOutput (non-finite values).
Result<DecodedMotion> decodeLatent(std::span<const float> latent, int frames,
                                   std::span<const float> mean, std::span<const float> std,
                                   bool smooth = true);

/// Decodes `samples` samples of a (samples, frames, 201) latent. Same errors as decodeLatent.
Result<std::vector<DecodedMotion>> decodeLatentBatch(std::span<const float> latent, int samples,
                                                     int frames, std::span<const float> mean,
                                                     std::span<const float> std,
                                                     bool smooth = true);

/// The reference's rotation smoothing for one joint's track, in place: sign continuity, then for
/// every frame the weighted Markley average (largest eigenvector of sum w q q^T, computed in
/// double) of the 9 frames around it with Gaussian weights (sigma 1, radius 4), indices clamped
/// to the first/last frame. The sign of each output quaternion is arbitrary (as numpy's eigh).
void smoothQuaternionTrack(std::span<glm::quat> track);

/// The 9 normalised Gaussian weights (sigma 1, radius 4) used by smoothQuaternionTrack.
std::span<const double, 9> gaussianSmoothingWeights();

/// Savitzky-Golay filter (window 11, polynomial order 5, scipy's default mode "interp") of one
/// channel sampled with `stride` floats between frames, in place. Needs >= 11 frames (asserted).
void savgolSmooth(std::span<float> values, int frames, int stride = 1);

/// The MotionClip of a decoded sample: local rotations from rot6d (as unit quaternions) and the
/// root translation, on `skeleton` (default: the built-in 22-joint body) at `fps`.
MotionClip motionClipFromDecoded(const DecodedMotion& decoded,
                                 std::shared_ptr<const Skeleton> skeleton = nullptr,
                                 float fps = 30.0f);

} // namespace pw
