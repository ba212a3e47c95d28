// SPDX-License-Identifier: Apache-2.0
#include "main_window.h"

#include "dialogs/export_dialog.h"
#include "dialogs/licence_dialog.h"
#include "dialogs/model_manager_dialog.h"
#include "error_text.h"
#include "generation_controller.h"
#include "language.h"
#include "log_model.h"
#include "oom_advice.h"
#include "parameters_panel.h"
#include "prompt_panel.h"
#include "takes_panel.h"
#include "timeline_widget.h"
#include "viewport_widget.h"

#include <pw/core/log.h>
#include <pw/core/memory_estimate.h>
#include <pw/core/version.h>
#include <pw/infer/runtime.h>
#include <pw/io/take_file.h>

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QButtonGroup>
#include <QCheckBox>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QMenuBar>
#include <QMessageBox>
#include <QPixmap>
#include <QPushButton>
#include <QSettings>
#include <QShortcut>
#include <QStatusBar>
#include <QThreadPool>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace pw::gui {
namespace {

constexpr const char* kBodyDisplayKey = "view/body";

ViewportWidget::BodyDisplay bodyDisplayFromKey(const QString& key)
{
    if (key == QLatin1String("skeleton")) {
        return ViewportWidget::BodyDisplay::Skeleton;
    }
    if (key == QLatin1String("mesh")) {
        return ViewportWidget::BodyDisplay::Mesh;
    }
    return ViewportWidget::BodyDisplay::Both;
}

} // namespace

StudioServices StudioServices::defaults()
{
    StudioServices s;
    s.engineFactory = defaultEngineFactory();
    s.takeIo = TakeFileIo::defaults();
    s.exporter = makeDefaultTakeExporter();
    return s;
}

MainWindow::MainWindow(QWidget* parent) : MainWindow(StudioServices::defaults(), parent) {}

MainWindow::MainWindow(StudioServices services, QWidget* parent)
    : QMainWindow(parent), m_services(std::move(services)),
      m_ioPool(std::make_unique<QThreadPool>())
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/posewright.svg")));
    registerMetaTypes();
    if (!m_services.exporter) {
        m_services.exporter = makeDefaultTakeExporter();
    }
    m_ioPool->setMaxThreadCount(1);
    m_controller = new GenerationController(m_services.engineFactory, m_services.takeIo, this);
    buildUi();
    buildMenus();
    connectController();
    retranslateUi();
    resize(1500, 900);

    m_takesPanel->setFolder(projectFolder());
    loadBodyMesh();
    loadTokenizer();
    refreshFolderInfo();
    updatePrediction();
    updateGenerateState();
    updateModelStatus();
    const ModelPaths paths = [] {
        QSettings s;
        return ModelPaths::load(s);
    }();
    if (paths.loadAtStart && paths.isComplete() && isLicenceAccepted()) {
        loadModel();
    }
    log::get(log::kGui)->info("Posewright {} ready", kVersion);
}

MainWindow::~MainWindow()
{
    m_openWatcher.waitForFinished();
    m_meshWatcher.waitForFinished();
    m_tokenizerWatcher.waitForFinished();
    m_controller->shutdown();
}

// --- construction ---------------------------------------------------------------------------

