// A small command-line parser for advariant-cli: subcommands, each with its
// own options and --help; unknown flags are usage errors (exit code 2).
#pragma once

#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace adv::cli {

struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct Option {
    std::string name;        // "--steps"
    std::string metavar;     // "N" (empty: a flag without value)
    std::string help;
    bool repeatable = false;
};

class Args {
public:
    bool has(const std::string& name) const { return values_.count(name) != 0; }
    std::string get(const std::string& name, const std::string& fallback = "") const;
    std::vector<std::string> getAll(const std::string& name) const;
    int getInt(const std::string& name, int fallback) const;
    int64_t getInt64(const std::string& name, int64_t fallback) const;
    double getDouble(const std::string& name, double fallback) const;
    std::vector<std::string> getList(const std::string& name) const;  // comma-separated
    const std::vector<std::string>& positionals() const { return positionals_; }
    std::string require(const std::string& name) const;

    std::string command_;  // the subcommand, for per-command ranges ("train --steps")
    std::map<std::string, std::vector<std::string>> values_;
    std::vector<std::string> positionals_;
};

struct Command {
    std::string name;
    std::string summary;
    std::string usage;        // after "advariant-cli <name> "
    std::vector<Option> options;
    std::string description;  // longer help text
    std::function<int(const Args&)> run;
};

// The allowed range of a numeric flag. Every number a user types is checked
// here, in one table (args.cpp), before any command sees it: NaN, infinity,
// integers that would wrap, and values outside the range are usage errors
// naming the flag and the range.
struct NumericRange {
    double lo, hi;
};
// One number inside a flag's value (a list item, a LoRA scale), checked the same way.
int64_t parseIntToken(const std::string& flag, const std::string& text, double lo, double hi);
double parseRealToken(const std::string& flag, const std::string& text, double lo, double hi);
NumericRange flagRange(const std::string& command, const std::string& flag, bool integer);

// Parses argv against `cmd`'s options (plus the common --help/--verbose/--json).
Args parseArgs(const Command& cmd, const std::vector<std::string>& argv);
std::string commandHelp(const Command& cmd);

// Registry of all subcommands, filled by each cmd_*.cpp.
std::vector<Command>& registry();
struct Register {
    explicit Register(Command c) { registry().push_back(std::move(c)); }
};

// Prints one JSON document / line to stdout.
void printJson(const std::string& dump);

} // namespace adv::cli
