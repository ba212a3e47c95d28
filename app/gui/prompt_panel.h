// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace pw::gui {

/// The prompt editor with its word counter and the Generate button.
/// Thread: GUI thread.
class PromptPanel : public QWidget
{
    Q_OBJECT
  public:
    explicit PromptPanel(QWidget* parent = nullptr);

    QString prompt() const;
    void setPrompt(const QString& text);
    QPlainTextEdit* editor() const { return m_editor; }
    /// Enables Generate; `reason` is shown as its tooltip when disabled.
    void setGenerateEnabled(bool enabled, const QString& reason = {});

  Q_SIGNALS:
    void promptChanged(const QString& text);
    void generateRequested();

  protected:
    void changeEvent(QEvent* event) override;

  private:
    void retranslateUi();
    void updateCounter();

    QLabel* m_title = nullptr;
    QPlainTextEdit* m_editor = nullptr;
    QLabel* m_counter = nullptr;
    QPushButton* m_generate = nullptr;
    QString m_disabledReason;
};

} // namespace pw::gui
