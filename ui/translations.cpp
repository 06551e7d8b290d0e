#include "ui/translations.h"

#include "ui/plot.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAction>
#include <QComboBox>
#include <QCoreApplication>
#include <QDoubleSpinBox>
#include <QGroupBox>
#include <QHash>
#include <QHeaderView>
#include <QLabel>
#include <QLibraryInfo>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPlainTextEdit>
#include <QSpinBox>
#include <QTabBar>
#include <QTableWidget>
#include <QTextEdit>
#include <QToolBox>
#include <QTranslator>
#include <QTreeWidget>

#include <memory>
#include <type_traits>
#include <mutex>
#include <shared_mutex>

namespace adv::ui {
namespace {

struct Source {
    QByteArray context, text, disambiguation;
    bool operator==(const Source& o) const {
        return context == o.context && text == o.text && disambiguation == o.disambiguation;
    }
};

// The one translator the application has: it asks the catalogues of the current language
// (the studio's, then Qt's) and records where every text it hands out came from.
class RecordingTranslator final : public QTranslator {
public:
    QString translate(const char* context, const char* sourceText, const char* disambiguation, int n) const override {
        QString out, lang;
        {
            std::shared_lock lock(catalogueMutex_);
            if (app_) out = app_->translate(context, sourceText, disambiguation, n);
            if (out.isNull() && qt_) out = qt_->translate(context, sourceText, disambiguation, n);
            lang = language_;
        }
        // %n texts are rewritten after this returns: what the widget shows is not `out`.
        if (context && sourceText && n < 0)
            remember(lang, out.isNull() ? QString::fromUtf8(sourceText) : out,
                     Source{context, sourceText, disambiguation ? QByteArray(disambiguation) : QByteArray()});
        return out;
    }
    bool isEmpty() const override { return false; }  // installed for English too: it records

    void setCatalogues(std::unique_ptr<QTranslator> app, std::unique_ptr<QTranslator> qt, const QString& language) {
        std::unique_lock lock(catalogueMutex_);
        app_ = std::move(app);
        qt_ = std::move(qt);
        language_ = language;
    }
    QString language() const {
        std::shared_lock lock(catalogueMutex_);
        return language_;
    }

    // Where `text` came from: looked up among the texts handed out in language `from`, then in
    // any other; the source whose context is a class of `object` or of one of its ancestors wins.
    bool sourceOf(const QString& text, const QObject* object, const QString& from, Source* found) const {
        std::lock_guard lock(seenMutex_);
        const QList<Source>* candidates = nullptr;
        if (const auto byLang = seen_.constFind(from); byLang != seen_.cend()) {
            const auto it = byLang->constFind(text);
            if (it != byLang->cend()) candidates = &*it;
        }
        for (auto byLang = seen_.cbegin(); !candidates && byLang != seen_.cend(); ++byLang) {
            const auto it = byLang->constFind(text);
            if (it != byLang->cend()) candidates = &*it;
        }
        if (!candidates || candidates->isEmpty()) return false;
        *found = candidates->front();
        if (candidates->size() == 1) return true;
        for (const QObject* o = object; o; o = o->parent())
            for (const QMetaObject* mo = o->metaObject(); mo; mo = mo->superClass())
                for (const Source& s : *candidates)
                    if (s.context == mo->className()) {
                        *found = s;
                        return true;
                    }
        return true;
    }

private:
    void remember(const QString& lang, const QString& shown, Source source) const {
        std::lock_guard lock(seenMutex_);
        if (remembered_ >= kMaxRemembered) return;  // tr() of generated texts: bounded
        QList<Source>& list = seen_[lang][shown];
        if (list.contains(source)) return;
        list.append(std::move(source));
        ++remembered_;
    }

    static constexpr int kMaxRemembered = 200000;
    mutable std::shared_mutex catalogueMutex_;
    std::unique_ptr<QTranslator> app_, qt_;
    QString language_ = QStringLiteral("en");
    mutable std::mutex seenMutex_;
    mutable QHash<QString, QHash<QString, QList<Source>>> seen_;  // language -> shown text -> sources
    mutable int remembered_ = 0;
};

RecordingTranslator* recorder() {
    static RecordingTranslator* r = nullptr;
    if (!r) {
        r = new RecordingTranslator;  // lives as long as the process: tr() may run on any thread until exit
        QCoreApplication::installTranslator(r);
    }
    return r;
}

// Applies retranslated() to one text and counts what changed.
class TreeRetranslator {
public:
    explicit TreeRetranslator(QString from) : from_(std::move(from)) {}
    int changed = 0;

