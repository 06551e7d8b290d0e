#include "ui/workers.h"

#include "dataset/coco.h"
#include "util/error.h"

#include <QFileInfo>

namespace adv::ui {

void registerMetaTypes() {
    qRegisterMetaType<adv::ui::RenderRequest>();
    qRegisterMetaType<std::shared_ptr<adv::coco::Dataset>>();
}

QImage toQImage(const studio::RgbImage& img) {
    if (img.width <= 0 || img.height <= 0) return {};
    return QImage(img.rgb.data(), img.width, img.height, img.width * 3, QImage::Format_RGB888).copy();
}

void RenderWorker::loadModel(const QString& path, const QString& device) {
    try {
        renderer_ = std::make_unique<studio::Renderer>(path.toStdString(), device.toStdString());
        Q_EMIT modelLoaded(QString::fromStdString(renderer_->modelName()), renderer_->nativeResolution());
    } catch (const std::exception& e) {
        renderer_.reset();
        Q_EMIT modelFailed(QString::fromStdString(e.what()));
    }
}

void RenderWorker::render(const RenderRequest& r) {
    if (!renderer_) {
        Q_EMIT failed(r.cellId, tr("no model loaded"));
        return;
    }
    token_.reset();
    try {
        auto out = renderer_->render(r.job, [&](int s, int t, const studio::RgbImage& p) {
            Q_EMIT preview(r.cellId, s, t, toQImage(p));
        }, &token_);
        if (!r.savePath.isEmpty()) studio::savePng(r.savePath.toStdString(), out);
        Q_EMIT rendered(r.cellId, toQImage(out.image), QString::fromStdString(out.parameters), r.savePath, out.seconds);
    } catch (const Cancelled&) {
        Q_EMIT failed(r.cellId, tr("cancelled"));
    } catch (const std::exception& e) {
        Q_EMIT failed(r.cellId, QString::fromStdString(e.what()));
    }
}

void TrainWorker::run() {
    train::TrainEvents ev;
    ev.onStep = [this](const train::StepMetrics& m) {
        Q_EMIT step(m.step, m.totalSteps, m.loss, m.smoothLoss, m.lr, m.stepSeconds, m.etaSeconds, QString::fromStdString(m.event));
    };
    ev.onValidation = [this](const std::vector<train::ValidationImage>& imgs) {
        QStringList files;
        for (const auto& i : imgs) files << QString::fromStdString(i.path);
        Q_EMIT validation(imgs.empty() ? 0 : imgs.front().step, files);
    };
    ev.onEvent = [this](const std::string& k, const std::string& m) {
        Q_EMIT event(QString::fromStdString(k), QString::fromStdString(m));
    };
    try {
        const auto r = train::runTraining(config_, ev, &control_, resume_);
        Q_EMIT finished(r.completed, QString::fromStdString(r.loraPath), QString::fromStdString(r.failure));
    } catch (const std::exception& e) {
        Q_EMIT finished(false, QString(), QString::fromStdString(e.what()));
    }
}

void DatasetLoader::load(const QString& annotations, const QString& imagesDir) {
    try {
        auto ds = std::make_shared<coco::Dataset>(coco::loadCoco(annotations.toStdString(), [this](int s, int t, const std::string&) {
            Q_EMIT progress(s, t);
        }));
        if (!imagesDir.isEmpty()) ds->checkImages(imagesDir.toStdString());
        Q_EMIT loaded(ds, imagesDir);
    } catch (const std::exception& e) {
        Q_EMIT failed(QString::fromStdString(e.what()));
    }
}

} // namespace adv::ui
