// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <string_view>

namespace pw {

/// Copyable handle to a shared cancellation flag. The GUI keeps a copy and calls
/// requestCancel() directly (not through a queued message); the engine polls it between
/// pipeline stages and at every sampler step. Thread: any.
class CancelToken
{
  public:
    CancelToken() : m_flag(std::make_shared<std::atomic<bool>>(false)) {}

    void requestCancel() const noexcept { m_flag->store(true, std::memory_order_relaxed); }
    bool isCancelRequested() const noexcept { return m_flag->load(std::memory_order_relaxed); }
    /// Throws pw::Exception(Errc::Cancelled) when cancellation was requested.
    void throwIfCancelled() const;

  private:
    std::shared_ptr<std::atomic<bool>> m_flag;
};

/// Progress of a long operation. `stage` names the phase ("load", "encode", "sample", "decode").
struct Progress
{
    int step = 0;
    int stepCount = 0;
    std::string_view stage;
};

/// What a caller hands to a long operation: a cancel token and an optional progress callback.
/// The callback is invoked on the thread running the operation.
struct RunControl
{
    CancelToken cancel;
    std::function<void(const Progress&)> onProgress;

    void report(int step, int stepCount, std::string_view stage) const
    {
        if (onProgress) {
            onProgress(Progress{step, stepCount, stage});
        }
    }
};

} // namespace pw
