// advariant: the desktop studio.
#include "common/svg_logo.h"
#include "gui/gui_soak.h"
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

#include <cstdio>

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
    QCommandLineOption soakCells(QStringList{"soak-cells"},
                                 QStringLiteral("Leak check: render the Variants grid until N cells are done, report resident "
                                                "memory and quit (exit 1 when it keeps growing)."),
                                 QStringLiteral("N"));
    QCommandLineOption soakBound(QStringList{"soak-bound-mib"},
                                 QStringLiteral("Allowed growth after warm-up per 100 cells (default 32)."), QStringLiteral("MIB"));
    QCommandLineOption soakSteps(QStringList{"soak-steps"},
                                 QStringLiteral("Sampling steps of the soak's cells (default: the form's)."), QStringLiteral("N"));
    parser.addOption(soakCells);
    parser.addOption(soakSteps);
    parser.addOption(soakBound);
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
    if (parser.isSet(soakCells)) {
        bool okCells = false, okBound = true;
        const int cells = parser.value(soakCells).toInt(&okCells);
        const double bound = parser.isSet(soakBound) ? parser.value(soakBound).toDouble(&okBound) : 32.0;
        bool okSteps = true;
        const int steps = parser.isSet(soakSteps) ? parser.value(soakSteps).toInt(&okSteps) : 0;
        if (!okCells || cells < 1 || cells > 1000000 || !okBound || !(bound >= 0 && bound <= 1e6) || !okSteps ||
            steps < 0 || steps > 150) {
            std::fprintf(stderr, "advariant: --soak-cells takes 1..1000000 cells, --soak-bound-mib 0..1e6 MiB, "
                                 "--soak-steps 1..150\n");
            return 2;
        }
        adv::app::startGuiSoak(w, cells, bound, steps);
    }
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
