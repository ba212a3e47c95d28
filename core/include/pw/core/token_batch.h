// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <vector>

namespace pw {

/// A right-padded batch of token ids, row-major (batch x length), as a tokenizer call with
/// padding returns it (`input_ids`, `attention_mask`).
struct TokenBatch
{
    int batch = 0;
    int length = 0;
    std::vector<std::int64_t> ids;  ///< batch * length
    std::vector<std::int64_t> mask; ///< batch * length: 1 for real tokens, 0 for padding
    std::vector<int> realTokens;    ///< per row: the number of real tokens (sum of its mask)
};

} // namespace pw
