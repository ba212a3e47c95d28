// SPDX-License-Identifier: Apache-2.0
#include "prompt_panel.h"

#include "language.h"
#include "lint_highlighter.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QShortcut>
#include <QStyle>
#include <QTextBlock>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace pw::gui {
namespace {

QString stageText(const QString& stage)
{
    if (stage == QLatin1String("load")) {
        return PromptPanel::tr("Loading the model");
    }
    if (stage == QLatin1String("encode")) {
        return PromptPanel::tr("Encoding the prompt");
    }
    if (stage == QLatin1String("sample")) {
        return PromptPanel::tr("Sampling");
    }
    if (stage == QLatin1String("decode")) {
        return PromptPanel::tr("Decoding the motion");
    }
    return stage;
}

QString formatEta(double seconds)
{
    if (seconds < 0.0) {
        return {};
    }
    const int s = static_cast<int>(std::ceil(seconds));
    if (s < 60) {
        return PromptPanel::tr("about %n s left", nullptr, s);
    }
    return PromptPanel::tr("about %1 min %2 s left").arg(s / 60).arg(s % 60);
}

} // namespace

PromptPanel::PromptPanel(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("promptPanel"));
    auto* layout = new QVBoxLayout(this);
    m_title = new QLabel(this);
    m_editor = new PromptEditor(this);
    m_highlighter = new LintHighlighter(m_editor->document());
    m_editor->setHighlighter(m_highlighter);

    auto* counters = new QHBoxLayout;
    m_counter = new QLabel(this);
    m_counter->setObjectName(QStringLiteral("wordCounter"));
    m_tokens = new QLabel(this);
    m_tokens->setObjectName(QStringLiteral("tokenCounter"));
    m_tokens->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    counters->addWidget(m_counter);
    counters->addStretch(1);
    counters->addWidget(m_tokens);

    m_findings = new QListWidget(this);
    m_findings->setObjectName(QStringLiteral("lintFindings"));
    m_findings->setSelectionMode(QAbstractItemView::SingleSelection);
    m_findings->setWordWrap(true);
    m_findings->setMaximumHeight(170);

    m_generate = new QPushButton(this);
    m_generate->setObjectName(QStringLiteral("generateButton"));
    m_generate->setDefault(true);
    m_cancel = new QPushButton(this);
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    m_cancel->setVisible(false);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_generate, 1);
    buttons->addWidget(m_cancel);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("generationProgress"));
    m_progress->setVisible(false);
    m_progress->setTextVisible(true);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("generationStatus"));
    m_status->setWordWrap(true);
    m_queueLabel = new QLabel(this);
    m_queueLabel->setObjectName(QStringLiteral("queueLabel"));
    m_clearQueue = new QPushButton(this);
    m_clearQueue->setObjectName(QStringLiteral("clearQueueButton"));
    auto* queueRow = new QHBoxLayout;
    queueRow->addWidget(m_queueLabel, 1);
    queueRow->addWidget(m_clearQueue);
    m_queueLabel->setVisible(false);
    m_clearQueue->setVisible(false);

    layout->addWidget(m_title);
    layout->addWidget(m_editor, 1);
    layout->addLayout(counters);
    layout->addWidget(m_findings);
    layout->addLayout(buttons);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addLayout(queueRow);

    connect(m_editor, &QPlainTextEdit::textChanged, this, [this] {
        relint();
        Q_EMIT promptChanged(prompt());
    });
    connect(m_generate, &QPushButton::clicked, this, &PromptPanel::generateRequested);
    connect(m_cancel, &QPushButton::clicked, this, &PromptPanel::cancelRequested);
    connect(m_clearQueue, &QPushButton::clicked, this, &PromptPanel::clearQueueRequested);
    connect(m_findings, &QListWidget::currentRowChanged, this, [this](int row) {
        // Selecting a finding selects its words in the editor.
        const auto& findings = m_highlighter->findings();
        if (row < 0 || row >= static_cast<int>(findings.size())) {
            return;
        }
        QTextCursor c(m_editor->document());
        c.setPosition(findings[static_cast<std::size_t>(row)].start);
        c.setPosition(findings[static_cast<std::size_t>(row)].end, QTextCursor::KeepAnchor);
        m_editor->setTextCursor(c);
    });
    auto* generateShortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), this);
    generateShortcut->setContext(Qt::WidgetWithChildrenShortcut);
    connect(generateShortcut, &QShortcut::activated, this, [this] {
        if (m_generate->isEnabled() && m_generate->isVisible()) {
            Q_EMIT generateRequested();
        }
    });
    retranslateUi();
    relint();
}

QString PromptPanel::prompt() const
{
    return m_editor->toPlainText();
}

void PromptPanel::setPrompt(const QString& text)
{
    m_editor->setPlainText(text);
}

QPlainTextEdit* PromptPanel::editor() const
{
    return m_editor;
}

