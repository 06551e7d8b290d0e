// Decodes and scales an image on the global thread pool and hands it back on the
// receiver's thread (dropped if the receiver is gone): the thumbnail path of every
// model that shows pictures, so the GUI thread never decodes a PNG.
#pragma once

#include <QImage>
#include <QObject>
#include <QString>

#include <functional>

namespace adv::ui {

// `done` runs on `receiver`'s thread with the image scaled to fit `size` x `size`
// (aspect kept, smooth), or a null image when the file is missing or unreadable.
void loadScaledAsync(QObject* receiver, const QString& path, int size, std::function<void(const QImage&)> done);

} // namespace adv::ui
