// A model or LoRA picker over the library (core/studio/model_library.h): an editable combo box listing what
// the model folders hold ("name — kind, size [hash]", details in the tooltip; unusable entries shown greyed with
// the reason), where a path can still be typed or pasted. path() is the chosen entry's path, or the typed text;
// "" is the embedded model (models) or no LoRA (LoRAs).
#pragma once

#include "studio/model_library.h"

#include <QComboBox>

#include <vector>

namespace adv::ui {

class LibraryPicker : public QComboBox {
    Q_OBJECT
public:
    enum class Role { Model, Lora };
    explicit LibraryPicker(Role role, QWidget* parent = nullptr);

    // Replaces the list; the current choice is kept (selected again when listed, else kept as typed text).
    void setEntries(const std::vector<studio::LibraryEntry>& entries);
    QString path() const;
    const std::vector<studio::LibraryEntry>& entries() const { return entries_; }
    void setPath(const QString& path);
    // The entry behind the current choice (nullptr for typed text or "(none)").
    const studio::LibraryEntry* currentEntry() const;
    // Selects the listed entry with this short hash (prefix match either way) or, failing that, this name or file
    // name; false when none is listed.
    bool selectByHashOrName(const QString& hash, const QString& name);
    const studio::LibraryEntry* findByHashOrName(const QString& hash, const QString& name) const;

private:
    Role role_;
    std::vector<studio::LibraryEntry> entries_;
};

} // namespace adv::ui