void PromptPanel::setGenerateEnabled(bool enabled, const QString& reason)
{
    m_generateEnabled = enabled;
    m_disabledReason = reason;
    m_generate->setEnabled(enabled);
    if (!enabled) {
        m_generate->setToolTip(reason);
    } else if (m_busy) {
        m_generate->setToolTip(
            tr("Queue this prompt with the current parameters; it runs when the jobs before it "
               "are done (Ctrl+Enter)."));
    } else {
        m_generate->setToolTip(tr("Generate the motion (Ctrl+Enter)"));
    }
}

bool PromptPanel::isGenerateEnabled() const
{
    return m_generate->isEnabled();
}

void PromptPanel::setTokenCounter(TokenCounter counter, TokenSplitter splitter)
{
    m_tokenCounter = std::move(counter);
    m_tokenSplitter = std::move(splitter);
    m_lintedText.clear();
    relint();
}

void PromptPanel::setMaxTextTokens(int tokens)
{
    if (tokens == m_maxTextTokens) {
        return;
    }
    m_maxTextTokens = tokens;
    m_lintedText.clear();
    relint();
}

void PromptPanel::relint()
{
    const QString text = prompt();
    const QString language = currentLanguage();
    // Formatting changes from the highlighter must not relint (they can notify the document).
    if (text == m_lintedText && language == m_lintedLanguage) {
        return;
    }
    LintOptions options;
    options.countTokens = m_tokenCounter;
    options.tokenEnds = m_tokenSplitter;
    options.maxTextTokens = m_maxTextTokens;
    options.language = language.toStdString();
    // QString::toStdString() always gives valid UTF-8 (unpaired surrogates become U+FFFD), so
    // the linter's UTF-8 error cannot happen here; an empty report is the safe fallback.
    const std::string utf8 = text.toStdString();
    auto linted = PromptLinter::builtin().lint(utf8, options);
    m_report = linted ? std::move(*linted) : LintReport{};
    if (!linted) {
        m_report.words = countPromptWords(utf8);
    }
    m_lintedText = text;
    m_lintedLanguage = language;
    m_highlighter->setFindings(toEditorFindings(text, m_report));
    rebuildFindingsList();
    updateCounter();
}

void PromptPanel::rebuildFindingsList()
{
    m_findings->clear();
    const auto& findings = m_highlighter->findings();
    for (int i = 0; i < static_cast<int>(findings.size()); ++i) {
        const LintFinding& f = findings[static_cast<std::size_t>(i)].finding;
        auto* item = new QListWidgetItem(m_findings);
        auto* row = new QWidget(m_findings);
        auto* h = new QHBoxLayout(row);
        h->setContentsMargins(4, 2, 4, 2);
        auto* icon = new QLabel(row);
        const QStyle::StandardPixmap pixmap =
            f.severity == LintSeverity::Error     ? QStyle::SP_MessageBoxCritical
            : f.severity == LintSeverity::Warning ? QStyle::SP_MessageBoxWarning
                                                  : QStyle::SP_MessageBoxInformation;
        icon->setPixmap(style()->standardIcon(pixmap).pixmap(16, 16));
        auto* text = new QLabel(QString::fromStdString(f.message), row);
        text->setWordWrap(true);
        text->setObjectName(QStringLiteral("findingText"));
        h->addWidget(icon);
        h->addWidget(text, 1);
        QString tip = QString::fromStdString(f.explanation);
        if (f.fix) {
            auto* fix = new QToolButton(row);
            fix->setObjectName(QStringLiteral("fixButton"));
            fix->setText(tr("Fix"));
            fix->setToolTip(
                tr("Replace with \"%1\"").arg(QString::fromStdString(*f.fix).trimmed()));
            connect(fix, &QToolButton::clicked, this, [this, i] { applyFix(i); });
            h->addWidget(fix);
            tip += QLatin1Char('\n') + fix->toolTip();
        }
        row->setToolTip(tip);
        item->setToolTip(tip);
        item->setData(Qt::UserRole, QString::fromStdString(f.rule));
        item->setSizeHint(row->sizeHint());
        m_findings->setItemWidget(item, row);
    }
    // A fresh, untouched editor is not an error worth a red line; whitespace-only text is.
    m_findings->setVisible(!findings.empty() && !m_editor->document()->isEmpty());
}

bool PromptPanel::applyFix(int index)
{
    if (index < 0 || index >= static_cast<int>(m_report.findings.size())) {
        return false;
    }
    const auto& findings = m_highlighter->findings();
    const EditorFinding& f = findings[static_cast<std::size_t>(index)];
    if (!f.finding.fix) {
        return false;
    }
    // Through a cursor so the fix is one undo step.
    QTextCursor c(m_editor->document());
    c.setPosition(f.start);
    c.setPosition(f.end, QTextCursor::KeepAnchor);
    c.insertText(QString::fromStdString(*f.finding.fix));
    return true;
}

