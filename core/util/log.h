// One log for the whole process: console + rotating file in the user's data folder.
// Qt-free; ui/ routes Qt's messages here through logMessage().
#pragma once

#include <string>

namespace adv::log {

enum class Level { Trace, Debug, Info, Warn, Error, Critical };

struct Options {
    bool verbose = false;        // debug level on the console
    bool fileSink = true;        // rotating file <data>/logs/<app>.log
    std::string appName = "advariant";
};

// Installs the default logger (idempotent; later calls adjust the level).
void init(const Options& options);

// Path of the rotating log file ("" when the file sink is off or failed).
std::string logFilePath();

// Log one message at `level` under `category` (e.g. "qt", "engine").
void logMessage(Level level, const std::string& category, const std::string& message);

} // namespace adv::log
