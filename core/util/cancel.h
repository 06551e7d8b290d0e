// Cancel tokens and progress callbacks shared by every long job in core/.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>

namespace adv {

// A cheap, copyable handle; every copy sees the same flag. The UI keeps one and
// hands copies to workers; a job polls cancelled() between steps.
class CancelToken {
public:
    CancelToken() : flag_(std::make_shared<std::atomic<bool>>(false)) {}
    void cancel() { flag_->store(true); }
    void reset() { flag_->store(false); }
    bool cancelled() const { return flag_->load(); }

private:
    std::shared_ptr<std::atomic<bool>> flag_;
};

// Thrown by a job that noticed its token was cancelled.
class Cancelled : public std::runtime_error {
public:
    Cancelled() : std::runtime_error("cancelled") {}
};

// step (1-based) out of total, with a short message. Returning nothing; the job
// checks the cancel token itself.
using ProgressFn = std::function<void(int step, int total, const std::string& message)>;

inline void throwIfCancelled(const CancelToken* token) {
    if (token && token->cancelled()) throw Cancelled();
}

} // namespace adv