    template <typename Set>
    void apply(const QString& text, const QObject* context, Set&& set) {
        if (text.isEmpty()) return;
        const QString now = retranslated(text, context, from_);
        if (now == text) return;
        set(now);
        ++changed;
    }

    void widget(QWidget* w) {
        apply(w->windowTitle(), w, [w](const QString& s) { w->setWindowTitle(s); });
        apply(w->toolTip(), w, [w](const QString& s) { w->setToolTip(s); });
        apply(w->statusTip(), w, [w](const QString& s) { w->setStatusTip(s); });
        apply(w->whatsThis(), w, [w](const QString& s) { w->setWhatsThis(s); });
        if (auto* l = qobject_cast<QLabel*>(w)) apply(l->text(), l, [l](const QString& s) { l->setText(s); });
        if (auto* b = qobject_cast<QAbstractButton*>(w)) apply(b->text(), b, [b](const QString& s) { b->setText(s); });
        if (auto* g = qobject_cast<QGroupBox*>(w)) apply(g->title(), g, [g](const QString& s) { g->setTitle(s); });
        // Only what the studio wrote: never the user's text in an edit field.
        if (auto* e = qobject_cast<QLineEdit*>(w))
            apply(e->placeholderText(), e, [e](const QString& s) { e->setPlaceholderText(s); });
        if (auto* e = qobject_cast<QTextEdit*>(w))
            apply(e->placeholderText(), e, [e](const QString& s) { e->setPlaceholderText(s); });
        if (auto* e = qobject_cast<QPlainTextEdit*>(w))
            apply(e->placeholderText(), e, [e](const QString& s) { e->setPlaceholderText(s); });
        spinBox(w);
        if (auto* c = qobject_cast<QComboBox*>(w); c && !c->isEditable()) {
            for (int i = 0; i < c->count(); ++i) {
                apply(c->itemText(i), c, [c, i](const QString& s) { c->setItemText(i, s); });
                apply(c->itemData(i, Qt::ToolTipRole).toString(), c,
                      [c, i](const QString& s) { c->setItemData(i, s, Qt::ToolTipRole); });
            }
        }
        if (auto* t = qobject_cast<QTabBar*>(w)) {
            for (int i = 0; i < t->count(); ++i) {
                apply(t->tabText(i), t, [t, i](const QString& s) { t->setTabText(i, s); });
                apply(t->tabToolTip(i), t, [t, i](const QString& s) { t->setTabToolTip(i, s); });
            }
        }
        if (auto* t = qobject_cast<QToolBox*>(w)) {
            for (int i = 0; i < t->count(); ++i) {
                apply(t->itemText(i), t, [t, i](const QString& s) { t->setItemText(i, s); });
                apply(t->itemToolTip(i), t, [t, i](const QString& s) { t->setItemToolTip(i, s); });
            }
        }
        itemView(w);
        if (auto* p = qobject_cast<QCustomPlot*>(w)) plot(p);
    }

    void action(QAction* a) {
        apply(a->text(), a, [a](const QString& s) { a->setText(s); });
        apply(a->toolTip(), a, [a](const QString& s) { a->setToolTip(s); });
        apply(a->statusTip(), a, [a](const QString& s) { a->setStatusTip(s); });
        apply(a->whatsThis(), a, [a](const QString& s) { a->setWhatsThis(s); });
    }

private:
    QString from_;

    void spinBox(QWidget* w) {
        if (auto* s = qobject_cast<QAbstractSpinBox*>(w))
            apply(s->specialValueText(), s, [s](const QString& t) { s->setSpecialValueText(t); });
        if (auto* s = qobject_cast<QSpinBox*>(w)) {
            apply(s->prefix(), s, [s](const QString& t) { s->setPrefix(t); });
            apply(s->suffix(), s, [s](const QString& t) { s->setSuffix(t); });
        }
        if (auto* s = qobject_cast<QDoubleSpinBox*>(w)) {
            apply(s->prefix(), s, [s](const QString& t) { s->setPrefix(t); });
            apply(s->suffix(), s, [s](const QString& t) { s->setSuffix(t); });
        }
    }

