#include "cli/args.h"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <iostream>
#include <sstream>

namespace adv::cli {

std::vector<Command>& registry() {
    static std::vector<Command> r;
    return r;
}

std::string Args::get(const std::string& name, const std::string& fallback) const {
    auto it = values_.find(name);
    return it == values_.end() || it->second.empty() ? fallback : it->second.back();
}

std::vector<std::string> Args::getAll(const std::string& name) const {
    auto it = values_.find(name);
    return it == values_.end() ? std::vector<std::string>{} : it->second;
}

std::string Args::require(const std::string& name) const {
    if (!has(name)) throw UsageError("missing required option " + name);
    return get(name);
}

namespace {

constexpr double kI32 = 2147483647.0;
constexpr double kI53 = 9007199254740991.0;  // integers a double and JSON carry exactly

// Flags with the same name mean the same thing across commands, with the
// exceptions keyed "command --flag".
const std::map<std::string, NumericRange>& rangeTable() {
    static const std::map<std::string, NumericRange> t = {
        {"--steps", {1, 1000}},  // a sampler over 1000 training timesteps
        {"train --steps", {1, 10000000}},
        {"train-base --steps", {1, 10000000}},
        {"bench --steps", {0, 10000000}},  // soak: training steps (pipeline checks its sampler's own range)
        {"--cells", {0, 10000000}},
        {"--cell-steps", {1, 1000}},
        {"--bound-mib", {0.001, 1048576}},
        {"--lora-steps", {1, 10000000}},
        {"--hires-steps", {1, 1000}},
        {"--outpaint-steps", {1, 1000}},
        {"--width", {8, 8192}},
        {"--height", {8, 8192}},
        {"--resolution", {64, 8192}},
        {"--size", {8, 8192}},
        {"--batch", {1, 64}},
        {"--seed", {0, kI53}},
        {"--image-id", {0, kI53}},
        {"--seeds", {1, 1000}},
        {"--grid-seeds", {1, 1000}},
        {"--eval-seeds", {1, 1000}},
        {"--product-seeds", {1, 1000}},
        {"--clip-skip", {1, 64}},
        {"--cache-interval", {0, 1000}},
        {"--rank", {1, 1024}},
        {"--conv-rank", {0, 1024}},
        {"--erode", {0, 4096}},
        {"--feather", {-1, 64}},
        {"--per-category", {1, 10000000}},
        {"--polygon-points", {3, 100000}},
        {"--total-annotations", {0, 10000000}},
        {"--images", {1, 1000000}},
        {"--max-length", {2, 4096}},
        {"--merges", {0, 1000000}},
        {"--min-frequency", {1, kI32}},
        {"--threads", {0, 1024}},
        {"--nproc", {1, 256}},
        {"--shards", {1, 100000}},
        {"--reps", {1, 100000}},
        {"--items", {1, 10000000}},
        {"--draws", {1, 100000}},
        {"--attention-slice-mib", {0, 1048576}},
        {"--winograd-cache-mib", {0, 1048576}},
        {"--cfg", {0, 100}},
        {"--eta", {0, 1}},
        {"--strength", {0, 1}},
        {"--hires-strength", {0, 1}},
        {"--hires-scale", {1, 8}},
        {"--harmonize", {0, 1}},
        {"--lr", {0, 1}},
        {"--min-area", {0, 1e12}},
        {"--min-side", {0, 1e6}},
        {"--scale", {0.01, 1}},
        {"--pair-scale", {0.01, 1}},
        {"--product-scale", {0.01, 1}},
        {"--product-bottom", {0.05, 1}},
        {"--subject-weight", {0, 100}},
    };
    return t;
}

std::string number(double x) {
    char buf[64];
    if (x == static_cast<double>(static_cast<int64_t>(x)) && std::fabs(x) < 1e15)
        std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(x));
    else
        std::snprintf(buf, sizeof buf, "%g", x);
    return buf;
}

} // namespace

NumericRange flagRange(const std::string& command, const std::string& flag, bool integer) {
    const auto& t = rangeTable();
    if (auto it = t.find(command + " " + flag); it != t.end()) return it->second;
    if (auto it = t.find(flag); it != t.end()) return it->second;
    // Not listed: any finite number; integers that fit an int and are not negative.
    return integer ? NumericRange{0, kI32} : NumericRange{-1e9, 1e9};
}

static void checkRange(const std::string& command, const std::string& name, const std::string& v, double x,
                       bool integer) {
    const NumericRange r = flagRange(command, name, integer);
    if (!(x >= r.lo && x <= r.hi))
        throw UsageError(name + " is " + v + ", allowed " + number(r.lo) + ".." + number(r.hi));
}

// The whole text as one integer / finite number, or false.
static bool readInteger(const std::string& text, long long& x) {
    try {
        size_t pos = 0;
        x = std::stoll(text, &pos);
        return pos == text.size();
    } catch (const std::exception&) {
        return false;
    }
}
static bool readReal(const std::string& text, double& x) {
    try {
        size_t pos = 0;
        x = std::stod(text, &pos);
        return pos == text.size();
    } catch (const std::exception&) {
        return false;
    }
}

