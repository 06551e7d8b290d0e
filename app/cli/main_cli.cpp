// advariant-cli: every job of the studio, headless and scriptable.
// Exit codes: 0 success, 1 failure (one line on stderr), 2 usage error.
#include "cli/args.h"
#include "common/svg_logo.h"

#include "adv_version.h"
#include "util/cancel.h"
#include "util/device.h"
#include "util/error.h"
#include "util/fs.h"
#include "util/log.h"

#include <csignal>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

namespace {

void printUsage(std::FILE* to) {
    std::string s = "Usage: advariant-cli [--version] [--help] [--verbose] <command> [options]\n\nCommands:\n";
    for (const auto& c : adv::cli::registry()) {
        std::string left = "  " + c.name;
        left.resize(std::max<size_t>(left.size() + 2, 18), ' ');
        s += left + c.summary + "\n";
    }
    s += "\nRun 'advariant-cli <command> --help' for a command's options.\n";
    std::fputs(s.c_str(), to);
}

} // namespace

int main(int argc, char** argv) {
    using namespace adv::cli;
    std::vector<std::string> args(argv + 1, argv + argc);
    bool verbose = false;
    // Global flags before the subcommand.
    size_t i = 0;
    for (; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--version" || a == "-V") {
            std::printf("advariant-cli %s\n", ADV_VERSION);
            return 0;
        }
        if (a == "--help" || a == "-h") {
            printUsage(stdout);
            return 0;
        }
        if (a == "--verbose" || a == "-v") {
            verbose = true;
            continue;
        }
        break;
    }
    if (i >= args.size()) {
        printUsage(stderr);
        return 2;
    }
    const std::string name = args[i];
    const Command* cmd = nullptr;
    for (const auto& c : registry())
        if (c.name == name) cmd = &c;
    if (!cmd) {
        std::fprintf(stderr, "advariant-cli: unknown command or option '%s'\n\n", name.c_str());
        printUsage(stderr);
        return 2;
    }
    std::vector<std::string> rest(args.begin() + static_cast<std::ptrdiff_t>(i) + 1, args.end());
    Args parsed;
    try {
        parsed = parseArgs(*cmd, rest);
    } catch (const UsageError& e) {
        std::fprintf(stderr, "advariant-cli %s: %s\n\n%s", name.c_str(), e.what(), commandHelp(*cmd).c_str());
        return 2;
    }
    if (parsed.has("--help")) {
        std::fputs(commandHelp(*cmd).c_str(), stdout);
        return 0;
    }
    adv::log::Options lo;
    lo.verbose = verbose || parsed.has("--verbose");
    lo.appName = "advariant-cli";
    adv::log::init(lo);
    adv::fs::failWritesInsteadOfDying();
    adv::app::registerSvgLogos(true);
    adv::tuneAllocator();
    adv::setCpuThreads(0);
    try {
        return cmd->run(parsed);
    } catch (const UsageError& e) {
        std::fprintf(stderr, "advariant-cli %s: %s\n\n%s", name.c_str(), e.what(), commandHelp(*cmd).c_str());
        return 2;
    } catch (const adv::Cancelled&) {
        std::fprintf(stderr, "advariant-cli %s: cancelled\n", name.c_str());
        return 130;
    } catch (const std::exception& e) {
        // First line only (LibTorch messages carry a backtrace); library wording made plain.
        const std::string msg = adv::userMessage(e);
        std::fprintf(stderr, "advariant-cli %s: error: %s\n", name.c_str(), msg.c_str());
        return 1;
    }
}
