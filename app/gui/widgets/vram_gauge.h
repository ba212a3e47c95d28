// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <pw/core/device_memory.h>
#include <pw/core/memory_estimate.h>
#include <pw/infer/engine.h>

#include <QString>
#include <QWidget>

#include <deque>
#include <functional>
#include <memory>
#include <optional>

class QTimer;

namespace pw::gui {

/// One reading of the memory the gauge shows.
struct MemorySample
{
    bool hasDevice = false; ///< a GPU is visible (NVML or the CUDA runtime)
    QString deviceName;
    quint64 deviceUsedBytes = 0; ///< all processes
    quint64 deviceTotalBytes = 0;
    bool hasHost = false;
    quint64 processBytes = 0; ///< this process's resident memory
    quint64 hostTotalBytes = 0;
    QString unavailableReason; ///< why there is no device reading
};

/// Live memory: the GPU's used/total (NVML, else the CUDA runtime, loaded at run time), this
/// process's allocator figures from the engine (allocated, reserved, peak), a history chart
/// with the budget line, and the predicted peak of the current settings before a run. On a
/// machine without an NVIDIA GPU it says so and shows the process's RAM instead.
/// Thread: GUI thread.
class VramGauge : public QWidget
{
    Q_OBJECT
  public:
    using Sampler = std::function<MemorySample()>;

    explicit VramGauge(QWidget* parent = nullptr);
    ~VramGauge() override;

    /// Replaces the default sampler (DeviceMemoryProbe + queryHostMemory); tests inject one.
    void setSampler(Sampler sampler);
    /// The GPU to watch (the engine's device index).
    void setDeviceIndex(int index);
    void setAllocatorStats(const infer::MemoryStats& stats);
    void setBudgetBytes(quint64 bytes);
    void setPrediction(const std::optional<MemoryEstimate>& estimate);
    /// Takes a reading now (the timer does it every second while visible).
    void sampleNow();

    const MemorySample& lastSample() const { return m_last; }
    /// The headline ("GPU 0 ...: 12.3 / 80.0 GiB" or "No NVIDIA GPU ...").
    QString headline() const;
    /// The allocator and prediction lines.
    QString detailText() const;
    int historySize() const { return static_cast<int>(m_history.size()); }
    QSize sizeHint() const override { return {280, 170}; }
    QSize minimumSizeHint() const override { return {200, 130}; }

  protected:
    void paintEvent(QPaintEvent* event) override;
    void changeEvent(QEvent* event) override;
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

  private:
    MemorySample defaultSample();
    /// The estimate's parts come from the Qt-free core in English.
    static QString partLabel(const std::string& label);

    std::unique_ptr<DeviceMemoryProbe> m_probe; ///< loaded on the first default sample
    int m_deviceIndex = 0;
    MemorySample m_last;
    std::deque<MemorySample> m_history;
    std::optional<infer::MemoryStats> m_allocator;
    std::optional<MemoryEstimate> m_prediction;
    quint64 m_budget = 0;
    QTimer* m_timer = nullptr;
    Sampler m_sampler;
};

/// "1.23 GiB", "512 MiB".
QString formatBytes(quint64 bytes);

} // namespace pw::gui
