// Data-parallel collectives for the trainer on LibTorch's c10d: ProcessGroupGloo on the CPU, ProcessGroupNCCL
// for CUDA tensors when this LibTorch has it. Rendezvous through a TCPStore at the launcher's master address.
// Errors (a peer that died, a timeout) become one adv::Error line naming this rank and what happened.
#pragma once

#include "dist/launch_env.h"

#include <torch/types.h>

#include <chrono>
#include <memory>
#include <vector>

namespace adv::dist {

// True when this build has torch.distributed with Gloo (Debian: libgloo-dev for the headers).
bool available();

class ProcessGroup {
public:
    // `timeout`: how long one collective waits for the slowest peer before giving up.
    static std::unique_ptr<ProcessGroup> join(const LaunchEnv& env, std::chrono::seconds timeout, bool cuda);
    ~ProcessGroup();
    int rank() const;
    int world() const;

    // Sums every tensor over the ranks, in place. Same-dtype tensors travel flattened in buckets of at most
    // 25 MiB (one collective per bucket instead of one per tensor).
    void allreduceSum(const std::vector<at::Tensor>& tensors);
    // Rank `root`'s values to every rank, in place.
    void broadcast(const std::vector<at::Tensor>& tensors, int root);
    // Waits for every rank; `timeout` may be longer than the collectives' (latent caching, validation).
    void barrier(std::chrono::seconds timeout);

private:
    struct Impl;
    explicit ProcessGroup(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

// The rendezvous store of a local launcher (`train --nproc N`), like torchrun's agent store: hosted by the
// launching process on a free port of 127.0.0.1; the workers are started with TORCHELASTIC_USE_AGENT_STORE.
class StoreServer {
public:
    explicit StoreServer(int world);
    ~StoreServer();
    int port() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace adv::dist
