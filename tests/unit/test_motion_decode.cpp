// SPDX-License-Identifier: Apache-2.0
#include "approx.h"
#include "fixture_take.h"

#include <pw/core/motion_decode.h>
#include <pw/core/rotation.h>

#include <QTest>

#include <cmath>
#include <random>

using namespace pw;

namespace {

// Tolerances: float32 parity with the reference (hymotion-spec.md §6, issue #5).
constexpr double kDecodeTol = 1e-4;
constexpr double kGenTol = 1e-3;

std::vector<float> randomLatent(int frames, unsigned seed)
{
    std::mt19937 rng(seed);
    std::normal_distribution<float> n(0.0f, 1.0f);
    std::vector<float> v(static_cast<std::size_t>(frames) * kMotionChannels);
    for (float& x : v) {
        x = n(rng);
    }
    return v;
}

glm::quat randomUnitQuat(std::mt19937& rng)
{
    std::normal_distribution<float> n(0.0f, 1.0f);
    return glm::normalize(glm::quat(n(rng), n(rng), n(rng), n(rng)));
}

double angleBetween(const glm::quat& a, const glm::quat& b)
{
    const float d = std::min(1.0f, std::abs(glm::dot(glm::normalize(a), glm::normalize(b))));
    return 2.0 * std::acos(static_cast<double>(d));
}

} // namespace

class TestMotionDecode : public QObject
{
    Q_OBJECT
  private Q_SLOTS:
    void decodesTheReferenceGoldensWithoutSmoothing()
    {
        const auto latent = test::fixtureTensor("cases.safetensors", "dec.latent");
        const auto mean = test::fixtureTensor("model.safetensors", "mean");
        const auto std = test::fixtureTensor("model.safetensors", "std");
        auto d = decodeLatent(latent, 64, mean, std, false);
        QVERIFY2(d.has_value(), d ? "" : d.error().describe().c_str());
        QVERIFY(test::relativeError(d->latentDenorm, test::fixtureTensor("cases.safetensors",
                                                                         "dec.latent_denorm")) <=
                kDecodeTol);
        QVERIFY(test::relativeError(d->rot6d, test::fixtureTensor("cases.safetensors",
                                                                  "dec.raw.rot6d")) <= kDecodeTol);
        QVERIFY(test::relativeError(d->transl,
                                    test::fixtureTensor("cases.safetensors", "dec.raw.transl")) <=
                kDecodeTol);
    }

    void decodesTheReferenceGoldensWithSmoothing()
    {
        const auto latent = test::fixtureTensor("cases.safetensors", "dec.latent");
        const auto mean = test::fixtureTensor("model.safetensors", "mean");
        const auto std = test::fixtureTensor("model.safetensors", "std");
        auto d = decodeLatent(latent, 64, mean, std, true);
        QVERIFY(d.has_value());
        const double rot = test::relativeError(
            d->rot6d, test::fixtureTensor("cases.safetensors", "dec.smooth.rot6d"));
        const double tr = test::relativeError(
            d->transl, test::fixtureTensor("cases.safetensors", "dec.smooth.transl"));
        QVERIFY2(rot <= kDecodeTol, qPrintable(QString::number(rot)));
        QVERIFY2(tr <= kDecodeTol, qPrintable(QString::number(tr)));
    }

    void decodesTheSampledGoldenLatentsOfBothSeeds()
    {
        const auto latent = test::fixtureTensor("cases.safetensors", "gen.latent");
        const auto mean = test::fixtureTensor("model.safetensors", "mean");
        const auto std = test::fixtureTensor("model.safetensors", "std");
        auto batch = decodeLatentBatch(latent, 2, 75, mean, std);
        QVERIFY(batch.has_value());
        QCOMPARE(batch->size(), std::size_t{2});
        std::vector<float> rot6d, transl, rootRotmat;
        for (const auto& d : *batch) {
            rot6d.insert(rot6d.end(), d.rot6d.begin(), d.rot6d.end());
            transl.insert(transl.end(), d.transl.begin(), d.transl.end());
            rootRotmat.insert(rootRotmat.end(), d.rootRotmat.begin(), d.rootRotmat.end());
        }
        QVERIFY(test::relativeError(rot6d, test::fixtureTensor("cases.safetensors", "gen.rot6d")) <=
                kGenTol);
        QVERIFY(test::relativeError(
                    transl, test::fixtureTensor("cases.safetensors", "gen.transl")) <= kGenTol);
        QVERIFY(test::relativeError(rootRotmat, test::fixtureTensor("cases.safetensors",
                                                                    "gen.root_rotmat")) <= kGenTol);
    }

