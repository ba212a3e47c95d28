// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "take_exporter.h"

#include <QDialog>
#include <QFutureWatcher>

#include <memory>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QThreadPool;
class QToolButton;

namespace pw::gui {

/// Exports one take: format, file, and the export run on a worker pool (style.md §3.7) with
/// the result or the error shown in the dialog. Thread: GUI thread.
class ExportDialog : public QDialog
{
    Q_OBJECT
  public:
    ExportDialog(const Take& take, std::shared_ptr<TakeExporter> exporter,
                 QWidget* parent = nullptr);
    ~ExportDialog() override;

    void setFormat(io::ExportFormat format);
    void setPath(const QString& path);
    QString path() const;
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
    void updateExtension();

    Take m_take;
    std::shared_ptr<TakeExporter> m_exporter;
    QComboBox* m_format = nullptr;
    QLineEdit* m_path = nullptr;
    QToolButton* m_browse = nullptr;
    QLabel* m_result = nullptr;
    QLabel* m_summary = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    QFutureWatcher<Result<void>> m_watcher;
    std::unique_ptr<QThreadPool> m_pool;
};

} // namespace pw::gui
