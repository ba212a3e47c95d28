// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <pw/core/prompt_linter.h>

#include <QWidget>

class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;
class QPlainTextEdit;
class QTimer;

namespace pw::gui {

class LintHighlighter;
class PromptEditor;

/// The prompt editor with live linting (underlined spans, a findings list with explanations and
/// one-click fixes), the word and token counters, and Generate / Cancel with the progress of
/// the running job, and the generation queue (how many wait, their prompts, Clear queue).
/// Thread: GUI thread.
class PromptPanel : public QWidget
{
    Q_OBJECT
  public:
    explicit PromptPanel(QWidget* parent = nullptr);

    QString prompt() const;
    void setPrompt(const QString& text);
    QPlainTextEdit* editor() const;
    /// Enables Generate; `reason` is shown as its tooltip when disabled.
    void setGenerateEnabled(bool enabled, const QString& reason = {});
    bool isGenerateEnabled() const;

    /// Plugs in the text encoder's tokenizer: a counter and, optionally, token boundaries so
    /// the token rule highlights from the first token that is cut (empty: tokens unknown).
    void setTokenCounter(TokenCounter counter, TokenSplitter splitter = {});
    bool hasTokenCounter() const { return static_cast<bool>(m_tokenCounter); }
    /// The model's max_length_llm (the token rule's limit).
    void setMaxTextTokens(int tokens);
    /// The findings of the current text (tests, the Generate confirmation).
    const LintReport& report() const { return m_report; }
    /// Applies the fix of finding `index` of report(); false if it has none.
    bool applyFix(int index);

    /// Shows Cancel and the progress area while a job runs.
    void setBusy(bool busy);
    /// `etaSec` < 0 when unknown.
    void setProgress(const QString& stage, int step, int stepCount, double etaSec);
    void setStatusText(const QString& text);
    /// The prompts waiting behind the running job, oldest first (empty hides the queue row).
    void setQueue(const QStringList& prompts);
    int queuedCount() const { return static_cast<int>(m_queuedPrompts.size()); }

  Q_SIGNALS:
    void promptChanged(const QString& text);
    void generateRequested();
    void cancelRequested();
    void clearQueueRequested();

  protected:
    void changeEvent(QEvent* event) override;

  private:
    void retranslateUi();
    void relint();
    void rebuildFindingsList();
    void updateCounter();
    void updateQueueRow();

    QLabel* m_title = nullptr;
    PromptEditor* m_editor = nullptr;
    LintHighlighter* m_highlighter = nullptr;
    QLabel* m_counter = nullptr;
    QLabel* m_tokens = nullptr;
    QListWidget* m_findings = nullptr;
    QPushButton* m_generate = nullptr;
    QPushButton* m_cancel = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_queueLabel = nullptr;
    QPushButton* m_clearQueue = nullptr;
    QStringList m_queuedPrompts;
    bool m_busy = false;
    QString m_disabledReason;
    bool m_generateEnabled = false;
    TokenCounter m_tokenCounter;
    TokenSplitter m_tokenSplitter;
    int m_maxTextTokens = 128;
    LintReport m_report;
    QString m_lintedText;
    QString m_lintedLanguage;
    QString m_stage;
    int m_step = 0;
    int m_stepCount = 0;
    double m_eta = -1.0;
};

} // namespace pw::gui
