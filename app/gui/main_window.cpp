// SPDX-License-Identifier: Apache-2.0
#include "main_window.h"

#include "language.h"
#include "log_model.h"
#include "prompt_panel.h"
#include "timeline_widget.h"
#include "viewport_widget.h"

#include <pw/core/log.h>
#include <pw/core/version.h>

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QEvent>
#include <QLabel>
#include <QListView>
#include <QMenuBar>
#include <QMessageBox>
#include <QPixmap>
#include <QSettings>
#include <QStatusBar>
#include <QVBoxLayout>

namespace pw::gui {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/posewright.svg")));

    auto* central = new QWidget(this);
    auto* centralLayout = new QVBoxLayout(central);
    centralLayout->setContentsMargins(0, 0, 0, 0);
    centralLayout->setSpacing(0);
    m_viewport = new ViewportWidget(central);
    m_timeline = new TimelineWidget(central);
    centralLayout->addWidget(m_viewport, 1);
    centralLayout->addWidget(m_timeline);
    setCentralWidget(central);

    m_promptPanel = new PromptPanel(this);
    m_promptDock = new QDockWidget(this);
    m_promptDock->setObjectName(QStringLiteral("promptDock"));
    m_promptDock->setWidget(m_promptPanel);
    m_promptDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    addDockWidget(Qt::LeftDockWidgetArea, m_promptDock);

    m_logModel = new LogModel(this);
    m_logView = new QListView(this);
    m_logView->setObjectName(QStringLiteral("logView"));
    m_logView->setModel(m_logModel);
    m_logView->setUniformItemSizes(true);
    m_logView->setSelectionMode(QAbstractItemView::ExtendedSelection);
    connect(m_logModel, &QAbstractItemModel::rowsInserted, m_logView,
            [this] { m_logView->scrollToBottom(); });
    m_logDock = new QDockWidget(this);
    m_logDock->setObjectName(QStringLiteral("logDock"));
    m_logDock->setWidget(m_logView);
    addDockWidget(Qt::BottomDockWidgetArea, m_logDock);
    resizeDocks({m_promptDock}, {320}, Qt::Horizontal);
    resizeDocks({m_logDock}, {140}, Qt::Vertical);

    auto sink = m_logModel->makeSink();
    log::addSink(sink);
    m_logSinkHandle = std::shared_ptr<void>(nullptr, [sink](void*) { log::removeSink(sink); });

    m_statusGl = new QLabel(this);
    statusBar()->addPermanentWidget(m_statusGl);
    connect(m_viewport, &ViewportWidget::frameRendered, this, [this] {
        if (m_statusGl->text().isEmpty()) {
            m_statusGl->setText(m_viewport->glDescription());
        }
    });
    connect(m_viewport, &ViewportWidget::glInitializationFailed, this, [this](const QString& why) {
        QMessageBox::warning(this, tr("3D view unavailable"), why);
    });

    buildMenus();
    retranslateUi();
    resize(1400, 860);
    log::get(log::kGui)->info("Posewright {} ready", kVersion);
}

MainWindow::~MainWindow() = default;

void MainWindow::buildMenus()
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_quitAction = m_fileMenu->addAction(QString(), QKeySequence::Quit, this, &QWidget::close);

    m_viewMenu = menuBar()->addMenu(QString());
    m_viewMenu->addAction(m_promptDock->toggleViewAction());
    m_viewMenu->addAction(m_logDock->toggleViewAction());

    m_settingsMenu = menuBar()->addMenu(QString());
    m_languageMenu = m_settingsMenu->addMenu(QString());
    m_languageGroup = new QActionGroup(this);
    m_langSystem = m_languageMenu->addAction(QString());
    m_langSystem->setData(QStringLiteral("system"));
    m_langEnglish = m_languageMenu->addAction(QStringLiteral("English"));
    m_langEnglish->setData(QStringLiteral("en"));
    m_langChinese = m_languageMenu->addAction(QStringLiteral("简体中文"));
    m_langChinese->setData(QStringLiteral("zh_CN"));
    const QString current =
        QSettings().value(QLatin1String(kLanguageSettingKey), QStringLiteral("system")).toString();
    for (QAction* a : {m_langSystem, m_langEnglish, m_langChinese}) {
        a->setCheckable(true);
        a->setChecked(a->data().toString() == current);
        m_languageGroup->addAction(a);
    }
    connect(m_languageGroup, &QActionGroup::triggered, this,
            [this](QAction* a) { setLanguage(a->data().toString()); });

    m_helpMenu = menuBar()->addMenu(QString());
    m_aboutAction = m_helpMenu->addAction(QString(), this, [this] {
        QMessageBox::about(
            this, tr("About Posewright"),
            tr("<b>Posewright %1</b><p>Text-to-motion studio for the HY-Motion 1.0 model.</p>"
               "<p>HY-Motion weights are not included and are subject to the Tencent Hunyuan "
               "Community License.</p>")
                .arg(QString::fromLatin1(kVersion)));
    });
}

void MainWindow::retranslateUi()
{
    setWindowTitle(tr("Posewright"));
    m_promptDock->setWindowTitle(tr("Prompt"));
    m_logDock->setWindowTitle(tr("Log"));
    m_fileMenu->setTitle(tr("&File"));
    m_quitAction->setText(tr("&Quit"));
    m_viewMenu->setTitle(tr("&View"));
    m_settingsMenu->setTitle(tr("&Settings"));
    m_languageMenu->setTitle(tr("&Language"));
    m_langSystem->setText(tr("System default"));
    m_helpMenu->setTitle(tr("&Help"));
    m_aboutAction->setText(tr("&About Posewright"));
    m_promptPanel->setGenerateEnabled(false, tr("Load a model first."));
}

void MainWindow::setLanguage(const QString& language)
{
    QSettings().setValue(QLatin1String(kLanguageSettingKey), language);
    installTranslators(language); // sends LanguageChange to every widget
}

void MainWindow::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
    }
    QMainWindow::changeEvent(event);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    log::get(log::kGui)->info("closing");
    event->accept();
}

Result<void> MainWindow::saveScreenshot(const QString& path)
{
    const QPixmap pixmap = grab();
    if (pixmap.isNull() || !pixmap.save(path, "PNG")) {
        return Error(Errc::IoError, "cannot write the screenshot").inFile(path.toStdString());
    }
    log::get(log::kGui)->info("screenshot saved to {} ({}x{})", path.toStdString(), pixmap.width(),
                              pixmap.height());
    return {};
}

} // namespace pw::gui
