#include "ui/workspace_page.h"

#include <QLabel>
#include <QThread>
#include <QVBoxLayout>

namespace adv::ui {

WorkspacePage::WorkspacePage(const QString& id, const QString& title, const QString& description, QWidget* parent)
    : QWidget(parent), id_(id), title_(title) {
    setObjectName(id + "Page");
    if (description.isEmpty()) return;  // a full workspace lays itself out
    auto* l = new QVBoxLayout(this);
    auto* h = new QLabel(QStringLiteral("<h2>%1</h2>").arg(title.toHtmlEscaped()), this);
    auto* d = new QLabel(description, this);
    d->setWordWrap(true);
    d->setObjectName("description");
    l->addWidget(h);
    l->addWidget(d);
    l->addStretch();
}

WorkspacePage::~WorkspacePage() {
    for (QThread* t : findChildren<QThread*>()) {
        t->quit();
        t->wait();
    }
}

void WorkspacePage::runInBackground(std::function<void()> job) {
    QThread* t = QThread::create(std::move(job));
    t->setParent(this);
    connect(t, &QThread::finished, t, &QObject::deleteLater);
    t->start();
}

} // namespace adv::ui
