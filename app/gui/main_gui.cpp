// advariant: the desktop studio.
#include "common/svg_logo.h"
#include "ui/log_bridge.h"
#include "ui/dataset_page.h"
#include "ui/main_window.h"
#include "ui/project.h"
#include "ui/preferences.h"
#include "ui/translations.h"

#include "adv_version.h"
#include "util/device.h"
#include "util/fs.h"
#include "util/log.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>
#include <QUndoStack>

int main(int argc, char** argv) {
    adv::fs::failWritesInsteadOfDying();
    adv::app::registerSvgLogos(false);
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("AdVariant Studio"));
    QApplication::setOrganizationName(QStringLiteral("AdVariant"));
    QApplication::setApplicationVersion(QStringLiteral(ADV_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.advariant.Studio"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("AdVariant Studio: product catalogue to ad creative with Stable Diffusion"));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption verbose(QStringList{"verbose"}, QStringLiteral("Debug logging on the console."));
    QCommandLineOption screenshot(QStringList{"screenshot"}, QStringLiteral("Save a screenshot of the main window to FILE and quit."),
                                  QStringLiteral("FILE"));
    QCommandLineOption noSample(QStringList{"no-sample"}, QStringLiteral("Do not open the built-in sample dataset."));
    QCommandLineOption workspace(QStringList{"workspace"}, QStringLiteral("Workspace to show first (dataset, pairs, training, variants, export)."),
                                 QStringLiteral("ID"));
    parser.addOption(verbose);
    parser.addOption(screenshot);
    parser.addOption(workspace);
    parser.addOption(noSample);
    parser.addPositionalArgument(QStringLiteral("project"), QStringLiteral("A .advproj project to open."), QStringLiteral("[project]"));
    parser.process(app);

    adv::log::Options lo;
    lo.verbose = parser.isSet(verbose);
    lo.appName = "advariant";
    adv::log::init(lo);
    adv::ui::installQtMessageHandler();
    adv::tuneAllocator();
    adv::setCpuThreads(adv::ui::Preferences::instance().threads());
    adv::ui::installTranslations(adv::ui::Preferences::instance().language());

    adv::ui::MainWindow w;
    if (!parser.positionalArguments().isEmpty()) {
        QString err;
        if (!w.openProject(parser.positionalArguments().first(), &err)) qWarning("%s", qPrintable(err));
    } else if (!parser.isSet(screenshot)) {
        w.offerRecovery();  // after a crash: the autosaved changes of the last session
    }
    if (parser.isSet(workspace)) w.setCurrentWorkspace(parser.value(workspace));
    w.show();
    // Embedded defaults: with no dataset in the project, the sample dataset opens.
    if (!parser.isSet(noSample) && w.project()->datasetAnnotations().isEmpty()) w.datasetPage()->openSampleDataset();
    if (parser.isSet(screenshot)) {
        const QString file = parser.value(screenshot);
        QTimer::singleShot(4000, &w, [&w, file] {
            if (!w.grab().save(file)) qCritical("cannot write screenshot %s", qPrintable(file));
            w.project()->undoStack()->setClean();  // a screenshot run never asks to save
            QApplication::quit();
        });
    }
    return app.exec();
}
