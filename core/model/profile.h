// Per-kind timing and FLOP counting of model layers, for `advariant-cli bench`.
// Off by default; when off a scope costs one relaxed atomic load.
#pragma once

#include <atomic>
#include <chrono>
#include <map>
#include <string>

namespace adv::prof {

struct Stats {
    double seconds = 0;
    double flops = 0;
    long long calls = 0;
};

extern std::atomic<bool> g_enabled;
void enable(bool on);
void reset();
std::map<std::string, Stats> snapshot();
void add(const char* kind, double seconds, double flops);

// Per-shape detail (`bench --by-shape`): layers then name their kind with their shape.
void setDetailed(bool on);
bool detailed();
// A C string that lives as long as the program, for a kind named at run time.
const char* intern(const std::string& kind);

class Scope {
public:
    Scope(const char* kind, double flops) : kind_(kind), flops_(flops), on_(g_enabled.load(std::memory_order_relaxed)) {
        if (on_) start_ = std::chrono::steady_clock::now();
    }
    ~Scope() {
        if (on_) add(kind_, std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count(), flops_);
    }

private:
    const char* kind_;
    double flops_;
    bool on_;
    std::chrono::steady_clock::time_point start_;
};

} // namespace adv::prof
