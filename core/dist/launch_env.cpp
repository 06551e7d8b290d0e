#include "dist/launch_env.h"

#include "util/error.h"

#include <cerrno>
#include <cstdlib>

namespace adv::dist {

namespace {
int intVar(const std::map<std::string, std::string>& env, const std::string& name, long lo, long hi) {
    const std::string& v = env.at(name);
    char* end = nullptr;
    errno = 0;
    const long x = std::strtol(v.c_str(), &end, 10);
    if (v.empty() || end == v.c_str() || *end != '\0' || errno == ERANGE)
        throw Error("environment variable " + name + "='" + v + "' is not a whole number");
    if (x < lo || x > hi)
        throw Error("environment variable " + name + "=" + v + " is out of range (" + std::to_string(lo) + ".." +
                    std::to_string(hi) + ")");
    return static_cast<int>(x);
}
const std::string* find(const std::map<std::string, std::string>& env, const std::string& name) {
    auto it = env.find(name);
    return it == env.end() || it->second.empty() ? nullptr : &it->second;
}
} // namespace

std::string LaunchEnv::describe() const {
    if (!distributed()) return "single process";
    return "rank " + std::to_string(rank) + " of " + std::to_string(world) + " (" + source + ", master " + masterAddr +
           ":" + std::to_string(masterPort) + ")";
}

std::string firstSlurmHost(const std::string& nodelist) {
    // Hosts are separated by commas outside brackets; a bracket holds ranges "01-04" or single numbers.
    std::string first;
    int depth = 0;
    for (char c : nodelist) {
        if (c == '[') ++depth;
        if (c == ']') --depth;
        if (c == ',' && depth == 0) break;
        first += c;
    }
    const auto open = first.find('[');
    if (open == std::string::npos) return first;
    const auto close = first.find(']', open);
    if (close == std::string::npos) throw Error("SLURM_JOB_NODELIST '" + nodelist + "' has an unclosed '['");
    std::string inside = first.substr(open + 1, close - open - 1);
    inside = inside.substr(0, inside.find_first_of(",-"));
    if (inside.empty()) throw Error("SLURM_JOB_NODELIST '" + nodelist + "' has an empty range");
    return first.substr(0, open) + inside + first.substr(close + 1);
}

LaunchEnv launchEnvFrom(const std::map<std::string, std::string>& env) {
    LaunchEnv e;
    if (find(env, "WORLD_SIZE") || find(env, "RANK")) {
        for (const char* v : {"RANK", "WORLD_SIZE"})
            if (!find(env, v)) throw Error(std::string("environment variable ") + v + " is not set (torchrun sets RANK and WORLD_SIZE together)");
        e.source = "torchrun";
        e.world = intVar(env, "WORLD_SIZE", 1, 4096);
        e.rank = intVar(env, "RANK", 0, e.world - 1);
        e.localRank = find(env, "LOCAL_RANK") ? intVar(env, "LOCAL_RANK", 0, e.world - 1) : e.rank;
        if (const auto* a = find(env, "MASTER_ADDR")) e.masterAddr = *a;
        if (find(env, "MASTER_PORT")) e.masterPort = intVar(env, "MASTER_PORT", 1, 65535);
        if (const auto* s = find(env, "TORCHELASTIC_USE_AGENT_STORE")) e.agentStore = *s == "True" || *s == "true" || *s == "1";
    } else if (find(env, "SLURM_NTASKS") && find(env, "SLURM_PROCID")) {
        e.source = "slurm";
        e.world = intVar(env, "SLURM_NTASKS", 1, 4096);
        e.rank = intVar(env, "SLURM_PROCID", 0, e.world - 1);
        e.localRank = find(env, "SLURM_LOCALID") ? intVar(env, "SLURM_LOCALID", 0, e.world - 1) : 0;
        const std::string* nodes = find(env, "SLURM_JOB_NODELIST");
        if (!nodes) nodes = find(env, "SLURM_NODELIST");
        if (const auto* a = find(env, "MASTER_ADDR")) e.masterAddr = *a;
        else if (nodes) e.masterAddr = firstSlurmHost(*nodes);
        else throw Error("environment variable SLURM_JOB_NODELIST is not set: cannot tell the master host");
        if (find(env, "MASTER_PORT")) e.masterPort = intVar(env, "MASTER_PORT", 1, 65535);
    }
    if (e.masterAddr.find_first_of(" \t\n/") != std::string::npos || e.masterAddr.size() > 253)
        throw Error("MASTER_ADDR '" + e.masterAddr + "' is not a host name or address");
    return e;
}

LaunchEnv launchEnvFromEnvironment() {
    std::map<std::string, std::string> env;
    for (const char* k : {"RANK", "WORLD_SIZE", "LOCAL_RANK", "MASTER_ADDR", "MASTER_PORT", "TORCHELASTIC_USE_AGENT_STORE",
                          "SLURM_PROCID", "SLURM_NTASKS", "SLURM_LOCALID", "SLURM_JOB_NODELIST", "SLURM_NODELIST"})
        if (const char* v = std::getenv(k)) env[k] = v;
    return launchEnvFrom(env);
}

} // namespace adv::dist
