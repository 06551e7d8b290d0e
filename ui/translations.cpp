#include "ui/translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace adv::ui {

QString installTranslations(const QString& language) {
    static QTranslator* app = nullptr;
    static QTranslator* qt = nullptr;
    if (app) {
        QCoreApplication::removeTranslator(app);
        QCoreApplication::removeTranslator(qt);
        delete app;
        delete qt;
        app = qt = nullptr;
    }
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    if (locale.language() == QLocale::English || locale.language() == QLocale::C) return QStringLiteral("en");
    app = new QTranslator;
    qt = new QTranslator;
    // Compiled .qm files are embedded as resources under :/i18n.
    if (!app->load(locale, QStringLiteral("advariant"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        delete app;
        delete qt;
        app = qt = nullptr;
        return QStringLiteral("en");
    }
    QCoreApplication::installTranslator(app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    return locale.name().left(2);
}

} // namespace adv::ui