int64_t parseIntToken(const std::string& flag, const std::string& text, double lo, double hi) {
    long long x = 0;
    if (!readInteger(text, x)) throw UsageError(flag + " expects integers, got '" + text + "'");
    if (!(static_cast<double>(x) >= lo && static_cast<double>(x) <= hi))
        throw UsageError(flag + ": " + text + " is outside " + number(lo) + ".." + number(hi));
    return x;
}

double parseRealToken(const std::string& flag, const std::string& text, double lo, double hi) {
    double x = 0;
    if (!readReal(text, x)) throw UsageError(flag + " expects a number, got '" + text + "'");
    if (!(x >= lo && x <= hi)) throw UsageError(flag + ": " + text + " is outside " + number(lo) + ".." + number(hi));
    return x;
}

int Args::getInt(const std::string& name, int fallback) const {
    const int64_t x = getInt64(name, fallback);
    if (x < INT32_MIN || x > INT32_MAX) throw UsageError(name + " is " + get(name) + ", which does not fit an int");
    return static_cast<int>(x);
}

int64_t Args::getInt64(const std::string& name, int64_t fallback) const {
    if (!has(name)) return fallback;
    const std::string v = get(name);
    long long x = 0;
    if (!readInteger(v, x)) throw UsageError(name + " expects an integer, got '" + v + "'");
    checkRange(command_, name, v, static_cast<double>(x), true);
    return x;
}

double Args::getDouble(const std::string& name, double fallback) const {
    if (!has(name)) return fallback;
    const std::string v = get(name);
    double x = 0;
    if (!readReal(v, x)) throw UsageError(name + " expects a number, got '" + v + "'");
    if (!std::isfinite(x)) throw UsageError(name + " must be a finite number, got '" + v + "'");
    checkRange(command_, name, v, x, false);
    return x;
}

std::vector<std::string> Args::getList(const std::string& name) const {
    std::vector<std::string> out;
    for (const auto& v : getAll(name)) {
        std::stringstream ss(v);
        std::string item;
        while (std::getline(ss, item, ','))
            if (!item.empty()) out.push_back(item);
    }
    return out;
}

static const std::vector<Option>& commonOptions() {
    static const std::vector<Option> o = {{"--help", "", "show this help"},
                                          {"--verbose", "", "debug logging on the console"}};
    return o;
}

Args parseArgs(const Command& cmd, const std::vector<std::string>& argv) {
    Args a;
    a.command_ = cmd.name;
    auto find = [&](const std::string& n) -> const Option* {
        for (const auto& o : cmd.options)
            if (o.name == n) return &o;
        for (const auto& o : commonOptions())
            if (o.name == n) return &o;
        return nullptr;
    };
    for (size_t i = 0; i < argv.size(); ++i) {
        std::string arg = argv[i];
        if (arg == "--") {
            for (++i; i < argv.size(); ++i) a.positionals_.push_back(argv[i]);
            break;
        }
        if (arg.size() > 2 && arg[0] == '-' && arg[1] == '-') {
            std::string value;
            bool inlineValue = false;
            if (auto eq = arg.find('='); eq != std::string::npos) {
                value = arg.substr(eq + 1);
                arg = arg.substr(0, eq);
                inlineValue = true;
            }
            const Option* o = find(arg);
            if (!o) throw UsageError("unknown option " + arg + " for '" + cmd.name + "'");
            if (o->metavar.empty()) {
                if (inlineValue) throw UsageError("option " + arg + " takes no value");
                a.values_[arg].push_back("1");
                continue;
            }
            if (!inlineValue) {
                if (i + 1 >= argv.size()) throw UsageError("option " + arg + " needs a value (" + o->metavar + ")");
                value = argv[++i];
            }
            auto& slot = a.values_[arg];
            if (!slot.empty() && !o->repeatable) throw UsageError("option " + arg + " given twice");
            slot.push_back(value);
        } else if (arg.size() > 1 && arg[0] == '-' && !(arg[1] >= '0' && arg[1] <= '9')) {
            throw UsageError("unknown option " + arg + " for '" + cmd.name + "'");
        } else {
            a.positionals_.push_back(arg);
        }
    }
    return a;
}

std::string commandHelp(const Command& cmd) {
    std::ostringstream o;
    o << "Usage: advariant-cli " << cmd.name << " " << cmd.usage << "\n\n" << cmd.summary << "\n";
    if (!cmd.description.empty()) o << "\n" << cmd.description << "\n";
    o << "\nOptions:\n";
    auto line = [&](const Option& op) {
        std::string left = "  " + op.name + (op.metavar.empty() ? "" : " " + op.metavar);
        if (left.size() < 28) left.resize(28, ' ');
        else left += "  ";
        o << left << op.help << (op.repeatable ? " (repeatable)" : "") << "\n";
    };
    for (const auto& op : cmd.options) line(op);
    for (const auto& op : commonOptions()) line(op);
    return o.str();
}

void printJson(const std::string& dump) {
    std::fwrite(dump.data(), 1, dump.size(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

} // namespace adv::cli
