#include "cli/args.h"

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

int Args::getInt(const std::string& name, int fallback) const {
    return static_cast<int>(getInt64(name, fallback));
}

int64_t Args::getInt64(const std::string& name, int64_t fallback) const {
    if (!has(name)) return fallback;
    const std::string v = get(name);
    try {
        size_t pos = 0;
        const long long x = std::stoll(v, &pos);
        if (pos != v.size()) throw std::invalid_argument(v);
        return x;
    } catch (const std::exception&) {
        throw UsageError(name + " expects an integer, got '" + v + "'");
    }
}

double Args::getDouble(const std::string& name, double fallback) const {
    if (!has(name)) return fallback;
    const std::string v = get(name);
    try {
        size_t pos = 0;
        const double x = std::stod(v, &pos);
        if (pos != v.size()) throw std::invalid_argument(v);
        return x;
    } catch (const std::exception&) {
        throw UsageError(name + " expects a number, got '" + v + "'");
    }
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
