#include "ui/about_dialog.h"

#include "adv_version.h"
#include "util/device.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace adv::ui {

QList<ThirdParty> thirdPartyComponents() {
    return {
        {"Qt 6", "LGPL-3.0-only", QObject::tr("user interface")},
        {"QCustomPlot 2.1", "GPL-3.0-or-later", QObject::tr("charts (the reason this program is GPL)")},
        {"LibTorch (PyTorch)", "BSD-3-Clause", QObject::tr("neural network engine")},
        {"OpenBLAS", "BSD-3-Clause", QObject::tr("matrix products")},
        {"oneDNN", "Apache-2.0", QObject::tr("CPU convolutions (inside LibTorch)")},
        {"OpenCV 4", "Apache-2.0 / BSD-3-Clause", QObject::tr("image processing")},
        {"spdlog", "MIT", QObject::tr("logging")},
        {"{fmt}", "MIT", QObject::tr("formatting (used by spdlog)")},
        {"nlohmann/json", "MIT", QObject::tr("JSON")},
        {"jemalloc", "BSD-2-Clause", QObject::tr("memory allocator")},
        {"zlib", "Zlib", QObject::tr("PNG metadata checksums")},
        {"Fashionpedia taxonomy", "CC-BY-4.0", QObject::tr("garment category and attribute names (Jia et al., ECCV 2020)")},
        {"Stable Diffusion 1.5 architecture", "CreativeML Open RAIL-M (weights you load)",
         QObject::tr("weights are not shipped; the licence of the weights you load applies")},
    };
}

AboutDialog::AboutDialog(QWidget* parent) : QDialog(parent) {
    setObjectName("AboutDialog");
    setWindowTitle(tr("About AdVariant Studio"));
    auto* l = new QVBoxLayout(this);
    const auto dev = deviceInfo();
    auto* head = new QLabel(tr("<h2>AdVariant Studio %1</h2>"
                               "<p>Turns a product catalogue into advertising creative with Stable Diffusion.</p>"
                               "<p>Copyright © 2026 the AdVariant Studio developers.<br>"
                               "Licensed under the GNU General Public License, version 3 or later (GPL-3.0-or-later).</p>"
                               "<p>Compute: %2 — LibTorch %3, allocator %4</p>")
                                .arg(QString::fromLatin1(ADV_VERSION), QString::fromStdString(dev.describe()),
                                     QString::fromStdString(dev.torchVersion), QString::fromStdString(dev.allocator)),
                            this);
    head->setWordWrap(true);
    l->addWidget(head);
    l->addWidget(new QLabel(tr("Third-party components:"), this));
    const auto parts = thirdPartyComponents();
    auto* table = new QTableWidget(parts.size(), 3, this);
    table->setObjectName("licenceTable");
    table->setHorizontalHeaderLabels({tr("Component"), tr("Licence"), tr("Used for")});
    for (int i = 0; i < parts.size(); ++i) {
        table->setItem(i, 0, new QTableWidgetItem(parts[i].name));
        table->setItem(i, 1, new QTableWidgetItem(parts[i].licence));
        table->setItem(i, 2, new QTableWidgetItem(parts[i].use));
    }
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->horizontalHeader()->setStretchLastSection(true);
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    l->addWidget(table);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    l->addWidget(buttons);
    resize(720, 520);
}

} // namespace adv::ui
