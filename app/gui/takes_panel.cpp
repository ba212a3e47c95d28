// SPDX-License-Identifier: Apache-2.0
#include "takes_panel.h"

#include <pw/core/log.h>
#include <pw/io/take_file.h>

#include <QDesktopServices>
#include <QDir>
#include <QEvent>
#include <QFile>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QMessageBox>
#include <QPushButton>
#include <QThreadPool>
#include <QUrl>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace pw::gui {

TakesPanel::TakesPanel(TakeFileIo io, QWidget* parent)
    : QWidget(parent), m_io(std::move(io)), m_pool(std::make_unique<QThreadPool>())
{
    setObjectName(QStringLiteral("takesPanel"));
    m_pool->setMaxThreadCount(1);
    auto* layout = new QVBoxLayout(this);
    m_folderLabel = new QLabel(this);
    m_folderLabel->setWordWrap(true);
    m_folderLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_model = new TakeListModel(this);
    m_view = new QListView(this);
    m_view->setObjectName(QStringLiteral("takesView"));
    m_view->setModel(m_model);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(true);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("takesStatus"));
    m_status->setWordWrap(true);
    m_open = new QPushButton(this);
    m_export = new QPushButton(this);
    m_export->setObjectName(QStringLiteral("exportButton"));
    m_delete = new QPushButton(this);
    m_showFolder = new QPushButton(this);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_open);
    buttons->addWidget(m_export);
    buttons->addWidget(m_delete);
    buttons->addStretch(1);
    buttons->addWidget(m_showFolder);
    layout->addWidget(m_folderLabel);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_status);
    layout->addLayout(buttons);

    auto currentId = [this] {
        const TakeEntry* e = currentTake();
        return e ? QString::fromStdString(e->take.id) : QString();
    };
    connect(m_view, &QListView::activated, this,
            [this, currentId] { Q_EMIT takeActivated(currentId()); });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this, currentId] {
                updateButtons();
                Q_EMIT currentTakeChanged(currentId());
            });
    connect(m_model, &QAbstractItemModel::modelReset, this, &TakesPanel::updateButtons);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &TakesPanel::retranslateUi);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &TakesPanel::retranslateUi);
    connect(m_open, &QPushButton::clicked, this,
            [this, currentId] { Q_EMIT takeActivated(currentId()); });
    connect(m_export, &QPushButton::clicked, this,
            [this, currentId] { Q_EMIT exportRequested(currentId()); });
    connect(m_delete, &QPushButton::clicked, this,
            [this] { deleteTake(m_view->currentIndex().row(), true); });
    connect(m_showFolder, &QPushButton::clicked, this,
            [this] { QDesktopServices::openUrl(QUrl::fromLocalFile(m_folder)); });
    connect(&m_watcher, &QFutureWatcher<ScanResult>::finished, this, [this] {
        ScanResult r = m_watcher.result();
        m_lastLoaded = static_cast<int>(r.entries.size());
        m_lastFailed = static_cast<int>(r.failures.size());
        for (const QString& f : r.failures) {
            log::get(log::kGui)->warn("take not readable: {}", f.toStdString());
        }
        m_model->setTakes(std::move(r.entries));
        retranslateUi();
        m_status->setToolTip(r.failures.join(QLatin1Char('\n')));
        Q_EMIT scanFinished(m_lastLoaded, m_lastFailed);
    });
    retranslateUi();
    updateButtons();
}

TakesPanel::~TakesPanel()
{
    m_watcher.waitForFinished();
}

void TakesPanel::setFolder(const QString& folder)
{
    m_folder = folder;
    retranslateUi();
    rescan();
}

bool TakesPanel::isScanning() const
{
    return m_watcher.isRunning();
}

void TakesPanel::rescan()
{
    if (m_folder.isEmpty()) {
        m_model->clear();
        return;
    }
    m_watcher.waitForFinished();
    const QString folder = m_folder;
    const TakeFileIo io = m_io;
    m_watcher.setFuture(QtConcurrent::run(m_pool.get(), [folder, io] {
        ScanResult result;
        const QDir dir(folder);
        const QStringList files =
            dir.entryList({QStringLiteral("*") + QString::fromLatin1(io::kTakeExtension)},
                          QDir::Files, QDir::Name);
        for (const QString& name : files) {
            const QString path = dir.filePath(name);
            auto loaded = guard([&] { return io.load(path.toStdString()); });
            Result<Take> take = loaded ? std::move(*loaded) : Result<Take>(loaded.error());
            if (take) {
                result.entries.push_back({std::move(*take), path});
            } else {
                result.failures << QStringLiteral("%1: %2").arg(
                    name, QString::fromStdString(take.error().describe()));
            }
        }
        return result;
    }));
}

void TakesPanel::addTake(const SavedTake& saved)
{
    m_model->addTake(saved.take, saved.path);
    updateButtons();
}

void TakesPanel::selectTake(const std::string& id)
{
    const int row = m_model->rowOf(id);
    if (row >= 0) {
        m_view->setCurrentIndex(m_model->index(row));
    }
}

const TakeEntry* TakesPanel::currentTake() const
{
    return m_model->entry(m_view->currentIndex().row());
}

bool TakesPanel::deleteTake(int row, bool confirm)
{
    const TakeEntry* e = m_model->entry(row);
    if (e == nullptr) {
        return false;
    }
    if (confirm &&
        QMessageBox::question(this, tr("Delete take"),
                              tr("Delete the take \"%1\" (seed %2)? Its file is removed.")
                                  .arg(QString::fromStdString(e->take.prompt))
                                  .arg(e->take.seed)) != QMessageBox::Yes) {
        return false;
    }
    if (!e->path.isEmpty() && QFile::exists(e->path) && !QFile::remove(e->path)) {
        m_status->setText(tr("Could not delete %1").arg(e->path));
        return false;
    }
    m_model->removeTakeAt(row);
    updateButtons();
    return true;
}

void TakesPanel::updateButtons()
{
    const bool has = currentTake() != nullptr;
    m_open->setEnabled(has);
    m_export->setEnabled(has);
    m_delete->setEnabled(has);
    m_showFolder->setEnabled(!m_folder.isEmpty());
}

void TakesPanel::retranslateUi()
{
    m_folderLabel->setText(tr("Project folder: %1").arg(QDir::toNativeSeparators(m_folder)));
    m_open->setText(tr("Open"));
    m_open->setToolTip(tr("Show the take in the viewport (double click)"));
    m_export->setText(tr("Export…"));
    m_delete->setText(tr("Delete"));
    m_showFolder->setText(tr("Show folder"));
    if (m_lastFailed > 0) {
        m_status->setText(tr("%n take file(s) could not be read (see the tooltip and the log).",
                             nullptr, m_lastFailed));
    } else {
        m_status->setText(tr("%n take(s)", nullptr, m_model->rowCount()));
    }
}

void TakesPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
    }
    QWidget::changeEvent(event);
}

} // namespace pw::gui
