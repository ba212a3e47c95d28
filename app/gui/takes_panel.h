// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "metatypes.h"
#include "models/take_list_model.h"
#include "take_io.h"

#include <QFutureWatcher>
#include <QWidget>

#include <memory>

class QLabel;
class QListView;
class QPushButton;
class QThreadPool;

namespace pw::gui {

/// The project's takes: every generated motion (saved as it was made) listed newest first,
/// reloadable into the viewport, exportable, deletable. The folder is scanned on a worker pool.
/// Thread: GUI thread.
class TakesPanel : public QWidget
{
    Q_OBJECT
  public:
    explicit TakesPanel(TakeFileIo io, QWidget* parent = nullptr);
    ~TakesPanel() override;

    TakeListModel* model() const { return m_model; }
    QListView* view() const { return m_view; }
    /// Shows the takes of `folder` (scanned in the background).
    void setFolder(const QString& folder);
    QString folder() const { return m_folder; }
    void rescan();
    bool isScanning() const;
    /// Adds a freshly generated take.
    void addTake(const SavedTake& saved);
    void selectTake(const std::string& id);
    /// The selected take, or nullptr.
    const TakeEntry* currentTake() const;
    /// Deletes the take file of `row` and its entry; asks first when `confirm`.
    bool deleteTake(int row, bool confirm = true);

  Q_SIGNALS:
    /// Open the take in the viewport (double click, Enter, or the Open button).
    void takeActivated(const QString& id);
    void exportRequested(const QString& id);
    void currentTakeChanged(const QString& id);
    void scanFinished(int loaded, int failed);

  protected:
    void changeEvent(QEvent* event) override;

  private:
    struct ScanResult
    {
        std::vector<TakeEntry> entries;
        QStringList failures; ///< "file: reason"
    };

    void retranslateUi();
    void updateButtons();

    TakeFileIo m_io;
    TakeListModel* m_model = nullptr;
    QListView* m_view = nullptr;
    QLabel* m_folderLabel = nullptr;
    QLabel* m_status = nullptr;
    QPushButton* m_open = nullptr;
    QPushButton* m_export = nullptr;
    QPushButton* m_delete = nullptr;
    QPushButton* m_showFolder = nullptr;
    QString m_folder;
    QFutureWatcher<ScanResult> m_watcher;
    std::unique_ptr<QThreadPool> m_pool;
    int m_lastLoaded = 0;
    int m_lastFailed = 0;
};

} // namespace pw::gui
