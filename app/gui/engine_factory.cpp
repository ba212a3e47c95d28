// SPDX-License-Identifier: Apache-2.0
#include "engine_factory.h"

namespace pw::gui {

EngineFactory defaultEngineFactory()
{
#if PW_HAVE_ENGINE
    return [](const infer::EngineConfig& config, const RunControl& control) {
        return infer::Engine::load(config, control);
    };
#else
    // TODO(#4): the pipeline lands with the text-encoder issue; CMake turns this on when
    // core/src/infer/engine.cpp exists.
    return [](const infer::EngineConfig&,
              const RunControl&) -> Result<std::unique_ptr<infer::Engine>> {
        return Error(Errc::UnsupportedDevice, "the inference engine is not part of this build");
    };
#endif
}

bool defaultEngineAvailable()
{
#if PW_HAVE_ENGINE
    return true;
#else
    return false;
#endif
}

} // namespace pw::gui
