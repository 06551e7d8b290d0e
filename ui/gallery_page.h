// The Gallery workspace: every render of the project (newest first, nothing overwritten), filtered by concept,
// condition, LoRA and approval; "Use these parameters" sends a render's settings to the Variants workspace.
#pragma once

#include "ui/workspace_page.h"

#include "studio/variant_record.h"

class QComboBox;
class QLabel;
class QListView;

namespace adv::ui {

class GalleryFilter;
class GalleryModel;

class GalleryPage : public WorkspacePage {
    Q_OBJECT
public:
    explicit GalleryPage(QWidget* parent = nullptr);
    void setProject(Project* project) override;

    GalleryModel* model() const { return model_; }
    GalleryFilter* filter() const { return filter_; }
    int shown() const;  // renders passing the filters
    // Filters by name ("" = any); for tests and the command line.
    void setFilters(const QString& concept, const QString& condition, const QString& lora, int approval);

Q_SIGNALS:
    void useParameters(const adv::studio::VariantRecord& record);

protected:
    void changeEvent(QEvent* event) override;

private:
    void reload();
    void refillCombo(QComboBox* box, const QStringList& values, const QString& extra = {});
    void showContextMenu(const QPoint& pos);
    void updateCount();

    GalleryModel* model_;
    GalleryFilter* filter_;
    QListView* view_;
    QComboBox *concept_, *condition_, *lora_, *approval_;
    QLabel* count_;
};

} // namespace adv::ui