    void smallStdCountsAsZero()
    {
        std::vector<float> mean(kMotionChannels, 0.5f);
        std::vector<float> std(kMotionChannels, 2.0f);
        std[7] = 9.99e-4f; // below the threshold: ignored
        std[8] = 1e-3f;    // at the threshold: used
        const std::vector<float> latent(kMotionChannels, 3.0f);
        auto d = denormalizeLatent(latent, mean, std);
        QVERIFY(d.has_value());
        QCOMPARE((*d)[0], 6.5f);
        QCOMPARE((*d)[7], 0.5f);
        QCOMPARE((*d)[8], 3.0f * 1e-3f + 0.5f);
    }

    void rejectsBadSizesShortClipsAndNonFiniteValues()
    {
        const std::vector<float> mean(kMotionChannels, 0.0f), std(kMotionChannels, 1.0f);
        auto wrongStats =
            decodeLatent(randomLatent(20, 1), 20, mean, std::span(std).first(200), true);
        QVERIFY(!wrongStats && wrongStats.error().code == Errc::InvalidArgument);
        QCOMPARE(QString::fromStdString(wrongStats.error().item), QStringLiteral("std"));
        auto wrongFrames = decodeLatent(randomLatent(20, 1), 21, mean, std, true);
        QVERIFY(!wrongFrames && wrongFrames.error().code == Errc::InvalidArgument);
        auto tooShort = decodeLatent(randomLatent(10, 1), 10, mean, std, true);
        QVERIFY(!tooShort && tooShort.error().code == Errc::InvalidArgument);
        QVERIFY(decodeLatent(randomLatent(10, 1), 10, mean, std, false).has_value());
        auto latent = randomLatent(20, 1);
        latent[5 * kMotionChannels + 17] = std::nanf("");
        auto nan = decodeLatent(latent, 20, mean, std, true);
        QVERIFY(!nan && nan.error().code == Errc::BadModelOutput);
        QVERIFY(nan.error().item.find("latent[5, 17]") != std::string::npos);
    }

    void gaussianWeightsAreScipysNormalisedKernel()
    {
        const auto w = gaussianSmoothingWeights();
        const double expected[5] = {0.00013383062461474175, 0.0044318616200312655,
                                    0.05399112742070441, 0.24197144565660073, 0.39894346935609776};
        for (int k = 0; k < 5; ++k) {
            QVERIFY(std::abs(w[static_cast<std::size_t>(k)] - expected[k]) < 1e-15);
            QVERIFY(std::abs(w[static_cast<std::size_t>(8 - k)] - expected[k]) < 1e-15);
        }
    }

    void smoothingKeepsAConstantRotationAndIgnoresSigns()
    {
        std::mt19937 rng(7);
        const glm::quat q = randomUnitQuat(rng);
        std::vector<glm::quat> track(30, q);
        for (std::size_t i = 0; i < track.size(); i += 3) {
            track[i] = -track[i]; // same rotation, other hemisphere
        }
        smoothQuaternionTrack(track);
        for (const auto& s : track) {
            QVERIFY(std::abs(glm::length(s) - 1.0f) < 1e-6f);
            QVERIFY(angleBetween(s, q) < 1e-3);
        }
    }

    void smoothingIsTheWeightedAverageOfAShortArc()
    {
        // Rotations about one axis: the Markley average of nearby angles is (to first order)
        // the weighted mean angle, with edge frames repeated.
        const glm::vec3 axis = glm::normalize(glm::vec3(0.3f, 1.0f, -0.2f));
        const int n = 25;
        std::vector<double> angle(n);
        std::vector<glm::quat> track(n);
        for (int i = 0; i < n; ++i) {
            angle[static_cast<std::size_t>(i)] = 0.02 * i + 0.05 * std::sin(1.3 * i);
            track[static_cast<std::size_t>(i)] =
                glm::angleAxis(static_cast<float>(angle[static_cast<std::size_t>(i)]), axis);
        }
        smoothQuaternionTrack(track);
        const auto w = gaussianSmoothingWeights();
        for (int i = 0; i < n; ++i) {
            double mean = 0.0;
            for (int k = -4; k <= 4; ++k) {
                mean += w[static_cast<std::size_t>(k + 4)] *
                        angle[static_cast<std::size_t>(std::clamp(i + k, 0, n - 1))];
            }
            const glm::quat expected = glm::angleAxis(static_cast<float>(mean), axis);
            QVERIFY2(angleBetween(track[static_cast<std::size_t>(i)], expected) < 1e-4,
                     qPrintable(QStringLiteral("frame %1").arg(i)));
        }
    }

