// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <filesystem>

namespace pw::paths {

/// Per-user directories following the XDG base directory specification, each ending in
/// "posewright". They are not created by these functions.
std::filesystem::path stateDir();  ///< $XDG_STATE_HOME or ~/.local/state
std::filesystem::path configDir(); ///< $XDG_CONFIG_HOME or ~/.config
std::filesystem::path cacheDir();  ///< $XDG_CACHE_HOME or ~/.cache
std::filesystem::path dataDir();   ///< $XDG_DATA_HOME or ~/.local/share

} // namespace pw::paths
