#include "ui/image_loader.h"

#include <QFileInfo>
#include <QImageReader>
#include <QPointer>
#include <QThreadPool>

namespace adv::ui {

void loadScaledAsync(QObject* receiver, const QString& path, int size, std::function<void(const QImage&)> done) {
    QPointer<QObject> guard(receiver);
    QThreadPool::globalInstance()->start([guard, path, size, done = std::move(done)] {
        // Paths come from project files: only regular files are read (a FIFO or /dev/stdin would block
        // the pool's thread for good); anything else gives a null image, as a missing file does.
        if (!QFileInfo(path).isFile()) {
            if (guard)
                QMetaObject::invokeMethod(guard, [guard, done] {
                    if (guard) done(QImage());
                });
            return;
        }
        QImageReader reader(path);
        const QSize s = reader.size();
        // Let the decoder shrink large images (JPEG scales while decoding); finish with a smooth scale.
        if (s.isValid() && (s.width() > 4 * size || s.height() > 4 * size))
            reader.setScaledSize(s.scaled(2 * size, 2 * size, Qt::KeepAspectRatio));
        QImage img = reader.read();
        if (!img.isNull() && (img.width() > size || img.height() > size))
            img = img.scaled(size, size, Qt::KeepAspectRatio, Qt::SmoothTransformation);
        if (!guard) return;
        QMetaObject::invokeMethod(guard, [guard, img, done] {
            if (guard) done(img);
        });
    });
}

} // namespace adv::ui
