// SPDX-License-Identifier: Apache-2.0
// Qt-free helpers of the studio: device memory probing, the memory estimate, pose tracks.
#include "approx.h"
#include "synthetic_motion.h"

#include <pw/core/device_memory.h>
#include <pw/core/forward_kinematics.h>
#include <pw/core/memory_estimate.h>
#include <pw/core/pose_track.h>

#include <QTest>

using namespace pw;

class TestStudioCore : public QObject
{
    Q_OBJECT
  private Q_SLOTS:
    void probeNeverFailsAndExplainsWhenThereIsNoGpu()
    {
        DeviceMemoryProbe probe;
        if (probe.source() == DeviceMemorySource::None) {
            QCOMPARE(probe.deviceCount(), 0);
            QVERIFY(!probe.reason().empty());
            QVERIFY(!probe.query(0).has_value());
        } else {
            // On a GPU machine the numbers must be consistent.
            QVERIFY(probe.deviceCount() > 0);
            auto info = probe.query(0);
            QVERIFY(info.has_value());
            QVERIFY(info->totalBytes > 0 && info->usedBytes <= info->totalBytes);
            QVERIFY(!info->name.empty());
        }
        QVERIFY(!probe.query(-1).has_value());
        QVERIFY(!probe.query(1000).has_value());
    }

    void hostMemoryReportsThisProcess()
    {
        const HostMemoryInfo host = queryHostMemory();
#ifdef __linux__
        QVERIFY(host.available);
        QVERIFY(host.processResidentBytes > 1024 * 1024);
        QVERIFY(host.processPeakBytes >= host.processResidentBytes);
        QVERIFY(host.totalBytes > host.processResidentBytes);
        QVERIFY(host.availableBytes <= host.totalBytes);
#else
        QVERIFY(!host.available);
#endif
    }

    void estimateMatchesTheMeasuredReferenceFigures()
    {
        // HY-Motion-1.0-Lite with the official files, everything resident on CUDA (spec 10.3).
        MemoryEstimateInput in;
        in.ditFileBytes = 1843542538ULL;
        in.ditFeatDim = 1024;
        in.qwenFileBytes = 16381000000ULL;
        in.clipTextBytes = 492000000ULL;
        in.cuda = true;
        in.candidates = 1;
        const double gib = 1024.0 * 1024.0 * 1024.0;
        const double one = static_cast<double>(estimatePeakMemory(in).peakBytes) / gib;
        // Static 17.43 GiB + activations 0.1 + encode 0.16 + context ~0.75.
        QVERIFY2(one > 18.0 && one < 19.0, qPrintable(QString::number(one)));
        in.candidates = 4;
        const double four = static_cast<double>(estimatePeakMemory(in).peakBytes) / gib;
        // Four candidates add about 0.28 GiB of DiT activations and 0.48 GiB of encoding.
        QVERIFY2(four - one > 0.6 && four - one < 0.9, qPrintable(QString::number(four - one)));
        // A half-precision DiT saves half its weights.
        in.ditHalfPrecision = true;
        const double half = static_cast<double>(estimatePeakMemory(in).peakBytes) / gib;
        QVERIFY(four - half > 0.8);
        // Text encoders freed before sampling: DiT-only figures.
        in.textEncodersResident = false;
        const auto ditOnly = estimatePeakMemory(in);
        QVERIFY(static_cast<double>(ditOnly.peakBytes) / gib < 2.5);
        std::uint64_t sum = 0;
        for (const auto& part : ditOnly.parts) {
            QVERIFY(!part.label.empty());
            sum += part.bytes;
        }
        QCOMPARE(sum, ditOnly.peakBytes);
    }

    void cpuEstimateHasNoCudaOverhead()
    {
        MemoryEstimateInput in;
        in.ditFileBytes = 1000;
        in.cuda = false;
        for (const auto& part : estimatePeakMemory(in).parts) {
            QVERIFY(part.label.find("CUDA") == std::string::npos);
        }
    }

    void poseTrackPrecomputesForwardKinematics()
    {
        const MotionClipPtr clip = test::syntheticWalk(90);
        const PoseTrack track(*clip);
        QCOMPARE(track.frameCount(), 90);
        QCOMPARE(track.jointCount(), 22);
        for (int f : {0, 45, 89}) {
            const auto expected = worldPositions(*clip, f);
            const auto got = track.frame(f);
            QCOMPARE(got.size(), expected.size());
            for (std::size_t j = 0; j < expected.size(); ++j) {
                QVERIFY(test::approx(got[j], expected[j], 1e-6f));
            }
            QVERIFY(
                test::approx(track.rootPath()[static_cast<std::size_t>(f)], expected[0], 1e-6f));
        }
        // Clamped frame access and bounds that contain every joint.
        QCOMPARE(track.frame(-5).data(), track.frame(0).data());
        QCOMPARE(track.frame(500).data(), track.frame(89).data());
        for (int f = 0; f < 90; ++f) {
            for (const auto& p : track.frame(f)) {
                QVERIFY(glm::all(glm::greaterThanEqual(p, track.boundsMin())));
                QVERIFY(glm::all(glm::lessThanEqual(p, track.boundsMax())));
            }
        }
        // The walk moves forward and stays above the ground.
        QVERIFY(track.rootPath().back().z > track.rootPath().front().z + 2.0f);
        QVERIFY(track.boundsMin().y > -0.05f);
    }

    void inconsistentClipGivesAnEmptyTrack()
    {
        MotionClip clip = *test::syntheticWalk(10);
        clip.localRotation.pop_back();
        QVERIFY(PoseTrack(clip).isEmpty());
        QVERIFY(PoseTrack(clip).frame(0).empty());
        QVERIFY(PoseTrack(MotionClip{}).isEmpty());
    }
};

QTEST_APPLESS_MAIN(TestStudioCore)
#include "test_studio_core.moc"
