// SPDX-License-Identifier: Apache-2.0
// Take files for GUI tests until the real format (issue 5) is in: a small text file with the
// id, prompt, seed and frame count; loading rebuilds the motion as a synthetic walk.
#pragma once

#include "synthetic_motion.h"
#include "take_io.h"

#include <filesystem>
#include <fstream>
#include <string>

namespace pw::test {

inline gui::TakeFileIo fakeTakeIo()
{
    gui::TakeFileIo io;
    io.save = [](const Take& take, const std::filesystem::path& path) -> Result<void> {
        std::ofstream out(path);
        out << "fake-take\n"
            << take.id << '\n'
            << take.prompt << '\n'
            << take.seed << '\n'
            << (take.motion ? take.motion->frameCount : 0) << '\n'
            << take.createdUtc << '\n';
        if (!out) {
            return Error(Errc::IoError, "cannot write").inFile(path.string());
        }
        return {};
    };
    io.load = [](const std::filesystem::path& path) -> Result<Take> {
        std::ifstream in(path);
        std::string magic, id, prompt, seed, frames, created;
        if (!std::getline(in, magic) || magic != "fake-take" || !std::getline(in, id) ||
            !std::getline(in, prompt) || !std::getline(in, seed) || !std::getline(in, frames) ||
            !std::getline(in, created)) {
            return Error(Errc::BadInput, "not a fake take file").inFile(path.string());
        }
        const std::uint64_t s = std::stoull(seed);
        Take t = syntheticTake(id, s, std::stoi(frames), static_cast<float>(s % 7));
        t.prompt = prompt;
        t.createdUtc = created;
        return t;
    };
    return io;
}

} // namespace pw::test
