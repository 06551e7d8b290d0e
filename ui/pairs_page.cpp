#include "ui/pairs_page.h"
#include "util/error.h"

#include "ui/pair_model.h"
#include "ui/project.h"

#include "dataset/coco.h"
#include "pairs/pair_set.h"

#include <QJsonObject>
#include <QEvent>
#include <QImageReader>

#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QPushButton>
#include <QUndoCommand>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>
#include <filesystem>

namespace adv::ui {

class PairEditCommand : public QUndoCommand {
public:
    PairEditCommand(PairsPage* page, int index, QString state, QString caption, bool edited, const QString& text)
        : QUndoCommand(text), page_(page), index_(index), newState_(std::move(state)), newCaption_(std::move(caption)), newEdited_(edited) {
        const auto& p = page->set_->pairs[static_cast<size_t>(index)];
        oldState_ = QString::fromStdString(p.state);
        oldCaption_ = QString::fromStdString(p.caption);
        oldEdited_ = p.captionEdited;
    }
    void redo() override { page_->apply(index_, newState_, newCaption_, newEdited_); }
    void undo() override { page_->apply(index_, oldState_, oldCaption_, oldEdited_); }

private:
    PairsPage* page_;
    int index_;
    QString newState_, newCaption_, oldState_, oldCaption_;
    bool newEdited_, oldEdited_ = false;
};

class SwapBackgroundCommand : public QUndoCommand {
public:
    SwapBackgroundCommand(PairsPage* page, int index, quint64 from, quint64 to)
        : QUndoCommand(QObject::tr("Swap background")), page_(page), index_(index), from_(from), to_(to) {}
    void redo() override { page_->rebuild(index_, to_); }
    void undo() override { page_->rebuild(index_, from_); }

private:
    PairsPage* page_;
    int index_;
    quint64 from_, to_;
};

PairsPage::PairsPage(QWidget* parent) : WorkspacePage(QStringLiteral("pairs"), tr("Pairs"), QString(), parent) {
    model_ = new PairModel(this);
    model_->setCaptionEditor([this](int row, const QString& c) { setCaption(row, c); });
    proxy_ = new PairGroupProxy(this);
    proxy_->setSourceModel(model_);
    list_ = new QListView(this);
    list_->setObjectName(QStringLiteral("pairGrid"));
    list_->setItemDelegate(new PairCaptionDelegate(list_));
    list_->setModel(proxy_);
    list_->setUniformItemSizes(true);
    // The caption is edited in place: double-click, F2, or "Edit caption".
    list_->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    list_->setViewMode(QListView::IconMode);
    list_->setIconSize(QSize(128, 128));
    list_->setResizeMode(QListView::Adjust);
    list_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    list_->setWordWrap(true);
    list_->setGridSize(QSize(150, 180));
    counts_ = new QLabel(tr("Build pairs from the Dataset workspace."), this);
    counts_->setObjectName(QStringLiteral("pairCounts"));
    counts_->setWordWrap(true);
    auto* accept = new QPushButton(tr("Accept"), this);
    auto* reject = new QPushButton(tr("Reject"), this);
    auto* caption = new QPushButton(tr("Edit caption..."), this);
    auto* train = new QPushButton(tr("Use for training"), this);
    auto* swap = new QPushButton(tr("Swap background"), this);
    swap->setObjectName(QStringLiteral("swapBackground"));
    connect(swap, &QPushButton::clicked, this, [this] {
        if (!project_) return;
        project_->undoStack()->beginMacro(tr("Swap backgrounds"));
        for (int row : selectedRows()) swapBackground(row);
        project_->undoStack()->endMacro();
    });
    accept->setShortcut(QKeySequence(Qt::Key_A));
    reject->setShortcut(QKeySequence(Qt::Key_R));
    auto bulk = [this](const QString& state) {
        if (!project_) return;
        project_->undoStack()->beginMacro(state == QLatin1String("accepted") ? tr("Accept pairs") : tr("Reject pairs"));
        for (int row : selectedRows()) setState(row, state);
        project_->undoStack()->endMacro();
    };
    connect(accept, &QPushButton::clicked, this, [bulk] { bulk(QStringLiteral("accepted")); });
    connect(reject, &QPushButton::clicked, this, [bulk] { bulk(QStringLiteral("rejected")); });
    caption->setShortcut(QKeySequence(Qt::Key_F2));
    connect(caption, &QPushButton::clicked, this, [this] {
        if (list_->currentIndex().isValid()) list_->edit(list_->currentIndex());
    });
    connect(train, &QPushButton::clicked, this, [this] {
        if (!manifest_.isEmpty()) Q_EMIT useForTraining(manifest_);
    });
    auto* buttons = new QHBoxLayout;
    for (auto* b : {accept, reject, caption, swap, train}) buttons->addWidget(b);
    buttons->addStretch();
    auto* top = new QVBoxLayout(this);
    top->addLayout(buttons);
    top->addWidget(list_, 1);
    top->addWidget(counts_);
}

PairsPage::~PairsPage() = default;

bool PairsPage::openManifest(const QString& manifest, QString* error) {
    try {
        auto s = std::make_unique<pairs::PairSet>(pairs::PairSet::load(std::filesystem::path(manifest.toStdString()).parent_path().string()));
        set_ = std::move(s);
    } catch (const std::exception& e) {
        if (error) *error = QString::fromStdString(adv::userMessage(e));
        return false;
    }
    manifest_ = manifest;
    model_->setPairSet(set_.get());
    updateCounts();
    // The project remembers its pair set (the curation itself is in the manifest, written at every edit).
    if (project_) project_->recordState(QStringLiteral("pairs"), QJsonObject{{QStringLiteral("manifest"), manifest}});
    return true;
}

void PairsPage::setProject(Project* p) {
    WorkspacePage::setProject(p);
    if (!p) return;
    const QString m = p->value(QStringLiteral("pairs")).toObject().value(QStringLiteral("manifest")).toString();
    if (m.isEmpty() || m == manifest_) return;
    QString error;
    if (!openManifest(m, &error)) counts_->setText(error);  // one line naming the file; the project keeps the path
}

void PairsPage::setSource(std::shared_ptr<coco::Dataset> ds, const QString& imagesDir) {
    source_ = std::move(ds);
    imagesDir_ = imagesDir;
}

quint64 PairsPage::seed(int i) const { return set_->pairs[static_cast<size_t>(i)].seed; }

void PairsPage::swapBackground(int i) {
    if (!set_ || !project_ || !source_) return;
    const quint64 s = seed(i);
    project_->undoStack()->push(new SwapBackgroundCommand(this, i, s, s * 6364136223846793005ull + 1442695040888963407ull));
}

bool PairsPage::rebuild(int i, quint64 newSeed, QString* error) {
    if (!set_ || !source_) return false;
    auto& rec = set_->pairs[static_cast<size_t>(i)];
    const QString path = QString::fromStdString((std::filesystem::path(set_->dir) / rec.image).string());
    pairs::PairSetOptions o;
    const int width = QImageReader(path).size().width();  // the header only
    o.resolution = width > 0 ? width : 512;
    o.conditions.push_back(pairs::makeCondition(rec.condition));
    rec.seed = newSeed;
    try {
        pairs::rebuildPair(*source_, imagesDir_.toStdString(), o, set_->dir, rec);
        set_->save();
    } catch (const std::exception& e) {
        if (error) *error = QString::fromStdString(adv::userMessage(e));
        return false;
    }
    model_->pairChanged(i, true);
    return true;
}

int PairsPage::pairCount() const { return set_ ? static_cast<int>(set_->pairs.size()) : 0; }
QString PairsPage::state(int i) const { return QString::fromStdString(set_->pairs[static_cast<size_t>(i)].state); }
QString PairsPage::caption(int i) const { return QString::fromStdString(set_->pairs[static_cast<size_t>(i)].caption); }

void PairsPage::setState(int i, const QString& s) {
    if (!set_ || !project_ || state(i) == s) return;
    project_->undoStack()->push(new PairEditCommand(this, i, s, caption(i), set_->pairs[static_cast<size_t>(i)].captionEdited,
                                                    s == QLatin1String("accepted") ? tr("Accept pair") : tr("Reject pair")));
}

void PairsPage::setCaption(int i, const QString& c) {
    if (!set_ || !project_ || caption(i) == c) return;
    project_->undoStack()->push(new PairEditCommand(this, i, state(i), c, true, tr("Edit caption")));
}

void PairsPage::apply(int i, const QString& s, const QString& c, bool edited) {
    auto& p = set_->pairs[static_cast<size_t>(i)];
    p.state = s.toStdString();
    p.caption = c.toStdString();
    p.captionEdited = edited;
    set_->save();
    model_->pairChanged(i);
    updateCounts();
}

QList<int> PairsPage::selectedRows() const {
    QList<int> rows;
    for (const QModelIndex& i : list_->selectionModel()->selectedIndexes()) rows << proxy_->mapToSource(i).row();
    std::sort(rows.begin(), rows.end());
    return rows;
}

void PairsPage::changeEvent(QEvent* event) {
    WorkspacePage::changeEvent(event);
    if (event->type() == QEvent::LanguageChange && set_) updateCounts();
}

void PairsPage::updateCounts() {
    QStringList parts;
    for (const auto& [k, n] : set_->counts()) {
        int acc = 0;
        for (const auto& p : set_->pairs) acc += p.category == k.first && p.condition == k.second && p.state == "accepted";
        parts << tr("%1 × %2: %3 (%4 accepted)").arg(QString::fromStdString(k.first), QString::fromStdString(k.second)).arg(n).arg(acc);
    }
    counts_->setText(parts.join(QStringLiteral(" · ")));
}

} // namespace adv::ui