    void smoothingDampsASingleSpike()
    {
        std::vector<glm::quat> track(21, glm::quat(1, 0, 0, 0));
        track[10] = glm::angleAxis(glm::radians(40.0f), glm::vec3(1, 0, 0));
        smoothQuaternionTrack(track);
        const double peak = angleBetween(track[10], glm::quat(1, 0, 0, 0));
        QVERIFY(peak < glm::radians(40.0) * 0.45 && peak > glm::radians(40.0) * 0.35);
        QVERIFY(angleBetween(track[0], glm::quat(1, 0, 0, 0)) < 1e-6);
    }

    void savitzkyGolayReproducesQuinticsExactlyIncludingEdges()
    {
        const int n = 30;
        std::vector<float> x(n);
        auto poly = [](double t) {
            return 0.3 - 0.2 * t + 0.01 * t * t + 1e-3 * t * t * t - 5e-5 * std::pow(t, 4) +
                   1e-6 * std::pow(t, 5);
        };
        for (int i = 0; i < n; ++i) {
            x[static_cast<std::size_t>(i)] = static_cast<float>(poly(i));
        }
        std::vector<float> y = x;
        savgolSmooth(y, n, 1);
        for (int i = 0; i < n; ++i) {
            QVERIFY2(std::abs(y[static_cast<std::size_t>(i)] - x[static_cast<std::size_t>(i)]) <
                         1e-5f,
                     qPrintable(QStringLiteral("frame %1").arg(i)));
        }
    }

    void savitzkyGolayInteriorUsesTheSpecCoefficients()
    {
        const int n = 20;
        std::vector<float> impulse(n, 0.0f);
        impulse[10] = 429.0f;
        savgolSmooth(impulse, n, 1);
        const float expected[11] = {18, -45, -10, 60, 120, 143, 120, 60, -10, -45, 18};
        for (int k = 0; k < 11; ++k) {
            QCOMPARE(impulse[static_cast<std::size_t>(5 + k)], expected[k]);
        }
    }

    void savitzkyGolayHandlesStridedChannels()
    {
        const int n = 15;
        std::vector<float> xyz(static_cast<std::size_t>(n) * 3);
        for (int i = 0; i < n; ++i) {
            xyz[static_cast<std::size_t>(i * 3)] = static_cast<float>(i);      // linear: kept
            xyz[static_cast<std::size_t>(i * 3 + 1)] = (i % 2) ? 1.0f : -1.0f; // noise: damped
            xyz[static_cast<std::size_t>(i * 3 + 2)] = 7.0f;                   // constant: kept
        }
        savgolSmooth(std::span(xyz).subspan(0), n, 3);
        savgolSmooth(std::span(xyz).subspan(1), n, 3);
        savgolSmooth(std::span(xyz).subspan(2), n, 3);
        for (int i = 0; i < n; ++i) {
            QVERIFY(std::abs(xyz[static_cast<std::size_t>(i * 3)] - static_cast<float>(i)) < 1e-4f);
            QVERIFY(std::abs(xyz[static_cast<std::size_t>(i * 3 + 2)] - 7.0f) < 1e-5f);
        }
        QVERIFY(std::abs(xyz[7 * 3 + 1]) < 0.2f);
    }

    void clipRotationsMatchTheDecodedSixD()
    {
        const DecodedMotion d = test::fixtureDecoded();
        const MotionClip clip = motionClipFromDecoded(d);
        QCOMPARE(clip.frameCount, 75);
        QCOMPARE(clip.jointCount(), kBodyJointCount);
        QCOMPARE(clip.fps, 30.0f);
        for (int f = 0; f < clip.frameCount; f += 7) {
            for (int j = 0; j < kBodyJointCount; ++j) {
                const float* r = d.rot6d.data() + (f * kBodyJointCount + j) * 6;
                const glm::mat3 m = rot6dToMatrix(std::span<const float, 6>(r, 6));
                const glm::mat3 fromQuat = glm::mat3_cast(clip.rotation(f, j));
                for (int c = 0; c < 3; ++c) {
                    QVERIFY(test::approx(m[c], fromQuat[c], 1e-5f));
                }
            }
            QCOMPARE(clip.rootTranslation[static_cast<std::size_t>(f)].y,
                     d.transl[static_cast<std::size_t>(f * 3 + 1)]);
        }
    }
};

QTEST_APPLESS_MAIN(TestMotionDecode)
#include "test_motion_decode.moc"
