#include "ui/brand_panel.h"

#include "util/error.h"
#include "util/fs.h"

#include <QCheckBox>
#include <QColorDialog>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace adv::ui {

BrandPanel::BrandPanel(QWidget* parent) : QWidget(parent) {
    enabled_ = new QCheckBox(tr("Brand layer: logo, headline and button inside each safe zone"), this);
    enabled_->setObjectName(QStringLiteral("brandEnabled"));
    name_ = new QLineEdit(this);
    logo_ = new QLineEdit(this);
    logo_->setObjectName(QStringLiteral("brandLogo"));
    logo_->setPlaceholderText(tr("PNG with transparency or SVG"));
    auto* browseLogo = new QPushButton(tr("Browse..."), this);
    font_ = new QFontComboBox(this);
    font_->setObjectName(QStringLiteral("brandFont"));
    headlineColor_ = colorButton(QStringLiteral("headlineColor"));
    ctaFill_ = colorButton(QStringLiteral("ctaFill"));
    ctaText_ = colorButton(QStringLiteral("ctaText"));
    badgeFill_ = colorButton(QStringLiteral("badgeFill"));
    headlineSize_ = new QDoubleSpinBox(this);
    headlineSize_->setRange(1, 30);
    headlineSize_->setSuffix(tr(" % of the short side"));
    maxLines_ = new QSpinBox(this);
    maxLines_->setRange(1, 6);
    clearSpace_ = new QDoubleSpinBox(this);
    clearSpace_->setRange(0, 200);
    clearSpace_->setSuffix(tr(" % of the logo height"));
    auto* openKit = new QPushButton(tr("Open kit..."), this);
    auto* saveKit = new QPushButton(tr("Save kit..."), this);
    copy_ = new QTableWidget(0, 5, this);
    copy_->setObjectName(QStringLiteral("copyTable"));
    copy_->setHorizontalHeaderLabels({tr("Id"), tr("Headline"), tr("Call to action"), tr("Badge"), tr("Locale")});
    copy_->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    copy_->setSelectionBehavior(QAbstractItemView::SelectRows);
    auto* loadCopy = new QPushButton(tr("Load copy sheet..."), this);
    auto* addRow = new QPushButton(tr("Add row"), this);
    auto* removeRow = new QPushButton(tr("Remove row"), this);
    message_ = new QLabel(this);
    message_->setObjectName(QStringLiteral("brandMessage"));
    message_->setWordWrap(true);

    auto* form = new QFormLayout;
    form->addRow(tr("Brand:"), name_);
    auto* logoRow = new QHBoxLayout;
    logoRow->addWidget(logo_, 1);
    logoRow->addWidget(browseLogo);
    form->addRow(tr("Logo:"), logoRow);
    form->addRow(tr("Logo clear space:"), clearSpace_);
    form->addRow(tr("Font:"), font_);
    auto* colors = new QHBoxLayout;
    for (auto [label, b] : {std::pair{tr("Headline"), headlineColor_}, {tr("Button"), ctaFill_}, {tr("Button text"), ctaText_},
                            {tr("Badge"), badgeFill_}}) {
        colors->addWidget(new QLabel(label, this));
        colors->addWidget(b);
    }
    colors->addStretch();
    form->addRow(tr("Colours:"), colors);
    form->addRow(tr("Headline size:"), headlineSize_);
    form->addRow(tr("Headline lines:"), maxLines_);
    auto* kitButtons = new QHBoxLayout;
    kitButtons->addWidget(openKit);
    kitButtons->addWidget(saveKit);
    kitButtons->addStretch();
    auto* copyButtons = new QHBoxLayout;
    copyButtons->addWidget(loadCopy);
    copyButtons->addWidget(addRow);
    copyButtons->addWidget(removeRow);
    copyButtons->addStretch();
    auto* v = new QVBoxLayout(this);
    v->setContentsMargins(0, 0, 0, 0);
    v->addWidget(enabled_);
    v->addLayout(form);
    v->addLayout(kitButtons);
    v->addWidget(new QLabel(tr("Copy (every approved image is exported once per row):"), this));
    v->addWidget(copy_, 1);
    v->addLayout(copyButtons);
    v->addWidget(message_);

    fromKit(base_);
    setCopyRows({exportset::CopyRow{"c1", tr("New season, new look").toStdString(), tr("Shop now").toStdString(), "", "", {}}});

    const auto emitChanged = [this] { Q_EMIT changed(); };
    connect(enabled_, &QCheckBox::toggled, this, emitChanged);
    for (QLineEdit* e : {name_, logo_}) connect(e, &QLineEdit::editingFinished, this, emitChanged);
    connect(font_, &QFontComboBox::currentFontChanged, this, emitChanged);
    connect(headlineSize_, &QDoubleSpinBox::valueChanged, this, emitChanged);
    connect(clearSpace_, &QDoubleSpinBox::valueChanged, this, emitChanged);
    connect(maxLines_, &QSpinBox::valueChanged, this, emitChanged);
    connect(copy_, &QTableWidget::itemChanged, this, emitChanged);
    connect(copy_, &QTableWidget::itemSelectionChanged, this, emitChanged);
    connect(browseLogo, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, tr("Logo"), QString(), tr("Logos (*.png *.svg *.jpg *.webp)"));
        if (f.isEmpty()) return;
        logo_->setText(f);
        Q_EMIT changed();
    });
    connect(openKit, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, tr("Open brand kit"), QString(), tr("Brand kits (*.json)"));
        if (!f.isEmpty()) this->openKit(f);
    });
    connect(saveKit, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getSaveFileName(this, tr("Save brand kit"), QStringLiteral("kit.json"), tr("Brand kits (*.json)"));
        if (!f.isEmpty()) this->saveKit(f);
    });
    connect(loadCopy, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, tr("Load copy sheet"), QString(), tr("Copy sheets (*.csv)"));
        if (!f.isEmpty()) this->loadCopy(f);
    });
    connect(addRow, &QPushButton::clicked, this, [this] {
        auto rows = copyRows();
        rows.push_back(exportset::CopyRow{"c" + std::to_string(rows.size() + 1), tr("Headline").toStdString(), tr("Shop now").toStdString(), "", "", {}});
        setCopyRows(rows);
    });
    connect(removeRow, &QPushButton::clicked, this, [this] {
        if (copy_->rowCount() > 1) copy_->removeRow(std::max(0, copy_->currentRow()));
        Q_EMIT changed();
    });
}

