#include "ui/gallery_page.h"

#include "ui/gallery_model.h"
#include "ui/project.h"

#include <QEvent>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

namespace adv::ui {

GalleryPage::GalleryPage(QWidget* parent)
    : WorkspacePage(QStringLiteral("gallery"), tr("Gallery"), QString(), parent),
      model_(new GalleryModel(this)), filter_(new GalleryFilter(this)) {
    filter_->setSourceModel(model_);
    concept_ = new QComboBox(this);
    concept_->setObjectName(QStringLiteral("galleryConcept"));
    condition_ = new QComboBox(this);
    condition_->setObjectName(QStringLiteral("galleryCondition"));
    lora_ = new QComboBox(this);
    lora_->setObjectName(QStringLiteral("galleryLora"));
    approval_ = new QComboBox(this);
    approval_->setObjectName(QStringLiteral("galleryApproval"));
    approval_->addItems({tr("All"), tr("Approved"), tr("Not approved")});
    count_ = new QLabel(this);
    auto* use = new QPushButton(tr("Use these parameters"), this);
    use->setObjectName(QStringLiteral("galleryUse"));
    view_ = new QListView(this);
    view_->setObjectName(QStringLiteral("galleryView"));
    view_->setModel(filter_);
    view_->setViewMode(QListView::IconMode);
    view_->setIconSize(QSize(GalleryModel::kThumb, GalleryModel::kThumb));
    view_->setGridSize(QSize(GalleryModel::kThumb + 32, GalleryModel::kThumb + 44));
    view_->setResizeMode(QListView::Adjust);
    view_->setMovement(QListView::Static);
    view_->setUniformItemSizes(true);
    view_->setWordWrap(true);
    view_->setContextMenuPolicy(Qt::CustomContextMenu);

    auto* filters = new QHBoxLayout;
    for (auto [label, box] : std::initializer_list<std::pair<QString, QComboBox*>>{
             {tr("Concept"), concept_}, {tr("Condition"), condition_}, {tr("LoRA"), lora_}, {tr("Approval"), approval_}}) {
        filters->addWidget(new QLabel(label, this));
        filters->addWidget(box);
        box->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    }
    filters->addStretch();
    filters->addWidget(count_);
    filters->addWidget(use);
    auto* l = new QVBoxLayout(this);
    l->addLayout(filters);
    l->addWidget(view_, 1);

    auto apply = [this] {
        filter_->setConcept(concept_->currentData().toString());
        filter_->setCondition(condition_->currentData().toString());
        filter_->setLora(lora_->currentData().toString());
        filter_->setApproval(static_cast<GalleryFilter::Approval>(approval_->currentIndex()));
        updateCount();
    };
    for (auto* box : {concept_, condition_, lora_, approval_})
        connect(box, qOverload<int>(&QComboBox::currentIndexChanged), this, apply);
    connect(view_, &QListView::customContextMenuRequested, this, &GalleryPage::showContextMenu);
    connect(use, &QPushButton::clicked, this, [this] {
        const QModelIndex i = view_->currentIndex();
        if (i.isValid()) Q_EMIT useParameters(model_->item(filter_->mapToSource(i).row()).record);
    });
    reload();
}

void GalleryPage::setProject(Project* p) {
    WorkspacePage::setProject(p);
    if (!p) return;
    connect(p, &Project::changed, this, [this](const QString& key) {
        if (key.isEmpty() || key == QLatin1String("history") || key == QLatin1String("variants")) reload();
    });
    reload();
}

void GalleryPage::refillCombo(QComboBox* box, const QStringList& values, const QString& extra) {
    const QString keep = box->currentData().toString();
    const QSignalBlocker b(box);
    box->clear();
    box->addItem(tr("Any"), QString());
    if (!extra.isEmpty()) box->addItem(extra, extra);
    for (const QString& v : values) box->addItem(v, v);
    const int i = box->findData(keep);
    box->setCurrentIndex(i >= 0 ? i : 0);
}

void GalleryPage::reload() {
    model_->setProjectData(project_ ? project_->toJson() : QJsonObject());
    refillCombo(concept_, model_->concepts());
    refillCombo(condition_, model_->conditions());
    refillCombo(lora_, model_->loras(), GalleryFilter::noLora());
    filter_->setConcept(concept_->currentData().toString());
    filter_->setCondition(condition_->currentData().toString());
    filter_->setLora(lora_->currentData().toString());
    updateCount();
}

int GalleryPage::shown() const { return filter_->rowCount(); }

void GalleryPage::changeEvent(QEvent* event) {
    WorkspacePage::changeEvent(event);
    if (event->type() == QEvent::LanguageChange) updateCount();
}

void GalleryPage::updateCount() {
    count_->setText(tr("%1 of %n render(s)", nullptr, model_->rowCount()).arg(filter_->rowCount()));
}

void GalleryPage::setFilters(const QString& concept, const QString& condition, const QString& lora, int approval) {
    for (auto [box, v] : std::initializer_list<std::pair<QComboBox*, QString>>{{concept_, concept}, {condition_, condition}, {lora_, lora}})
        box->setCurrentIndex(std::max(0, box->findData(v)));
    approval_->setCurrentIndex(approval);
}

void GalleryPage::showContextMenu(const QPoint& pos) {
    const QModelIndex i = view_->indexAt(pos);
    if (!i.isValid()) return;
    const GalleryItem it = model_->item(filter_->mapToSource(i).row());
    QMenu m(this);
    m.addAction(tr("Use these parameters"), this, [this, it] { Q_EMIT useParameters(it.record); });
    m.addAction(tr("Show parameters"), this, [this, it] {
        QMessageBox::information(this, tr("Generation parameters"), QString::fromStdString(it.record.toA1111()));
    });
    m.addAction(tr("Copy file path"), this, [it] { QApplication::clipboard()->setText(it.file); });
    m.exec(view_->viewport()->mapToGlobal(pos));
}

} // namespace adv::ui
