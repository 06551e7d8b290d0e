// The rest of a training config, field by field: an editor per key of the CLI's JSON config (check box, whole or
// decimal number, text, comma-separated list), built from the config's own JSON so no field is left out when the
// trainer gains one. The Training page shows its usual fields itself and this for everything else (targets,
// text-encoder LoRA, min-SNR, noise offset, multi-resolution noise, timestep bias, debiased loss, gradient
// accumulation, AdamW, validation, masked loss, NaN guard, data-parallel timeout). Test-only keys (debug_*) are
// not shown.
#pragma once

#include <QJsonObject>
#include <QMap>
#include <QSet>
#include <QWidget>

namespace adv::ui {

class ConfigFields : public QWidget {
    Q_OBJECT
public:
    // `jsonText`: a config as the CLI writes it (defaults); `skip`: keys the page edits elsewhere.
    ConfigFields(const QString& jsonText, const QSet<QString>& skip, QWidget* parent = nullptr);
    QStringList keys() const { return editors_.keys(); }
    QWidget* editor(const QString& key) const { return editors_.value(key); }
    // Values of the shown keys (types as in the defaults); setValues() takes a whole config and picks them out.
    QJsonObject values() const;
    void setValues(const QJsonObject& config);

private:
    enum class Kind { Bool, Int, Double, String, StringList, IntList };
    QMap<QString, QWidget*> editors_;
    QMap<QString, Kind> kinds_;
};

} // namespace adv::ui
