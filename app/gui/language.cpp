// SPDX-License-Identifier: Apache-2.0
#include "language.h"

#include <pw/core/log.h>

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

#include <memory>

namespace pw::gui {
namespace {
std::unique_ptr<QTranslator> s_appTranslator;
std::unique_ptr<QTranslator> s_qtTranslator;
QString s_currentLanguage = QStringLiteral("en");
} // namespace

QString currentLanguage()
{
    return s_currentLanguage;
}

QString resolveLanguage(const QString& setting)
{
    if (setting == QLatin1String("en") || setting == QLatin1String("zh_CN")) {
        return setting;
    }
    const QLocale locale = QLocale::system();
    if (locale.language() == QLocale::Chinese) {
        return QStringLiteral("zh_CN");
    }
    return QStringLiteral("en");
}

QString installTranslators(const QString& languageSetting)
{
    const QString language = resolveLanguage(languageSetting);
    for (auto* t : {&s_appTranslator, &s_qtTranslator}) {
        if (*t) {
            QCoreApplication::removeTranslator(t->get());
            t->reset();
        }
    }
    // English needs a catalogue too: it carries the plural forms of the source strings.
    auto app = std::make_unique<QTranslator>();
    // Set before installing: installTranslator sends LanguageChange, whose handlers read it.
    s_currentLanguage = language;
    if (app->load(QStringLiteral(":/i18n/posewright_") + language)) {
        QCoreApplication::installTranslator(app.get());
        s_appTranslator = std::move(app);
    } else {
        log::get(log::kGui)->warn("no translation catalogue for '{}'", language.toStdString());
        s_currentLanguage = QStringLiteral("en");
        return s_currentLanguage;
    }
    auto qt = std::make_unique<QTranslator>();
    if (qt->load(QLocale(language), QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt.get());
        s_qtTranslator = std::move(qt);
    }
    log::get(log::kGui)->info("interface language: {}", language.toStdString());
    return language;
}

} // namespace pw::gui
