// The brand kit editor and copy sheet of the Export workspace: a kit (logo, colours, font, text sizes)
// edited in place, opened from and saved to kit JSON files (the CLI's --brand), and the copy rows
// (headline, CTA, badge, locale) typed or loaded from a CSV sheet (the CLI's --copy).
#pragma once

#include "brand/brand_kit.h"
#include "exportset/copy_sheet.h"

#include <QWidget>

class QCheckBox;
class QDoubleSpinBox;
class QFontComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace adv::ui {

class BrandPanel : public QWidget {
    Q_OBJECT
public:
    explicit BrandPanel(QWidget* parent = nullptr);
    bool brandEnabled() const;
    brand::BrandKit kit() const;
    std::vector<exportset::CopyRow> copyRows() const;
    // Errors are shown in the panel and returned ("" on success).
    QString openKit(const QString& file);
    QString saveKit(const QString& file);
    QString loadCopy(const QString& file);
    void setCopyRows(const std::vector<exportset::CopyRow>& rows);
    int selectedCopyRow() const;

Q_SIGNALS:
    void changed();

private:
    void fromKit(const brand::BrandKit& k);
    QPushButton* colorButton(const QString& name);
    void setButtonColor(QPushButton* b, const brand::Color& c);
    brand::Color buttonColor(const QPushButton* b) const;
    QCheckBox* enabled_;
    QLineEdit *name_, *logo_;
    QFontComboBox* font_;
    QPushButton *headlineColor_, *ctaFill_, *ctaText_, *badgeFill_;
    QDoubleSpinBox *headlineSize_, *clearSpace_;
    QSpinBox* maxLines_;
    QTableWidget* copy_;
    QLabel* message_;
    brand::BrandKit base_ = brand::BrandKit::defaults();  // fields the form does not show are kept
};

} // namespace adv::ui
