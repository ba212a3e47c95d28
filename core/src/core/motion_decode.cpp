// SPDX-License-Identifier: Apache-2.0
#include <pw/core/motion_decode.h>
#include <pw/core/rotation.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <string>

namespace pw {
namespace {

constexpr int kJoints = kBodyJointCount; // 22: root + 21 body joints
constexpr int kRotChannelsBegin = 3;     // root 6D at [3:9], body 6D at [9:135]

std::string sizeString(std::size_t n)
{
    return std::to_string(n) + " values";
}

// Largest-eigenvalue eigenvector of a symmetric 4x4 matrix by cyclic Jacobi rotations (double).
// Converges quadratically; 4x4 needs a handful of sweeps.
glm::dvec4 largestEigenvector(double a[4][4])
{
    double v[4][4] = {{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}};
    for (int sweep = 0; sweep < 64; ++sweep) {
        double off = 0.0;
        for (int p = 0; p < 4; ++p) {
            for (int q = p + 1; q < 4; ++q) {
                off += a[p][q] * a[p][q];
            }
        }
        if (off < 1e-300) {
            break;
        }
        for (int p = 0; p < 4; ++p) {
            for (int q = p + 1; q < 4; ++q) {
                if (a[p][q] == 0.0) {
                    continue;
                }
                const double theta = (a[q][q] - a[p][p]) / (2.0 * a[p][q]);
                const double t = (theta >= 0.0 ? 1.0 : -1.0) /
                                 (std::abs(theta) + std::sqrt(theta * theta + 1.0));
                const double c = 1.0 / std::sqrt(t * t + 1.0);
                const double s = t * c;
                for (int k = 0; k < 4; ++k) { // A <- A J (columns p, q)
                    const double akp = a[k][p], akq = a[k][q];
                    a[k][p] = c * akp - s * akq;
                    a[k][q] = s * akp + c * akq;
                }
                for (int k = 0; k < 4; ++k) { // A <- J^T A (rows p, q)
                    const double apk = a[p][k], aqk = a[q][k];
                    a[p][k] = c * apk - s * aqk;
                    a[q][k] = s * apk + c * aqk;
                }
                for (int k = 0; k < 4; ++k) { // V <- V J
                    const double vkp = v[k][p], vkq = v[k][q];
                    v[k][p] = c * vkp - s * vkq;
                    v[k][q] = s * vkp + c * vkq;
                }
            }
        }
    }
    int best = 0;
    for (int i = 1; i < 4; ++i) {
        if (a[i][i] > a[best][best]) {
            best = i;
        }
    }
    glm::dvec4 e(v[0][best], v[1][best], v[2][best], v[3][best]);
    return e / std::sqrt(glm::dot(e, e));
}

// The reference's quaternion_fix_continuity on one track (cumulative sign flips).
void fixContinuity(std::span<glm::quat> track)
{
    bool flip = false;
    for (std::size_t i = 1; i < track.size(); ++i) {
        // Dot products of the *original* consecutive quaternions decide, as in the reference.
        const glm::quat& prev = track[i - 1];
        const glm::quat& cur = track[i];
        const float d = prev.w * cur.w + prev.x * cur.x + prev.y * cur.y + prev.z * cur.z;
        // `prev` may already be flipped: undo that to compare originals.
        const float original = flip ? -d : d;
        if (original < 0.0f) {
            flip = !flip;
        }
        if (flip) {
            track[i] = -cur;
        }
    }
}

constexpr std::array<double, 11> kSgInterior = {18, -45, -10, 60, 120, 143, 120, 60, -10, -45, 18};
constexpr double kSgInteriorDen = 429.0;
// Rows for the first five outputs (least-squares quintic through x0..x10 evaluated at 0..4).
constexpr std::array<std::array<double, 11>, 5> kSgEdge = {{
    {557, 54, -51, -16, 24, 24, -4, -24, -9, 26, -9},
    {27, 184, 111, 6, -44, -30, 12, 34, 9, -36, 13},
    {-153, 666, 719, 456, 156, -40, -96, -48, 29, 54, -27},
    {-4, 3, 38, 57, 48, 20, -8, -18, -4, 17, -6},
    {6, -22, 13, 48, 57, 40, 12, -8, -8, 6, -1},
}};
constexpr std::array<double, 5> kSgEdgeDen = {572.0, 286.0, 1716.0, 143.0, 143.0};

} // namespace

std::span<const double, 9> gaussianSmoothingWeights()
{
    static const std::array<double, 9> kWeights = [] {
        std::array<double, 9> w{};
        double sum = 0.0;
        for (int k = -4; k <= 4; ++k) {
            w[static_cast<std::size_t>(k + 4)] = std::exp(-0.5 * k * k);
            sum += w[static_cast<std::size_t>(k + 4)];
        }
        for (double& x : w) {
            x /= sum;
        }
        return w;
    }();
    return kWeights;
}

void smoothQuaternionTrack(std::span<glm::quat> track)
{
    const int n = static_cast<int>(track.size());
    if (n == 0) {
        return;
    }
    // The reference fixes continuity twice (smooth_rotation, then smooth_quats); both are
    // no-ops for the result since only q q^T enters the average, but keep the order anyway.
    fixContinuity(track);
    const std::vector<glm::quat> q(track.begin(), track.end());
    const auto weights = gaussianSmoothingWeights();
    for (int frame = 0; frame < n; ++frame) {
        double a[4][4] = {};
        double wSum = 0.0;
        for (int k = -4; k <= 4; ++k) {
            const int idx = std::clamp(frame + k, 0, n - 1);
            const glm::quat& qi = q[static_cast<std::size_t>(idx)];
            const float c[4] = {qi.w, qi.x, qi.y, qi.z};
            const double w = weights[static_cast<std::size_t>(k + 4)];
            for (int r = 0; r < 4; ++r) {
                for (int s = 0; s < 4; ++s) {
                    // numpy: float32 outer product, promoted to float64 by the weight.
                    a[r][s] += w * static_cast<double>(c[r] * c[s]);
                }
            }
            wSum += w;
        }
        for (auto& row : a) {
            for (double& x : row) {
                x /= wSum;
            }
        }
        const glm::dvec4 e = largestEigenvector(a);
        track[static_cast<std::size_t>(frame)] =
            glm::quat(static_cast<float>(e[0]), static_cast<float>(e[1]), static_cast<float>(e[2]),
                      static_cast<float>(e[3]));
    }
}

void savgolSmooth(std::span<float> values, int frames, int stride)
{
    PW_ASSERT(frames >= kMinDecodeFrames && stride >= 1);
    PW_ASSERT(values.size() >= static_cast<std::size_t>((frames - 1) * stride + 1));
    std::vector<double> x(static_cast<std::size_t>(frames));
    for (int i = 0; i < frames; ++i) {
        x[static_cast<std::size_t>(i)] = values[static_cast<std::size_t>(i * stride)];
    }
    auto out = [&](int i, double v) {
        values[static_cast<std::size_t>(i * stride)] = static_cast<float>(v);
    };
    for (int i = 5; i <= frames - 6; ++i) {
        double acc = 0.0;
        for (int k = 0; k < 11; ++k) {
            acc +=
                kSgInterior[static_cast<std::size_t>(k)] * x[static_cast<std::size_t>(i - 5 + k)];
        }
        out(i, acc / kSgInteriorDen);
    }
    for (int e = 0; e < 5; ++e) {
        const auto& row = kSgEdge[static_cast<std::size_t>(e)];
        double head = 0.0;
        double tail = 0.0;
        for (int k = 0; k < 11; ++k) {
            head += row[static_cast<std::size_t>(k)] * x[static_cast<std::size_t>(k)];
            // Mirror image: y[L-1-e] uses the row reversed over x[L-11..L-1].
            tail += row[static_cast<std::size_t>(k)] * x[static_cast<std::size_t>(frames - 1 - k)];
        }
        out(e, head / kSgEdgeDen[static_cast<std::size_t>(e)]);
        out(frames - 1 - e, tail / kSgEdgeDen[static_cast<std::size_t>(e)]);
    }
}

Result<std::vector<float>> denormalizeLatent(std::span<const float> latent,
                                             std::span<const float> mean,
                                             std::span<const float> std)
{
    if (mean.size() != kMotionChannels || std.size() != kMotionChannels) {
        return Error(Errc::InvalidArgument, "motion statistics must have 201 entries")
            .at(mean.size() != kMotionChannels ? "mean" : "std")
            .mismatch("201 values",
                      sizeString(mean.size() != kMotionChannels ? mean.size() : std.size()));
    }
    if (latent.size() % kMotionChannels != 0) {
        return Error(Errc::InvalidArgument, "latent size is not a multiple of 201 channels")
            .at("latent")
            .mismatch("frames x 201 values", sizeString(latent.size()));
    }
    std::vector<float> out(latent.size());
    for (std::size_t i = 0; i < latent.size(); ++i) {
        const std::size_t c = i % kMotionChannels;
        const float s = std[c] < kStdZeroThreshold ? 0.0f : std[c];
        out[i] = latent[i] * s + mean[c];
    }
    return out;
}

Result<DecodedMotion> decodeLatent(std::span<const float> latent, int frames,
                                   std::span<const float> mean, std::span<const float> std,
                                   bool smooth)
{
    if (frames <= 0 || latent.size() != static_cast<std::size_t>(frames) * kMotionChannels) {
        return Error(Errc::InvalidArgument, "latent size does not match the frame count")
            .at("latent")
            .mismatch(std::to_string(frames) + " x 201 values", sizeString(latent.size()));
    }
    if (smooth && frames < kMinDecodeFrames) {
        return Error(Errc::InvalidArgument, "too few frames to smooth the motion")
            .at("frames")
            .mismatch("at least 11", std::to_string(frames));
    }
    auto denorm = denormalizeLatent(latent, mean, std);
    if (!denorm) {
        return std::move(denorm).error();
    }
    for (std::size_t i = 0; i < denorm->size(); ++i) {
        if (!std::isfinite((*denorm)[i])) {
            return Error(Errc::BadModelOutput, "the motion latent has non-finite values")
                .at("latent[" + std::to_string(i / kMotionChannels) + ", " +
                    std::to_string(i % kMotionChannels) + "]");
        }
    }

    DecodedMotion out;
    out.frames = frames;
    out.latentDenorm = std::move(*denorm);
    const auto f = static_cast<std::size_t>(frames);
    out.transl.resize(f * 3);
    out.rot6d.resize(f * kJoints * 6);
    for (std::size_t t = 0; t < f; ++t) {
        const float* row = out.latentDenorm.data() + t * kMotionChannels;
        std::copy(row, row + 3, out.transl.data() + t * 3);
        std::copy(row + kRotChannelsBegin, row + kRotChannelsBegin + kJoints * 6,
                  out.rot6d.data() + t * kJoints * 6);
    }

    if (smooth) {
        std::vector<glm::quat> track(f);
        for (int j = 0; j < kJoints; ++j) {
            for (std::size_t t = 0; t < f; ++t) {
                const float* r = out.rot6d.data() + (t * kJoints + static_cast<std::size_t>(j)) * 6;
                track[t] = matrixToQuaternion(rot6dToMatrix(std::span<const float, 6>(r, 6)));
            }
            smoothQuaternionTrack(track);
            for (std::size_t t = 0; t < f; ++t) {
                const auto r6 = matrixToRot6d(quaternionToMatrix(track[t]));
                std::copy(r6.begin(), r6.end(),
                          out.rot6d.data() + (t * kJoints + static_cast<std::size_t>(j)) * 6);
            }
        }
        for (int axis = 0; axis < 3; ++axis) {
            savgolSmooth(std::span(out.transl).subspan(static_cast<std::size_t>(axis)), frames, 3);
        }
    }

    out.rootRotmat.resize(f * 9);
    for (std::size_t t = 0; t < f; ++t) {
        const glm::mat3 m =
            rot6dToMatrix(std::span<const float, 6>(out.rot6d.data() + t * kJoints * 6, 6));
        for (int r = 0; r < 3; ++r) {
            for (int c = 0; c < 3; ++c) {
                out.rootRotmat[t * 9 + static_cast<std::size_t>(r * 3 + c)] = m[c][r];
            }
        }
    }
    return out;
}

Result<std::vector<DecodedMotion>> decodeLatentBatch(std::span<const float> latent, int samples,
                                                     int frames, std::span<const float> mean,
                                                     std::span<const float> std, bool smooth)
{
    const std::size_t per = static_cast<std::size_t>(std::max(frames, 0)) * kMotionChannels;
    if (samples <= 0 || latent.size() != per * static_cast<std::size_t>(samples)) {
        return Error(Errc::InvalidArgument, "latent size does not match samples x frames x 201")
            .at("latent")
            .mismatch(std::to_string(samples) + " x " + std::to_string(frames) + " x 201 values",
                      sizeString(latent.size()));
    }
    std::vector<DecodedMotion> out;
    out.reserve(static_cast<std::size_t>(samples));
    for (int s = 0; s < samples; ++s) {
        auto d = decodeLatent(latent.subspan(static_cast<std::size_t>(s) * per, per), frames, mean,
                              std, smooth);
        if (!d) {
            return std::move(d).error();
        }
        out.push_back(std::move(*d));
    }
    return out;
}

MotionClip motionClipFromDecoded(const DecodedMotion& decoded,
                                 std::shared_ptr<const Skeleton> skeleton, float fps)
{
    MotionClip clip;
    clip.skeleton = skeleton ? std::move(skeleton) : Skeleton::smplhBody();
    PW_ASSERT(clip.skeleton->jointCount() == kJoints);
    clip.fps = fps;
    clip.frameCount = decoded.frames;
    const auto f = static_cast<std::size_t>(decoded.frames);
    PW_ASSERT(decoded.rot6d.size() == f * kJoints * 6 && decoded.transl.size() == f * 3);
    clip.rootTranslation.resize(f);
    clip.localRotation.resize(f * kJoints);
    for (std::size_t t = 0; t < f; ++t) {
        clip.rootTranslation[t] =
            glm::vec3(decoded.transl[t * 3], decoded.transl[t * 3 + 1], decoded.transl[t * 3 + 2]);
        for (std::size_t j = 0; j < kJoints; ++j) {
            const float* r = decoded.rot6d.data() + (t * kJoints + j) * 6;
            clip.localRotation[t * kJoints + j] =
                glm::normalize(matrixToQuaternion(rot6dToMatrix(std::span<const float, 6>(r, 6))));
        }
    }
    return clip;
}

} // namespace pw
