// SPDX-License-Identifier: Apache-2.0
// Replays fuzz inputs without libFuzzer: every file given (or found in the folders given), plus
// deterministic mutations of each (truncations, byte flips, overwritten length fields), through
// LLVMFuzzerTestOneInput. Registered as a unit test so every build exercises the readers'
// error paths; run under ASan (PW_SANITIZER=address) to catch memory errors.
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

std::vector<std::uint8_t> readFile(const std::filesystem::path& p)
{
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void run(const std::vector<std::uint8_t>& b)
{
    LLVMFuzzerTestOneInput(b.data(), b.size());
}

// A small deterministic generator (the replay must be reproducible).
struct Lcg
{
    std::uint64_t s;
    std::uint64_t next()
    {
        s = s * 6364136223846793005ull + 1442695040888963407ull;
        return s >> 33;
    }
};

std::size_t mutate(const std::vector<std::uint8_t>& original, std::uint64_t seed, int count)
{
    std::size_t runs = 0;
    if (original.empty()) {
        return runs;
    }
    Lcg rng{seed};
    // Truncations at evenly spread lengths and near the end (the zip directory lives there).
    for (int i = 0; i <= 16; ++i) {
        const std::size_t n = original.size() * static_cast<std::size_t>(i) / 16;
        run({original.begin(), original.begin() + static_cast<std::ptrdiff_t>(n)});
        ++runs;
    }
    for (std::size_t k = 1; k <= 64 && k < original.size(); ++k) {
        run({original.begin(), original.end() - static_cast<std::ptrdiff_t>(k)});
        ++runs;
    }
    for (int i = 0; i < count; ++i) {
        std::vector<std::uint8_t> b = original;
        const int edits = 1 + static_cast<int>(rng.next() % 4);
        for (int e = 0; e < edits; ++e) {
            const std::size_t pos = rng.next() % b.size();
            switch (rng.next() % 4) {
            case 0: // bit flip
                b[pos] ^= static_cast<std::uint8_t>(1u << (rng.next() % 8));
                break;
            case 1: // random byte
                b[pos] = static_cast<std::uint8_t>(rng.next());
                break;
            case 2: // a large little-endian value over a 4-byte field (sizes, offsets)
                for (std::size_t k = 0; k < 4 && pos + k < b.size(); ++k) {
                    b[pos + k] = (rng.next() % 2) ? 0xff : 0x7f;
                }
                break;
            default: // small value (counts, lengths)
                for (std::size_t k = 0; k < 4 && pos + k < b.size(); ++k) {
                    b[pos + k] = k == 0 ? static_cast<std::uint8_t>(rng.next() % 8) : 0;
                }
                break;
            }
        }
        run(b);
        ++runs;
    }
    return runs;
}

} // namespace

int main(int argc, char** argv)
{
    std::vector<std::filesystem::path> files;
    int mutations = 300;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg.rfind("--mutations=", 0) == 0) {
            mutations = std::stoi(arg.substr(12));
            continue;
        }
        std::error_code ec;
        if (std::filesystem::is_directory(arg, ec)) {
            for (const auto& e : std::filesystem::directory_iterator(arg)) {
                if (e.is_regular_file()) {
                    files.push_back(e.path());
                }
            }
        } else if (std::filesystem::exists(arg, ec)) {
            files.push_back(arg);
        } else {
            std::fprintf(stderr, "fuzz replay: no such input: %s\n", arg.c_str());
            return 2;
        }
    }
    if (files.empty()) {
        std::fprintf(stderr, "usage: %s [--mutations=N] FILE_OR_DIR...\n", argv[0]);
        return 2;
    }
    std::size_t runs = 0;
    std::uint64_t seed = 1;
    for (const auto& f : files) {
        const auto bytes = readFile(f);
        run(bytes);
        // Large files (the fixture checkpoint) get fewer mutations: each parse maps it all.
        runs += 1 + mutate(bytes, seed++, bytes.size() > (1u << 20) ? mutations / 10 : mutations);
    }
    std::printf("fuzz replay: %zu inputs from %zu files, no crash\n", runs, files.size());
    return 0;
}
