// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "engine_factory.h"
#include "generation_settings.h"
#include "metatypes.h"
#include "model_check.h"
#include "models/take_list_model.h"
#include "take_exporter.h"
#include "take_io.h"
#include "widgets/vram_gauge.h"

#include <pw/core/body_mesh.h>
#include <pw/core/bpe_tokenizer.h>
#include <pw/core/error.h>
#include <pw/core/model_folders.h>

#include <QFutureWatcher>
#include <QMainWindow>

#include <map>
#include <memory>
#include <optional>
#include <vector>

class QActionGroup;
class QButtonGroup;
class QCheckBox;
class QDockWidget;
class QLabel;
class QListView;
class QMenu;
class QPushButton;
class QThreadPool;
class QToolButton;

namespace pw::gui {

class GenerationController;
class LogModel;
class ParametersPanel;
class PromptPanel;
class TakesPanel;
class TimelineWidget;
class ViewportWidget;

/// What the studio talks to outside itself; the defaults are the real engine, pw::io's take
/// files and exporters, and NVML/CUDA memory readings. Tests inject fakes.
struct StudioServices
{
    EngineFactory engineFactory;
    TakeFileIo takeIo;
    std::shared_ptr<TakeExporter> exporter;
    VramGauge::Sampler memorySampler; ///< empty: the gauge's own NVML/CUDA/RAM sampler

    static StudioServices defaults();
};

/// The studio window: prompt and parameters (left), viewport with the candidate bar and the
/// timeline (centre), takes and memory (right), log (bottom). Owns the generation controller
/// (the inference thread). Thread: GUI thread.
class MainWindow : public QMainWindow
{
    Q_OBJECT
  public:
    explicit MainWindow(QWidget* parent = nullptr);
    explicit MainWindow(StudioServices services, QWidget* parent = nullptr);
    ~MainWindow() override;

    ViewportWidget* viewport() const { return m_viewport; }
    TimelineWidget* timeline() const { return m_timeline; }
    PromptPanel* promptPanel() const { return m_promptPanel; }
    ParametersPanel* parametersPanel() const { return m_parametersPanel; }
    TakesPanel* takesPanel() const { return m_takesPanel; }
    VramGauge* vramGauge() const { return m_vramGauge; }
    GenerationController* controller() const { return m_controller; }
    LogModel* logModel() const { return m_logModel; }

    /// Grabs the whole window (including the OpenGL viewport) and writes a PNG.
    /// Errors: IoError naming the path.
    Result<void> saveScreenshot(const QString& path);

    /// Reads a take file on a worker pool and shows it; emits takeOpened when done.
    void openTakeFile(const QString& path);
    /// Shows these takes as the candidates in the viewport; `selected` is the one to keep.
    void showTakes(const std::vector<TakeEntry>& takes, int selected = 0);
    const std::vector<TakeEntry>& shownTakes() const { return m_shownTakes; }
    /// The take to keep: the selected candidate.
    const TakeEntry* selectedTake() const;
    void selectCandidate(int index);
    /// Loads the model with the saved folders (asks for the licence once, opens the model
    /// manager if folders are missing).
    void loadModel();
    /// Queues a generation with the prompt and parameters (it starts when the jobs before it
    /// are done).
    void generate();
    /// The last error shown to the user (tests).
    QString lastErrorText() const { return m_lastErrorText; }
    /// The last pw::Error shown to the user, if any (its code is the exit status of
    /// `posewright --load-take`, as the CLI's for the same file).
    const std::optional<Error>& lastError() const { return m_lastError; }

  Q_SIGNALS:
    void takeOpened(bool ok);

  protected:
    void changeEvent(QEvent* event) override;
    void closeEvent(QCloseEvent* event) override;

  private:
    /// What each queued or running generation was asked for (the out-of-memory retry).
    struct JobRequest
    {
        GenerationSettings settings;
        std::uint64_t seed = 0;
        QString prompt;
    };

    void buildUi();
    void buildCandidateBar(QWidget* parent);
    void buildMenus();
    void retranslateUi();
    void setLanguage(const QString& language);
    void connectController();
    void updateGenerateState();
    void updateModelStatus();
    void updatePrediction();
    void refreshFolderInfo();
    void updateCandidateBar();
    void showError(const QString& title, const Error& error);
    void showOutOfMemory(const Error& error, const QString& stage, const JobRequest& request);
    void openModelManager();
    void exportTake(const TakeEntry& entry);
    void keepSelectedOnly();
    void chooseProjectFolder();
    /// Shows bones, mesh or both ("skeleton", "mesh", "both"), remembered in QSettings.
    void setBodyDisplay(const QString& display);
    /// Loads the official mannequin from the model manager's folder on the I/O pool (the
    /// built-in one when none is set or it cannot be read) for the viewport.
    void loadBodyMesh();
    /// Reads the Qwen3 folder's tokenizer.json on the I/O pool for the prompt panel's token
    /// counter (none when the folder is unset or unreadable).
    void loadTokenizer();

