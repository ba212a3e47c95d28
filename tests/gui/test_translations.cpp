// SPDX-License-Identifier: Apache-2.0
#include "language.h"
#include "prompt_panel.h"

#include <QApplication>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QRegularExpression>
#include <QTest>

using namespace pw::gui;

class TestTranslations : public QObject
{
    Q_OBJECT
  private Q_SLOTS:
    void chineseCatalogueIsCompleteAndFinished()
    {
        // Every source string must have a finished zh_CN translation (run update_translations
        // and translate new entries before committing).
        QFile ts(QStringLiteral(PW_SOURCE_DIR "/translations/posewright_zh_CN.ts"));
        QVERIFY(ts.open(QIODevice::ReadOnly));
        const QString xml = QString::fromUtf8(ts.readAll());
        const int messages = static_cast<int>(xml.count(QStringLiteral("<message")));
        QVERIFY(messages > 10);
        QCOMPARE(static_cast<int>(xml.count(QStringLiteral("type=\"unfinished\""))), 0);
        QCOMPARE(static_cast<int>(xml.count(QStringLiteral("<translation></translation>"))), 0);
    }

    void switchingLanguageRetranslatesLiveWidgets()
    {
        PromptPanel panel;
        auto* button = panel.findChild<QPushButton*>(QStringLiteral("generateButton"));
        QCOMPARE(installTranslators(QStringLiteral("zh_CN")), QStringLiteral("zh_CN"));
        QCoreApplication::processEvents();
        QCOMPARE(button->text(), QStringLiteral("生成"));
        QCOMPARE(installTranslators(QStringLiteral("en")), QStringLiteral("en"));
        QCoreApplication::processEvents();
        QCOMPARE(button->text(), QStringLiteral("Generate"));
    }

    void englishPluralsComeFromTheCatalogue()
    {
        installTranslators(QStringLiteral("en"));
        PromptPanel panel;
        auto* counter = panel.findChild<QLabel*>(QStringLiteral("wordCounter"));
        panel.setPrompt(QStringLiteral("jump"));
        QCOMPARE(counter->text(), QStringLiteral("1 word"));
        panel.setPrompt(QStringLiteral("jump twice"));
        QCOMPARE(counter->text(), QStringLiteral("2 words"));
    }

    void systemResolvesToAShippedLanguage()
    {
        const QString lang = resolveLanguage(QStringLiteral("system"));
        QVERIFY(lang == QLatin1String("en") || lang == QLatin1String("zh_CN"));
    }
};

QTEST_MAIN(TestTranslations)
#include "test_translations.moc"