void MainWindow::buildUi()
{
    auto* central = new QWidget(this);
    auto* centralLayout = new QVBoxLayout(central);
    centralLayout->setContentsMargins(0, 0, 0, 0);
    centralLayout->setSpacing(0);
    buildCandidateBar(central);
    m_viewport = new ViewportWidget(central);
    m_timeline = new TimelineWidget(central);
    centralLayout->addWidget(m_candidateBar);
    centralLayout->addWidget(m_viewport, 1);
    centralLayout->addWidget(m_timeline);
    setCentralWidget(central);

    auto dock = [this](QWidget* widget, const char* name, Qt::DockWidgetArea area) {
        auto* d = new QDockWidget(this);
        d->setObjectName(QString::fromLatin1(name));
        d->setWidget(widget);
        d->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable |
                       QDockWidget::DockWidgetClosable);
        addDockWidget(area, d);
        return d;
    };
    m_promptPanel = new PromptPanel(this);
    m_promptDock = dock(m_promptPanel, "promptDock", Qt::LeftDockWidgetArea);
    m_parametersPanel = new ParametersPanel(this);
    m_parametersDock = dock(m_parametersPanel, "parametersDock", Qt::LeftDockWidgetArea);
    m_takesPanel = new TakesPanel(m_services.takeIo, this);
    m_takesDock = dock(m_takesPanel, "takesDock", Qt::RightDockWidgetArea);
    m_vramGauge = new VramGauge(this);
    if (m_services.memorySampler) {
        m_vramGauge->setSampler(m_services.memorySampler);
    }
    m_memoryDock = dock(m_vramGauge, "memoryDock", Qt::RightDockWidgetArea);

    m_logModel = new LogModel(this);
    m_logView = new QListView(this);
    m_logView->setObjectName(QStringLiteral("logView"));
    m_logView->setModel(m_logModel);
    m_logView->setUniformItemSizes(true);
    m_logView->setSelectionMode(QAbstractItemView::ExtendedSelection);
    connect(m_logModel, &QAbstractItemModel::rowsInserted, m_logView,
            [this] { m_logView->scrollToBottom(); });
    m_logDock = dock(m_logView, "logDock", Qt::BottomDockWidgetArea);
    resizeDocks({m_promptDock, m_takesDock}, {360, 320}, Qt::Horizontal);
    resizeDocks({m_promptDock, m_parametersDock}, {420, 360}, Qt::Vertical);
    resizeDocks({m_logDock}, {120}, Qt::Vertical);

    auto sink = m_logModel->makeSink();
    log::addSink(sink);
    m_logSinkHandle = std::shared_ptr<void>(nullptr, [sink](void*) { log::removeSink(sink); });

    m_statusModel = new QLabel(this);
    m_statusModel->setObjectName(QStringLiteral("modelStatus"));
    m_statusGl = new QLabel(this);
    statusBar()->addWidget(m_statusModel, 1);
    statusBar()->addPermanentWidget(m_statusGl);

    // Viewport and timeline.
    connect(m_viewport, &ViewportWidget::frameRendered, this, [this] {
        if (m_statusGl->text().isEmpty()) {
            m_statusGl->setText(m_viewport->glDescription());
        }
    });
    connect(m_viewport, &ViewportWidget::glInitializationFailed, this, [this](const QString& why) {
        m_lastErrorText = why;
        auto* box = new QMessageBox(QMessageBox::Warning, tr("3D view unavailable"), why,
                                    QMessageBox::Ok, this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    });
    connect(m_timeline, &TimelineWidget::frameChanged, m_viewport, &ViewportWidget::setFrame);
    connect(m_viewport, &ViewportWidget::candidateClicked, this, &MainWindow::selectCandidate);

    // Prompt and parameters.
    connect(m_promptPanel, &PromptPanel::generateRequested, this, &MainWindow::generate);
    connect(m_promptPanel, &PromptPanel::cancelRequested, m_controller,
            &GenerationController::cancel);
    connect(m_promptPanel, &PromptPanel::clearQueueRequested, m_controller,
            &GenerationController::clearQueue);
    connect(m_promptPanel, &PromptPanel::promptChanged, this, &MainWindow::updateGenerateState);
    connect(m_parametersPanel, &ParametersPanel::settingsChanged, this, [this] {
        m_promptPanel->setMaxTextTokens(m_parametersPanel->settings().textMaxLength);
        updatePrediction();
    });
    connect(m_parametersPanel, &ParametersPanel::engineSettingsChanged, this, [this] {
        if (m_controller->modelSummary()) {
            statusBar()->showMessage(
                tr("Device, precision and budget apply when the model is loaded again "
                   "(Models → Load model)."),
                8000);
        }
    });
    m_promptPanel->setMaxTextTokens(m_parametersPanel->settings().textMaxLength);

    // Takes.
    connect(m_takesPanel, &TakesPanel::takeActivated, this, [this](const QString& id) {
        const int row = m_takesPanel->model()->rowOf(id.toStdString());
        const TakeEntry* e = m_takesPanel->model()->entry(row);
        if (e == nullptr) {
            return;
        }
        for (std::size_t i = 0; i < m_shownTakes.size(); ++i) {
            if (m_shownTakes[i].take.id == e->take.id) {
                selectCandidate(static_cast<int>(i));
                return;
            }
        }
        showTakes({*e}, 0);
    });
    connect(m_takesPanel, &TakesPanel::currentTakeChanged, this, [this](const QString& id) {
        if (m_syncingSelection) {
            return;
        }
        for (std::size_t i = 0; i < m_shownTakes.size(); ++i) {
            if (QString::fromStdString(m_shownTakes[i].take.id) == id) {
                selectCandidate(static_cast<int>(i));
            }
        }
    });
    connect(m_takesPanel, &TakesPanel::exportRequested, this, [this](const QString& id) {
        if (const TakeEntry* e =
                m_takesPanel->model()->entry(m_takesPanel->model()->rowOf(id.toStdString()))) {
            exportTake(*e);
        }
    });

    connect(&m_openWatcher, &QFutureWatcher<Result<Take>>::finished, this, [this] {
        Result<Take> r = m_openWatcher.result();
        if (!r) {
            showError(tr("Could not open the take"), r.error());
            Q_EMIT takeOpened(false);
            return;
        }
        TakeEntry entry{std::move(*r), m_openingPath};
        if (!entry.take.motion) {
            showError(tr("Could not open the take"), Error(Errc::BadInput, "the take has no motion")
                                                         .inFile(m_openingPath.toStdString()));
            Q_EMIT takeOpened(false);
            return;
        }
        showTakes({entry}, 0);
        statusBar()->showMessage(tr("Opened %1").arg(QDir::toNativeSeparators(m_openingPath)),
                                 5000);
        Q_EMIT takeOpened(true);
    });

    // Window-wide shortcuts (text fields keep their own keys).
    auto shortcut = [this](const QKeySequence& key, auto&& fn) {
        auto* s = new QShortcut(key, this);
        s->setContext(Qt::WindowShortcut);
        connect(s, &QShortcut::activated, this, fn);
        return s;
    };
    shortcut(QKeySequence(Qt::Key_Escape), [this] { m_controller->cancel(); });
    shortcut(QKeySequence(Qt::SHIFT | Qt::Key_Escape), [this] { m_controller->clearQueue(); });
    shortcut(QKeySequence(Qt::Key_Space), [this] { m_timeline->togglePlaying(); });
    shortcut(QKeySequence(Qt::Key_Left),
             [this] { m_timeline->setCurrentFrame(m_timeline->currentFrame() - 1); });
    shortcut(QKeySequence(Qt::Key_Right),
             [this] { m_timeline->setCurrentFrame(m_timeline->currentFrame() + 1); });
    shortcut(QKeySequence(Qt::Key_Home), [this] { m_timeline->setCurrentFrame(0); });
    shortcut(QKeySequence(Qt::Key_End),
             [this] { m_timeline->setCurrentFrame(m_timeline->frameCount() - 1); });
    for (int i = 0; i < 4; ++i) {
        shortcut(QKeySequence(Qt::Key_1 + i), [this, i] { selectCandidate(i); });
    }
}

