// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <pw/core/error.h>

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace pw {

/// Element types found in weight files (safetensors names / torch storages).
enum class DType {
    F64,
    F32,
    F16,
    BF16,
    I64,
    I32,
    I16,
    I8,
    U8,
    Bool,
};

std::size_t dtypeSize(DType dtype) noexcept;
/// "F32", "BF16", ... (the safetensors spelling).
const char* dtypeName(DType dtype) noexcept;
/// Parses a safetensors dtype string. Error: BadModelFile naming the string.
Result<DType> parseDtype(std::string_view name);

/// "[1024, 201]".
std::string shapeString(std::span<const std::int64_t> shape);

/// A tensor inside a mapped file: no copy, little-endian, contiguous (row-major) bytes.
/// Valid while the file object that produced it is alive.
struct TensorView
{
    std::string name;
    DType dtype = DType::F32;
    std::vector<std::int64_t> shape;
    std::span<const std::byte> bytes;

    std::int64_t numel() const;
    /// Copies to float32 (from F32/F16/BF16/F64). Error: BadModelFile for other dtypes.
    Result<std::vector<float>> toFloat32() const;
    /// Copies to int64 (from I64/I32/I16/I8/U8/Bool). Error: BadModelFile for other dtypes.
    Result<std::vector<std::int64_t>> toInt64() const;
};

/// IEEE half and bfloat16 to float (exact).
float halfToFloat(std::uint16_t h) noexcept;
float bf16ToFloat(std::uint16_t b) noexcept;

} // namespace pw
