// SPDX-License-Identifier: Apache-2.0
// Typing into the prompt panel: live lint underlines, the findings list, one-click fixes and
// the word/token counters.
#include "language.h"
#include "lint_highlighter.h"
#include "prompt_panel.h"

#include <pw/core/log.h>

#include <QApplication>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTextBlock>
#include <QTextLayout>
#include <QToolButton>

using namespace pw;
using namespace pw::gui;

namespace {

/// The character formats the highlighter put on the editor's first block.
QList<QTextLayout::FormatRange> formats(QPlainTextEdit* editor)
{
    return editor->document()->firstBlock().layout()->formats();
}

/// The format covering `pos` in the first block, if any.
std::optional<QTextCharFormat> formatAt(QPlainTextEdit* editor, int pos)
{
    for (const auto& r : formats(editor)) {
        if (pos >= r.start && pos < r.start + r.length) {
            return r.format;
        }
    }
    return std::nullopt;
}

} // namespace

class TestPromptPanel : public QObject
{
    Q_OBJECT
  private Q_SLOTS:
    void initTestCase()
    {
        log::LogConfig config;
        config.file = false;
        config.level = spdlog::level::warn;
        log::init(config);
        installTranslators(QStringLiteral("en"));
    }

    void typingHighlightsFindingsAndCountsWords()
    {
        PromptPanel panel;
        panel.show();
        auto* editor = panel.editor();
        auto* counter = panel.findChild<QLabel*>(QStringLiteral("wordCounter"));
        auto* tokens = panel.findChild<QLabel*>(QStringLiteral("tokenCounter"));
        auto* list = panel.findChild<QListWidget*>(QStringLiteral("lintFindings"));
        QVERIFY(counter && tokens && list);
        editor->setFocus();

        QTest::keyClicks(editor, QStringLiteral("A person walks forward"));
        QCOMPARE(counter->text(), QStringLiteral("4 words"));
        QVERIFY(formats(editor).isEmpty()); // a good prompt: no underline
        QCOMPARE(list->count(), 0);

        QTest::keyClicks(editor, QStringLiteral(" while waving slowly"));
        QCOMPARE(counter->text(), QStringLiteral("7 words"));
        const QString text = editor->toPlainText();
        // "while waving" is a hint (dotted), "slowly" too; "forward" is untouched.
        const int whilePos = static_cast<int>(text.indexOf(QStringLiteral("while")));
        const int slowlyPos = static_cast<int>(text.indexOf(QStringLiteral("slowly")));
        auto hint = formatAt(editor, whilePos + 1);
        QVERIFY(hint.has_value());
        QCOMPARE(hint->underlineStyle(), QTextCharFormat::DotLine);
        QVERIFY(formatAt(editor, slowlyPos + 2).has_value());
        QVERIFY(!formatAt(editor, static_cast<int>(text.indexOf(QStringLiteral("forward")))));
        QCOMPARE(list->count(), 2);

        // An unsupported-content warning underlines with orange waves.
        editor->selectAll();
        QTest::keyClicks(editor, QStringLiteral("A person happily jumps"));
        auto warning = formatAt(editor, 10);
        QVERIFY(warning.has_value());
        QCOMPARE(warning->underlineStyle(), QTextCharFormat::WaveUnderline);
        QCOMPARE(warning->underlineColor(),
                 LintHighlighter::formatFor(LintSeverity::Warning).underlineColor());

        // An error (a non-human subject) gets red waves, and the list shows its explanation.
        editor->selectAll();
        QTest::keyClicks(editor, QStringLiteral("A dog runs"));
        auto error = formatAt(editor, 3);
        QVERIFY(error.has_value());
        QCOMPARE(error->underlineColor(),
                 LintHighlighter::formatFor(LintSeverity::Error).underlineColor());
        QCOMPARE(list->count(), 1);
        QVERIFY(list->item(0)->toolTip().contains(QStringLiteral("non-humanoid")));
        // The editor's tooltip for the word under the mouse explains it too.
        auto* promptEditor = qobject_cast<PromptEditor*>(editor);
        QVERIFY(promptEditor != nullptr);
        QVERIFY(promptEditor->toolTipAt(3).contains(QStringLiteral("not a human")));
        QVERIFY(promptEditor->toolTipAt(8).isEmpty());
    }

    void counterWarnsNearTheLimitAndTokensAppearWithATokenizer()
    {
        PromptPanel panel;
        auto* counter = panel.findChild<QLabel*>(QStringLiteral("wordCounter"));
        auto* tokens = panel.findChild<QLabel*>(QStringLiteral("tokenCounter"));
        QVERIFY(tokens->text().contains(QStringLiteral("?")));
        QString words = QStringLiteral("A person");
        for (int i = 0; i < 30; ++i) {
            words += QStringLiteral(" walks");
        }
        panel.setPrompt(words); // 32 words: over the guidance
        QCOMPARE(counter->text(), QStringLiteral("32 words"));
        QVERIFY(counter->styleSheet().contains(QStringLiteral("#dc322f")));
        QVERIFY(panel.report().hasErrors());

        // A tokenizer plugs in: one token per word here.
        panel.setTokenCounter(
            [](std::string_view t) -> std::optional<int> { return countPromptWords(t); });
        QCOMPARE(tokens->text(), QStringLiteral("32 / 126 tokens"));
        panel.setMaxTextTokens(20);
        QCOMPARE(tokens->text(), QStringLiteral("32 / 18 tokens"));
        bool tokenRule = false;
        for (const auto& f : panel.report().findings) {
            tokenRule = tokenRule || f.rule == "tokens";
        }
        QVERIFY(tokenRule);
    }

