// SPDX-License-Identifier: Apache-2.0
// A deterministic take for tests: the golden fixture's sampled latent (gen.latent, sample 0,
// 75 frames) decoded with the fixture model's mean/std. Needs PW_FIXTURES_DIR.
#pragma once

#include <pw/core/motion_decode.h>
#include <pw/core/safetensors.h>
#include <pw/core/take.h>

#include <QTest>

#include <memory>
#include <string>

namespace pw::test {

/// Reads a float32 tensor from a fixture file, failing the current test when absent.
inline std::vector<float> fixtureTensor(const std::string& file, const std::string& name)
{
    auto st = SafetensorsFile::open(std::string(PW_FIXTURES_DIR) + "/dit-tiny/" + file);
    if (!st) {
        qFatal("fixture: %s", st.error().describe().c_str());
    }
    auto t = st->require(name);
    if (!t) {
        qFatal("fixture: %s", t.error().describe().c_str());
    }
    auto v = (*t)->toFloat32();
    if (!v) {
        qFatal("fixture: %s", v.error().describe().c_str());
    }
    return std::move(*v);
}

/// The decoded fixture motion of `key` (a [S, L, 201] latent), sample `sample`.
inline DecodedMotion fixtureDecoded(const std::string& key = "gen.latent", int sample = 0,
                                    int frames = 75, bool smooth = true)
{
    const auto latent = fixtureTensor("cases.safetensors", key);
    const auto mean = fixtureTensor("model.safetensors", "mean");
    const auto std = fixtureTensor("model.safetensors", "std");
    const std::size_t per = static_cast<std::size_t>(frames) * kMotionChannels;
    auto d = decodeLatent(std::span(latent).subspan(per * static_cast<std::size_t>(sample), per),
                          frames, mean, std, smooth);
    if (!d) {
        qFatal("decode: %s", d.error().describe().c_str());
    }
    return std::move(*d);
}

/// A complete take around the fixture motion, every field set.
inline Take fixtureTake()
{
    Take take;
    take.id = "20261125-081503-seed3";
    take.prompt = "A person walks forward, then turns left and waves. «ünïcødé» 走路";
    take.seed = 18446744073709551557ULL; // large: must survive JSON exactly
    take.candidateIndex = 1;
    take.params.durationSec = 2.5;
    take.params.frames = 75;
    take.params.cfgScale = 5.0f;
    take.params.steps = 10;
    take.params.device = "cuda:1";
    take.params.precision = "bf16";
    take.params.textMaxLength = 128;
    take.params.trimmed = false;
    take.model.name = "dit-tiny";
    take.model.dir = "/models/dit-tiny";
    take.model.weightsFile = "model.safetensors";
    take.model.weightsBytes = 2965092;
    take.model.configSha256 = std::string(64, 'a');
    take.model.qwenDir = "/models/Qwen3-8B";
    take.model.clipDir = "/models/clip";
    take.createdUtc = "2026-11-25T08:15:03Z";
    take.appVersion = "0.1.0";
    take.motion = std::make_shared<MotionClip>(motionClipFromDecoded(fixtureDecoded()));
    return take;
}

} // namespace pw::test