void MainWindow::buildCandidateBar(QWidget* parent)
{
    m_candidateBar = new QWidget(parent);
    m_candidateBar->setObjectName(QStringLiteral("candidateBar"));
    auto* layout = new QHBoxLayout(m_candidateBar);
    layout->setContentsMargins(6, 3, 6, 3);
    m_candidateLabel = new QLabel(m_candidateBar);
    layout->addWidget(m_candidateLabel);
    m_candidateGroup = new QButtonGroup(this);
    m_candidateGroup->setExclusive(true);
    for (int i = 0; i < 4; ++i) {
        auto* b = new QToolButton(m_candidateBar);
        b->setObjectName(QStringLiteral("candidate%1").arg(i + 1));
        b->setText(QString::number(i + 1));
        b->setCheckable(true);
        m_candidateGroup->addButton(b, i);
        m_candidateButtons.push_back(b);
        layout->addWidget(b);
    }
    connect(m_candidateGroup, &QButtonGroup::idClicked, this, &MainWindow::selectCandidate);
    m_keepOnly = new QPushButton(m_candidateBar);
    m_keepOnly->setObjectName(QStringLiteral("keepOnly"));
    connect(m_keepOnly, &QPushButton::clicked, this, &MainWindow::keepSelectedOnly);
    layout->addWidget(m_keepOnly);
    layout->addSpacing(12);
    m_takeInfo = new QLabel(m_candidateBar);
    m_takeInfo->setObjectName(QStringLiteral("takeInfo"));
    layout->addWidget(m_takeInfo, 1);
    m_overlay = new QCheckBox(m_candidateBar);
    m_overlay->setObjectName(QStringLiteral("overlayCandidates"));
    m_trail = new QCheckBox(m_candidateBar);
    m_trail->setObjectName(QStringLiteral("showTrail"));
    m_trail->setChecked(true);
    layout->addWidget(m_overlay);
    layout->addWidget(m_trail);
    // updateCandidateBar() runs once the menus exist (retranslateUi).
    connect(m_overlay, &QCheckBox::toggled, this, [this](bool on) {
        m_viewport->setLayout(on ? ViewportWidget::Layout::Overlay
                                 : ViewportWidget::Layout::SideBySide);
        if (m_overlayAction) {
            m_overlayAction->setChecked(on);
        }
    });
    connect(m_trail, &QCheckBox::toggled, this, [this](bool on) {
        m_viewport->setTrailVisible(on);
        if (m_trailAction) {
            m_trailAction->setChecked(on);
        }
    });
}

