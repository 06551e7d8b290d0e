// Settings: model folders, default model, output folder, device, threads, language.
#pragma once

#include <QDialog>

class QComboBox;
class QLineEdit;
class QListWidget;
class QSpinBox;

namespace adv::ui {

class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    explicit SettingsDialog(QWidget* parent = nullptr);
    void accept() override;

private:
    QListWidget* modelFolders_;
    QLineEdit* defaultModel_;
    QLineEdit* outputFolder_;
    QComboBox* device_;
    QSpinBox* threads_;
    QComboBox* language_;
};

} // namespace adv::ui