    // Header and item texts the studio wrote; items the user can edit are theirs and stay.
    void itemView(QWidget* w) {
        if (auto* l = qobject_cast<QListWidget*>(w)) {
            for (int i = 0; i < l->count(); ++i) item(l->item(i), l);
        } else if (auto* t = qobject_cast<QTreeWidget*>(w)) {
            QTreeWidgetItem* h = t->headerItem();
            for (int c = 0; h && c < h->columnCount(); ++c)
                apply(h->text(c), t, [h, c](const QString& s) { h->setText(c, s); });
            for (QTreeWidgetItemIterator it(t); *it; ++it) {
                QTreeWidgetItem* i = *it;
                if (i->flags() & Qt::ItemIsEditable) continue;
                for (int c = 0; c < i->columnCount(); ++c) {
                    apply(i->text(c), t, [i, c](const QString& s) { i->setText(c, s); });
                    apply(i->toolTip(c), t, [i, c](const QString& s) { i->setToolTip(c, s); });
                }
            }
        } else if (auto* t = qobject_cast<QTableWidget*>(w)) {
            for (int c = 0; c < t->columnCount(); ++c) item(t->horizontalHeaderItem(c), t);
            for (int r = 0; r < t->rowCount(); ++r) item(t->verticalHeaderItem(r), t);
        } else if (auto* v = qobject_cast<QAbstractItemView*>(w); v && v->model()) {
            // The studio's models answer headerData()/data() with tr(): ask the views to ask again.
            QAbstractItemModel* m = v->model();
            if (m->columnCount() > 0) Q_EMIT m->headerDataChanged(Qt::Horizontal, 0, m->columnCount() - 1);
            if (m->rowCount() > 0) Q_EMIT m->headerDataChanged(Qt::Vertical, 0, m->rowCount() - 1);
            v->viewport()->update();
        }
    }

    template <typename Item>
    void item(Item* i, QWidget* view) {
        // A table's header items carry the editable flag by default, yet nobody edits them.
        if (!i || ((i->flags() & Qt::ItemIsEditable) && !std::is_same_v<Item, QTableWidgetItem>)) return;
        apply(i->text(), view, [i](const QString& s) { i->setText(s); });
        apply(i->toolTip(), view, [i](const QString& s) { i->setToolTip(s); });
    }

    void plot(QCustomPlot* p) {
        const int before = changed;
        for (QCPAxisRect* r : p->axisRects())
            for (QCPAxis* a : r->axes()) apply(a->label(), p, [a](const QString& s) { a->setLabel(s); });
        for (int i = 0; i < p->plottableCount(); ++i) {
            QCPAbstractPlottable* g = p->plottable(i);
            apply(g->name(), p, [g](const QString& s) { g->setName(s); });
        }
        if (changed != before) p->replot(QCustomPlot::rpQueuedReplot);
    }
};

} // namespace

QString installTranslations(const QString& language, const QString& catalogueDir) {
    static QString folder = QStringLiteral(":/i18n");
    if (!catalogueDir.isEmpty()) folder = catalogueDir;
    RecordingTranslator* r = recorder();
    const QString before = r->language();
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    QString installed = QStringLiteral("en");
    std::unique_ptr<QTranslator> app, qt;
    if (locale.language() != QLocale::English && locale.language() != QLocale::C) {
        app = std::make_unique<QTranslator>();
        if (app->load(locale, QStringLiteral("advariant"), QStringLiteral("_"), folder)) {
            installed = locale.name().left(2);
            qt = std::make_unique<QTranslator>();
            if (!qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                          QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
                qt.reset();
        } else {
            app.reset();
        }
    }
    r->setCatalogues(std::move(app), std::move(qt), installed);
    if (installed != before) {
        // Every top-level window gets QEvent::LanguageChange and retranslates itself.
        QEvent change(QEvent::LanguageChange);
        QCoreApplication::sendEvent(QCoreApplication::instance(), &change);
    }
    return installed;
}

QString currentLanguage() { return recorder()->language(); }

QString retranslated(const QString& text, const QObject* context, const QString& from) {
    Source s;
    if (text.isEmpty() || !recorder()->sourceOf(text, context, from, &s)) return text;
    return QCoreApplication::translate(s.context.constData(), s.text.constData(),
                                       s.disambiguation.isEmpty() ? nullptr : s.disambiguation.constData());
}

int retranslateTree(QWidget* root, const QString& from) {
    if (!root) return 0;
    TreeRetranslator t(from);
    t.widget(root);
    for (QWidget* w : root->findChildren<QWidget*>()) t.widget(w);
    for (QAction* a : root->findChildren<QAction*>()) t.action(a);
    return t.changed;
}

} // namespace adv::ui
