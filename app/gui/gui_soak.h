// advariant --soak-cells N [--soak-bound-mib F] [--soak-steps N]: a leak check of the studio itself (gui_soak.cpp).
#pragma once

namespace adv::ui {
class MainWindow;
}

namespace adv::app {

// Renders the Variants grid until `cells` cells are done, then prints the resident-memory report and exits
// the application: 0 when the growth after warm-up stays within `boundMiB` per 100 cells, else 1. `steps` > 0
// sets the form's sampling steps (memory, not pictures, is measured); 0 keeps the form's.
void startGuiSoak(ui::MainWindow& w, int cells, double boundMiB, int steps);

} // namespace adv::app
