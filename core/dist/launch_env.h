// Where this process sits in a distributed job, read from the launcher's environment (torch-free).
//   torchrun:  RANK, WORLD_SIZE, LOCAL_RANK, MASTER_ADDR, MASTER_PORT (TORCHELASTIC_USE_AGENT_STORE=True:
//              the launcher hosts the rendezvous store; `advariant-cli train --nproc N` does the same)
//   Slurm:     SLURM_PROCID, SLURM_NTASKS, SLURM_LOCALID; the master is the first host of
//              SLURM_JOB_NODELIST (or SLURM_NODELIST), the port MASTER_PORT or 29500
// With neither set the process is a world of one.
#pragma once

#include <map>
#include <string>

namespace adv::dist {

struct LaunchEnv {
    int rank = 0;
    int world = 1;
    int localRank = 0;
    std::string masterAddr = "127.0.0.1";
    int masterPort = 29500;
    bool agentStore = false;  // the rendezvous store is hosted by the launcher, not by rank 0
    std::string source;       // "torchrun", "slurm", "" (single process)
    bool distributed() const { return world > 1; }
    std::string describe() const;  // "rank 1 of 2 (torchrun, master 127.0.0.1:29500)"
};

// From a variable map (tests) or the process environment. adv::Error naming the variable for values that
// are not numbers, out of range (rank >= world, port outside 1..65535) or half set (RANK without WORLD_SIZE).
LaunchEnv launchEnvFrom(const std::map<std::string, std::string>& env);
LaunchEnv launchEnvFromEnvironment();

// The first host of a Slurm node list: "gpu[01-04,07],cpu3" -> "gpu01", "node7" -> "node7".
std::string firstSlurmHost(const std::string& nodelist);

} // namespace adv::dist
