// Help > About: version, device, and every third-party licence.
#pragma once

#include <QDialog>

namespace adv::ui {

struct ThirdParty {
    QString name, licence, use;
};
QList<ThirdParty> thirdPartyComponents();

class AboutDialog : public QDialog {
    Q_OBJECT
public:
    explicit AboutDialog(QWidget* parent = nullptr);
};

} // namespace adv::ui
