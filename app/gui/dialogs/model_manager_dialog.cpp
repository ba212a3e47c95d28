// SPDX-License-Identifier: Apache-2.0
#include "model_manager_dialog.h"

#include "error_text.h"
#include "widgets/vram_gauge.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFileDialog>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace pw::gui {
namespace {

const char* kObjectNames[4][2] = {{"modelPath", "modelStatus"},
                                  {"qwenPath", "qwenStatus"},
                                  {"clipPath", "clipStatus"},
                                  {"mannequinPath", "mannequinStatus"}};

QString errorLine(const Error& e)
{
    return userMessage(e.code) + QLatin1Char(' ') + QString::fromStdString(e.describe());
}

} // namespace

ModelManagerDialog::ModelManagerDialog(const ModelPaths& paths, QWidget* parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("modelManager"));
    setMinimumWidth(720);
    auto* layout = new QVBoxLayout(this);
    m_intro = new QLabel(this);
    m_intro->setWordWrap(true);
    m_intro->setTextFormat(Qt::RichText);
    m_intro->setOpenExternalLinks(true);
    layout->addWidget(m_intro);

    auto* grid = new QGridLayout;
    const QString initial[4] = {paths.modelDir, paths.qwenDir, paths.clipDir, paths.mannequinDir};
    for (int i = 0; i < 4; ++i) {
        Row& r = m_rows[static_cast<std::size_t>(i)];
        r.required = i < 3;
        r.title = new QLabel(this);
        r.path = new QLineEdit(initial[i], this);
        r.path->setObjectName(QString::fromLatin1(kObjectNames[i][0]));
        r.path->setClearButtonEnabled(true);
        r.browse = new QToolButton(this);
        r.browse->setText(QStringLiteral("…"));
        r.status = new QLabel(this);
        r.status->setObjectName(QString::fromLatin1(kObjectNames[i][1]));
        r.status->setWordWrap(true);
        r.status->setTextInteractionFlags(Qt::TextSelectableByMouse);
        grid->addWidget(r.title, 2 * i, 0);
        grid->addWidget(r.path, 2 * i, 1);
        grid->addWidget(r.browse, 2 * i, 2);
        grid->addWidget(r.status, 2 * i + 1, 1, 1, 2);
        connect(r.browse, &QToolButton::clicked, this, [this, i] {
            Row& row = m_rows[static_cast<std::size_t>(i)];
            const QString dir =
                QFileDialog::getExistingDirectory(this, row.title->text(), row.path->text());
            if (!dir.isEmpty()) {
                row.path->setText(dir);
                validateNow();
            }
        });
        connect(r.path, &QLineEdit::textChanged, this, [this] { m_debounce->start(); });
    }
    grid->setColumnStretch(1, 1);
    layout->addLayout(grid);

    m_loadNow = new QCheckBox(this);
    m_loadNow->setObjectName(QStringLiteral("loadNow"));
    m_loadNow->setChecked(true);
    m_loadAtStart = new QCheckBox(this);
    m_loadAtStart->setObjectName(QStringLiteral("loadAtStart"));
    m_loadAtStart->setChecked(paths.loadAtStart);
    layout->addWidget(m_loadNow);
    layout->addWidget(m_loadAtStart);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    m_debounce = new QTimer(this);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(300);
    connect(m_debounce, &QTimer::timeout, this, &ModelManagerDialog::validateNow);
    retranslateUi();
    validateNow();
}

ModelPaths ModelManagerDialog::paths() const
{
    ModelPaths p;
    p.modelDir = row(Field::Model).path->text().trimmed();
    p.qwenDir = row(Field::Qwen).path->text().trimmed();
    p.clipDir = row(Field::Clip).path->text().trimmed();
    p.mannequinDir = row(Field::Mannequin).path->text().trimmed();
    p.loadAtStart = m_loadAtStart->isChecked();
    return p;
}

bool ModelManagerDialog::loadRequested() const
{
    return m_loadNow->isChecked();
}

void ModelManagerDialog::setPath(Field field, const QString& path)
{
    row(field).path->setText(path);
}

bool ModelManagerDialog::isValid(Field field) const
{
    return row(field).valid;
}

QString ModelManagerDialog::statusText(Field field) const
{
    return row(field).status->text();
}

bool ModelManagerDialog::canAccept() const
{
    return m_buttons->button(QDialogButtonBox::Save)->isEnabled();
}

void ModelManagerDialog::setStatus(Row& r, bool ok, const QString& text)
{
    r.valid = ok;
    r.status->setText((ok ? QStringLiteral("✓ ") : QStringLiteral("✗ ")) + text);
    r.status->setStyleSheet(ok ? QStringLiteral("color: #3c9a5f;")
                               : QStringLiteral("color: #dc322f;"));
}

