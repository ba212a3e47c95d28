// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "generation_settings.h"
#include "model_check.h"

#include <pw/core/model_folders.h>

#include <QDialog>

#include <array>
#include <optional>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QTimer;
class QToolButton;

namespace pw::gui {

/// Points the studio at the model folders: HY-Motion, Qwen3, CLIP and (optionally) the official
/// repository's mannequin assets. Each folder is checked as it is typed or chosen (files present,
/// configs parse, widths that match each other) with the core's messages; the engine checks every
/// tensor when it loads. Nothing is downloaded. Thread: GUI thread.
class ModelManagerDialog : public QDialog
{
    Q_OBJECT
  public:
    enum class Field {
        Model = 0,
        Qwen = 1,
        Clip = 2,
        Mannequin = 3,
    };

    explicit ModelManagerDialog(const ModelPaths& paths, QWidget* parent = nullptr);

    ModelPaths paths() const;
    /// "Load the model now" is checked.
    bool loadRequested() const;
    void setPath(Field field, const QString& path);
    /// Runs the checks now instead of after the typing pause.
    void validateNow();
    bool isValid(Field field) const;
    /// The status line under a field (plain text).
    QString statusText(Field field) const;
    /// Whether Save is enabled (the three required folders are valid and match).
    bool canAccept() const;
    /// The HY-Motion folder's facts, when valid.
    std::optional<MotionModelInfo> motionInfo() const { return m_motion; }

  protected:
    void changeEvent(QEvent* event) override;

  private:
    struct Row
    {
        QLabel* title = nullptr;
        QLineEdit* path = nullptr;
        QToolButton* browse = nullptr;
        QLabel* status = nullptr;
        bool valid = false;
        bool required = true;
    };

    void retranslateUi();
    void setStatus(Row& row, bool ok, const QString& text);
    Row& row(Field field) { return m_rows[static_cast<std::size_t>(field)]; }
    const Row& row(Field field) const { return m_rows[static_cast<std::size_t>(field)]; }

    std::array<Row, 4> m_rows;
    std::optional<MotionModelInfo> m_motion;
    QCheckBox* m_loadNow = nullptr;
    QCheckBox* m_loadAtStart = nullptr;
    QLabel* m_intro = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    QTimer* m_debounce = nullptr;
};

} // namespace pw::gui