QPushButton* BrandPanel::colorButton(const QString& name) {
    auto* b = new QPushButton(this);
    b->setObjectName(name);
    b->setFixedWidth(44);
    connect(b, &QPushButton::clicked, this, [this, b] {
        const brand::Color c = buttonColor(b);
        const QColor picked = QColorDialog::getColor(QColor(c.r, c.g, c.b), this);
        if (!picked.isValid()) return;
        setButtonColor(b, brand::Color{uint8_t(picked.red()), uint8_t(picked.green()), uint8_t(picked.blue())});
        Q_EMIT changed();
    });
    return b;
}

void BrandPanel::setButtonColor(QPushButton* b, const brand::Color& c) {
    const QString hex = QString::fromStdString(brand::hexColor(c));
    b->setProperty("brandColor", hex);
    b->setToolTip(hex);
    b->setStyleSheet(QStringLiteral("background-color: %1; border: 1px solid palette(mid); min-height: 18px;").arg(hex));
}

brand::Color BrandPanel::buttonColor(const QPushButton* b) const {
    brand::Color c;
    brand::parseHexColor(b->property("brandColor").toString().toStdString(), c);
    return c;
}

void BrandPanel::fromKit(const brand::BrandKit& k) {
    const QSignalBlocker block(this);
    base_ = k;
    name_->setText(QString::fromStdString(k.name));
    logo_->setText(QString::fromStdString(k.logo));
    const auto f = k.fonts.find(k.headline.font);
    if (f != k.fonts.end() && !f->second.family.empty()) font_->setCurrentFont(QFont(QString::fromStdString(f->second.family)));
    setButtonColor(headlineColor_, k.headline.color);
    setButtonColor(ctaFill_, k.button.fill);
    setButtonColor(ctaText_, k.cta.color);
    setButtonColor(badgeFill_, k.badgeShape.fill);
    headlineSize_->setValue(k.headline.size * 100);
    maxLines_->setValue(k.headline.maxLines);
    clearSpace_->setValue(k.logoClearSpace * 100);
}

