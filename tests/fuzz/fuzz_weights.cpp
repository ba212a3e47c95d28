// SPDX-License-Identifier: Apache-2.0
// libFuzzer entry point for the weight-file readers users feed with files from the internet:
// the torch.save checkpoint reader (zip + restricted pickle) and the safetensors parser. Built
// as a real fuzzer with PW_BUILD_FUZZERS (clang, -fsanitize=fuzzer,address) and, in every
// build, as fuzz_weights_replay, which replays the seed corpus and mutations of it as a test.
#include <pw/core/safetensors.h>
#include <pw/core/torch_checkpoint.h>

#include <cstddef>
#include <cstdint>
#include <span>

namespace {

// Reads every byte a successful parse hands out, so out-of-range views crash under ASan.
std::uint64_t touch(const std::vector<pw::TensorView>& tensors)
{
    std::uint64_t sum = 0;
    for (const auto& t : tensors) {
        sum += static_cast<std::uint64_t>(t.numel()) + t.name.size();
        for (std::byte b : t.bytes) {
            sum += static_cast<std::uint8_t>(b);
        }
        if (t.bytes.size() <= 4096) {
            if (auto f = t.toFloat32()) {
                sum += f->size();
            }
        }
    }
    return sum;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::span<const std::byte> bytes(reinterpret_cast<const std::byte*>(data), size);
    volatile std::uint64_t sink = 0;
    if (auto ck = pw::TorchCheckpoint::parse(bytes, "fuzz.ckpt")) {
        sink = sink + touch(ck->tensors());
        for (const auto& t : ck->tensors()) {
            if (const auto* e = ck->storageEntry(t.name)) {
                sink = sink + (ck->archive().verifyCrc(*e).has_value() ? 1 : 0);
            }
        }
    } else {
        sink = sink + ck.error().describe().size();
    }
    if (auto st = pw::SafetensorsFile::parse(bytes, "fuzz.safetensors")) {
        sink = sink + touch(st->tensors());
    }
    return 0;
}
