#include "ui/settings_dialog.h"

#include "ui/preferences.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QThread>
#include <QVBoxLayout>

namespace adv::ui {

namespace {
QWidget* withBrowse(QLineEdit* edit, QWidget* parent, bool directory) {
    auto* w = new QWidget(parent);
    auto* l = new QHBoxLayout(w);
    l->setContentsMargins(0, 0, 0, 0);
    l->addWidget(edit);
    auto* b = new QPushButton(QObject::tr("Browse..."), w);
    QObject::connect(b, &QPushButton::clicked, w, [edit, parent, directory] {
        const QString p = directory ? QFileDialog::getExistingDirectory(parent, QObject::tr("Choose a folder"), edit->text())
                                    : QFileDialog::getOpenFileName(parent, QObject::tr("Choose a file"), edit->text());
        if (!p.isEmpty()) edit->setText(p);
    });
    l->addWidget(b);
    return w;
}
} // namespace

SettingsDialog::SettingsDialog(QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("Settings"));
    setObjectName("SettingsDialog");
    auto& prefs = Preferences::instance();
    auto* form = new QFormLayout;

    modelFolders_ = new QListWidget(this);
    modelFolders_->addItems(prefs.modelFolders());
    modelFolders_->setMaximumHeight(90);
    auto* folderButtons = new QHBoxLayout;
    auto* add = new QPushButton(tr("Add..."), this);
    auto* remove = new QPushButton(tr("Remove"), this);
    folderButtons->addWidget(add);
    folderButtons->addWidget(remove);
    folderButtons->addStretch();
    connect(add, &QPushButton::clicked, this, [this] {
        const QString d = QFileDialog::getExistingDirectory(this, tr("Folder with models"));
        if (!d.isEmpty()) modelFolders_->addItem(d);
    });
    connect(remove, &QPushButton::clicked, this, [this] { delete modelFolders_->currentItem(); });
    auto* folders = new QVBoxLayout;
    folders->addWidget(modelFolders_);
    folders->addLayout(folderButtons);
    form->addRow(tr("Model folders:"), folders);

    defaultModel_ = new QLineEdit(prefs.defaultModel(), this);
    defaultModel_->setPlaceholderText(tr("embedded model"));
    defaultModel_->setToolTip(tr("A diffusers folder or an SD 1.x .safetensors file. Empty: the model shipped with the studio."));
    form->addRow(tr("Default model:"), withBrowse(defaultModel_, this, true));

    outputFolder_ = new QLineEdit(prefs.outputFolder(), this);
    form->addRow(tr("Output folder:"), withBrowse(outputFolder_, this, true));

    device_ = new QComboBox(this);
    device_->addItem(tr("Automatic (GPU when available)"), "auto");
    device_->addItem(tr("CPU"), "cpu");
    device_->addItem(tr("CUDA GPU"), "cuda");
    device_->setCurrentIndex(std::max(0, device_->findData(prefs.device())));
    form->addRow(tr("Compute device:"), device_);

    threads_ = new QSpinBox(this);
    threads_->setRange(0, std::max(1, QThread::idealThreadCount()) * 2);
    threads_->setSpecialValueText(tr("Automatic"));
    threads_->setValue(prefs.threads());
    form->addRow(tr("CPU threads:"), threads_);

    language_ = new QComboBox(this);
    language_->setObjectName(QStringLiteral("language"));
    language_->addItem(tr("System language"), "");
    language_->addItem(QStringLiteral("English"), "en");
    language_->addItem(QStringLiteral("Deutsch"), "de");
    language_->addItem(QStringLiteral("Español"), "es");
    language_->setCurrentIndex(std::max(0, language_->findData(prefs.language())));
    language_->setToolTip(tr("The open windows switch to the new language at once."));
    form->addRow(tr("Language:"), language_);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    auto* top = new QVBoxLayout(this);
    top->addLayout(form);
    top->addWidget(buttons);
    resize(560, sizeHint().height());
}

void SettingsDialog::accept() {
    auto& prefs = Preferences::instance();
    QStringList folders;
    for (int i = 0; i < modelFolders_->count(); ++i) folders << modelFolders_->item(i)->text();
    prefs.setModelFolders(folders);
    prefs.setDefaultModel(defaultModel_->text().trimmed());
    prefs.setOutputFolder(outputFolder_->text().trimmed());
    prefs.setDevice(device_->currentData().toString());
    prefs.setThreads(threads_->value());
    prefs.setLanguage(language_->currentData().toString());
    QDialog::accept();
}

} // namespace adv::ui