    void oneClickFixRewritesTheSpan()
    {
        PromptPanel panel;
        panel.show();
        panel.setPrompt(QStringLiteral("A person walks forward while waving."));
        auto* list = panel.findChild<QListWidget*>(QStringLiteral("lintFindings"));
        QCOMPARE(list->count(), 1);
        auto* fix =
            list->itemWidget(list->item(0))->findChild<QToolButton*>(QStringLiteral("fixButton"));
        QVERIFY(fix != nullptr);
        QTest::mouseClick(fix, Qt::LeftButton);
        QCOMPARE(panel.prompt(), QStringLiteral("A person walks forward, then waves."));
        QCOMPARE(list->count(), 0);
        // One undo step restores the original.
        panel.editor()->undo();
        QCOMPARE(panel.prompt(), QStringLiteral("A person walks forward while waving."));
    }

    void offsetsMapToTheEditorWithNonAsciiText()
    {
        PromptPanel panel;
        // Emoji (a surrogate pair in UTF-16) and accented letters before the finding.
        panel.setPrompt(QStringLiteral("A café dancer 😀 slowly spins."));
        const QString text = panel.prompt();
        const int slowly = static_cast<int>(text.indexOf(QStringLiteral("slowly")));
        auto f = formatAt(panel.editor(), slowly);
        QVERIFY(f.has_value());
        QVERIFY(!formatAt(panel.editor(), slowly - 2).has_value());
        QVERIFY(formatAt(panel.editor(), slowly + 5).has_value());
        QVERIFY(!formatAt(panel.editor(), slowly + 6).has_value());
    }

    void anEmptyEditorShowsNoErrorUntilTouched()
    {
        PromptPanel panel;
        panel.show();
        auto* list = panel.findChild<QListWidget*>(QStringLiteral("lintFindings"));
        QVERIFY(!list->isVisible());
        QVERIFY(panel.report().hasErrors()); // the report knows it is empty
        panel.setPrompt(QStringLiteral("   "));
        QVERIFY(list->isVisible());
        QCOMPARE(list->count(), 1);
    }

    void generateAndCancelFollowTheBusyState()
    {
        PromptPanel panel;
        panel.show();
        auto* generate = panel.findChild<QPushButton*>(QStringLiteral("generateButton"));
        auto* cancel = panel.findChild<QPushButton*>(QStringLiteral("cancelButton"));
        panel.setGenerateEnabled(false, QStringLiteral("Load a model first."));
        QVERIFY(!generate->isEnabled());
        QCOMPARE(generate->toolTip(), QStringLiteral("Load a model first."));
        panel.setGenerateEnabled(true);
        QVERIFY(!cancel->isVisible());
        panel.setBusy(true);
        QVERIFY(cancel->isVisible());
        QSignalSpy cancelled(&panel, &PromptPanel::cancelRequested);
        QTest::mouseClick(cancel, Qt::LeftButton);
        QCOMPARE(cancelled.count(), 1);
        panel.setProgress(QStringLiteral("sample"), 10, 50, 12.0);
        auto* status = panel.findChild<QLabel*>(QStringLiteral("generationStatus"));
        QVERIFY2(status->text().contains(QStringLiteral("step 10 of 50")),
                 qPrintable(status->text()));
        QVERIFY(status->text().contains(QStringLiteral("12 s")));
        QSignalSpy requested(&panel, &PromptPanel::generateRequested);
        panel.setPrompt(QStringLiteral("A person jumps."));
        // Shortcuts only fire in the active window.
        panel.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&panel));
        panel.editor()->setFocus();
        QTest::keyClick(panel.editor(), Qt::Key_Return, Qt::ControlModifier);
        QCOMPARE(requested.count(), 1);
        panel.setBusy(false);
        QVERIFY(!cancel->isVisible());
    }

    void lintMessagesFollowTheInterfaceLanguage()
    {
        PromptPanel panel;
        panel.setPrompt(QStringLiteral("A person moves."));
        auto* list = panel.findChild<QListWidget*>(QStringLiteral("lintFindings"));
        auto text = [list] {
            return list->itemWidget(list->item(0))
                ->findChild<QLabel*>(QStringLiteral("findingText"))
                ->text();
        };
        QVERIFY(text().contains(QStringLiteral("does not say")));
        installTranslators(QStringLiteral("zh_CN"));
        QCoreApplication::processEvents();
        QVERIFY2(text().contains(QStringLiteral("没有说明")), qPrintable(text()));
        installTranslators(QStringLiteral("en"));
        QCoreApplication::processEvents();
        QVERIFY(text().contains(QStringLiteral("does not say")));
    }
};

QTEST_MAIN(TestPromptPanel)
#include "test_prompt_panel.moc"
