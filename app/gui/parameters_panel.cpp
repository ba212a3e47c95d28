// SPDX-License-Identifier: Apache-2.0
#include "parameters_panel.h"

#include <pw/infer/runtime.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRandomGenerator>
#include <QRegularExpressionValidator>
#include <QSettings>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>

namespace pw::gui {

ParametersPanel::ParametersPanel(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("parametersPanel"));
    auto* outer = new QVBoxLayout(this);
    m_form = new QFormLayout;
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    m_candidates = new QSpinBox(this);
    m_candidates->setObjectName(QStringLiteral("candidates"));
    m_candidates->setRange(1, 4);

    m_duration = new QDoubleSpinBox(this);
    m_duration->setObjectName(QStringLiteral("duration"));
    m_duration->setDecimals(1);
    m_duration->setSingleStep(0.5);
    m_frames = new QLabel(this);
    m_frames->setObjectName(QStringLiteral("framesLabel"));
    auto* durationRow = new QHBoxLayout;
    durationRow->addWidget(m_duration, 1);
    durationRow->addWidget(m_frames);

    m_seed = new QLineEdit(this);
    m_seed->setObjectName(QStringLiteral("seed"));
    m_seed->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9]{1,19}")), m_seed));
    m_randomSeed = new QCheckBox(this);
    m_randomSeed->setObjectName(QStringLiteral("randomSeed"));
    m_dice = new QToolButton(this);
    auto* seedRow = new QHBoxLayout;
    seedRow->addWidget(m_seed, 1);
    seedRow->addWidget(m_dice);
    seedRow->addWidget(m_randomSeed);

    m_cfg = new QDoubleSpinBox(this);
    m_cfg->setObjectName(QStringLiteral("cfgScale"));
    m_cfg->setRange(1.0, 20.0);
    m_cfg->setSingleStep(0.5);
    m_cfg->setDecimals(1);
    m_steps = new QSpinBox(this);
    m_steps->setObjectName(QStringLiteral("steps"));
    m_steps->setRange(1, 1000);
    m_textLength = new QSpinBox(this);
    m_textLength->setObjectName(QStringLiteral("textMaxLength"));
    m_textLength->setRange(1, 128);

    m_device = new QComboBox(this);
    m_device->setObjectName(QStringLiteral("device"));
    m_device->addItem(QString(), QStringLiteral("auto"));
    m_device->addItem(QStringLiteral("CPU"), QStringLiteral("cpu"));
    const infer::RuntimeInfo runtime = infer::runtimeInfo();
    for (int i = 0; i < runtime.cudaDeviceCount; ++i) {
        m_device->addItem(QStringLiteral("CUDA %1").arg(i), QStringLiteral("cuda:%1").arg(i));
    }
    m_precision = new QComboBox(this);
    m_precision->setObjectName(QStringLiteral("precision"));
    m_budget = new QDoubleSpinBox(this);
    m_budget->setObjectName(QStringLiteral("vramBudget"));
    m_budget->setRange(0.0, 1024.0);
    m_budget->setDecimals(1);
    m_budget->setSingleStep(1.0);
    m_textEncoders = new QComboBox(this);
    m_textEncoders->setObjectName(QStringLiteral("textEncoders"));
    for (const char* placement : {"auto", "device", "cpu", "release"}) {
        m_textEncoders->addItem(QString(), QString::fromLatin1(placement));
    }

    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("parametersProblem"));
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #e68c14;"));
    m_defaults = new QPushButton(this);

    auto addRow = [this](QLabel*& label, auto* field) {
        label = new QLabel(this);
        m_form->addRow(label, field);
    };
    addRow(m_labels.candidates, m_candidates);
    addRow(m_labels.duration, durationRow);
    addRow(m_labels.seed, seedRow);
    addRow(m_labels.cfg, m_cfg);
    addRow(m_labels.steps, m_steps);
    addRow(m_labels.textLength, m_textLength);
    addRow(m_labels.device, m_device);
    addRow(m_labels.precision, m_precision);
    addRow(m_labels.budget, m_budget);
    addRow(m_labels.textEncoders, m_textEncoders);
    outer->addLayout(m_form);
    outer->addWidget(m_problem);
    outer->addWidget(m_defaults);
    outer->addStretch(1);

    QSettings qs;
    m_settings = GenerationSettings::load(qs);
    writeWidgets();

    auto changed = [this] {
        if (!m_updating) {
            readWidgets();
        }
    };
    connect(m_candidates, &QSpinBox::valueChanged, this, changed);
    connect(m_duration, &QDoubleSpinBox::valueChanged, this, changed);
    connect(m_seed, &QLineEdit::textEdited, this, changed);
    connect(m_randomSeed, &QCheckBox::toggled, this, changed);
    connect(m_cfg, &QDoubleSpinBox::valueChanged, this, changed);
    connect(m_steps, &QSpinBox::valueChanged, this, changed);
    connect(m_textLength, &QSpinBox::valueChanged, this, changed);
    connect(m_device, &QComboBox::currentIndexChanged, this, changed);
    connect(m_precision, &QComboBox::currentIndexChanged, this, changed);
    connect(m_budget, &QDoubleSpinBox::valueChanged, this, changed);
    connect(m_textEncoders, &QComboBox::currentIndexChanged, this, changed);
    connect(m_dice, &QToolButton::clicked, this, [this] {
        m_seed->setText(QString::number(QRandomGenerator::global()->bounded(1000000)));
        m_randomSeed->setChecked(false);
        readWidgets();
    });
    connect(m_defaults, &QPushButton::clicked, this, &ParametersPanel::resetToModelDefaults);
    retranslateUi();
    updateDerived();
}

