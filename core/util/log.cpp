#include "util/log.h"

#include "util/fs.h"

#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <mutex>
#include <vector>

namespace adv::log {

namespace {
std::mutex g_mutex;
std::string g_filePath;

spdlog::level::level_enum toSpd(Level l) {
    switch (l) {
    case Level::Trace: return spdlog::level::trace;
    case Level::Debug: return spdlog::level::debug;
    case Level::Info: return spdlog::level::info;
    case Level::Warn: return spdlog::level::warn;
    case Level::Error: return spdlog::level::err;
    case Level::Critical: return spdlog::level::critical;
    }
    return spdlog::level::info;
}
} // namespace

void init(const Options& options) {
    std::lock_guard<std::mutex> lock(g_mutex);
    std::vector<spdlog::sink_ptr> sinks;
    // Diagnostics go to stderr so that data on stdout (--json) stays clean.
    auto console = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
    console->set_level(options.verbose ? spdlog::level::debug : spdlog::level::warn);
    sinks.push_back(console);
    g_filePath.clear();
    if (options.fileSink) {
        try {
            auto dir = fs::userDataDir() / "logs";
            std::filesystem::create_directories(dir);
            auto path = dir / (options.appName + ".log");
            auto file = std::make_shared<spdlog::sinks::rotating_file_sink_mt>(path.string(), 5 * 1024 * 1024, 3);
            file->set_level(spdlog::level::debug);
            sinks.push_back(file);
            g_filePath = path.string();
        } catch (const std::exception&) {
            // An unwritable data folder must not stop the program; console stays.
        }
    }
    auto logger = std::make_shared<spdlog::logger>(options.appName, sinks.begin(), sinks.end());
    logger->set_level(spdlog::level::debug);
    logger->set_pattern("[%Y-%m-%d %H:%M:%S.%e] [%^%l%$] %v");
    logger->flush_on(spdlog::level::warn);
    spdlog::set_default_logger(logger);
}

std::string logFilePath() {
    std::lock_guard<std::mutex> lock(g_mutex);
    return g_filePath;
}

void logMessage(Level level, const std::string& category, const std::string& message) {
    spdlog::log(toSpd(level), "[{}] {}", category, message);
}

} // namespace adv::log
