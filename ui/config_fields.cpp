#include "ui/config_fields.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLineEdit>
#include <QRegularExpression>
#include <QSpinBox>

#include <cmath>
#include <limits>

namespace adv::ui {

ConfigFields::ConfigFields(const QString& jsonText, const QSet<QString>& skip, QWidget* parent) : QWidget(parent) {
    const QJsonObject defaults = QJsonDocument::fromJson(jsonText.toUtf8()).object();
    auto* form = new QFormLayout(this);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    for (auto it = defaults.begin(); it != defaults.end(); ++it) {
        const QString key = it.key();
        if (skip.contains(key) || key.startsWith(QLatin1String("debug_"))) continue;
        const QJsonValue v = it.value();
        QWidget* w = nullptr;
        Kind kind;
        if (v.isBool()) {
            kind = Kind::Bool;
            w = new QCheckBox(this);
        } else if (v.isDouble()) {
            // The CLI writes whole-number fields without a decimal point ("3"), decimal ones with one ("3.0").
            const QRegularExpression re(QStringLiteral("\"%1\": (-?[0-9.eE+-]+)").arg(QRegularExpression::escape(key)));
            const QString text = re.match(jsonText).captured(1);
            const bool whole = !text.contains(QLatin1Char('.')) && !text.contains(QLatin1Char('e')) && !text.contains(QLatin1Char('E'));
            if (whole) {
                kind = Kind::Int;
                auto* s = new QSpinBox(this);
                s->setRange(std::numeric_limits<int>::min(), std::numeric_limits<int>::max());
                w = s;
            } else {
                kind = Kind::Double;
                auto* d = new QDoubleSpinBox(this);
                d->setDecimals(8);
                d->setRange(-1e9, 1e9);
                d->setSingleStep(std::abs(v.toDouble()) > 0 ? std::abs(v.toDouble()) / 10 : 0.1);
                w = d;
            }
        } else if (v.isArray()) {
            const QJsonArray a = v.toArray();
            kind = !a.isEmpty() && a.first().isDouble() ? Kind::IntList : Kind::StringList;
            auto* e = new QLineEdit(this);
            e->setPlaceholderText(tr("comma-separated"));
            w = e;
        } else {
            kind = Kind::String;
            w = new QLineEdit(this);
        }
        w->setObjectName(QStringLiteral("cfg_") + key);
        editors_.insert(key, w);
        kinds_.insert(key, kind);
        form->addRow(key + QLatin1Char(':'), w);
    }
    setValues(defaults);
}

QJsonObject ConfigFields::values() const {
    QJsonObject o;
    for (auto it = editors_.begin(); it != editors_.end(); ++it) {
        const QString& key = it.key();
        QWidget* w = it.value();
        switch (kinds_.value(key)) {
        case Kind::Bool: o[key] = static_cast<QCheckBox*>(w)->isChecked(); break;
        case Kind::Int: o[key] = static_cast<QSpinBox*>(w)->value(); break;
        case Kind::Double: o[key] = static_cast<QDoubleSpinBox*>(w)->value(); break;
        case Kind::String: o[key] = static_cast<QLineEdit*>(w)->text(); break;
        case Kind::StringList:
        case Kind::IntList: {
            QJsonArray a;
            for (const QString& part : static_cast<QLineEdit*>(w)->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
                const QString t = part.trimmed();
                if (kinds_.value(key) == Kind::IntList) a.append(t.toLongLong());
                else a.append(t);
            }
            o[key] = a;
            break;
        }
        }
    }
    return o;
}

void ConfigFields::setValues(const QJsonObject& config) {
    for (auto it = editors_.begin(); it != editors_.end(); ++it) {
        if (!config.contains(it.key())) continue;
        const QJsonValue v = config.value(it.key());
        QWidget* w = it.value();
        switch (kinds_.value(it.key())) {
        case Kind::Bool: static_cast<QCheckBox*>(w)->setChecked(v.toBool()); break;
        case Kind::Int: static_cast<QSpinBox*>(w)->setValue(v.toInt()); break;
        case Kind::Double: static_cast<QDoubleSpinBox*>(w)->setValue(v.toDouble()); break;
        case Kind::String: static_cast<QLineEdit*>(w)->setText(v.toString()); break;
        case Kind::StringList:
        case Kind::IntList: {
            QStringList parts;
            for (const auto& x : v.toArray()) parts << (x.isDouble() ? QString::number(x.toInteger()) : x.toString());
            static_cast<QLineEdit*>(w)->setText(parts.join(QStringLiteral(", ")));
            break;
        }
        }
    }
}

} // namespace adv::ui
