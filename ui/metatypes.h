// Core structs that cross Qt signals as one registered value each.
#pragma once

#include "studio/variant_record.h"
#include "train/trainer.h"

#include <QMetaType>

Q_DECLARE_METATYPE(adv::train::StepMetrics)
Q_DECLARE_METATYPE(adv::studio::VariantRecord)

namespace adv::ui {

// Registers the types above for queued connections and QVariant (idempotent).
inline void registerMetaTypes() {
    qRegisterMetaType<adv::train::StepMetrics>();
    qRegisterMetaType<adv::studio::VariantRecord>();
}

} // namespace adv::ui
