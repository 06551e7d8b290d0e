// QCustomPlot uses the "signals"/"slots"/"foreach" keywords; the project builds with
// QT_NO_KEYWORDS (LibTorch clashes), so they are mapped for this header only.
#pragma once

#define signals Q_SIGNALS
#define slots Q_SLOTS
#define foreach Q_FOREACH
#include <qcustomplot.h>
#undef signals
#undef slots
#undef foreach
