// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <pw/infer/engine.h>

#include <functional>
#include <memory>

namespace pw::gui {

/// Makes the inference engine on the inference thread. The studio uses infer::Engine::load;
/// tests inject engines of their own (progress, cancel and out-of-memory paths).
using EngineFactory = std::function<Result<std::unique_ptr<infer::Engine>>(
    const infer::EngineConfig& config, const RunControl& control)>;

/// infer::Engine::load when this build has the engine; otherwise a factory that fails with
/// UnsupportedDevice "the inference engine is not part of this build".
EngineFactory defaultEngineFactory();
/// Whether defaultEngineFactory() can really load models.
bool defaultEngineAvailable();

} // namespace pw::gui