void MainWindow::buildMenus()
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_openTakeAction = m_fileMenu->addAction(QString(), QKeySequence::Open, this, [this] {
        const QString file = QFileDialog::getOpenFileName(
            this, tr("Open take"), m_takesPanel->folder(),
            tr("Takes (*%1)").arg(QString::fromLatin1(io::kTakeExtension)));
        if (!file.isEmpty()) {
            openTakeFile(file);
        }
    });
    m_exportAction =
        m_fileMenu->addAction(QString(), QKeySequence(Qt::CTRL | Qt::Key_E), this, [this] {
            if (const TakeEntry* e = selectedTake()) {
                exportTake(*e);
            } else if (const TakeEntry* c = m_takesPanel->currentTake()) {
                exportTake(*c);
            }
        });
    m_projectAction = m_fileMenu->addAction(QString(), this, &MainWindow::chooseProjectFolder);
    m_fileMenu->addSeparator();
    m_quitAction = m_fileMenu->addAction(QString(), QKeySequence::Quit, this, &QWidget::close);

    m_modelsMenu = menuBar()->addMenu(QString());
    m_modelManagerAction = m_modelsMenu->addAction(QString(), QKeySequence(Qt::CTRL | Qt::Key_M),
                                                   this, &MainWindow::openModelManager);
    m_loadModelAction = m_modelsMenu->addAction(QString(), QKeySequence(Qt::CTRL | Qt::Key_L), this,
                                                &MainWindow::loadModel);
    m_unloadModelAction =
        m_modelsMenu->addAction(QString(), this, [this] { m_controller->unloadModel(); });
    m_modelsMenu->addSeparator();
    m_licenceAction = m_modelsMenu->addAction(QString(), this, [this] {
        QSettings s;
        auto* dialog = new LicenceDialog(ModelPaths::load(s).modelDir, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });

    m_viewMenu = menuBar()->addMenu(QString());
    m_frameAction = m_viewMenu->addAction(QString(), QKeySequence(Qt::Key_F), m_viewport,
                                          &ViewportWidget::frameScene);
    m_overlayAction = m_viewMenu->addAction(QString());
    m_overlayAction->setShortcut(QKeySequence(Qt::Key_O));
    m_overlayAction->setCheckable(true);
    connect(m_overlayAction, &QAction::toggled, m_overlay, &QCheckBox::setChecked);
    m_trailAction = m_viewMenu->addAction(QString());
    m_trailAction->setShortcut(QKeySequence(Qt::Key_T));
    m_trailAction->setCheckable(true);
    m_trailAction->setChecked(true);
    connect(m_trailAction, &QAction::toggled, m_trail, &QCheckBox::setChecked);
    m_bodyMenu = m_viewMenu->addMenu(QString());
    m_bodyGroup = new QActionGroup(this);
    m_bodySkeletonAction = m_bodyMenu->addAction(QString());
    m_bodySkeletonAction->setData(QStringLiteral("skeleton"));
    m_bodySkeletonAction->setObjectName(QStringLiteral("bodySkeleton"));
    m_bodyMeshAction = m_bodyMenu->addAction(QString());
    m_bodyMeshAction->setData(QStringLiteral("mesh"));
    m_bodyMeshAction->setObjectName(QStringLiteral("bodyMesh"));
    m_bodyBothAction = m_bodyMenu->addAction(QString());
    m_bodyBothAction->setData(QStringLiteral("both"));
    m_bodyBothAction->setObjectName(QStringLiteral("bodyBoth"));
    for (QAction* a : {m_bodySkeletonAction, m_bodyMeshAction, m_bodyBothAction}) {
        a->setCheckable(true);
        m_bodyGroup->addAction(a);
    }
    connect(m_bodyGroup, &QActionGroup::triggered, this,
            [this](QAction* a) { setBodyDisplay(a->data().toString()); });
    setBodyDisplay(
        QSettings().value(QLatin1String(kBodyDisplayKey), QStringLiteral("both")).toString());
    m_viewMenu->addSeparator();
    for (QDockWidget* d : {m_promptDock, m_parametersDock, m_takesDock, m_memoryDock, m_logDock}) {
        m_viewMenu->addAction(d->toggleViewAction());
    }

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
    m_shortcutsAction = m_helpMenu->addAction(QString(), this, [this] {
        QMessageBox::information(
            this, tr("Keyboard shortcuts"),
            tr("<table>"
               "<tr><td><b>Ctrl+Enter</b></td><td>Generate</td></tr>"
               "<tr><td><b>Esc</b></td><td>Cancel the running job</td></tr>"
               "<tr><td><b>Shift+Esc</b></td><td>Clear the queue</td></tr>"
               "<tr><td><b>Space</b></td><td>Play / pause</td></tr>"
               "<tr><td><b>Left / Right</b></td><td>Previous / next frame</td></tr>"
               "<tr><td><b>Home / End</b></td><td>First / last frame</td></tr>"
               "<tr><td><b>1 … 4</b></td><td>Select a candidate</td></tr>"
               "<tr><td><b>F</b></td><td>Frame the motion</td></tr>"
               "<tr><td><b>O</b></td><td>Overlay the candidates</td></tr>"
               "<tr><td><b>T</b></td><td>Show the root trail</td></tr>"
               "<tr><td><b>Ctrl+O / Ctrl+E</b></td><td>Open / export a take</td></tr>"
               "<tr><td><b>Ctrl+M / Ctrl+L</b></td><td>Models / load the model</td></tr>"
               "<tr><td><b>Mouse</b></td><td>Left drag orbits, middle or Shift+left drag pans, "
               "the wheel zooms, a click selects a candidate</td></tr></table>"));
    });
    m_aboutAction = m_helpMenu->addAction(QString(), this, [this] {
        QMessageBox::about(
            this, tr("About Posewright"),
            tr("<b>Posewright %1</b><p>Text-to-motion studio for the HY-Motion 1.0 model.</p>"
               "<p>HY-Motion weights are not included and are subject to the Tencent Hunyuan "
               "Community License.</p>")
                .arg(QString::fromLatin1(kVersion)));
    });
}

