// Helpers shared by the CLI commands.
#pragma once

#include <string>

namespace adv::cli {

// --model PATH, else $ADVARIANT_MODEL, else the embedded model shipped in resources/.
std::string modelPathOrDefault(const std::string& given);

// A terminal progress bar on stderr ("label [#####.....] 12/25 3.1 it/s").
class ProgressBar {
public:
    explicit ProgressBar(std::string label, bool enabled = true);
    void update(int step, int total, const std::string& extra = "");
    void finish();

private:
    std::string label_;
    bool enabled_;
    double start_;
};

} // namespace adv::cli
