// SPDX-License-Identifier: Apache-2.0
#include "vram_gauge.h"

#include <QEvent>
#include <QFontMetrics>
#include <QPainter>
#include <QPainterPath>
#include <QTimer>

#include <algorithm>

namespace pw::gui {
namespace {

constexpr std::size_t kHistoryLength = 120; // two minutes at one reading per second

} // namespace

QString formatBytes(quint64 bytes)
{
    const double gib = static_cast<double>(bytes) / (1024.0 * 1024.0 * 1024.0);
    if (gib >= 1.0) {
        return VramGauge::tr("%1 GiB").arg(gib, 0, 'f', gib >= 100.0 ? 0 : 2);
    }
    const double mib = static_cast<double>(bytes) / (1024.0 * 1024.0);
    return VramGauge::tr("%1 MiB").arg(mib, 0, 'f', 0);
}

/// The estimate's parts come from the Qt-free core in English.
QString VramGauge::partLabel(const std::string& label)
{
    if (label == "DiT weights") {
        return tr("Motion model weights");
    }
    if (label == "Qwen3 weights") {
        return tr("Qwen3 weights");
    }
    if (label == "CLIP text weights") {
        return tr("CLIP text weights");
    }
    if (label == "DiT activations") {
        return tr("Motion model activations");
    }
    if (label == "text encoding (transient)") {
        return tr("Text encoding (transient)");
    }
    if (label == "CUDA context and allocator slack") {
        return tr("CUDA context and allocator slack");
    }
    return QString::fromStdString(label);
}

VramGauge::VramGauge(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("vramGauge"));
    m_timer = new QTimer(this);
    m_timer->setInterval(1000);
    connect(m_timer, &QTimer::timeout, this, &VramGauge::sampleNow);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
}

VramGauge::~VramGauge() = default;

void VramGauge::setSampler(Sampler sampler)
{
    m_sampler = std::move(sampler);
    m_history.clear();
    sampleNow();
}

void VramGauge::setDeviceIndex(int index)
{
    m_deviceIndex = std::max(0, index);
    m_history.clear();
    sampleNow();
}

void VramGauge::setAllocatorStats(const infer::MemoryStats& stats)
{
    m_allocator = stats;
    update();
}

void VramGauge::setBudgetBytes(quint64 bytes)
{
    m_budget = bytes;
    update();
}

void VramGauge::setPrediction(const std::optional<MemoryEstimate>& estimate)
{
    m_prediction = estimate;
    QString tip;
    if (estimate) {
        tip = tr("Predicted peak for the current settings (an estimate from the weight files and "
                 "measured activation sizes):");
        for (const MemoryEstimatePart& part : estimate->parts) {
            tip += QStringLiteral("\n  %1: %2").arg(partLabel(part.label), formatBytes(part.bytes));
        }
        tip += QLatin1Char('\n') + tr("Prompt wording and length do not change memory use.");
    }
    setToolTip(tip);
    update();
}

MemorySample VramGauge::defaultSample()
{
    if (!m_probe) {
        m_probe = std::make_unique<DeviceMemoryProbe>();
    }
    MemorySample s;
    if (auto info = m_probe->query(m_deviceIndex)) {
        s.hasDevice = true;
        s.deviceName = QString::fromStdString(info->name);
        s.deviceUsedBytes = info->usedBytes;
        s.deviceTotalBytes = info->totalBytes;
    } else {
        s.unavailableReason = QString::fromStdString(m_probe->reason());
    }
    const HostMemoryInfo host = queryHostMemory();
    s.hasHost = host.available;
    s.processBytes = host.processResidentBytes;
    s.hostTotalBytes = host.totalBytes;
    return s;
}

void VramGauge::sampleNow()
{
    m_last = m_sampler ? m_sampler() : defaultSample();
    m_history.push_back(m_last);
    while (m_history.size() > kHistoryLength) {
        m_history.pop_front();
    }
    update();
}

QString VramGauge::headline() const
{
    if (m_last.hasDevice) {
        return tr("%1: %2 of %3 used")
            .arg(m_last.deviceName, formatBytes(m_last.deviceUsedBytes),
                 formatBytes(m_last.deviceTotalBytes));
    }
    if (m_last.hasHost) {
        return tr("No NVIDIA GPU found: running on the CPU. Process RAM: %1 of %2")
            .arg(formatBytes(m_last.processBytes), formatBytes(m_last.hostTotalBytes));
    }
    return tr("No NVIDIA GPU found: running on the CPU.");
}