void MainWindow::connectController()
{
    connect(m_controller, &GenerationController::busyChanged, this, [this](bool busy) {
        m_promptPanel->setBusy(busy);
        updateGenerateState();
        updateModelStatus();
    });
    connect(m_controller, &GenerationController::modelLoadStarted, this, [this] {
        m_loadFailure.clear();
        updateModelStatus();
        updateGenerateState();
    });
    connect(m_controller, &GenerationController::modelLoaded, this,
            [this](const infer::ModelSummary& summary) {
                const ModelLimits limits = ModelLimits::fromSummary(summary);
                m_parametersPanel->setLimits(limits);
                if (auto config = m_controller->modelConfig(); config && config->device.isCuda()) {
                    m_vramGauge->setDeviceIndex(config->device.index);
                }
                // Replaces the load's last progress line.
                m_promptPanel->setStatusText(
                    tr("Model %1 loaded.").arg(QString::fromStdString(summary.name)));
                updateModelStatus();
                updateGenerateState();
            });
    connect(m_controller, &GenerationController::modelLoadFailed, this, [this](const Error& e) {
        if (e.code != Errc::Cancelled) {
            m_loadFailure = userMessage(e.code);
            showError(tr("The model could not be loaded"), e);
            m_promptPanel->setStatusText(tr("No model loaded: %1").arg(m_loadFailure));
        }
        updateModelStatus();
        updateGenerateState();
    });
    connect(m_controller, &GenerationController::modelUnloaded, this, [this] {
        updateModelStatus();
        updateGenerateState();
    });
    connect(m_controller, &GenerationController::queueChanged, this,
            [this] { m_promptPanel->setQueue(m_controller->queuedPrompts()); });
    connect(m_controller, &GenerationController::memoryStatsChanged, m_vramGauge,
            &VramGauge::setAllocatorStats);
    connect(m_controller, &GenerationController::progressChanged, this,
            [this](JobId id, const QString& stage, int step, int stepCount, double eta) {
                if (id == m_controller->currentJob()) {
                    m_promptPanel->setProgress(stage, step, stepCount, eta);
                }
            });
    connect(m_controller, &GenerationController::generationFinished, this,
            [this](JobId id, const GenerationResult& result) {
                QStringList unsaved;
                std::vector<TakeEntry> entries;
                for (const SavedTake& saved : result.takes) {
                    m_takesPanel->addTake(saved);
                    entries.push_back({saved.take, saved.path});
                    if (!saved.saveError.isEmpty()) {
                        unsaved << saved.saveError;
                    }
                }
                // Queued jobs finish in order: each result replaces the one shown.
                m_jobRequests.erase(id);
                showTakes(entries, 0);
                m_timeline->setPlaying(true);
                const QString done = tr("Generated %n take(s) in %1 s", nullptr,
                                        static_cast<int>(result.takes.size()))
                                         .arg(result.seconds, 0, 'f', 1);
                m_promptPanel->setStatusText(done);
                statusBar()->showMessage(done, 8000);
                if (!unsaved.isEmpty()) {
                    Error e(Errc::IoError, unsaved.join(QLatin1Char('\n')).toStdString());
                    showError(tr("Some takes could not be saved (they are shown, but will be "
                                 "lost when you close Posewright)"),
                              e);
                }
            });
    connect(m_controller, &GenerationController::generationFailed, this,
            [this](JobId id, const Error& e, const QString& stage) {
                const auto node = m_jobRequests.extract(id);
                if (e.code == Errc::Cancelled) {
                    if (id == m_lastJob || !m_controller->isGenerating()) {
                        m_promptPanel->setStatusText(tr("Cancelled."));
                    }
                    return;
                }
                if (e.code == Errc::OutOfMemory && !node.empty()) {
                    showOutOfMemory(e, stage, node.mapped());
                } else {
                    showError(tr("Generation failed"), e);
                }
                m_promptPanel->setStatusText(userMessage(e.code));
            });
}

// --- state -----------------------------------------------------------------------------------

void MainWindow::updateGenerateState()
{
    const bool hasPrompt = countPromptWords(m_promptPanel->prompt().toStdString()) > 0;
    if (m_controller->isLoading()) {
        m_promptPanel->setGenerateEnabled(false, tr("The model is loading…"));
    } else if (!m_controller->modelSummary()) {
        m_promptPanel->setGenerateEnabled(false, tr("Load a model first (Models → Load model)."));
    } else if (!hasPrompt) {
        m_promptPanel->setGenerateEnabled(false, tr("Type a prompt first."));
    } else {
        m_promptPanel->setGenerateEnabled(true);
    }
    m_unloadModelAction->setEnabled(m_controller->modelSummary().has_value());
}

void MainWindow::updateModelStatus()
{
    QString text;
    if (m_controller->isLoading()) {
        text = tr("Loading the model…");
    } else if (auto summary = m_controller->modelSummary()) {
        const auto config = m_controller->modelConfig();
        text = tr("Model: %1 on %2 (%3)")
                   .arg(QString::fromStdString(summary->name),
                        config ? QString::fromStdString(config->device.toString()) : QString(),
                        config ? QString::fromLatin1(infer::precisionName(config->precision))
                               : QString());
    } else if (!m_loadFailure.isEmpty()) {
        text = tr("No model loaded: %1").arg(m_loadFailure);
    } else {
        text = tr("No model loaded");
    }
    m_statusModel->setText(text);
}

void MainWindow::refreshFolderInfo()
{
    QSettings s;
    const ModelPaths paths = ModelPaths::load(s);
    m_motionInfo.reset();
    m_qwenInfo.reset();
    m_clipInfo.reset();
    if (auto m = inspectMotionModel(paths.modelDir.toStdString())) {
        m_motionInfo = *m;
        if (!m_controller->modelSummary()) {
            m_parametersPanel->setLimits(ModelLimits::fromConfig(m->config));
        }
    }
    if (auto q = inspectQwenFolder(paths.qwenDir.toStdString())) {
        m_qwenInfo = *q;
    }
    if (auto c = inspectClipFolder(paths.clipDir.toStdString())) {
        m_clipInfo = *c;
    }
}

void MainWindow::updatePrediction()
{
    const GenerationSettings s = m_parametersPanel->settings();
    const bool cuda = s.device.startsWith(QLatin1String("cuda")) ||
                      (s.device == QLatin1String("auto") && infer::runtimeInfo().cudaAvailable);
    m_vramGauge->setBudgetBytes(static_cast<quint64>(s.vramBudgetGiB * 1024.0 * 1024.0 * 1024.0));
    if (s.device.startsWith(QLatin1String("cuda:"))) {
        m_vramGauge->setDeviceIndex(s.device.mid(5).toInt());
    }
    if (!m_motionInfo) {
        m_vramGauge->setPrediction(std::nullopt);
        return;
    }
    MemoryEstimateInput in;
    in.ditFileBytes = m_motionInfo->weightsBytes;
    in.ditFeatDim = m_motionInfo->config.featDim;
    in.qwenFileBytes = m_qwenInfo ? m_qwenInfo->weightsBytes : 0;
    in.clipTextBytes = m_clipInfo ? m_clipInfo->weightsBytes : 0;
    in.candidates = s.candidates;
    in.ditHalfPrecision = s.precision != QLatin1String("fp32");
    in.cuda = cuda;
    if (cuda) {
        in.textEncodersOnDevice =
            textEncodersOnGpu(s, (in.ditHalfPrecision ? in.ditFileBytes / 2 : in.ditFileBytes) +
                                     in.qwenFileBytes + in.clipTextBytes);
    } else {
        in.qwenFileBytes *= 2; // a CPU-only run computes Qwen3 in fp32 (the shards are bf16)
    }
    m_vramGauge->setPrediction(estimatePeakMemory(in));
}

