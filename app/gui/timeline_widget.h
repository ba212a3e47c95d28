// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QElapsedTimer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QSlider;
class QTimer;
class QToolButton;

namespace pw::gui {

/// Play/pause, scrub slider, frame/time read-out, loop and speed. Owns the playback clock;
/// the current frame is the single source of truth for the viewport. Thread: GUI thread.
class TimelineWidget : public QWidget
{
    Q_OBJECT
  public:
    explicit TimelineWidget(QWidget* parent = nullptr);

    /// Sets the clip length; 0 frames disables the controls.
    void setClip(int frameCount, double fps);
    int frameCount() const { return m_frameCount; }
    int currentFrame() const { return m_frame; }
    bool isPlaying() const { return m_playing; }
    bool isLooping() const;
    double speed() const;

  public Q_SLOTS:
    void setCurrentFrame(int frame);
    void setPlaying(bool playing);
    void togglePlaying() { setPlaying(!m_playing); }

  Q_SIGNALS:
    void frameChanged(int frame);
    void playingChanged(bool playing);

  protected:
    void changeEvent(QEvent* event) override;

  private:
    void retranslateUi();
    void advance();
    void updateReadout();

    QToolButton* m_playButton = nullptr;
    QSlider* m_slider = nullptr;
    QLabel* m_readout = nullptr;
    QCheckBox* m_loop = nullptr;
    QComboBox* m_speed = nullptr;
    QTimer* m_timer = nullptr;
    QElapsedTimer m_clock;
    double m_playheadFrames = 0.0;
    int m_frameCount = 0;
    int m_frame = 0;
    double m_fps = 30.0;
    bool m_playing = false;
};

} // namespace pw::gui
