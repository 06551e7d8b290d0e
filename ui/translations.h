// The studio's language: installs the catalogue chosen in the settings and switches the
// open windows to another one without a restart.
//
// How the switch works: every tr() string passes through one installed translator, which
// also remembers, per language, which (context, source) produced each text it handed out.
// On QEvent::LanguageChange a window calls retranslateTree() with the language it shows: every text of its widgets,
// actions, item views, tab bars, combo boxes and plots that came from tr() is asked again
// in the new language. Texts the code formats at run time (counts, paths, status lines)
// are not in the record: the page that shows them refreshes them in its changeEvent().
#pragma once

#include <QString>

class QObject;
class QWidget;

namespace adv::ui {

// "" = system locale. Installs (or replaces) the catalogue (advariant_<lang>.qm in
// `catalogueDir`; empty: the folder used last, at first the studio's embedded :/i18n) and, when the language changed, sends
// QEvent::LanguageChange to the application. Returns the language installed ("en" when none
// matched).
QString installTranslations(const QString& language, const QString& catalogueDir = QString());
// The language installed last ("en" before any).
QString currentLanguage();

// A text that tr() gave in language `from`, asked again in the current language (the
// source whose context is a class of `context` or of one of its ancestors wins); other
// texts are returned as they are.
QString retranslated(const QString& text, const QObject* context, const QString& from);
// retranslated() applied to every text under `root` (root included). Returns how many changed.
int retranslateTree(QWidget* root, const QString& from);
} // namespace adv::ui
