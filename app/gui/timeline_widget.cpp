// SPDX-License-Identifier: Apache-2.0
#include "timeline_widget.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QStyle>
#include <QTimer>
#include <QToolButton>

#include <algorithm>
#include <cmath>

namespace pw::gui {

TimelineWidget::TimelineWidget(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("timeline"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 2, 6, 2);
    m_playButton = new QToolButton(this);
    m_playButton->setObjectName(QStringLiteral("playButton"));
    m_playButton->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    m_slider = new QSlider(Qt::Horizontal, this);
    m_slider->setObjectName(QStringLiteral("timelineSlider"));
    m_readout = new QLabel(this);
    m_readout->setMinimumWidth(150);
    m_loop = new QCheckBox(this);
    m_loop->setChecked(true);
    m_speed = new QComboBox(this);
    for (double s : {0.25, 0.5, 1.0, 1.5, 2.0}) {
        m_speed->addItem(QStringLiteral("%1×").arg(s), s);
    }
    m_speed->setCurrentIndex(2);
    layout->addWidget(m_playButton);
    layout->addWidget(m_slider, 1);
    layout->addWidget(m_readout);
    layout->addWidget(m_loop);
    layout->addWidget(m_speed);

    m_timer = new QTimer(this);
    m_timer->setTimerType(Qt::PreciseTimer);
    m_timer->setInterval(8);
    connect(m_timer, &QTimer::timeout, this, &TimelineWidget::advance);
    connect(m_playButton, &QToolButton::clicked, this, &TimelineWidget::togglePlaying);
    connect(m_slider, &QSlider::valueChanged, this, &TimelineWidget::setCurrentFrame);
    retranslateUi();
    setClip(0, 30.0);
}

void TimelineWidget::retranslateUi()
{
    m_playButton->setToolTip(tr("Play or pause (Space)"));
    m_loop->setText(tr("Loop"));
    m_speed->setToolTip(tr("Playback speed"));
    updateReadout();
}

void TimelineWidget::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
    }
    QWidget::changeEvent(event);
}

bool TimelineWidget::isLooping() const
{
    return m_loop->isChecked();
}

double TimelineWidget::speed() const
{
    return m_speed->currentData().toDouble();
}

void TimelineWidget::setClip(int frameCount, double fps)
{
    m_frameCount = std::max(0, frameCount);
    m_fps = fps > 0.0 ? fps : 30.0;
    const bool enabled = m_frameCount > 0;
    m_playButton->setEnabled(enabled);
    m_slider->setEnabled(enabled);
    m_slider->setRange(0, std::max(0, m_frameCount - 1));
    if (!enabled) {
        setPlaying(false);
    }
    setCurrentFrame(std::clamp(m_frame, 0, std::max(0, m_frameCount - 1)));
    updateReadout();
}

void TimelineWidget::setCurrentFrame(int frame)
{
    frame = std::clamp(frame, 0, std::max(0, m_frameCount - 1));
    if (!m_playing) {
        m_playheadFrames = frame;
    }
    if (frame == m_frame) {
        updateReadout();
        return;
    }
    m_frame = frame;
    {
        const QSignalBlocker block(m_slider);
        m_slider->setValue(frame);
    }
    updateReadout();
    Q_EMIT frameChanged(frame);
}

void TimelineWidget::setPlaying(bool playing)
{
    if (playing && m_frameCount <= 0) {
        playing = false;
    }
    if (playing == m_playing) {
        return;
    }
    m_playing = playing;
    m_playButton->setIcon(
        style()->standardIcon(playing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
    if (playing) {
        if (m_frame >= m_frameCount - 1) {
            m_frame = 0;
        }
        m_playheadFrames = m_frame;
        m_clock.start();
        m_timer->start();
    } else {
        m_timer->stop();
    }
    Q_EMIT playingChanged(playing);
}

void TimelineWidget::advance()
{
    // Wall-clock driven so playback speed does not depend on the timer's or the display's rate.
    const double elapsedSec = static_cast<double>(m_clock.restart()) / 1000.0;
    m_playheadFrames += elapsedSec * m_fps * speed();
    const double last = static_cast<double>(m_frameCount - 1);
    if (m_playheadFrames > last) {
        if (isLooping() && m_frameCount > 1) {
            m_playheadFrames = std::fmod(m_playheadFrames, static_cast<double>(m_frameCount));
        } else {
            m_playheadFrames = last;
            setCurrentFrame(m_frameCount - 1);
            setPlaying(false);
            return;
        }
    }
    setCurrentFrame(static_cast<int>(m_playheadFrames));
}

void TimelineWidget::updateReadout()
{
    if (m_frameCount <= 0) {
        m_readout->setText(tr("No take"));
        return;
    }
    m_readout->setText(tr("Frame %1 / %2  (%3 s)")
                           .arg(m_frame + 1)
                           .arg(m_frameCount)
                           .arg(static_cast<double>(m_frame) / m_fps, 0, 'f', 2));
}

} // namespace pw::gui
