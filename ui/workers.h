// Long jobs on worker threads: rendering, training, dataset loading. Each
// worker lives on its own QThread, talks to core through plain structs and
// reports through queued signals; cancellation goes through core's tokens.
#pragma once

#include "studio/renderer.h"
#include "train/trainer.h"
#include "util/cancel.h"

#include <QImage>
#include <QObject>
#include <QString>
#include <QThread>

#include <memory>

namespace adv::coco {
class Dataset;
}

namespace adv::ui {

QImage toQImage(const studio::RgbImage& img);

struct RenderRequest {
    QString cellId;
    studio::RenderJob job;
    QString savePath;  // where the PNG goes (with its metadata)
};

class RenderWorker : public QObject {
    Q_OBJECT
public:
    RenderWorker() = default;
    void cancel() { token_.cancel(); }

public Q_SLOTS:
    void loadModel(const QString& path, const QString& device);
    void render(const adv::ui::RenderRequest& request);

Q_SIGNALS:
    void modelLoaded(const QString& name, int resolution);
    void modelFailed(const QString& message);
    void preview(const QString& cellId, int step, int total, const QImage& image);
    void rendered(const QString& cellId, const QImage& image, const QString& parameters, const QString& path, double seconds);
    void failed(const QString& cellId, const QString& message);

private:
    std::unique_ptr<studio::Renderer> renderer_;
    CancelToken token_;
};

class TrainWorker : public QObject {
    Q_OBJECT
public:
    explicit TrainWorker(train::TrainConfig config, bool resume = false) : config_(std::move(config)), resume_(resume) {}
    train::TrainControl* control() { return &control_; }

public Q_SLOTS:
    void run();

Q_SIGNALS:
    void step(int step, int total, double loss, double smoothLoss, double lr, double stepSeconds, double eta,
              const QString& event);
    void validation(int step, const QStringList& images);
    void event(const QString& kind, const QString& message);
    void finished(bool completed, const QString& loraPath, const QString& failure);

private:
    train::TrainConfig config_;
    bool resume_;
    train::TrainControl control_;
};

class DatasetLoader : public QObject {
    Q_OBJECT
public Q_SLOTS:
    void load(const QString& annotations, const QString& imagesDir);

Q_SIGNALS:
    void progress(int done, int total);
    void loaded(std::shared_ptr<adv::coco::Dataset> dataset, const QString& imagesDir);
    void failed(const QString& message);
};

// Owns a thread for a worker and stops it on destruction.
template <typename W>
class WorkerThread {
public:
    explicit WorkerThread(W* worker) : worker_(worker) {
        worker_->moveToThread(&thread_);
        QObject::connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);
        thread_.start();
    }
    ~WorkerThread() {
        thread_.quit();
        thread_.wait();
    }
    W* worker() const { return worker_; }

private:
    QThread thread_;
    W* worker_;
};

void registerMetaTypes();

} // namespace adv::ui

Q_DECLARE_METATYPE(adv::ui::RenderRequest)
Q_DECLARE_METATYPE(std::shared_ptr<adv::coco::Dataset>)
