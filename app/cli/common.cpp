#include "cli/common.h"
#include "cli/args.h"

#include "platform/platform.h"
#include "util/error.h"
#include "util/fs.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

namespace adv::cli {

namespace {
double now() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}
} // namespace

std::string modelPathOrDefault(const std::string& given) {
    if (!given.empty()) return given;
    if (const char* env = std::getenv("ADVARIANT_MODEL"); env && *env) return env;
    return fs::embeddedModelDir();
}

std::pair<std::string, double> parseLoraSpec(const std::string& spec) {
    // FILE[:SCALE]; a colon not followed by a number belongs to the path
    // (C:\loras\x.safetensors). A number that is not finite or beyond ±10
    // is refused rather than rendering black images.
    if (auto c = spec.rfind(':'); c != std::string::npos && c + 1 < spec.size()) {
        const std::string tail = spec.substr(c + 1);
        char* end = nullptr;
        (void)std::strtod(tail.c_str(), &end);
        if (end && *end == '\0' && end != tail.c_str())
            return {spec.substr(0, c), parseRealToken("--lora " + spec.substr(0, c), tail, -10, 10)};
    }
    return {spec, 1.0};
}

ProgressBar::ProgressBar(std::string label, bool enabled)
    : label_(std::move(label)), enabled_(enabled && platform::isTerminal(2)), start_(now()) {}

void ProgressBar::update(int step, int total, const std::string& extra) {
    if (!enabled_ || total <= 0) return;
    const int width = 30;
    const int filled = static_cast<int>(static_cast<double>(step) / total * width);
    std::string bar(filled, '#');
    bar.resize(width, '.');
    const double el = now() - start_;
    const double rate = el > 0 ? step / el : 0;
    const double eta = rate > 0 ? (total - step) / rate : 0;
    std::fprintf(stderr, "\r%s [%s] %d/%d %.2f it/s ETA %.0fs %s   ", label_.c_str(), bar.c_str(), step, total, rate, eta,
                 extra.c_str());
    std::fflush(stderr);
}

void ProgressBar::finish() {
    if (!enabled_) return;
    std::fprintf(stderr, "\n");
}

} // namespace adv::cli
