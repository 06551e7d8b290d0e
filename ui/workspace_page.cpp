#include "ui/workspace_page.h"

#include "ui/translations.h"

#include <QEvent>
#include <QLabel>
#include <QSplitter>
#include <QVBoxLayout>

namespace adv::ui {

WorkspacePage::WorkspacePage(const QString& id, const QString& title, const QString& description, QWidget* parent)
    : QWidget(parent), id_(id), title_(title), titleLanguage_(currentLanguage()) {
    setObjectName(id + QStringLiteral("Page"));
    if (description.isEmpty()) return;  // a full workspace lays itself out
    auto* l = new QVBoxLayout(this);
    auto* h = new QLabel(QStringLiteral("<h2>%1</h2>").arg(title.toHtmlEscaped()), this);
    auto* d = new QLabel(description, this);
    d->setWordWrap(true);
    d->setObjectName(QStringLiteral("description"));
    l->addWidget(h);
    l->addWidget(d);
    l->addStretch();
}

WorkspacePage::~WorkspacePage() = default;

void WorkspacePage::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() != QEvent::LanguageChange || currentLanguage() == titleLanguage_) return;
    title_ = retranslated(title_, this, titleLanguage_);
    titleLanguage_ = currentLanguage();
}

QSplitter* WorkspacePage::twoPanes(QWidget* left, QWidget* right, int leftStretch, int rightStretch) {
    auto* split = new QSplitter(this);
    split->setObjectName(id_ + QStringLiteral("Splitter"));  // state remembered by the main window
    split->addWidget(left);
    split->addWidget(right);
    split->setStretchFactor(0, leftStretch);
    split->setStretchFactor(1, rightStretch);
    return split;
}

} // namespace adv::ui