// --- takes and candidates ------------------------------------------------------------------

void MainWindow::showTakes(const std::vector<TakeEntry>& takes, int selected)
{
    m_shownTakes.clear();
    std::vector<MotionClipPtr> clips;
    for (const TakeEntry& t : takes) {
        if (t.take.motion) {
            m_shownTakes.push_back(t);
            clips.push_back(t.take.motion);
        }
    }
    m_selected = std::clamp(selected, 0, std::max(0, static_cast<int>(m_shownTakes.size()) - 1));
    m_viewport->setCandidates(clips, m_selected);
    int frames = 0;
    double fps = 30.0;
    for (const MotionClipPtr& c : clips) {
        frames = std::max(frames, c->frameCount);
        fps = c->fps;
    }
    m_timeline->setPlaying(false);
    m_timeline->setClip(frames, fps);
    m_timeline->setCurrentFrame(0);
    m_viewport->setFrame(0);
    selectCandidate(m_selected);
    updateCandidateBar();
}

const TakeEntry* MainWindow::selectedTake() const
{
    if (m_selected < 0 || m_selected >= static_cast<int>(m_shownTakes.size())) {
        return nullptr;
    }
    return &m_shownTakes[static_cast<std::size_t>(m_selected)];
}

void MainWindow::selectCandidate(int index)
{
    if (index < 0 || index >= static_cast<int>(m_shownTakes.size())) {
        return;
    }
    m_selected = index;
    m_viewport->setSelectedCandidate(index);
    m_syncingSelection = true;
    m_takesPanel->selectTake(m_shownTakes[static_cast<std::size_t>(index)].take.id);
    m_syncingSelection = false;
    updateCandidateBar();
}

void MainWindow::updateCandidateBar()
{
    const int n = static_cast<int>(m_shownTakes.size());
    for (int i = 0; i < static_cast<int>(m_candidateButtons.size()); ++i) {
        QToolButton* b = m_candidateButtons[static_cast<std::size_t>(i)];
        b->setVisible(i < n && n > 1);
        b->setChecked(i == m_selected);
        if (i < n) {
            b->setToolTip(tr("Candidate %1: seed %2 (key %1)")
                              .arg(i + 1)
                              .arg(m_shownTakes[static_cast<std::size_t>(i)].take.seed));
        }
    }
    m_candidateLabel->setVisible(n > 1);
    m_keepOnly->setVisible(n > 1);
    m_overlay->setEnabled(n > 1);
    if (const TakeEntry* t = selectedTake()) {
        m_takeInfo->setText(tr("\"%1\" · seed %2 · %3 s")
                                .arg(QString::fromStdString(t->take.prompt))
                                .arg(t->take.seed)
                                .arg(t->take.motion->durationSec(), 0, 'f', 1));
        m_takeInfo->setToolTip(t->path.isEmpty() ? tr("Not saved") : t->path);
    } else {
        m_takeInfo->setText(tr("No take yet: type a prompt and press Generate, or open a take."));
        m_takeInfo->setToolTip(QString());
    }
    if (m_exportAction != nullptr) {
        m_exportAction->setEnabled(selectedTake() != nullptr);
    }
}

void MainWindow::keepSelectedOnly()
{
    const TakeEntry* keep = selectedTake();
    if (keep == nullptr || m_shownTakes.size() < 2) {
        return;
    }
    if (QMessageBox::question(this, tr("Keep only this candidate"),
                              tr("Delete the other %n candidate(s) of this generation and their "
                                 "files?",
                                 nullptr, static_cast<int>(m_shownTakes.size()) - 1)) !=
        QMessageBox::Yes) {
        return;
    }
    const TakeEntry kept = *keep;
    for (const TakeEntry& t : m_shownTakes) {
        if (t.take.id != kept.take.id) {
            m_takesPanel->deleteTake(m_takesPanel->model()->rowOf(t.take.id), false);
        }
    }
    showTakes({kept}, 0);
}

void MainWindow::openTakeFile(const QString& path)
{
    m_openWatcher.waitForFinished();
    m_openingPath = path;
    const TakeFileIo io = m_services.takeIo;
    const std::filesystem::path file = path.toStdString();
    m_openWatcher.setFuture(QtConcurrent::run(m_ioPool.get(), [io, file] {
        auto r = guard([&] { return io.load(file); });
        return r ? std::move(*r) : Result<Take>(r.error());
    }));
}