void ModelManagerDialog::validateNow()
{
    m_debounce->stop();
    auto pathOf = [this](Field f) {
        return std::filesystem::path(row(f).path->text().trimmed().toStdString());
    };
    m_motion.reset();
    std::optional<TextEncoderFolderInfo> qwen;
    std::optional<TextEncoderFolderInfo> clip;

    // HY-Motion.
    if (auto info = inspectMotionModel(pathOf(Field::Model))) {
        m_motion = *info;
        const infer::DitConfig& c = info->config;
        setStatus(row(Field::Model), true,
                  tr("%1: %2 frames (%3 s) at %4 fps, %5 layers, weights %6")
                      .arg(QString::fromStdString(info->name))
                      .arg(c.trainFrames)
                      .arg(c.trainFrames / c.fps, 0, 'f', 1)
                      .arg(c.fps)
                      .arg(c.numLayers)
                      .arg(formatBytes(info->weightsBytes)));
    } else {
        setStatus(row(Field::Model), false, errorLine(info.error()));
    }
    // Qwen3.
    if (auto info = inspectQwenFolder(pathOf(Field::Qwen))) {
        qwen = *info;
        setStatus(row(Field::Qwen), true,
                  tr("%1: Qwen3, %2-wide features, %n weight file(s), %3", nullptr,
                     static_cast<int>(info->weightFiles.size()))
                      .arg(QString::fromStdString(info->name))
                      .arg(info->hiddenSize)
                      .arg(formatBytes(info->weightsBytes)));
    } else {
        setStatus(row(Field::Qwen), false, errorLine(info.error()));
    }
    // CLIP.
    if (auto info = inspectClipFolder(pathOf(Field::Clip))) {
        clip = *info;
        setStatus(row(Field::Clip), true,
                  tr("%1: CLIP, %2-wide text features, text tower %3")
                      .arg(QString::fromStdString(info->name))
                      .arg(info->hiddenSize)
                      .arg(formatBytes(info->weightsBytes)));
    } else {
        setStatus(row(Field::Clip), false, errorLine(info.error()));
    }
    // The widths must agree, or the engine would fail later with a shape error.
    if (m_motion && qwen && m_motion->config.ctxtInputDim != qwen->hiddenSize) {
        setStatus(row(Field::Qwen), false,
                  tr("This Qwen3 model gives %1-wide features, but the HY-Motion model expects "
                     "%2 (HY-Motion 1.0 uses Qwen3-8B).")
                      .arg(qwen->hiddenSize)
                      .arg(m_motion->config.ctxtInputDim));
    }
    if (m_motion && clip && m_motion->config.vtxtInputDim != clip->hiddenSize) {
        setStatus(row(Field::Clip), false,
                  tr("This CLIP model gives %1-wide text features, but the HY-Motion model "
                     "expects %2 (HY-Motion 1.0 uses clip-vit-large-patch14).")
                      .arg(clip->hiddenSize)
                      .arg(m_motion->config.vtxtInputDim));
    }
    // Mannequin (optional).
    Row& mannequin = row(Field::Mannequin);
    if (mannequin.path->text().trimmed().isEmpty()) {
        mannequin.valid = true;
        mannequin.status->setText(tr("Optional: the official repository's wooden mannequin "
                                     "assets, for mesh display and exports."));
        mannequin.status->setStyleSheet(QString());
    } else if (auto info = inspectMannequinFolder(pathOf(Field::Mannequin))) {
        setStatus(mannequin, true,
                  info->hasMesh ? tr("Mannequin skeleton and mesh found.")
                                : tr("Mannequin skeleton found (no mesh files)."));
    } else {
        setStatus(mannequin, false, errorLine(info.error()));
    }
    const bool ok = row(Field::Model).valid && row(Field::Qwen).valid && row(Field::Clip).valid &&
                    mannequin.valid;
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(ok);
}

void ModelManagerDialog::retranslateUi()
{
    setWindowTitle(tr("Models"));
    m_intro->setText(
        tr("Point Posewright at the folders you downloaded. Nothing is copied or downloaded: "
           "the files are used where they are.<br>"
           "<b>HY-Motion</b>: <tt>HY-Motion-1.0-Lite/</tt> or <tt>HY-Motion-1.0/</tt> from "
           "Hugging Face <tt>tencent/HY-Motion-1.0</tt> (config.yml + latest.ckpt). "
           "<b>Qwen3</b>: <tt>Qwen/Qwen3-8B</tt>. <b>CLIP</b>: "
           "<tt>openai/clip-vit-large-patch14</tt>."));
    row(Field::Model).title->setText(tr("HY-Motion folder"));
    row(Field::Qwen).title->setText(tr("Qwen3 folder"));
    row(Field::Clip).title->setText(tr("CLIP folder"));
    row(Field::Mannequin).title->setText(tr("Mannequin assets"));
    for (Row& r : m_rows) {
        r.browse->setToolTip(tr("Choose the folder"));
    }
    m_loadNow->setText(tr("Load the model now"));
    m_loadAtStart->setText(tr("Load the model when Posewright starts"));
    validateNow();
}

void ModelManagerDialog::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
    }
    QDialog::changeEvent(event);
}

} // namespace pw::gui