    StudioServices m_services;
    GenerationController* m_controller = nullptr;
    ViewportWidget* m_viewport = nullptr;
    TimelineWidget* m_timeline = nullptr;
    PromptPanel* m_promptPanel = nullptr;
    ParametersPanel* m_parametersPanel = nullptr;
    TakesPanel* m_takesPanel = nullptr;
    VramGauge* m_vramGauge = nullptr;
    LogModel* m_logModel = nullptr;
    std::shared_ptr<void> m_logSinkHandle;
    QListView* m_logView = nullptr;
    QDockWidget* m_promptDock = nullptr;
    QDockWidget* m_parametersDock = nullptr;
    QDockWidget* m_takesDock = nullptr;
    QDockWidget* m_memoryDock = nullptr;
    QDockWidget* m_logDock = nullptr;
    // Candidate bar.
    QWidget* m_candidateBar = nullptr;
    QLabel* m_candidateLabel = nullptr;
    QButtonGroup* m_candidateGroup = nullptr;
    std::vector<QToolButton*> m_candidateButtons;
    QCheckBox* m_overlay = nullptr;
    QCheckBox* m_trail = nullptr;
    QPushButton* m_keepOnly = nullptr;
    QLabel* m_takeInfo = nullptr;
    // Status bar.
    QLabel* m_statusModel = nullptr;
    QLabel* m_statusGl = nullptr;
    // Menus and actions.
    QMenu* m_fileMenu = nullptr;
    QMenu* m_modelsMenu = nullptr;
    QMenu* m_viewMenu = nullptr;
    QMenu* m_settingsMenu = nullptr;
    QMenu* m_languageMenu = nullptr;
    QMenu* m_helpMenu = nullptr;
    QAction* m_openTakeAction = nullptr;
    QAction* m_exportAction = nullptr;
    QAction* m_projectAction = nullptr;
    QAction* m_quitAction = nullptr;
    QAction* m_modelManagerAction = nullptr;
    QAction* m_loadModelAction = nullptr;
    QAction* m_unloadModelAction = nullptr;
    QAction* m_licenceAction = nullptr;
    QAction* m_frameAction = nullptr;
    QAction* m_overlayAction = nullptr;
    QAction* m_trailAction = nullptr;
    QMenu* m_bodyMenu = nullptr;
    QActionGroup* m_bodyGroup = nullptr;
    QAction* m_bodySkeletonAction = nullptr;
    QAction* m_bodyMeshAction = nullptr;
    QAction* m_bodyBothAction = nullptr;
    QAction* m_aboutAction = nullptr;
    QAction* m_shortcutsAction = nullptr;
    QActionGroup* m_languageGroup = nullptr;
    QAction* m_langSystem = nullptr;
    QAction* m_langEnglish = nullptr;
    QAction* m_langChinese = nullptr;

    std::vector<TakeEntry> m_shownTakes;
    int m_selected = 0;
    bool m_syncingSelection = false;
    JobId m_lastJob = 0;
    std::map<JobId, JobRequest> m_jobRequests;
    JobId queueGeneration(const QString& prompt, const GenerationSettings& settings,
                          std::uint64_t seed);
    std::optional<MotionModelInfo> m_motionInfo;
    std::optional<TextEncoderFolderInfo> m_qwenInfo;
    std::optional<TextEncoderFolderInfo> m_clipInfo;
    QString m_lastErrorText;
    std::optional<Error> m_lastError;
    QString m_loadFailure;
    QFutureWatcher<Result<Take>> m_openWatcher;
    QFutureWatcher<Result<MannequinAssets>> m_meshWatcher;
    QString m_meshDir; ///< the mannequin folder shown (or being loaded); empty: built-in
    QFutureWatcher<Result<std::shared_ptr<const BpeTokenizer>>> m_tokenizerWatcher;
    QString m_tokenizerDir; ///< the Qwen3 folder whose tokenizer counts (or is being read)
    QString m_openingPath;
    std::unique_ptr<QThreadPool> m_ioPool;
};

} // namespace pw::gui
