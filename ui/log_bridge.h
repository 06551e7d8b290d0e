// Routes Qt's messages (qDebug/qWarning/...) into the one spdlog log of core/.
#pragma once

namespace adv::ui {
void installQtMessageHandler();
}
