// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "take_exporter.h"

#include <QDialog>
#include <QFutureWatcher>

#include <memory>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QSpinBox;
class QThreadPool;
class QToolButton;

namespace pw::gui {

/// Exports one take: format, target application (preset: unit and up axis), frame range,
/// in place, ground alignment, mesh, and the file. The export runs on a worker pool
/// (style.md §3.7); the result or the error is shown in the dialog. The last choices are
/// remembered (QSettings "export/"). Thread: GUI thread.
class ExportDialog : public QDialog
{
    Q_OBJECT
  public:
    /// `mannequinDir`: the official mannequin assets (optional) used for the mesh and the floor.
    ExportDialog(const Take& take, std::shared_ptr<TakeExporter> exporter,
                 const QString& mannequinDir = {}, QWidget* parent = nullptr);
    ~ExportDialog() override;

    void setFormat(io::ExportFormat format);
    void setPreset(io::ExportPreset preset);
    void setTrim(int beginFrame, int endFrame);
    void setInPlace(bool inPlace);
    void setPath(const QString& path);
    QString path() const;
    /// The options the Export button would use (tests).
    io::ExportOptions options() const;
    /// Starts the export (what the Export button does).
    void startExport();
    bool isExporting() const;
    QString resultText() const;

  Q_SIGNALS:
    void exportFinished(bool ok);

  protected:
    void changeEvent(QEvent* event) override;

  private:
    void retranslateUi();
    io::ExportFormat currentFormat() const;
    io::ExportPreset currentPreset() const;
    void updateExtension();
    void updateOptionStates();
    void saveChoices() const;

    Take m_take;
    std::shared_ptr<TakeExporter> m_exporter;
    QString m_mannequinDir;
    QFormLayout* m_form = nullptr;
    QLabel* m_summary = nullptr;
    QComboBox* m_format = nullptr;
    QComboBox* m_preset = nullptr;
    QSpinBox* m_trimBegin = nullptr;
    QSpinBox* m_trimEnd = nullptr;
    QCheckBox* m_inPlace = nullptr;
    QCheckBox* m_ground = nullptr;
    QCheckBox* m_mesh = nullptr;
    QLineEdit* m_path = nullptr;
    QToolButton* m_browse = nullptr;
    QLabel* m_result = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    struct
    {
        QLabel* format = nullptr;
        QLabel* preset = nullptr;
        QLabel* frames = nullptr;
        QLabel* options = nullptr;
        QLabel* file = nullptr;
    } m_labels;
    QFutureWatcher<Result<void>> m_watcher;
    std::unique_ptr<QThreadPool> m_pool;
};

} // namespace pw::gui
