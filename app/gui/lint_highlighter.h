// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <pw/core/prompt_linter.h>

#include <QPlainTextEdit>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>

#include <vector>

namespace pw::gui {

/// A lint finding with its span converted to UTF-16 positions in the editor's document.
struct EditorFinding
{
    LintFinding finding;
    int start = 0; ///< QString index (UTF-16 code units) into the plain text
    int end = 0;
};

/// Converts the byte offsets of a lint report into QString positions of `text` (the UTF-8 of
/// `text` is what was linted).
std::vector<EditorFinding> toEditorFindings(const QString& text, const LintReport& report);

/// Underlines lint findings as the user types: red waves for errors, orange waves for warnings,
/// blue dots for hints. Thread: GUI thread.
class LintHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT
  public:
    explicit LintHighlighter(QTextDocument* document);

    void setFindings(std::vector<EditorFinding> findings);
    const std::vector<EditorFinding>& findings() const { return m_findings; }
    /// The format used for a severity (tests check it).
    static QTextCharFormat formatFor(LintSeverity severity);

  protected:
    void highlightBlock(const QString& text) override;

  private:
    std::vector<EditorFinding> m_findings;
};

/// The prompt editor: a plain-text editor whose tooltips explain the finding under the mouse.
class PromptEditor : public QPlainTextEdit
{
    Q_OBJECT
  public:
    explicit PromptEditor(QWidget* parent = nullptr);
    void setHighlighter(const LintHighlighter* highlighter) { m_highlighter = highlighter; }
    /// The tooltip text for a document position (empty when no finding covers it).
    QString toolTipAt(int position) const;

  protected:
    bool event(QEvent* event) override;

  private:
    const LintHighlighter* m_highlighter = nullptr;
};

} // namespace pw::gui
