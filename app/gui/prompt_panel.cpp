// SPDX-License-Identifier: Apache-2.0
#include "prompt_panel.h"

#include <QEvent>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace pw::gui {

PromptPanel::PromptPanel(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("promptPanel"));
    auto* layout = new QVBoxLayout(this);
    m_title = new QLabel(this);
    m_editor = new QPlainTextEdit(this);
    m_editor->setObjectName(QStringLiteral("promptEditor"));
    m_editor->setTabChangesFocus(true);
    m_counter = new QLabel(this);
    m_counter->setObjectName(QStringLiteral("wordCounter"));
    m_generate = new QPushButton(this);
    m_generate->setObjectName(QStringLiteral("generateButton"));
    layout->addWidget(m_title);
    layout->addWidget(m_editor, 1);
    layout->addWidget(m_counter);
    layout->addWidget(m_generate);
    connect(m_editor, &QPlainTextEdit::textChanged, this, [this] {
        updateCounter();
        Q_EMIT promptChanged(prompt());
    });
    connect(m_generate, &QPushButton::clicked, this, &PromptPanel::generateRequested);
    retranslateUi();
}

QString PromptPanel::prompt() const
{
    return m_editor->toPlainText();
}

void PromptPanel::setPrompt(const QString& text)
{
    m_editor->setPlainText(text);
}

void PromptPanel::setGenerateEnabled(bool enabled, const QString& reason)
{
    m_disabledReason = reason;
    m_generate->setEnabled(enabled);
    m_generate->setToolTip(enabled ? QString() : reason);
}

void PromptPanel::retranslateUi()
{
    m_title->setText(tr("Prompt"));
    m_editor->setPlaceholderText(
        tr("Describe one person's movement, e.g. \"A person walks forward, then turns left and "
           "waves.\""));
    m_generate->setText(tr("Generate"));
    updateCounter();
}

void PromptPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
    }
    QWidget::changeEvent(event);
}

void PromptPanel::updateCounter()
{
    static const QRegularExpression kWhitespace(QStringLiteral("\\s+"));
    const QString text = prompt().trimmed();
    const int words = text.isEmpty() ? 0 : static_cast<int>(text.split(kWhitespace).size());
    m_counter->setText(tr("%n word(s)", nullptr, words));
}

} // namespace pw::gui
