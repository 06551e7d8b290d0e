// .advproj project files (passed around between colleagues): any bytes either fail to load with one line
// naming the file, or load into a project whose grid and gallery the studio can read (a grid it cannot
// take says why), and which saves and loads back to the same document. Qt (not instrumented) parses the
// JSON; this checks what the studio does with it. Paths inside the file are never opened unless they are
// regular files (a FIFO would hang the studio).
#include "ui/gallery_model.h"
#include "ui/project.h"
#include "ui/variant_grid_model.h"

#include <QFile>
#include <QGuiApplication>
#include <QJsonObject>
#include <QTemporaryDir>

#include <cstdint>
#include <cstdlib>

namespace {
QGuiApplication* app = nullptr;
int argcKept = 1;
char name[] = "fuzz_project";
char* argvKept[] = {name, nullptr};
} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    app = new QGuiApplication(argcKept, argvKept);  // pixmaps (grid thumbnails) need one; lives for the run
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static QTemporaryDir dir;
    const QString path = dir.path() + QStringLiteral("/in.advproj");
    const QString again = dir.path() + QStringLiteral("/saved.advproj");
    {
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(reinterpret_cast<const char*>(data), qint64(size)) != qint64(size))
            std::abort();
    }
    adv::ui::Project p;
    QString error;
    if (!p.load(path, &error)) {
        if (!error.startsWith(path + QStringLiteral(": ")) || error.contains(QLatin1Char('\n'))) __builtin_trap();
        return 0;
    }
    // What opening it in the studio reads: the variant grid and the gallery's history.
    adv::ui::VariantGridModel grid;
    QString gridError;
    const QJsonObject saved = p.value(QStringLiteral("variants")).toObject();
    if (!saved.isEmpty() && !grid.fromJson(saved, &gridError) && gridError.isEmpty()) __builtin_trap();
    adv::ui::GalleryModel gallery;
    gallery.setProjectData(p.toJson());
    (void)gallery.concepts();
    // Saved and loaded back: the same document (the format version is always written as this one's).
    if (!p.save(again, &error)) __builtin_trap();
    adv::ui::Project q;
    if (!q.load(again, &error)) __builtin_trap();
    QJsonObject a = p.toJson(), b = q.toJson();
    a.remove(QStringLiteral("version"));
    b.remove(QStringLiteral("version"));
    if (a != b) __builtin_trap();
    return 0;
}
