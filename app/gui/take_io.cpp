// SPDX-License-Identifier: Apache-2.0
#include "take_io.h"

#include <pw/io/take_file.h>

namespace pw::gui {

TakeFileIo TakeFileIo::defaults()
{
    TakeFileIo io;
    io.save = [](const Take& take, const std::filesystem::path& path) {
        return io::saveTake(take, path);
    };
    io.load = [](const std::filesystem::path& path) { return io::loadTake(path); };
    return io;
}

std::string compactUtc(const std::string& iso)
{
    // "2026-11-25T08:15:03Z" -> "20261125-081503"
    std::string out;
    for (char c : iso) {
        if (c >= '0' && c <= '9') {
            out += c;
        } else if (c == 'T') {
            out += '-';
        }
    }
    return out;
}

std::string makeTakeId(const std::string& createdUtcCompact, std::uint64_t seed, int candidate,
                       const std::function<bool(const std::string&)>& exists)
{
    const std::string base =
        createdUtcCompact + "-s" + std::to_string(seed) + "-c" + std::to_string(candidate);
    std::string id = base;
    for (int n = 2; exists && exists(id); ++n) {
        id = base + "-" + std::to_string(n);
    }
    return id;
}

std::filesystem::path takePath(const std::filesystem::path& projectDir, const std::string& id)
{
    return projectDir / (id + io::kTakeExtension);
}

} // namespace pw::gui
