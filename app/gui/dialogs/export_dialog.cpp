// SPDX-License-Identifier: Apache-2.0
#include "export_dialog.h"

#include "error_text.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QThreadPool>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace pw::gui {

ExportDialog::ExportDialog(const Take& take, std::shared_ptr<TakeExporter> exporter,
                           QWidget* parent)
    : QDialog(parent), m_take(take), m_exporter(std::move(exporter)),
      m_pool(std::make_unique<QThreadPool>())
{
    setObjectName(QStringLiteral("exportDialog"));
    setMinimumWidth(520);
    m_pool->setMaxThreadCount(1);
    auto* layout = new QVBoxLayout(this);
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    auto* form = new QFormLayout;
    m_format = new QComboBox(this);
    m_format->setObjectName(QStringLiteral("exportFormat"));
    for (io::ExportFormat f : m_exporter->formats()) {
        m_format->addItem(QString::fromLatin1(io::formatName(f)).toUpper(), static_cast<int>(f));
    }
    m_path = new QLineEdit(this);
    m_path->setObjectName(QStringLiteral("exportPath"));
    m_browse = new QToolButton(this);
    m_browse->setText(QStringLiteral("…"));
    auto* pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(m_browse);
    form->addRow(QStringLiteral("format"), m_format);
    form->addRow(QStringLiteral("file"), pathRow);
    m_result = new QLabel(this);
    m_result->setObjectName(QStringLiteral("exportResult"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Close, this);
    layout->addWidget(m_summary);
    layout->addLayout(form);
    layout->addWidget(m_result);
    layout->addWidget(m_buttons);

    const QString base = QDir::home().filePath(
        QString::fromStdString(m_take.id.empty() ? std::string("take") : m_take.id));
    m_path->setText(base + QString::fromLatin1(io::formatExtension(currentFormat())));
    connect(m_format, &QComboBox::currentIndexChanged, this, &ExportDialog::updateExtension);
    connect(m_browse, &QToolButton::clicked, this, [this] {
        const QString ext = QString::fromLatin1(io::formatExtension(currentFormat()));
        const QString file = QFileDialog::getSaveFileName(this, windowTitle(), m_path->text(),
                                                          QStringLiteral("*%1").arg(ext));
        if (!file.isEmpty()) {
            m_path->setText(file);
        }
    });
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ExportDialog::startExport);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(&m_watcher, &QFutureWatcher<Result<void>>::finished, this, [this] {
        const Result<void> r = m_watcher.result();
        m_buttons->button(QDialogButtonBox::Ok)->setEnabled(true);
        if (r) {
            m_result->setText(tr("Exported to %1").arg(m_path->text()));
            m_result->setStyleSheet(QStringLiteral("color: #3c9a5f;"));
        } else {
            m_result->setText(userMessage(r.error()));
            m_result->setStyleSheet(QStringLiteral("color: #dc322f;"));
        }
        Q_EMIT exportFinished(r.has_value());
    });
    retranslateUi();
}

ExportDialog::~ExportDialog()
{
    m_watcher.waitForFinished();
}

io::ExportFormat ExportDialog::currentFormat() const
{
    return static_cast<io::ExportFormat>(m_format->currentData().toInt());
}

void ExportDialog::setFormat(io::ExportFormat format)
{
    m_format->setCurrentIndex(std::max(0, m_format->findData(static_cast<int>(format))));
}

void ExportDialog::setPath(const QString& path)
{
    m_path->setText(path);
}

QString ExportDialog::path() const
{
    return m_path->text();
}

bool ExportDialog::isExporting() const
{
    return m_watcher.isRunning();
}

QString ExportDialog::resultText() const
{
    return m_result->text();
}

void ExportDialog::updateExtension()
{
    QFileInfo info(m_path->text());
    const QString ext = QString::fromLatin1(io::formatExtension(currentFormat()));
    m_path->setText(info.dir().filePath(info.completeBaseName() + ext));
}

void ExportDialog::startExport()
{
    if (isExporting()) {
        return;
    }
    const QString file = m_path->text().trimmed();
    if (file.isEmpty()) {
        m_result->setText(tr("Choose a file to export to."));
        return;
    }
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    m_result->setStyleSheet(QString());
    m_result->setText(tr("Exporting…"));
    auto exporter = m_exporter;
    const Take take = m_take;
    const io::ExportFormat format = currentFormat();
    const std::filesystem::path path = file.toStdString();
    m_watcher.setFuture(QtConcurrent::run(m_pool.get(), [exporter, take, format, path] {
        auto r = guard([&] { return exporter->exportTake(take, format, path); });
        return r ? *r : Result<void>(r.error());
    }));
}

void ExportDialog::retranslateUi()
{
    setWindowTitle(tr("Export take"));
    m_summary->setText(tr("\"%1\" (seed %2, %3 s)")
                           .arg(QString::fromStdString(m_take.prompt))
                           .arg(m_take.seed)
                           .arg(m_take.motion ? m_take.motion->durationSec() : 0.0, 0, 'f', 1));
    if (auto* form = findChild<QFormLayout*>()) {
        if (auto* l = qobject_cast<QLabel*>(form->labelForField(m_format))) {
            l->setText(tr("Format"));
        }
        if (auto* item = form->itemAt(1, QFormLayout::LabelRole)) {
            if (auto* l = qobject_cast<QLabel*>(item->widget())) {
                l->setText(tr("File"));
            }
        }
    }
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Export"));
    m_browse->setToolTip(tr("Choose the file"));
}

void ExportDialog::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
    }
    QDialog::changeEvent(event);
}

} // namespace pw::gui
