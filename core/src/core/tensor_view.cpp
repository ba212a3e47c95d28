// SPDX-License-Identifier: Apache-2.0
#include <pw/core/tensor_view.h>

#include <array>
#include <cstring>

namespace pw {
namespace {

struct DtypeInfo
{
    DType dtype;
    const char* name;
    std::size_t size;
};

constexpr std::array<DtypeInfo, 10> kDtypes{{
    {DType::F64, "F64", 8},
    {DType::F32, "F32", 4},
    {DType::F16, "F16", 2},
    {DType::BF16, "BF16", 2},
    {DType::I64, "I64", 8},
    {DType::I32, "I32", 4},
    {DType::I16, "I16", 2},
    {DType::I8, "I8", 1},
    {DType::U8, "U8", 1},
    {DType::Bool, "BOOL", 1},
}};

template <class T> T loadLe(const std::byte* p)
{
    T v;
    std::memcpy(&v, p, sizeof(T)); // x86-64 and aarch64 targets are little-endian
    return v;
}

} // namespace

std::size_t dtypeSize(DType dtype) noexcept
{
    for (const auto& d : kDtypes) {
        if (d.dtype == dtype) {
            return d.size;
        }
    }
    return 0;
}

const char* dtypeName(DType dtype) noexcept
{
    for (const auto& d : kDtypes) {
        if (d.dtype == dtype) {
            return d.name;
        }
    }
    return "?";
}

Result<DType> parseDtype(std::string_view name)
{
    for (const auto& d : kDtypes) {
        if (name == d.name) {
            return d.dtype;
        }
    }
    return Error(Errc::BadModelFile, "unsupported tensor dtype")
        .mismatch("F64, F32, F16, BF16, I64, I32, I16, I8, U8 or BOOL", std::string(name));
}

std::string shapeString(std::span<const std::int64_t> shape)
{
    std::string s = "[";
    for (std::size_t i = 0; i < shape.size(); ++i) {
        if (i > 0) {
            s += ", ";
        }
        s += std::to_string(shape[i]);
    }
    return s + "]";
}

std::int64_t TensorView::numel() const
{
    std::int64_t n = 1;
    for (std::int64_t d : shape) {
        n *= d;
    }
    return n;
}

float halfToFloat(std::uint16_t h) noexcept
{
    const std::uint32_t sign = static_cast<std::uint32_t>(h & 0x8000u) << 16;
    std::uint32_t exp = (h >> 10) & 0x1fu;
    std::uint32_t mant = h & 0x3ffu;
    std::uint32_t bits = 0;
    if (exp == 0) {
        if (mant == 0) {
            bits = sign;
        } else { // subnormal: normalise
            exp = 127 - 15 + 1;
            while ((mant & 0x400u) == 0) {
                mant <<= 1;
                --exp;
            }
            mant &= 0x3ffu;
            bits = sign | (exp << 23) | (mant << 13);
        }
    } else if (exp == 0x1f) {
        bits = sign | 0x7f800000u | (mant << 13);
    } else {
        bits = sign | ((exp + 127 - 15) << 23) | (mant << 13);
    }
    float f;
    std::memcpy(&f, &bits, sizeof f);
    return f;
}

float bf16ToFloat(std::uint16_t b) noexcept
{
    const std::uint32_t bits = static_cast<std::uint32_t>(b) << 16;
    float f;
    std::memcpy(&f, &bits, sizeof f);
    return f;
}

Result<std::vector<float>> TensorView::toFloat32() const
{
    const auto n = static_cast<std::size_t>(numel());
    std::vector<float> out(n);
    const std::byte* p = bytes.data();
    switch (dtype) {
    case DType::F32:
        std::memcpy(out.data(), p, n * 4);
        break;
    case DType::F64:
        for (std::size_t i = 0; i < n; ++i) {
            out[i] = static_cast<float>(loadLe<double>(p + 8 * i));
        }
        break;
    case DType::F16:
        for (std::size_t i = 0; i < n; ++i) {
            out[i] = halfToFloat(loadLe<std::uint16_t>(p + 2 * i));
        }
        break;
    case DType::BF16:
        for (std::size_t i = 0; i < n; ++i) {
            out[i] = bf16ToFloat(loadLe<std::uint16_t>(p + 2 * i));
        }
        break;
    default:
        return Error(Errc::BadModelFile, "expected a floating-point tensor")
            .at(name)
            .mismatch("F32, F16, BF16 or F64", dtypeName(dtype));
    }
    return out;
}

Result<std::vector<std::int64_t>> TensorView::toInt64() const
{
    const auto n = static_cast<std::size_t>(numel());
    std::vector<std::int64_t> out(n);
    const std::byte* p = bytes.data();
    for (std::size_t i = 0; i < n; ++i) {
        switch (dtype) {
        case DType::I64:
            out[i] = loadLe<std::int64_t>(p + 8 * i);
            break;
        case DType::I32:
            out[i] = loadLe<std::int32_t>(p + 4 * i);
            break;
        case DType::I16:
            out[i] = loadLe<std::int16_t>(p + 2 * i);
            break;
        case DType::I8:
            out[i] = loadLe<std::int8_t>(p + i);
            break;
        case DType::U8:
        case DType::Bool:
            out[i] = loadLe<std::uint8_t>(p + i);
            break;
        default:
            return Error(Errc::BadModelFile, "expected an integer tensor")
                .at(name)
                .mismatch("I64, I32, I16, I8, U8 or BOOL", dtypeName(dtype));
        }
    }
    return out;
}

} // namespace pw
