// SPDX-License-Identifier: Apache-2.0
#include "export_dialog.h"

#include "error_text.h"
#include "model_check.h"

#include <pw/core/body_mesh.h>

#include <QCheckBox>
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
#include <QSettings>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QThreadPool>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace pw::gui {
namespace {

const io::ExportPreset kPresets[] = {io::ExportPreset::Blender, io::ExportPreset::Maya,
                                     io::ExportPreset::Unreal, io::ExportPreset::Unity};

} // namespace

ExportDialog::ExportDialog(const Take& take, std::shared_ptr<TakeExporter> exporter,
                           const QString& mannequinDir, QWidget* parent)
    : QDialog(parent), m_take(take), m_exporter(std::move(exporter)), m_mannequinDir(mannequinDir),
      m_pool(std::make_unique<QThreadPool>())
{
    setObjectName(QStringLiteral("exportDialog"));
    setMinimumWidth(560);
    m_pool->setMaxThreadCount(1);
    const int frames = m_take.motion ? m_take.motion->frameCount : 0;

    auto* layout = new QVBoxLayout(this);
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    m_form = new QFormLayout;

    m_format = new QComboBox(this);
    m_format->setObjectName(QStringLiteral("exportFormat"));
    auto* formatModel = new QStandardItemModel(m_format);
    for (io::ExportFormat f : m_exporter->formats()) {
        auto* item = new QStandardItem(QString::fromLatin1(io::formatName(f)).toUpper());
        item->setData(static_cast<int>(f), Qt::UserRole);
        item->setEnabled(m_exporter->canExport(f));
        formatModel->appendRow(item);
    }
    m_format->setModel(formatModel);

    m_preset = new QComboBox(this);
    m_preset->setObjectName(QStringLiteral("exportPreset"));
    for (io::ExportPreset p : kPresets) {
        m_preset->addItem(QString(), static_cast<int>(p));
    }
    m_trimBegin = new QSpinBox(this);
    m_trimBegin->setObjectName(QStringLiteral("trimBegin"));
    m_trimBegin->setRange(0, std::max(0, frames - 1));
    m_trimEnd = new QSpinBox(this);
    m_trimEnd->setObjectName(QStringLiteral("trimEnd"));
    m_trimEnd->setRange(1, std::max(1, frames));
    m_trimEnd->setValue(frames);
    auto* trimRow = new QHBoxLayout;
    trimRow->addWidget(m_trimBegin);
    trimRow->addWidget(new QLabel(QStringLiteral("–"), this));
    trimRow->addWidget(m_trimEnd);
    trimRow->addStretch(1);
    m_inPlace = new QCheckBox(this);
    m_inPlace->setObjectName(QStringLiteral("exportInPlace"));
    m_ground = new QCheckBox(this);
    m_ground->setObjectName(QStringLiteral("exportGround"));
    m_ground->setChecked(true);
    m_mesh = new QCheckBox(this);
    m_mesh->setObjectName(QStringLiteral("exportMesh"));
    m_mesh->setChecked(true);
    auto* optionsColumn = new QVBoxLayout;
    optionsColumn->addWidget(m_inPlace);
    optionsColumn->addWidget(m_ground);
    optionsColumn->addWidget(m_mesh);

    m_path = new QLineEdit(this);
    m_path->setObjectName(QStringLiteral("exportPath"));
    m_browse = new QToolButton(this);
    m_browse->setText(QStringLiteral("…"));
    auto* pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(m_browse);

    auto addRow = [this](QLabel*& label, auto* field) {
        label = new QLabel(this);
        m_form->addRow(label, field);
    };
    addRow(m_labels.format, m_format);
    addRow(m_labels.preset, m_preset);
    addRow(m_labels.frames, trimRow);
    addRow(m_labels.options, optionsColumn);
    addRow(m_labels.file, pathRow);

    m_result = new QLabel(this);
    m_result->setObjectName(QStringLiteral("exportResult"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Close, this);
    layout->addWidget(m_summary);
    layout->addLayout(m_form);
    layout->addWidget(m_result);
    layout->addWidget(m_buttons);

    // The last choices, then a file name from the take in the last folder.
    const QSettings s;
    setFormat(static_cast<io::ExportFormat>(
        s.value(QStringLiteral("export/format"), static_cast<int>(io::ExportFormat::Fbx)).toInt()));
    setPreset(static_cast<io::ExportPreset>(
        s.value(QStringLiteral("export/preset"), static_cast<int>(io::ExportPreset::Maya))
            .toInt()));
    m_inPlace->setChecked(s.value(QStringLiteral("export/inPlace"), false).toBool());
    m_ground->setChecked(s.value(QStringLiteral("export/ground"), true).toBool());
    m_mesh->setChecked(s.value(QStringLiteral("export/mesh"), true).toBool());
    const QString folder = s.value(QStringLiteral("export/folder"), QDir::homePath()).toString();
    const QString base = QDir(folder).filePath(
        QString::fromStdString(m_take.id.empty() ? std::string("take") : m_take.id));
    m_path->setText(base + QString::fromLatin1(io::formatExtension(currentFormat())));

    connect(m_format, &QComboBox::currentIndexChanged, this, [this] {
        updateExtension();
        updateOptionStates();
    });
    connect(m_trimBegin, &QSpinBox::valueChanged, this,
            [this](int v) { m_trimEnd->setMinimum(v + 1); });
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
            m_result->setText(tr("Exported to %1").arg(QDir::toNativeSeparators(m_path->text())));
            m_result->setStyleSheet(QStringLiteral("color: #3c9a5f;"));
            saveChoices();
        } else {
            m_result->setText(userMessage(r.error()));
            m_result->setStyleSheet(QStringLiteral("color: #dc322f;"));
        }
        Q_EMIT exportFinished(r.has_value());
    });
    retranslateUi();
    updateOptionStates();
}