QString VramGauge::detailText() const
{
    QStringList lines;
    if (m_allocator && m_allocator->isCuda) {
        lines << tr("Posewright: %1 allocated, %2 reserved, peak %3")
                     .arg(formatBytes(m_allocator->allocatedBytes),
                          formatBytes(m_allocator->reservedBytes),
                          formatBytes(m_allocator->peakAllocatedBytes));
    } else if (m_allocator && m_allocator->peakAllocatedBytes > 0) {
        lines << tr("Posewright: %1 in use, peak %2")
                     .arg(formatBytes(m_allocator->allocatedBytes),
                          formatBytes(m_allocator->peakAllocatedBytes));
    }
    if (m_prediction) {
        lines << tr("Predicted peak for these settings: about %1")
                     .arg(formatBytes(m_prediction->peakBytes));
    }
    if (m_budget > 0) {
        lines << tr("Budget: %1").arg(formatBytes(m_budget));
    }
    return lines.join(QLatin1Char('\n'));
}

void VramGauge::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    const QFontMetrics fm(font());
    const int margin = 6;
    int y = margin;

    // Headline and details.
    p.setPen(pal.color(QPalette::WindowText));
    const QRect headRect(margin, y, width() - 2 * margin, fm.height() * 2);
    const QRect headBounds =
        p.boundingRect(headRect, Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, headline());
    p.drawText(headRect, Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, headline());
    y += headBounds.height() + 4;

    // Bar: used of total (device or host).
    const bool device = m_last.hasDevice;
    const quint64 total = device ? m_last.deviceTotalBytes : m_last.hostTotalBytes;
    const quint64 used = device ? m_last.deviceUsedBytes : m_last.processBytes;
    const QRect bar(margin, y, width() - 2 * margin, 10);
    p.setPen(Qt::NoPen);
    p.setBrush(pal.color(QPalette::Mid));
    p.drawRoundedRect(bar, 3, 3);
    if (total > 0) {
        const double fraction = std::clamp(static_cast<double>(used) / total, 0.0, 1.0);
        const QColor fill = fraction > 0.9    ? QColor(220, 50, 47)
                            : fraction > 0.75 ? QColor(230, 140, 20)
                                              : QColor(80, 160, 110);
        p.setBrush(fill);
        p.drawRoundedRect(
            QRect(bar.left(), bar.top(), static_cast<int>(bar.width() * fraction), bar.height()), 3,
            3);
    }
    y += bar.height() + 6;

    // History chart with budget and prediction lines.
    const int detailHeight = fm.height() * std::max<qsizetype>(1, detailText().count('\n') + 1);
    const QRect chart(margin, y, width() - 2 * margin,
                      std::max(24, height() - y - detailHeight - 2 * margin));
    p.setPen(pal.color(QPalette::Mid));
    p.setBrush(pal.color(QPalette::Base));
    p.drawRect(chart);
    // The device chart spans the whole device; the CPU chart zooms on the process (a few
    // hundred MiB out of many GiB would be a flat line).
    quint64 scale = total;
    if (!device) {
        quint64 top = m_prediction ? m_prediction->peakBytes : 0;
        for (const MemorySample& s : m_history) {
            top = std::max(top, s.processBytes);
        }
        scale = std::min<quint64>(total, top + top / 4);
    }
    if (scale > 0 && m_history.size() > 1) {
        auto yFor = [&](quint64 bytes) {
            const double f = std::clamp(static_cast<double>(bytes) / scale, 0.0, 1.0);
            return chart.bottom() - f * chart.height();
        };
        QPainterPath path;
        const double dx = static_cast<double>(chart.width()) / (kHistoryLength - 1);
        const double x0 = chart.right() - dx * (m_history.size() - 1);
        for (std::size_t i = 0; i < m_history.size(); ++i) {
            const MemorySample& s = m_history[i];
            const quint64 v = device ? s.deviceUsedBytes : s.processBytes;
            const QPointF pt(x0 + dx * i, yFor(v));
            if (i == 0) {
                path.moveTo(pt);
            } else {
                path.lineTo(pt);
            }
        }
        p.setPen(QPen(QColor(80, 160, 110), 1.5));
        p.setBrush(Qt::NoBrush);
        p.drawPath(path);
        if (m_budget > 0 && device) {
            p.setPen(QPen(QColor(220, 50, 47), 1, Qt::DashLine));
            const double by = yFor(m_budget);
            p.drawLine(QPointF(chart.left(), by), QPointF(chart.right(), by));
        }
        if (m_prediction) {
            p.setPen(QPen(QColor(90, 140, 230), 1, Qt::DotLine));
            const double py = yFor(m_prediction->peakBytes);
            p.drawLine(QPointF(chart.left(), py), QPointF(chart.right(), py));
        }
    }
    y = chart.bottom() + 4;
    p.setPen(pal.color(QPalette::WindowText));
    p.drawText(QRect(margin, y, width() - 2 * margin, height() - y), Qt::AlignLeft | Qt::AlignTop,
               detailText());
}

void VramGauge::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        setPrediction(m_prediction); // rebuilds the translated tooltip
    }
    QWidget::changeEvent(event);
}

void VramGauge::showEvent(QShowEvent* event)
{
    sampleNow();
    m_timer->start();
    QWidget::showEvent(event);
}

void VramGauge::hideEvent(QHideEvent* event)
{
    m_timer->stop();
    QWidget::hideEvent(event);
}

} // namespace pw::gui
