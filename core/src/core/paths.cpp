// SPDX-License-Identifier: Apache-2.0
#include <pw/core/paths.h>

#include <cstdlib>

namespace pw::paths {
namespace {

std::filesystem::path home()
{
    if (const char* h = std::getenv("HOME"); h != nullptr && *h != '\0') {
        return h;
    }
    return std::filesystem::temp_directory_path();
}

// XDG says a relative value must be ignored.
std::filesystem::path xdg(const char* variable, const std::filesystem::path& fallback)
{
    if (const char* v = std::getenv(variable); v != nullptr && *v != '\0') {
        std::filesystem::path p(v);
        if (p.is_absolute()) {
            return p / "posewright";
        }
    }
    return home() / fallback / "posewright";
}

} // namespace

std::filesystem::path stateDir()
{
    return xdg("XDG_STATE_HOME", ".local/state");
}
std::filesystem::path configDir()
{
    return xdg("XDG_CONFIG_HOME", ".config");
}
std::filesystem::path cacheDir()
{
    return xdg("XDG_CACHE_HOME", ".cache");
}
std::filesystem::path dataDir()
{
    return xdg("XDG_DATA_HOME", ".local/share");
}

} // namespace pw::paths
