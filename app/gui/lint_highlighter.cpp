// SPDX-License-Identifier: Apache-2.0
#include "lint_highlighter.h"

#include <QHelpEvent>
#include <QTextBlock>
#include <QToolTip>

#include <algorithm>

namespace pw::gui {

std::vector<EditorFinding> toEditorFindings(const QString& text, const LintReport& report)
{
    // Map every UTF-8 byte offset to its UTF-16 index by walking the string once.
    std::vector<int> utf16At;
    utf16At.reserve(static_cast<std::size_t>(text.size()) * 3 + 1);
    for (int i = 0; i < text.size(); ++i) {
        const char32_t c = text.at(i).unicode();
        int bytes = 1;
        int units = 1;
        if (QChar::isHighSurrogate(c) && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            bytes = 4;
            units = 2;
        } else if (c >= 0x800) {
            bytes = 3;
        } else if (c >= 0x80) {
            bytes = 2;
        }
        for (int b = 0; b < bytes; ++b) {
            utf16At.push_back(i);
        }
        i += units - 1;
    }
    utf16At.push_back(static_cast<int>(text.size()));
    std::vector<EditorFinding> out;
    for (const LintFinding& f : report.findings) {
        EditorFinding e;
        e.finding = f;
        const std::size_t last = utf16At.size() - 1;
        e.start = utf16At[std::min(f.start, last)];
        e.end = utf16At[std::min(f.end, last)];
        out.push_back(std::move(e));
    }
    return out;
}

LintHighlighter::LintHighlighter(QTextDocument* document) : QSyntaxHighlighter(document) {}

QTextCharFormat LintHighlighter::formatFor(LintSeverity severity)
{
    QTextCharFormat f;
    switch (severity) {
    case LintSeverity::Error:
        f.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        f.setUnderlineColor(QColor(220, 50, 47));
        f.setBackground(QColor(220, 50, 47, 40));
        break;
    case LintSeverity::Warning:
        f.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        f.setUnderlineColor(QColor(230, 140, 20));
        break;
    case LintSeverity::Hint:
        f.setUnderlineStyle(QTextCharFormat::DotLine);
        f.setUnderlineColor(QColor(60, 130, 220));
        break;
    }
    return f;
}

void LintHighlighter::setFindings(std::vector<EditorFinding> findings)
{
    m_findings = std::move(findings);
    rehighlight();
}

void LintHighlighter::highlightBlock(const QString& text)
{
    const int blockStart = currentBlock().position();
    const int blockEnd = blockStart + static_cast<int>(text.size());
    // Lower severities first so errors win where spans overlap.
    for (LintSeverity severity : {LintSeverity::Hint, LintSeverity::Warning, LintSeverity::Error}) {
        const QTextCharFormat format = formatFor(severity);
        for (const EditorFinding& f : m_findings) {
            if (f.finding.severity != severity) {
                continue;
            }
            const int s = std::max(f.start, blockStart);
            const int e = std::min(f.end, blockEnd);
            if (e > s) {
                setFormat(s - blockStart, e - s, format);
            }
        }
    }
}

PromptEditor::PromptEditor(QWidget* parent) : QPlainTextEdit(parent)
{
    setObjectName(QStringLiteral("promptEditor"));
    setTabChangesFocus(true);
}

QString PromptEditor::toolTipAt(int position) const
{
    if (m_highlighter == nullptr) {
        return {};
    }
    QStringList parts;
    for (const EditorFinding& f : m_highlighter->findings()) {
        if (position >= f.start && position < f.end) {
            parts << QStringLiteral("<b>%1</b><br>%2")
                         .arg(QString::fromStdString(f.finding.message).toHtmlEscaped(),
                              QString::fromStdString(f.finding.explanation).toHtmlEscaped());
        }
    }
    return parts.join(QStringLiteral("<hr>"));
}

bool PromptEditor::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const QTextCursor cursor = cursorForPosition(viewport()->mapFromGlobal(help->globalPos()));
        const QString tip = toolTipAt(cursor.position());
        if (tip.isEmpty()) {
            QToolTip::hideText();
        } else {
            QToolTip::showText(help->globalPos(), tip, this);
        }
        return true;
    }
    return QPlainTextEdit::event(event);
}

} // namespace pw::gui
