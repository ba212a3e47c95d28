// SPDX-License-Identifier: Apache-2.0
// Torch-free on purpose: device names are parsed before any model is loaded.
#include <pw/infer/device.h>
#include <pw/infer/runtime.h>

#include <charconv>

namespace pw::infer {

std::string Device::toString() const
{
    return isCuda() ? "cuda:" + std::to_string(index) : std::string("cpu");
}

Result<Device> parseDevice(std::string_view text)
{
    if (text == "cpu") {
        return Device{};
    }
    if (text == "auto") {
        const RuntimeInfo rt = runtimeInfo();
        return rt.cudaAvailable ? Device{Device::Kind::Cuda, 0} : Device{};
    }
    if (text == "cuda") {
        return Device{Device::Kind::Cuda, 0};
    }
    if (text.substr(0, 5) == "cuda:") {
        int index = -1;
        const auto digits = text.substr(5);
        const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), index);
        if (ec == std::errc() && ptr == digits.data() + digits.size() && index >= 0) {
            return Device{Device::Kind::Cuda, index};
        }
    }
    return Error(Errc::InvalidArgument, "unknown device")
        .at("device")
        .mismatch("cpu, cuda, cuda:N or auto", std::string(text));
}

const char* precisionName(Precision p) noexcept
{
    switch (p) {
    case Precision::Fp32:
        return "fp32";
    case Precision::Bf16:
        return "bf16";
    case Precision::Fp16:
        return "fp16";
    }
    return "?";
}

Result<Precision> parsePrecision(std::string_view text)
{
    for (Precision p : {Precision::Fp32, Precision::Bf16, Precision::Fp16}) {
        if (text == precisionName(p)) {
            return p;
        }
    }
    return Error(Errc::InvalidArgument, "unknown precision")
        .at("precision")
        .mismatch("fp32, bf16 or fp16", std::string(text));
}

} // namespace pw::infer
