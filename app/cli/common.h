// Helpers shared by the CLI commands.
#pragma once

#include <string>
#include <utility>

namespace adv::cli {

// --model PATH, else $ADVARIANT_MODEL, else the embedded model shipped in resources/.
std::string modelPathOrDefault(const std::string& given);

// "FILE[:SCALE]" -> {FILE, SCALE} (scale 1 when absent or not a number).
std::pair<std::string, double> parseLoraSpec(const std::string& spec);

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
