#include "common/svg_logo.h"

#include "brand/brand_kit.h"

#include <QCoreApplication>
#include <QFile>
#include <QGuiApplication>
#include <QImage>
#include <QLoggingCategory>
#include <QPainter>
#include <QSvgRenderer>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>

namespace adv::app {

namespace {
constexpr int kMaxSide = 4096;
}

void registerSvgLogos(bool headless) {
    // Qt SVG's parse warnings would be extra stderr lines; the rasteriser reports its own one-line error.
    QLoggingCategory::setFilterRules(QStringLiteral("qt.svg*=false"));
    brand::setSvgRasterizer([headless](const std::string& file, int height, int& w, int& h, std::vector<uint8_t>& rgba,
                                       std::string& error) {
        if (headless && !QCoreApplication::instance()) {
            if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
            // Qt's start-up chatter (XDG_RUNTIME_DIR, fonts) is not for the CLI's one-line contract.
            qInstallMessageHandler([](QtMsgType type, const QMessageLogContext&, const QString& msg) {
                if (type == QtFatalMsg) std::fprintf(stderr, "%s\n", msg.toLocal8Bit().constData());
            });
            static int argc = 1;
            static char name[] = "advariant-cli";
            static char* argv[] = {name, nullptr};
            static std::unique_ptr<QGuiApplication> app = std::make_unique<QGuiApplication>(argc, argv);
        }
        QFile f(QString::fromStdString(file));
        if (!f.open(QIODevice::ReadOnly)) {
            error = "cannot open the SVG logo";
            return false;
        }
        const QByteArray data = f.read(16 << 20);
        QSvgRenderer svg(data);
        if (!svg.isValid()) {
            error = "not a readable SVG";
            return false;
        }
        const QSizeF size = svg.defaultSize().isEmpty() ? svg.viewBoxF().size() : QSizeF(svg.defaultSize());
        if (!(size.width() > 0 && size.height() > 0)) {
            error = "the SVG has no size (neither width/height nor a viewBox)";
            return false;
        }
        const double aspect = size.width() / size.height();
        h = std::clamp(height, 8, kMaxSide);
        w = std::clamp(static_cast<int>(std::lround(h * aspect)), 1, kMaxSide);
        QImage img(w, h, QImage::Format_RGBA8888_Premultiplied);
        img.fill(Qt::transparent);
        {
            QPainter p(&img);
            p.setRenderHint(QPainter::Antialiasing);
            svg.render(&p, QRectF(0, 0, w, h));
        }
        const QImage straight = img.convertToFormat(QImage::Format_RGBA8888);
        rgba.resize(static_cast<size_t>(w) * h * 4);
        for (int y = 0; y < h; ++y) std::memcpy(rgba.data() + static_cast<size_t>(y) * w * 4, straight.constScanLine(y), static_cast<size_t>(w) * 4);
        return true;
    });
}

} // namespace adv::app