void ParametersPanel::setSettings(const GenerationSettings& settings)
{
    const GenerationSettings before = m_settings;
    m_settings = settings;
    writeWidgets();
    readWidgets(before); // saves and notifies when something changed
}

void ParametersPanel::setLimits(const ModelLimits& limits)
{
    const GenerationSettings before = m_settings;
    m_limits = limits;
    writeWidgets();
    readWidgets(before);
}

void ParametersPanel::resetToModelDefaults()
{
    GenerationSettings s = m_settings;
    s.cfgScale = m_limits.defaultCfgScale;
    s.steps = m_limits.defaultSteps;
    s.textMaxLength = m_limits.maxTextTokens;
    setSettings(s);
}

std::uint64_t ParametersPanel::nextSeed()
{
    if (m_settings.randomSeed) {
        // The reference draws seeds in 0..999; any 64-bit value works, short ones are easier
        // to note down.
        m_settings.seed = QRandomGenerator::global()->bounded(1000000);
        m_updating = true;
        m_seed->setText(QString::number(m_settings.seed));
        m_updating = false;
        QSettings qs;
        m_settings.save(qs);
    }
    return m_settings.seed;
}

QString ParametersPanel::framesText() const
{
    return m_frames->text();
}

QString ParametersPanel::problem() const
{
    return m_problem->text();
}