void PromptPanel::updateCounter()
{
    const int words = m_report.words;
    m_counter->setText(tr("%n word(s)", nullptr, words));
    QString style;
    if (m_report.count(LintSeverity::Error) > 0 &&
        std::any_of(m_report.findings.begin(), m_report.findings.end(),
                    [](const LintFinding& f) { return f.rule == "length"; })) {
        style = QStringLiteral("color: #dc322f;");
    } else if (words >= 28) {
        style = QStringLiteral("color: #e68c14;");
    }
    m_counter->setStyleSheet(style);
    const int limit = std::max(0, m_maxTextTokens - 2);
    QString tokenStyle;
    if (m_report.tokens) {
        m_tokens->setText(tr("%1 / %2 tokens").arg(*m_report.tokens).arg(limit));
        m_tokens->setToolTip(tr("Qwen3 tokens of the prompt: up to %1 reach the model whole; "
                                "beyond %2 the rest is cut off.")
                                 .arg(limit)
                                 .arg(m_maxTextTokens));
        if (*m_report.tokens > m_maxTextTokens) {
            tokenStyle = QStringLiteral("color: #dc322f;");
        } else if (*m_report.tokens > limit) {
            tokenStyle = QStringLiteral("color: #e68c14;");
        }
    } else {
        m_tokens->setText(tr("tokens: ? / %1").arg(limit));
        m_tokens->setToolTip(
            tr("The token count appears once the Qwen3 folder is set (Models → Model folders) "
               "and its tokenizer is read. About 90 to 110 English words fit in %1 tokens.")
                .arg(limit));
    }
    m_tokens->setStyleSheet(tokenStyle);
}

void PromptPanel::setBusy(bool busy)
{
    m_busy = busy;
    m_cancel->setVisible(busy);
    m_progress->setVisible(busy);
    // Generate stays available while a job runs: a new request joins the queue.
    m_generate->setText(busy ? tr("Add to queue") : tr("Generate"));
    setGenerateEnabled(m_generateEnabled, m_disabledReason);
    if (busy) {
        m_progress->setRange(0, 0);
        m_stage.clear();
        m_status->clear();
    }
}

void PromptPanel::setProgress(const QString& stage, int step, int stepCount, double etaSec)
{
    m_stage = stage;
    m_step = step;
    m_stepCount = stepCount;
    m_eta = etaSec;
    if (stepCount > 0) {
        m_progress->setRange(0, stepCount);
        m_progress->setValue(step);
    } else {
        m_progress->setRange(0, 0);
    }
    QString text = stageText(stage);
    if (stepCount > 1) {
        text = tr("%1: step %2 of %3").arg(text).arg(step).arg(stepCount);
    }
    const QString eta = formatEta(etaSec);
    if (!eta.isEmpty()) {
        text += QStringLiteral(" · ") + eta;
    }
    m_progress->setFormat(text);
    m_status->setText(text);
}

void PromptPanel::setStatusText(const QString& text)
{
    m_status->setText(text);
}

void PromptPanel::setQueue(const QStringList& prompts)
{
    m_queuedPrompts = prompts;
    updateQueueRow();
}

void PromptPanel::updateQueueRow()
{
    const int n = queuedCount();
    m_queueLabel->setVisible(n > 0);
    m_clearQueue->setVisible(n > 0);
    m_queueLabel->setText(tr("%n more job(s) queued", nullptr, n));
    QStringList lines;
    for (int i = 0; i < n; ++i) {
        lines << tr("%1. %2").arg(i + 1).arg(m_queuedPrompts[i].toHtmlEscaped());
    }
    m_queueLabel->setToolTip(lines.join(QStringLiteral("<br>")));
}

void PromptPanel::retranslateUi()
{
    m_title->setText(tr("Prompt"));
    m_editor->setPlaceholderText(
        tr("Describe one person's movement, e.g. \"A person walks forward, then turns left and "
           "waves.\""));
    m_generate->setText(m_busy ? tr("Add to queue") : tr("Generate"));
    m_cancel->setText(tr("Cancel"));
    m_cancel->setToolTip(tr("Stop the running job (Esc); it stops after the current step and "
                            "the next queued job starts."));
    m_clearQueue->setText(tr("Clear queue"));
    m_clearQueue->setToolTip(
        tr("Drop the jobs that have not started (Shift+Esc); the running one goes on."));
    updateQueueRow();
    setGenerateEnabled(m_generateEnabled, m_disabledReason);
    if (m_progress->isVisible() && !m_stage.isEmpty()) {
        setProgress(m_stage, m_step, m_stepCount, m_eta);
    }
    // Lint messages come in the interface language.
    m_lintedText.clear();
    relint();
}

void PromptPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
    }
    QWidget::changeEvent(event);
}

} // namespace pw::gui
