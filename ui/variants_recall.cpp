// VariantsPage: the form's parameters in and out — grid spec files (the CLI's `grid --spec`) and a rendered
// variant's record recalled into the form (from a cell or a PNG's parameters).
#include "ui/variants_page.h"

#include "ui/library_picker.h"

#include "io/png.h"
#include "studio/grid_spec.h"
#include "util/error.h"
#include "util/fs.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QSignalBlocker>
#include <QSpinBox>

#include <algorithm>

namespace adv::ui {

studio::GridSpec VariantsPage::gridSpec() const {
    studio::GridSpec g;
    g.model = model_->path().toStdString();
    for (const auto& c : concepts()) g.concepts.push_back(c.toStdString());
    for (const auto& c : conditions()) g.conditions.push_back(c.toStdString());
    g.seedsPerCell = seeds_->value();
    g.firstSeed = baseSeed_->value();
    const auto r = request();
    g.sampler = r.sampler;
    g.steps = r.steps;
    g.cfg = r.cfg;
    g.negativePrompt = r.negativePrompt;
    g.loras = r.loras;
    g.hiresScale = r.hiresScale;
    g.hiresStrength = r.hiresScale > 0 ? r.denoisingStrength : 0;
    return g;
}

void VariantsPage::applyGridSpec(const studio::GridSpec& g) {
    model_->setPath(QString::fromStdString(g.model));
    QStringList list;
    for (const auto& c : g.concepts) list << QString::fromStdString(c);
    concepts_->setText(list.join(QStringLiteral(", ")));
    list.clear();
    for (const auto& c : g.conditions) list << QString::fromStdString(c);
    conditions_->setText(list.join(QStringLiteral(", ")));
    seeds_->setValue(g.seedsPerCell);
    baseSeed_->setValue(static_cast<int>(std::min<int64_t>(g.firstSeed, baseSeed_->maximum())));
    sampler_->setCurrentText(QString::fromStdString(g.sampler));
    steps_->setValue(g.steps);
    cfg_->setValue(g.cfg);
    negative_->setText(QString::fromStdString(g.negativePrompt));
    lora_->setPath(g.loras.empty() ? QString() : QString::fromStdString(g.loras.front().file));
    loraScale_->setValue(g.loras.empty() ? 1.0 : g.loras.front().scale);
    hires_->setValue(g.hiresScale > 1 ? g.hiresScale : 1.0);
}

QString VariantsPage::saveGridSpec(const QString& path) const {
    try {
        const auto g = gridSpec();
        // What the CLI would refuse is refused here too, before the file is written.
        (void)studio::GridSpec::fromJsonText(g.toJsonText(), path.toStdString());
        fs::writeFileAtomic(path.toStdString(), g.toJsonText());
        return {};
    } catch (const std::exception& e) {
        return QString::fromStdString(userMessage(e));
    }
}

QString VariantsPage::openGridSpec(const QString& path) {
    try {
        applyGridSpec(studio::GridSpec::fromFile(path.toStdString()));
        return {};
    } catch (const std::exception& e) {
        return QString::fromStdString(userMessage(e));
    }
}

void VariantsPage::saveGridSpecAs() {
    const QString path = QFileDialog::getSaveFileName(this, tr("Save grid spec"), QString(), tr("Grid spec (*.json)"));
    if (path.isEmpty()) return;
    if (const QString err = saveGridSpec(path); !err.isEmpty()) QMessageBox::warning(this, tr("Save grid spec"), err);
    else status_->setText(tr("Grid spec saved: render it anywhere with advariant-cli grid --spec %1").arg(QDir::toNativeSeparators(path)));
}

void VariantsPage::openGridSpecFile() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open grid spec"), QString(), tr("Grid spec (*.json)"));
    if (path.isEmpty()) return;
    if (const QString err = openGridSpec(path); !err.isEmpty()) QMessageBox::warning(this, tr("Open grid spec"), err);
}

QString VariantsPage::applyRecord(const studio::VariantRecord& r) {
    QStringList missing;
    if (!r.concept.empty()) concepts_->setText(QString::fromStdString(r.concept));
    if (!r.condition.empty()) conditions_->setText(QString::fromStdString(r.condition));
    seeds_->setValue(1);
    baseSeed_->setValue(static_cast<int>(std::clamp<int64_t>(r.seed, 0, baseSeed_->maximum())));
    const int s = sampler_->findText(QString::fromStdString(r.sampler));
    if (s >= 0) sampler_->setCurrentIndex(s);
    else missing << tr("sampler %1").arg(QString::fromStdString(r.sampler));
    steps_->setValue(r.steps);
    cfg_->setValue(r.cfg);
    negative_->setText(QString::fromStdString(r.negativePrompt));
    hires_->setValue(r.hiresScale > 1 ? r.hiresScale : 1.0);
    if (!r.model.empty() || !r.modelHash.empty()) {
        if (!model_->selectByHashOrName(QString::fromStdString(r.modelHash), QString::fromStdString(r.model)))
            missing << tr("model %1 [%2]").arg(QString::fromStdString(r.model), QString::fromStdString(r.modelHash));
    }
    {
        const QSignalBlocker b(fast_);
        fast_->setChecked(false);  // on again below when the variant used the accelerator
    }
    if (r.loras.empty()) {
        lora_->setPath(QString());  // made without a LoRA: none now either
        compare_->setChecked(false);
    } else {
        const auto& l = r.loras.front();
        const QString file = QFileInfo(QString::fromStdString(l.file)).fileName();
        if (lora_->selectByHashOrName(QString::fromStdString(l.sha256), file))  // by hash, else file or stem name
            loraScale_->setValue(l.scale);
        else
            missing << tr("LoRA %1 [%2]").arg(file, QString::fromStdString(l.sha256));
        // A second LoRA that is the library's LCM-LoRA is Fast mode's accelerator; others do not fit the form.
        const auto* a = accelerator();
        size_t extra = r.loras.size() - 1;
        if (a && r.loras.size() > 1) {
            const auto& l2 = r.loras[1];
            if (lora_->findByHashOrName(QString::fromStdString(l2.sha256),
                                        QFileInfo(QString::fromStdString(l2.file)).fileName()) == a) {
                const QSignalBlocker b(fast_);
                fast_->setChecked(true);
                --extra;
            }
        }
        if (extra > 0) missing << tr("%n more LoRA(s) (one LoRA per grid)", nullptr, int(extra));
        compare_->setChecked(false);
    }
    if (missing.isEmpty()) {
        status_->setText(tr("Parameters recalled: seed %1, %2, %3 steps, CFG %4").arg(r.seed).arg(sampler_->currentText()).arg(r.steps).arg(r.cfg));
        return {};
    }
    const QString text = tr("Not in the library: %1").arg(missing.join(QStringLiteral("; ")));
    status_->setText(text);
    return text;
}

QString VariantsPage::applyPngParameters(const QString& path) {
    try {
        const auto text = png::readText(path.toStdString());
        return applyRecord(studio::VariantRecord::fromPngText(text));
    } catch (const std::exception& e) {
        return QString::fromStdString(userMessage(e));
    }
}
} // namespace adv::ui
