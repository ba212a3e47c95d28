// SPDX-License-Identifier: Apache-2.0
#include <pw/core/cancel.h>
#include <pw/core/error.h>

namespace pw {

void CancelToken::throwIfCancelled() const
{
    if (isCancelRequested()) {
        throw Exception(Error(Errc::Cancelled, "cancelled"));
    }
}

} // namespace pw