bool BrandPanel::brandEnabled() const { return enabled_->isChecked(); }

brand::BrandKit BrandPanel::kit() const {
    brand::BrandKit k = base_;
    k.name = name_->text().trimmed().toStdString();
    k.logo = logo_->text().trimmed().toStdString();
    // The family as Qt lists it; FreeType reports the same family names. A file-based font stays as it was.
    brand::FontRef& display = k.fonts[k.headline.font];
    if (display.file.empty()) display.family = font_->currentFont().family().toStdString();
    k.headline.color = buttonColor(headlineColor_);
    k.button.fill = buttonColor(ctaFill_);
    k.cta.color = buttonColor(ctaText_);
    k.badgeShape.fill = buttonColor(badgeFill_);
    k.headline.size = headlineSize_->value() / 100.0;
    k.headline.minSize = std::min(k.headline.minSize, k.headline.size);
    k.headline.maxLines = maxLines_->value();
    k.logoClearSpace = clearSpace_->value() / 100.0;
    return k;
}

std::vector<exportset::CopyRow> BrandPanel::copyRows() const {
    std::vector<exportset::CopyRow> rows;
    for (int r = 0; r < copy_->rowCount(); ++r) {
        auto cell = [&](int c) { return copy_->item(r, c) ? copy_->item(r, c)->text().trimmed().toStdString() : std::string(); };
        exportset::CopyRow row{cell(0), cell(1), cell(2), cell(3), cell(4), {}};
        if (row.headline.empty()) continue;
        if (row.id.empty()) row.id = "c" + std::to_string(r + 1);
        rows.push_back(row);
    }
    return rows;
}

void BrandPanel::setCopyRows(const std::vector<exportset::CopyRow>& rows) {
    {
        const QSignalBlocker block(copy_);
        copy_->setRowCount(int(rows.size()));
        for (int r = 0; r < int(rows.size()); ++r) {
            const auto& x = rows[size_t(r)];
            const std::string cells[] = {x.id, x.headline, x.cta, x.badge, x.locale};
            for (int c = 0; c < 5; ++c) copy_->setItem(r, c, new QTableWidgetItem(QString::fromStdString(cells[c])));
        }
        if (!rows.empty()) copy_->selectRow(0);
    }
    Q_EMIT changed();
}

int BrandPanel::selectedCopyRow() const { return std::max(0, copy_->currentRow()); }

QString BrandPanel::openKit(const QString& file) {
    try {
        fromKit(brand::loadBrandKit(file.toStdString()));
        enabled_->setChecked(true);
        message_->setText(tr("Brand kit %1 opened.").arg(QFileInfo(file).fileName()));
        Q_EMIT changed();
        return {};
    } catch (const std::exception& e) {
        const QString m = QString::fromStdString(userMessage(e));
        message_->setText(m);
        return m;
    }
}

QString BrandPanel::saveKit(const QString& file) {
    try {
        const std::string dir = QFileInfo(file).absolutePath().toStdString();
        fs::writeFileAtomic(file.toStdString(), brand::brandKitToJson(kit(), dir));
        message_->setText(tr("Brand kit saved to %1.").arg(file));
        return {};
    } catch (const std::exception& e) {
        const QString m = QString::fromStdString(userMessage(e));
        message_->setText(m);
        return m;
    }
}

QString BrandPanel::loadCopy(const QString& file) {
    try {
        setCopyRows(exportset::loadCopySheet(file.toStdString()));
        enabled_->setChecked(true);
        message_->setText(tr("%1 copy rows loaded from %2.").arg(copy_->rowCount()).arg(QFileInfo(file).fileName()));
        return {};
    } catch (const std::exception& e) {
        const QString m = QString::fromStdString(userMessage(e));
        message_->setText(m);
        return m;
    }
}

} // namespace adv::ui
