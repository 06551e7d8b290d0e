#include "model/profile.h"

#include <mutex>
#include <set>

namespace adv::prof {

std::atomic<bool> g_enabled{false};
namespace {
std::mutex g_mutex;
std::map<std::string, Stats> g_stats;
std::atomic<bool> g_detailed{false};
std::set<std::string> g_names;
} // namespace

void setDetailed(bool on) { g_detailed = on; }
bool detailed() { return g_detailed.load(std::memory_order_relaxed); }
const char* intern(const std::string& kind) {
    std::lock_guard<std::mutex> l(g_mutex);
    return g_names.insert(kind).first->c_str();  // std::set never moves its elements
}

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
