// SPDX-License-Identifier: Apache-2.0
// A stand-in for pw::infer::Engine: reports progress per step, honours the cancel token, can
// run out of memory on request and returns synthetic walk takes. Used to test the worker, the
// controller and the main window without model weights.
#pragma once

#include "engine_factory.h"
#include "synthetic_motion.h"

#include <pw/infer/engine.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <stdexcept>
#include <thread>

namespace pw::test {

struct FakeEngineBehaviour
{
    int steps = 10;
    int stepMs = 2;
    int oomAtStep = -1;       ///< > 0: fail with OutOfMemory at this sampler step
    bool throwAtStep = false; ///< throw std::bad_alloc instead of returning the error
    int frames = 60;
};

class FakeEngine : public infer::Engine
{
  public:
    FakeEngine(infer::EngineConfig config, std::shared_ptr<FakeEngineBehaviour> behaviour)
        : m_config(std::move(config)), m_behaviour(std::move(behaviour))
    {
    }

    Result<std::vector<Take>> generate(const infer::GenerateRequest& request,
                                       const RunControl& control) override
    {
        const FakeEngineBehaviour b = *m_behaviour;
        if (request.prompt.empty()) {
            return Error(Errc::InvalidArgument, "empty prompt");
        }
        control.report(0, 1, "encode");
        control.report(1, 1, "encode");
        const int steps = request.steps.value_or(b.steps);
        for (int step = 1; step <= steps; ++step) {
            if (control.cancel.isCancelRequested()) {
                return Error(Errc::Cancelled, "cancelled at step " + std::to_string(step));
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(b.stepMs));
            m_allocated = 1000000ULL * step * request.seeds.size();
            m_peak = std::max(m_peak, m_allocated);
            if (step == b.oomAtStep) {
                if (b.throwAtStep) {
                    throw std::bad_alloc();
                }
                return Error(Errc::OutOfMemory,
                             "CUDA out of memory. Tried to allocate 2.00 GiB (GPU 0; 23.65 GiB "
                             "total capacity; 21.90 GiB already allocated)");
            }
            control.report(step, steps, "sample");
        }
        control.report(0, 1, "decode");
        std::vector<Take> takes;
        int index = 0;
        for (std::uint64_t seed : request.seeds) {
            Take t = syntheticTake("", seed, b.frames, 0.7f * static_cast<float>(index));
            t.id.clear();
            t.createdUtc.clear();
            t.appVersion.clear();
            t.prompt = request.prompt;
            t.params.durationSec = request.durationSec;
            t.params.steps = steps;
            t.params.cfgScale = request.cfgScale.value_or(5.0f);
            t.params.textMaxLength = request.textMaxLength.value_or(128);
            t.model.name = "fake-engine";
            takes.push_back(std::move(t));
            ++index;
        }
        control.report(1, 1, "decode");
        m_allocated = 0;
        return takes;
    }

    infer::ModelSummary summary() const override
    {
        infer::ModelSummary s;
        s.name = "fake-engine";
        s.trainFrames = 360;
        s.parameterCount = 1234;
        return s;
    }

    infer::MemoryStats memoryStats() const override
    {
        infer::MemoryStats m;
        m.allocatedBytes = m_allocated;
        m.reservedBytes = m_allocated * 2;
        m.peakAllocatedBytes = m_peak;
        return m;
    }

    const infer::EngineConfig& config() const override { return m_config; }

  private:
    infer::EngineConfig m_config;
    std::shared_ptr<FakeEngineBehaviour> m_behaviour;
    std::uint64_t m_allocated = 0;
    std::uint64_t m_peak = 0;
};

/// A factory making FakeEngines that share `behaviour` (tests change it between jobs).
/// `loadMs` > 0 makes loading take that long, checking the cancel token every millisecond.
inline gui::EngineFactory fakeEngineFactory(std::shared_ptr<FakeEngineBehaviour> behaviour,
                                            int loadMs = 0)
{
    return
        [behaviour, loadMs](const infer::EngineConfig& config,
                            const RunControl& control) -> Result<std::unique_ptr<infer::Engine>> {
            for (int ms = 0; ms < loadMs; ++ms) {
                if (control.cancel.isCancelRequested()) {
                    return Error(Errc::Cancelled, "load cancelled");
                }
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
                control.report(ms, loadMs, "load");
            }
            if (config.modelDir == "/missing") {
                return Error(Errc::FileNotFound, "model folder does not exist").inFile("/missing");
            }
            return std::unique_ptr<infer::Engine>(std::make_unique<FakeEngine>(config, behaviour));
        };
}

} // namespace pw::test
