#include "model/profile.h"

#include <mutex>

namespace adv::prof {

std::atomic<bool> g_enabled{false};
namespace {
std::mutex g_mutex;
std::map<std::string, Stats> g_stats;
} // namespace

void enable(bool on) { g_enabled = on; }
void reset() {
    std::lock_guard<std::mutex> l(g_mutex);
    g_stats.clear();
}
std::map<std::string, Stats> snapshot() {
    std::lock_guard<std::mutex> l(g_mutex);
    return g_stats;
}
void add(const char* kind, double seconds, double flops) {
    std::lock_guard<std::mutex> l(g_mutex);
    auto& s = g_stats[kind];
    s.seconds += seconds;
    s.flops += flops;
    ++s.calls;
}

} // namespace adv::prof