ExportDialog::~ExportDialog()
{
    m_watcher.waitForFinished();
}

io::ExportFormat ExportDialog::currentFormat() const
{
    return static_cast<io::ExportFormat>(m_format->currentData(Qt::UserRole).toInt());
}

io::ExportPreset ExportDialog::currentPreset() const
{
    return static_cast<io::ExportPreset>(m_preset->currentData().toInt());
}

void ExportDialog::setFormat(io::ExportFormat format)
{
    const int index = m_format->findData(static_cast<int>(format), Qt::UserRole);
    if (index >= 0) {
        m_format->setCurrentIndex(index);
    }
}

void ExportDialog::setPreset(io::ExportPreset preset)
{
    const int index = m_preset->findData(static_cast<int>(preset));
    if (index >= 0) {
        m_preset->setCurrentIndex(index);
    }
}

void ExportDialog::setTrim(int beginFrame, int endFrame)
{
    m_trimBegin->setValue(beginFrame);
    m_trimEnd->setValue(endFrame);
}

void ExportDialog::setInPlace(bool inPlace)
{
    m_inPlace->setChecked(inPlace);
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

io::ExportOptions ExportDialog::options() const
{
    io::ExportOptions o;
    o.format = currentFormat();
    io::applyPreset(o, currentPreset());
    const int frames = m_take.motion ? m_take.motion->frameCount : 0;
    if (m_trimBegin->value() > 0 || m_trimEnd->value() < frames) {
        o.trim = io::FrameRange{m_trimBegin->value(), m_trimEnd->value()};
    }
    o.inPlace = m_inPlace->isChecked();
    o.groundAlign = m_ground->isChecked();
    o.includeMesh = m_mesh->isChecked();
    return o;
}

void ExportDialog::updateExtension()
{
    const QFileInfo info(m_path->text());
    const QString ext = QString::fromLatin1(io::formatExtension(currentFormat()));
    m_path->setText(info.dir().filePath(info.completeBaseName() + ext));
}

void ExportDialog::updateOptionStates()
{
    const io::ExportFormat f = currentFormat();
    // Presets choose the unit and up axis of FBX (and the unit of BVH); glTF and JSON are
    // always metres, Y up. Only FBX and glTF carry a mesh.
    m_preset->setEnabled(f == io::ExportFormat::Fbx || f == io::ExportFormat::Bvh);
    m_mesh->setEnabled(f == io::ExportFormat::Fbx || f == io::ExportFormat::Glb);
}

void ExportDialog::saveChoices() const
{
    QSettings s;
    s.setValue(QStringLiteral("export/format"), static_cast<int>(currentFormat()));
    s.setValue(QStringLiteral("export/preset"), static_cast<int>(currentPreset()));
    s.setValue(QStringLiteral("export/inPlace"), m_inPlace->isChecked());
    s.setValue(QStringLiteral("export/ground"), m_ground->isChecked());
    s.setValue(QStringLiteral("export/mesh"), m_mesh->isChecked());
    s.setValue(QStringLiteral("export/folder"), QFileInfo(m_path->text()).absolutePath());
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
    const io::ExportOptions options = this->options();
    const std::filesystem::path path = file.toStdString();
    const std::filesystem::path mannequin = m_mannequinDir.toStdString();
    m_watcher.setFuture(QtConcurrent::run(
        m_pool.get(), [exporter, take, options, path, mannequin]() -> Result<void> {
            io::ExportOptions o = options;
            if (!mannequin.empty()) {
                // The official wooden mannequin: its mesh in FBX/glTF, and its soles for the floor.
                auto assets = loadMannequinFolder(mannequin);
                if (!assets) {
                    return assets.error();
                }
                o.mesh = assets->mesh;
            }
            auto r = guard([&] { return exporter->exportTake(take, o, path); });
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
    m_labels.format->setText(tr("Format"));
    m_labels.preset->setText(tr("For"));
    m_labels.frames->setText(tr("Frames"));
    m_labels.options->setText(tr("Options"));
    m_labels.file->setText(tr("File"));
    auto* formats = qobject_cast<QStandardItemModel*>(m_format->model());
    for (int i = 0; formats != nullptr && i < formats->rowCount(); ++i) {
        QStandardItem* item = formats->item(i);
        item->setToolTip(
            item->isEnabled() ? QString() : tr("This build has no glTF writer (it needs Assimp)."));
    }
    m_preset->setItemText(0, tr("Blender (metres, Z up)"));
    m_preset->setItemText(1, tr("Maya (centimetres, Y up)"));
    m_preset->setItemText(2, tr("Unreal (centimetres, Z up)"));
    m_preset->setItemText(3, tr("Unity (metres, Y up)"));
    m_preset->setToolTip(tr("Sets the unit and up axis the application's importer expects."));
    m_trimBegin->setToolTip(tr("First frame to keep"));
    m_trimEnd->setToolTip(tr("Frame after the last one to keep"));
    m_inPlace->setText(tr("In place (remove horizontal root motion)"));
    m_ground->setText(tr("Put the body on the floor"));
    m_ground->setToolTip(tr("Moves the clip so its lowest point over all frames is at height 0."));
    m_mesh->setText(tr("Include the mannequin mesh"));
    m_mesh->setToolTip(m_mannequinDir.isEmpty()
                           ? tr("The built-in mannequin, skinned to the skeleton.")
                           : tr("The official wooden mannequin from %1.").arg(m_mannequinDir));
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
