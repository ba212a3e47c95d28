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

/// infer::Engine::load.
EngineFactory defaultEngineFactory();

} // namespace pw::gui