void ParametersPanel::writeWidgets()
{
    m_updating = true;
    // Durations the model can make: [minFrames, trainFrames] / fps; longer or shorter requests
    // are clamped by the model, so the box does not offer them.
    m_duration->setRange(std::floor(m_limits.minDurationSec() * 10.0) / 10.0,
                         m_limits.maxDurationSec());
    m_textLength->setRange(1, m_limits.maxTextTokens);
    m_candidates->setValue(m_settings.candidates);
    m_duration->setValue(m_settings.durationSec);
    m_seed->setText(QString::number(m_settings.seed));
    m_randomSeed->setChecked(m_settings.randomSeed);
    m_seed->setEnabled(!m_settings.randomSeed);
    m_cfg->setValue(m_settings.cfgScale);
    m_steps->setValue(m_settings.steps);
    m_textLength->setValue(std::min(m_settings.textMaxLength, m_limits.maxTextTokens));
    int deviceIndex = m_device->findData(m_settings.device);
    if (deviceIndex < 0) {
        // A CUDA device remembered on a machine without it: keep it visible, marked.
        m_device->addItem(m_settings.device, m_settings.device);
        deviceIndex = m_device->count() - 1;
    }
    m_device->setCurrentIndex(deviceIndex);
    fillPrecisions(m_settings.device);
    m_precision->setCurrentIndex(std::max(0, m_precision->findData(m_settings.precision)));
    m_budget->setValue(m_settings.vramBudgetGiB);
    m_textEncoders->setCurrentIndex(std::max(0, m_textEncoders->findData(m_settings.textEncoders)));
    m_updating = false;
}

void ParametersPanel::readWidgets()
{
    const GenerationSettings before = m_settings; // a copy: readWidgets(before) replaces m_settings
    readWidgets(before);
}

void ParametersPanel::readWidgets(const GenerationSettings& before)
{
    GenerationSettings s;
    s.candidates = m_candidates->value();
    s.durationSec = m_duration->value();
    s.randomSeed = m_randomSeed->isChecked();
    bool ok = false;
    const quint64 seed = m_seed->text().toULongLong(&ok);
    s.seed = ok ? seed : before.seed;
    s.cfgScale = m_cfg->value();
    s.steps = m_steps->value();
    s.textMaxLength = m_textLength->value();
    s.device = m_device->currentData().toString();
    // The precisions the engine accepts depend on the device: keep the shown choice if it
    // still exists, else the device's best one.
    const QString shownPrecision = m_precision->currentData().toString();
    const bool wasUpdating = m_updating;
    m_updating = true;
    if (fillPrecisions(s.device)) {
        m_precision->setCurrentIndex(std::max(0, m_precision->findData(shownPrecision)));
    }
    m_updating = wasUpdating;
    s.precision = m_precision->currentData().toString();
    s.vramBudgetGiB = m_budget->value();
    s.textEncoders = m_textEncoders->currentData().toString();
    m_seed->setEnabled(!s.randomSeed);
    m_settings = s;
    updateDerived();
    if (s == before) {
        return;
    }
    QSettings qs;
    m_settings.save(qs);
    Q_EMIT settingsChanged(m_settings);
    if (s.device != before.device || s.precision != before.precision ||
        s.vramBudgetGiB != before.vramBudgetGiB || s.textEncoders != before.textEncoders) {
        Q_EMIT engineSettingsChanged();
    }
}

void ParametersPanel::updateDerived()
{
    // On the CPU everything runs on the CPU: the placement choice has no meaning there.
    m_textEncoders->setEnabled(!runsOnCpu(m_settings.device));
    const int requested = m_limits.requestedFrames(m_settings.durationSec);
    const int frames = m_limits.generatedFrames(m_settings.durationSec);
    QString text = tr("%n frame(s)", nullptr, frames);
    if (requested != frames) {
        text += QLatin1Char(' ') + tr("(clamped from %1)").arg(requested);
    }
    m_frames->setText(text);
    m_frames->setToolTip(tr("At %1 fps. The model makes %2 to %3 frames (%4 to %5 s).")
                             .arg(m_limits.fps)
                             .arg(m_limits.minFrames)
                             .arg(m_limits.trainFrames)
                             .arg(m_limits.minDurationSec(), 0, 'f', 2)
                             .arg(m_limits.maxDurationSec(), 0, 'f', 1));
    QString problem;
    if (m_settings.device.startsWith(QLatin1String("cuda")) &&
        !infer::runtimeInfo().cudaAvailable) {
        problem = tr("No CUDA device is available in this build or on this machine.");
    }
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
}

