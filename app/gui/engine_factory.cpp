// SPDX-License-Identifier: Apache-2.0
#include "engine_factory.h"

namespace pw::gui {

EngineFactory defaultEngineFactory()
{
    return [](const infer::EngineConfig& config, const RunControl& control) {
        return infer::Engine::load(config, control);
    };
}

} // namespace pw::gui
