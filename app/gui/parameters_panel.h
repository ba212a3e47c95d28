// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "generation_settings.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QToolButton;

namespace pw::gui {

/// Generation parameters: candidates, duration (validated against the model's limits, with the
/// frame count), seed (or random), CFG scale, steps, text max length, device, precision and VRAM
/// budget, text-encoder placement. Every change is saved with QSettings at once. Device,
/// precision, budget and placement apply on the next model load (engineSettingsChanged). Thread:
/// GUI thread.
class ParametersPanel : public QWidget
{
    Q_OBJECT
  public:
    explicit ParametersPanel(QWidget* parent = nullptr);

    GenerationSettings settings() const { return m_settings; }
    void setSettings(const GenerationSettings& settings);
    ModelLimits limits() const { return m_limits; }
    /// The model's limits (from its config before loading, from the engine after).
    void setLimits(const ModelLimits& limits);
    /// Resets CFG, steps and text length to the model's defaults.
    void resetToModelDefaults();
    /// The first seed of the next request (draws one when "random" is on and remembers it).
    std::uint64_t nextSeed();
    /// Text of the frame count label (tests).
    QString framesText() const;
    /// Non-empty when the settings cannot work (e.g. a CUDA device on a machine without one).
    QString problem() const;

  Q_SIGNALS:
    void settingsChanged(const pw::gui::GenerationSettings& settings);
    /// Device, precision, VRAM budget or text-encoder placement changed: they take effect on the
    /// next model load.
    void engineSettingsChanged();

  protected:
    void changeEvent(QEvent* event) override;

  private:
    void retranslateUi();
    void readWidgets();
    /// Reads the widgets; saves and emits the signals when the result differs from `before`.
    void readWidgets(const GenerationSettings& before);
    void writeWidgets();
    void updateDerived();
    /// Offers the precisions `device` accepts (precisionsFor); false when they already were.
    bool fillPrecisions(const QString& device);

    GenerationSettings m_settings;
    ModelLimits m_limits;
    bool m_updating = false;
    QFormLayout* m_form = nullptr;
    QSpinBox* m_candidates = nullptr;
    QDoubleSpinBox* m_duration = nullptr;
    QLabel* m_frames = nullptr;
    QLineEdit* m_seed = nullptr;
    QCheckBox* m_randomSeed = nullptr;
    QToolButton* m_dice = nullptr;
    QDoubleSpinBox* m_cfg = nullptr;
    QSpinBox* m_steps = nullptr;
    QSpinBox* m_textLength = nullptr;
    QComboBox* m_device = nullptr;
    QComboBox* m_precision = nullptr;
    QDoubleSpinBox* m_budget = nullptr;
    QComboBox* m_textEncoders = nullptr;
    QLabel* m_problem = nullptr;
    struct
    {
        QLabel* candidates = nullptr;
        QLabel* duration = nullptr;
        QLabel* seed = nullptr;
        QLabel* cfg = nullptr;
        QLabel* steps = nullptr;
        QLabel* textLength = nullptr;
        QLabel* device = nullptr;
        QLabel* precision = nullptr;
        QLabel* budget = nullptr;
        QLabel* textEncoders = nullptr;
    } m_labels;
    QPushButton* m_defaults = nullptr;
};

} // namespace pw::gui
