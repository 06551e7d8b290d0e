// advariant --soak-cells N: the studio's working day in one process, offscreen or on screen. The Variants
// workspace renders its grid again and again (each time from the next first seed, so every cell is a new
// picture, a new history entry and a new gallery item, as a day of re-rolls is) until N cells are done,
// sampling resident memory after every grid. After a warm-up (the first tenth) memory must level off: the
// report gives the growth per 100 cells, and the run fails above --soak-bound-mib (a leak check, not a timing).
#include "gui/gui_soak.h"

#include "common/soak_stats.h"
#include "platform/platform.h"
#include "ui/main_window.h"
#include "ui/project.h"
#include "ui/variants_page.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QSpinBox>
#include <QUndoStack>

#include <cstdio>
#include <memory>
#include <utility>
#include <vector>

namespace adv::app {

namespace {

double rssMiB() { return static_cast<double>(platform::residentBytes()) / (1024.0 * 1024.0); }

struct SoakState {
    int target = 500;
    double bound = 32;
    int rendered = 0;
    int grids = 0;
    QElapsedTimer clock;
    std::vector<std::pair<double, double>> samples;  // (cells rendered, resident MiB)
};

int renderedCells(const ui::VariantsPage& page) {
    int n = 0;
    for (const auto& c : page.cells()) n += c.rendered() ? 1 : 0;
    return n;
}

void finish(ui::MainWindow& w, const SoakState& s) {
    const double warm = s.target / 10.0;
    double atWarm = s.samples.empty() ? 0 : s.samples.front().second, peak = 0;
    for (const auto& [x, y] : s.samples) {
        if (x <= warm) atWarm = y;
        peak = std::max(peak, y);
    }
    const double growth = soakSlope(s.samples, warm) * 100.0;
    const bool within = growth <= s.bound;
    std::printf("studio soak: %d cells in %d grids, %.0f s; resident after warm-up %.1f MiB, at the end %.1f MiB, "
                "peak %.1f MiB; growth after warm-up %+.2f MiB per 100 cells\n%s (bound %.0f MiB per 100 cells)\n",
                s.rendered, s.grids, s.clock.elapsed() / 1000.0, atWarm, s.samples.empty() ? 0.0 : s.samples.back().second,
                peak, growth, within ? "within bound" : "OVER BOUND: memory keeps growing", s.bound);
    std::fflush(stdout);
    w.project()->undoStack()->setClean();
    QApplication::exit(within ? 0 : 1);
}

} // namespace

void startGuiSoak(ui::MainWindow& w, int cells, double boundMiB, int steps) {
    auto state = std::make_shared<SoakState>();
    state->target = cells;
    state->bound = boundMiB;
    ui::VariantsPage* page = w.variantsPage();
    w.setCurrentWorkspace(QStringLiteral("variants"));
    auto* firstSeed = page->findChild<QSpinBox*>(QStringLiteral("firstSeed"));
    if (auto* stepsBox = page->findChild<QSpinBox*>(QStringLiteral("steps")); stepsBox && steps > 0) stepsBox->setValue(steps);
    QObject::connect(page, &ui::VariantsPage::gridFinished, &w, [&w, page, firstSeed, state] {
        const int done = renderedCells(*page);
        if (done == 0) {  // the model did not load or every cell failed: nothing to measure
            std::fprintf(stderr, "studio soak: the grid rendered no cell (%s)\n", qPrintable(page->statusText()));
            QApplication::exit(1);
            return;
        }
        state->rendered += done;
        ++state->grids;
        state->samples.emplace_back(state->rendered, rssMiB());
        if (state->rendered >= state->target) {
            finish(w, *state);
            return;
        }
        if (firstSeed) firstSeed->setValue(firstSeed->value() + page->cells().size());  // new pictures every grid
        page->renderGrid();
    });
    state->clock.start();
    page->renderGrid();  // loads the embedded model (or the configured one) first
}

} // namespace adv::app
