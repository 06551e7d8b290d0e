#include "ui/log_bridge.h"

#include "util/log.h"

#include <QtGlobal>
#include <QString>

namespace adv::ui {

namespace {
void handler(QtMsgType type, const QMessageLogContext& ctx, const QString& msg) {
    log::Level level = log::Level::Info;
    switch (type) {
    case QtDebugMsg: level = log::Level::Debug; break;
    case QtInfoMsg: level = log::Level::Info; break;
    case QtWarningMsg: level = log::Level::Warn; break;
    case QtCriticalMsg: level = log::Level::Error; break;
    case QtFatalMsg: level = log::Level::Critical; break;
    }
    const std::string category = ctx.category && *ctx.category && std::string(ctx.category) != "default"
                                     ? std::string("qt.") + ctx.category
                                     : std::string("qt");
    log::logMessage(level, category, msg.toStdString());
}
} // namespace

void installQtMessageHandler() { qInstallMessageHandler(handler); }

} // namespace adv::ui
