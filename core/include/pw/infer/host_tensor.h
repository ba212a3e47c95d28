// SPDX-License-Identifier: Apache-2.0
#pragma once

// A dense float32 array with its shape in host memory: how torch-free code (CLI, tests, the GUI)
// hands tensors to and receives them from pw_infer. No torch types (public header).

#include <pw/core/error.h>

#include <cstdint>
#include <vector>

namespace pw::infer {

/// A dense row-major float32 array with its shape (host memory).
struct HostTensor
{
    std::vector<std::int64_t> shape;
    std::vector<float> data;

    std::int64_t numel() const;
    /// Error InvalidArgument when data.size() does not match the shape.
    Result<void> check(const char* name) const;
};

} // namespace pw::infer
