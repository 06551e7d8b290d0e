// Installs the translator for the language chosen in the settings.
#pragma once

#include <QString>

namespace adv::ui {
// "" = system locale. Returns the language actually installed ("en" when none matched).
QString installTranslations(const QString& language);
} // namespace adv::ui
