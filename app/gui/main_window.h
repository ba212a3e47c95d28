// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <pw/core/error.h>

#include <QMainWindow>

#include <memory>

class QActionGroup;
class QDockWidget;
class QLabel;
class QListView;
class QMenu;

namespace pw::gui {

class LogModel;
class PromptPanel;
class TimelineWidget;
class ViewportWidget;

/// The studio window: prompt panel (left dock), viewport and timeline (centre), log (bottom
/// dock). Thread: GUI thread.
class MainWindow : public QMainWindow
{
    Q_OBJECT
  public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    ViewportWidget* viewport() const { return m_viewport; }
    TimelineWidget* timeline() const { return m_timeline; }
    PromptPanel* promptPanel() const { return m_promptPanel; }
    LogModel* logModel() const { return m_logModel; }

    /// Grabs the whole window (including the OpenGL viewport) and writes a PNG.
    /// Errors: IoError naming the path.
    Result<void> saveScreenshot(const QString& path);

  protected:
    void changeEvent(QEvent* event) override;
    void closeEvent(QCloseEvent* event) override;

  private:
    void buildMenus();
    void retranslateUi();
    void setLanguage(const QString& language);

    ViewportWidget* m_viewport = nullptr;
    TimelineWidget* m_timeline = nullptr;
    PromptPanel* m_promptPanel = nullptr;
    LogModel* m_logModel = nullptr;
    std::shared_ptr<void> m_logSinkHandle;
    QListView* m_logView = nullptr;
    QDockWidget* m_promptDock = nullptr;
    QDockWidget* m_logDock = nullptr;
    QLabel* m_statusGl = nullptr;
    QMenu* m_fileMenu = nullptr;
    QMenu* m_viewMenu = nullptr;
    QMenu* m_settingsMenu = nullptr;
    QMenu* m_languageMenu = nullptr;
    QMenu* m_helpMenu = nullptr;
    QAction* m_quitAction = nullptr;
    QAction* m_aboutAction = nullptr;
    QActionGroup* m_languageGroup = nullptr;
    QAction* m_langSystem = nullptr;
    QAction* m_langEnglish = nullptr;
    QAction* m_langChinese = nullptr;
};

} // namespace pw::gui
