// The composited training pairs of a pair set as a list model: thumbnail (decoded
// off the GUI thread, a placeholder until then), caption
// (editable in place), state colour; grouped by category and condition through
// PairGroupProxy. Edits do not change the set directly: they go to an editor
// callback (the Pairs page turns them into undo commands) and come back through
// pairChanged().
#pragma once

#include <QAbstractListModel>
#include <QHash>
#include <QPixmap>
#include <QSortFilterProxyModel>
#include <QStyledItemDelegate>

#include <functional>

namespace adv::pairs {
struct PairSet;
}

namespace adv::ui {

class PairModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Roles { StateRole = Qt::UserRole + 1, CategoryRole, ConditionRole, SeedRole, GroupRole, ImagePathRole };
    using CaptionEditor = std::function<void(int row, const QString& caption)>;

    explicit PairModel(QObject* parent = nullptr);
    void setPairSet(const pairs::PairSet* set);  // not owned; nullptr clears
    void setCaptionEditor(CaptionEditor editor) { editor_ = std::move(editor); }
    void setIconSize(int px) { iconSize_ = px; }
    // The set's row changed (state, caption, or its image was re-composited).
    void pairChanged(int row, bool imageChanged = false);
    // Whether the row's thumbnail is decoded (DecorationRole shows a placeholder until then).
    bool hasThumbnail(int row) const { return icons_.contains(row); }

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;

Q_SIGNALS:
    void thumbnailReady(int row);

private:
    void request(int row) const;
    const pairs::PairSet* set_ = nullptr;
    CaptionEditor editor_;
    int iconSize_ = 128;
    mutable QHash<int, QPixmap> icons_;
    mutable QHash<int, int> pending_;  // row -> generation of the request in flight
    QHash<int, int> rowGeneration_;    // bumped when a row's image changes
    int generation_ = 0;               // bumped when the set changes
    QPixmap placeholder_;
};

// Edits captions in place. A row that changes while its editor is open (its thumbnail
// arrives, its state is set from elsewhere) does not overwrite what the user typed.
class PairCaptionDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void setEditorData(QWidget* editor, const QModelIndex& index) const override;
};

// Sorts pairs by category, then condition, then their order in the manifest.
class PairGroupProxy : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit PairGroupProxy(QObject* parent = nullptr);
};

} // namespace adv::ui