bool ParametersPanel::fillPrecisions(const QString& device)
{
    const QStringList offered = precisionsFor(device);
    QStringList current;
    for (int i = 0; i < m_precision->count(); ++i) {
        current << m_precision->itemData(i).toString();
    }
    if (current == offered) {
        return false;
    }
    m_precision->clear();
    for (const QString& p : offered) {
        m_precision->addItem(p, p);
    }
    m_precision->setEnabled(offered.size() > 1);
    return true;
}

void ParametersPanel::retranslateUi()
{
    m_labels.candidates->setText(tr("Candidates"));
    m_labels.duration->setText(tr("Duration"));
    m_labels.seed->setText(tr("Seed"));
    m_labels.cfg->setText(tr("CFG scale"));
    m_labels.steps->setText(tr("Steps"));
    m_labels.textLength->setText(tr("Text tokens"));
    m_labels.device->setText(tr("Device"));
    m_labels.precision->setText(tr("Precision"));
    m_labels.budget->setText(tr("VRAM budget"));
    m_labels.textEncoders->setText(tr("Text encoders"));
    m_candidates->setToolTip(tr("How many motions to generate from the prompt, one per seed "
                                "(1-4). Each adds a little memory and time."));
    m_duration->setSuffix(tr(" s"));
    m_duration->setToolTip(tr("Length of the motion. The model works on a fixed 12-second "
                              "canvas; shorter clips are cut from it."));
    m_randomSeed->setText(tr("Random"));
    m_randomSeed->setToolTip(tr("Draw a new seed for every generation; the seed used is kept "
                                "with each take."));
    m_dice->setText(tr("New"));
    m_dice->setToolTip(tr("Pick a random seed and keep it"));
    m_seed->setToolTip(tr("Candidate i uses seed + i. The same seed and settings reproduce a "
                          "take."));
    m_cfg->setToolTip(tr("Classifier-free guidance: how strongly the motion follows the "
                         "prompt. 1 turns it off; the model's default is 5."));
    m_steps->setToolTip(tr("Euler sampling steps. The model's default is 50; fewer are faster "
                           "and rougher."));
    m_textLength->setToolTip(tr("Prompt tokens given to the motion model (max_length_llm). The "
                                "model was trained with 128; fewer cut the prompt short."));
    m_device->setItemText(0, tr("Automatic (CUDA if available)"));
    m_device->setToolTip(tr("Where the model runs. Takes effect on the next model load."));
    m_precision->setToolTip(tr("Precision of the motion model. fp32 is exact to the reference; "
                               "bf16 and fp16 halve its memory on CUDA. The CPU runs it in fp32 "
                               "only. Takes effect on the next model load."));
    m_budget->setSuffix(tr(" GiB"));
    m_budget->setSpecialValueText(tr("No limit"));
    m_budget->setToolTip(tr("Device memory Posewright may use; 0 means no limit. Takes effect "
                            "on the next model load."));
    m_textEncoders->setItemText(0, tr("Automatic (GPU unless over the budget)"));
    m_textEncoders->setItemText(1, tr("GPU (fastest)"));
    m_textEncoders->setItemText(2, tr("CPU (saves about 15 GB of VRAM)"));
    m_textEncoders->setItemText(3, tr("GPU, freed after encoding"));
    m_textEncoders->setToolTip(
        tr("Where Qwen3-8B and CLIP run. On the GPU they hold about 15 GB of its memory; on the "
           "CPU the GPU keeps only the motion model, and each new prompt takes seconds to a "
           "minute to encode (about 15 GB of RAM). \"Freed after encoding\" gives the memory "
           "back between prompts. Cached prompts are never encoded again. Takes effect on the "
           "next model load."));
    m_defaults->setText(tr("Model defaults"));
    m_defaults->setToolTip(tr("Reset CFG scale, steps and text tokens to the model's values."));
    updateDerived();
}

void ParametersPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
    }
    QWidget::changeEvent(event);
}

} // namespace pw::gui
