// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

class QCoreApplication;

namespace pw::gui {

/// The settings key of the interface language ("system", "en", "zh_CN").
inline constexpr const char* kLanguageSettingKey = "ui/language";

/// Resolves "system" to the locale's language and returns one of the shipped languages.
QString resolveLanguage(const QString& setting);

/// Installs Posewright's catalogue (embedded under :/i18n) and Qt's qtbase catalogue for the
/// language, replacing any previously installed ones. Returns the language in effect ("en" when
/// no catalogue matched). Thread: GUI thread.
QString installTranslators(const QString& languageSetting);

/// The language installed last by installTranslators ("en" before the first call): messages that
/// do not come from Qt catalogues (the prompt linter's) use it.
QString currentLanguage();

} // namespace pw::gui