void MainWindow::exportTake(const TakeEntry& entry)
{
    QSettings s;
    auto* dialog =
        new ExportDialog(entry.take, m_services.exporter, ModelPaths::load(s).mannequinDir, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::setBodyDisplay(const QString& display)
{
    const ViewportWidget::BodyDisplay mode = bodyDisplayFromKey(display);
    const QString key = mode == ViewportWidget::BodyDisplay::Skeleton ? QStringLiteral("skeleton")
                        : mode == ViewportWidget::BodyDisplay::Mesh   ? QStringLiteral("mesh")
                                                                      : QStringLiteral("both");
    m_viewport->setBodyDisplay(mode);
    for (QAction* a : m_bodyGroup->actions()) {
        a->setChecked(a->data().toString() == key);
    }
    QSettings().setValue(QLatin1String(kBodyDisplayKey), key);
}

void MainWindow::loadBodyMesh()
{
    QSettings s;
    const QString dir = ModelPaths::load(s).mannequinDir;
    if (dir == m_meshDir && m_meshWatcher.isRunning()) {
        return; // on its way
    }
    m_meshWatcher.disconnect(this);
    m_meshWatcher.waitForFinished();
    m_tokenizerWatcher.waitForFinished();
    m_meshDir = dir;
    if (dir.isEmpty()) {
        m_viewport->setBodyMesh(nullptr);
        return;
    }
    connect(&m_meshWatcher, &QFutureWatcher<Result<MannequinAssets>>::finished, this, [this] {
        Result<MannequinAssets> assets = m_meshWatcher.result();
        if (!assets) {
            // The built-in mannequin stays; the model manager shows the same error.
            log::get(log::kGui)->warn(
                "the official mannequin is not shown (using the built-in one): {}",
                assets.error().describe());
            statusBar()->showMessage(
                tr("The official mannequin could not be read; showing the built-in one: %1")
                    .arg(QString::fromStdString(assets.error().describe())),
                10000);
            m_viewport->setBodyMesh(nullptr);
            return;
        }
        log::get(log::kGui)->info("showing the official mannequin from {} ({} vertices)",
                                  m_meshDir.toStdString(), assets->mesh->vertexCount());
        m_viewport->setBodyMesh(assets->mesh);
    });
    const std::filesystem::path folder = dir.toStdString();
    m_meshWatcher.setFuture(QtConcurrent::run(m_ioPool.get(), [folder] {
        auto r = guard([&] { return loadMannequinFolder(folder); });
        return r ? std::move(*r) : Result<MannequinAssets>(r.error());
    }));
}

void MainWindow::loadTokenizer()
{
    QSettings s;
    const QString dir = ModelPaths::load(s).qwenDir;
    if (dir == m_tokenizerDir) {
        return; // counting with it already, or on its way
    }
    m_tokenizerWatcher.disconnect(this);
    m_tokenizerWatcher.waitForFinished();
    m_tokenizerDir = dir;
    m_promptPanel->setTokenCounter({}, {});
    if (dir.isEmpty()) {
        return;
    }
    using Loaded = Result<std::shared_ptr<const BpeTokenizer>>;
    connect(&m_tokenizerWatcher, &QFutureWatcher<Loaded>::finished, this, [this] {
        Loaded tokenizer = m_tokenizerWatcher.result();
        if (!tokenizer) {
            // The model manager shows the folder's problems; the counter says tokens are unknown.
            log::get(log::kGui)->warn("no token count for prompts: {}",
                                      tokenizer.error().describe());
            m_tokenizerDir.clear(); // try again after the next model-folder change
            return;
        }
        m_promptPanel->setTokenCounter(makeTokenCounter(*tokenizer), makeTokenSplitter(*tokenizer));
    });
    const std::filesystem::path file = std::filesystem::path(dir.toStdString()) / "tokenizer.json";
    m_tokenizerWatcher.setFuture(QtConcurrent::run(m_ioPool.get(), [file]() -> Loaded {
        auto r = guard([&] { return BpeTokenizer::load(file); });
        if (!r) {
            return r.error();
        }
        if (!*r) {
            return r->error();
        }
        return std::make_shared<const BpeTokenizer>(std::move(**r));
    }));
}

void MainWindow::chooseProjectFolder()
{
    const QString dir =
        QFileDialog::getExistingDirectory(this, tr("Project folder"), m_takesPanel->folder());
    if (!dir.isEmpty()) {
        setProjectFolder(dir);
        m_takesPanel->setFolder(dir);
    }
}

// --- models and generation -----------------------------------------------------------------

void MainWindow::openModelManager()
{
    QSettings s;
    auto* dialog = new ModelManagerDialog(ModelPaths::load(s), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        QSettings settings;
        dialog->paths().save(settings);
        loadBodyMesh();
        loadTokenizer();
        refreshFolderInfo();
        updatePrediction();
        if (dialog->loadRequested()) {
            loadModel();
        }
    });
    dialog->open();
}

void MainWindow::loadModel()
{
    QSettings s;
    const ModelPaths paths = ModelPaths::load(s);
    if (!paths.isComplete()) {
        openModelManager();
        return;
    }
    if (!LicenceDialog::ensureAccepted(paths.modelDir, this)) {
        statusBar()->showMessage(tr("The model is not loaded: the licence was not accepted."),
                                 8000);
        return;
    }
    auto config = makeEngineConfig(paths, m_parametersPanel->settings());
    if (!config) {
        showError(tr("The model could not be loaded"), config.error());
        return;
    }
    m_controller->loadModel(*config);
}

void MainWindow::generate()
{
    if (!m_controller->modelSummary()) {
        updateGenerateState();
        return;
    }
    const QString prompt = m_promptPanel->prompt();
    if (countPromptWords(prompt.toStdString()) == 0) {
        return;
    }
    const GenerationSettings settings = m_parametersPanel->settings();
    const std::uint64_t seed = m_parametersPanel->nextSeed();
    queueGeneration(prompt, settings, seed);
}

JobId MainWindow::queueGeneration(const QString& prompt, const GenerationSettings& settings,
                                  std::uint64_t seed)
{
    GenerationJob job =
        makeGenerationJob(prompt, settings, seed, m_takesPanel->folder().toStdString());
    m_lastJob = m_controller->generate(job);
    m_jobRequests[m_lastJob] = JobRequest{settings, seed, prompt};
    return m_lastJob;
}

void MainWindow::showError(const QString& title, const Error& error)
{
    m_lastErrorText = userMessage(error);
    m_lastError = error;
    log::get(log::kGui)->warn("{}: {}", title.toStdString(), error.describe());
    auto* box = new QMessageBox(QMessageBox::Warning, title, userMessage(error.code),
                                QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("errorBox"));
    box->setInformativeText(QString::fromStdString(error.message));
    box->setDetailedText(QString::fromStdString(error.describe()));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::showOutOfMemory(const Error& error, const QString& stage,
                                 const JobRequest& request)
{
    const auto config = m_controller->modelConfig();
    const bool cuda = config && config->device.isCuda();
    const std::optional<GenerationSettings> retry = lowerSettings(request.settings, cuda);
    const QString text = outOfMemoryExplanation(error, stage, request.settings, retry);
    m_lastErrorText = text;
    log::get(log::kGui)->warn("out of memory during '{}': {}", stage.toStdString(),
                              error.describe());
    auto* box = new QMessageBox(QMessageBox::Warning, tr("Out of memory"), text,
                                QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("outOfMemoryBox"));
    box->setDetailedText(QString::fromStdString(error.describe()));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->addButton(QMessageBox::Close);
    if (retry) {
        QPushButton* again =
            box->addButton(tr("Retry with lower settings"), QMessageBox::AcceptRole);
        again->setObjectName(QStringLiteral("retryLower"));
        const GenerationSettings lower = *retry;
        connect(again, &QPushButton::clicked, this, [this, lower, request] {
            const GenerationSettings before = m_parametersPanel->settings();
            m_parametersPanel->setSettings(lower);
            if (lower.device != before.device || lower.precision != before.precision) {
                loadModel(); // runs before the generation below
            }
            // Same prompt and seed: only the memory-relevant settings change.
            queueGeneration(request.prompt, lower, request.seed);
        });
    }
    box->open();
}

// --- misc ------------------------------------------------------------------------------------

void MainWindow::retranslateUi()
{
    setWindowTitle(tr("Posewright"));
    m_promptDock->setWindowTitle(tr("Prompt"));
    m_parametersDock->setWindowTitle(tr("Parameters"));
    m_takesDock->setWindowTitle(tr("Takes"));
    m_memoryDock->setWindowTitle(tr("Memory"));
    m_logDock->setWindowTitle(tr("Log"));
    m_fileMenu->setTitle(tr("&File"));
    m_openTakeAction->setText(tr("&Open take…"));
    m_exportAction->setText(tr("&Export take…"));
    m_projectAction->setText(tr("&Project folder…"));
    m_quitAction->setText(tr("&Quit"));
    m_modelsMenu->setTitle(tr("&Models"));
    m_modelManagerAction->setText(tr("&Model folders…"));
    m_loadModelAction->setText(tr("&Load model"));
    m_unloadModelAction->setText(tr("&Unload model"));
    m_licenceAction->setText(tr("HY-Motion &licence…"));
    m_viewMenu->setTitle(tr("&View"));
    m_frameAction->setText(tr("&Frame the motion"));
    m_overlayAction->setText(tr("&Overlay candidates"));
    m_trailAction->setText(tr("Root &trail"));
    m_bodyMenu->setTitle(tr("&Body"));
    m_bodySkeletonAction->setText(tr("&Skeleton"));
    m_bodyMeshAction->setText(tr("&Mesh"));
    m_bodyBothAction->setText(tr("Skeleton &and mesh"));
    m_settingsMenu->setTitle(tr("&Settings"));
    m_languageMenu->setTitle(tr("&Language"));
    m_langSystem->setText(tr("System default"));
    m_helpMenu->setTitle(tr("&Help"));
    m_shortcutsAction->setText(tr("&Keyboard shortcuts"));
    m_aboutAction->setText(tr("&About Posewright"));
    m_candidateLabel->setText(tr("Candidates:"));
    m_keepOnly->setText(tr("Keep only this"));
    m_keepOnly->setToolTip(tr("Delete the other candidates of this generation"));
    m_overlay->setText(tr("Overlay"));
    m_overlay->setToolTip(tr("Show the candidates on top of each other (O)"));
    m_trail->setText(tr("Trail"));
    m_trail->setToolTip(tr("Show the root's path on the ground (T)"));
    updateCandidateBar();
    updateGenerateState();
    updateModelStatus();
}

void MainWindow::setLanguage(const QString& language)
{
    QSettings().setValue(QLatin1String(kLanguageSettingKey), language);
    installTranslators(language); // sends LanguageChange to every widget
}

void MainWindow::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange && m_promptDock != nullptr) {
        retranslateUi();
    }
    QMainWindow::changeEvent(event);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    log::get(log::kGui)->info("closing");
    m_controller->shutdown();
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
