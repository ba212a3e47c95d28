// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <pw/core/error.h>

#include <string>
#include <string_view>

namespace pw::infer {

/// Where a model runs. No torch types (public header).
struct Device
{
    enum class Kind {
        Cpu,
        Cuda,
    };
    Kind kind = Kind::Cpu;
    int index = 0; ///< CUDA ordinal

    bool isCuda() const { return kind == Kind::Cuda; }
    /// "cpu", "cuda:0".
    std::string toString() const;
    friend bool operator==(const Device&, const Device&) = default;
};

/// Parses "cpu", "cuda", "cuda:N" or "auto" (CUDA when available, else CPU).
/// Errors: InvalidArgument for other text.
Result<Device> parseDevice(std::string_view text);

/// Numeric precision of the network's weights and activations.
enum class Precision {
    Fp32,
    Bf16,
    Fp16,
};

const char* precisionName(Precision p) noexcept; ///< "fp32", "bf16", "fp16"
/// Errors: InvalidArgument.
Result<Precision> parsePrecision(std::string_view text);

} // namespace pw::infer
