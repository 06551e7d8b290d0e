#include "dist/process_group.h"

#include "util/error.h"

#include <torch/torch.h>

#if ADV_HAVE_C10D_GLOO
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#include <torch/csrc/distributed/c10d/PrefixStore.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>
#endif
#if ADV_HAVE_C10D_NCCL
#include <torch/csrc/distributed/c10d/ProcessGroupNCCL.hpp>
#endif

#include <cstdlib>
#include <map>
#include <thread>

namespace adv::dist {

bool available() { return ADV_HAVE_C10D_GLOO != 0; }

namespace {
constexpr int64_t kBucketBytes = 25ll << 20;

std::string firstLine(const std::string& s) {
    const auto nl = s.find('\n');
    return nl == std::string::npos ? s : s.substr(0, nl);
}
} // namespace

#if ADV_HAVE_C10D_GLOO

struct ProcessGroup::Impl {
    LaunchEnv env;
    std::chrono::seconds timeout{300};
    bool hostsStore = false;  // rank 0 without a launcher's agent store: the store dies with this process
    c10::intrusive_ptr<c10d::Store> store;
    c10::intrusive_ptr<c10d::ProcessGroup> pg;

    // One line for a failed collective: which rank, what it was doing, what the transport said.
    [[noreturn]] void fail(const char* what, const std::exception& e) const {
        const std::string msg = firstLine(e.what());
        std::string why;
        if (msg.find("Connection closed by peer") != std::string::npos || msg.find("Connection reset") != std::string::npos ||
            msg.find("Broken pipe") != std::string::npos)
            why = "another rank stopped (connection closed)";
        else if (msg.find("imed out") != std::string::npos || msg.find("imeout") != std::string::npos)
            why = "no answer from the other ranks within " + std::to_string(timeout.count()) + " s";
        else
            why = msg.substr(0, 200);
        throw Error("rank " + std::to_string(env.rank) + " of " + std::to_string(env.world) + ": " + what + " failed: " + why +
                    "; resume the run from its last checkpoint");
    }
    void run(const char* what, const c10::intrusive_ptr<c10d::Work>& w) const {
        try {
            w->wait();
        } catch (const std::exception& e) {
            fail(what, e);
        }
    }
};

std::unique_ptr<ProcessGroup> ProcessGroup::join(const LaunchEnv& env, std::chrono::seconds timeout, bool cuda) {
    auto impl = std::make_unique<Impl>();
    impl->env = env;
    impl->timeout = timeout;
    try {
        c10d::TCPStoreOptions so;
        so.port = static_cast<uint16_t>(env.masterPort);
        so.isServer = env.rank == 0 && !env.agentStore;
        so.numWorkers = static_cast<size_t>(env.world);
        // Every rank takes part in the worker count (a client adds itself and goes on; the server waits for all):
        // with the count on the server alone, rank 0 waits for clients that never report (seen under srun).
        so.waitWorkers = !env.agentStore;
        so.timeout = std::max(timeout, std::chrono::seconds(60));
        impl->hostsStore = so.isServer;
        auto tcp = c10::make_intrusive<c10d::TCPStore>(env.masterAddr, so);
        // A launcher's store outlives one run: keep this run's keys apart from an earlier one's.
        impl->store = c10::make_intrusive<c10d::PrefixStore>("advariant-train", tcp);
    } catch (const std::exception& e) {
        throw Error("rank " + std::to_string(env.rank) + ": cannot reach the rendezvous store at " + env.masterAddr + ":" +
                    std::to_string(env.masterPort) + ": " + firstLine(e.what()).substr(0, 200));
    }
    try {
#if ADV_HAVE_C10D_NCCL
        if (cuda) {
            auto opts = c10d::ProcessGroupNCCL::Options::create();
            opts->timeout = timeout;
            impl->pg = c10::make_intrusive<c10d::ProcessGroupNCCL>(impl->store, env.rank, env.world, opts);
        }
#endif
        if (!impl->pg) {
            auto opts = c10d::ProcessGroupGloo::Options::create(timeout);
            // Loopback when the job is local (every rank on this host), else the interface the host name resolves to.
            const bool local = env.masterAddr == "127.0.0.1" || env.masterAddr == "localhost" || env.masterAddr == "::1";
            if (const char* ifname = std::getenv("GLOO_SOCKET_IFNAME"); ifname && *ifname)
                opts->devices.push_back(c10d::ProcessGroupGloo::createDeviceForInterface(ifname));
            else
                opts->devices.push_back(local ? c10d::ProcessGroupGloo::createDeviceForHostname("127.0.0.1")
                                              : c10d::ProcessGroupGloo::createDefaultDevice());
            impl->pg = c10::make_intrusive<c10d::ProcessGroupGloo>(impl->store, env.rank, env.world, opts);
        }
    } catch (const std::exception& e) {
        impl->fail("joining the process group", e);
    }
    (void)cuda;
    return std::unique_ptr<ProcessGroup>(new ProcessGroup(std::move(impl)));
}

void ProcessGroup::allreduceSum(const std::vector<at::Tensor>& tensors) {
    // Buckets of same-dtype, same-device tensors, flattened into one buffer each.
    std::vector<at::Tensor> bucket;
    int64_t bytes = 0;
    auto flush = [&] {
        if (bucket.empty()) return;
        std::vector<at::Tensor> flat{bucket.size() == 1 ? bucket[0].contiguous().view({-1}) : torch::cat([&] {
            std::vector<at::Tensor> v;
            for (const auto& t : bucket) v.push_back(t.reshape({-1}));
            return v;
        }())};
        impl_->run("all-reduce", impl_->pg->allreduce(flat));
        int64_t off = 0;
        for (const auto& t : bucket) {
            const int64_t n = t.numel();
            if (!(bucket.size() == 1 && t.is_contiguous())) t.copy_(flat[0].narrow(0, off, n).view(t.sizes()));
            off += n;
        }
        bucket.clear();
        bytes = 0;
    };
    for (const auto& t : tensors) {
        if (!bucket.empty() && (t.scalar_type() != bucket[0].scalar_type() || t.device() != bucket[0].device() ||
                                bytes + t.numel() * t.element_size() > kBucketBytes))
            flush();
        bucket.push_back(t);
        bytes += t.numel() * t.element_size();
    }
    flush();
}

void ProcessGroup::broadcast(const std::vector<at::Tensor>& tensors, int root) {
    c10d::BroadcastOptions o;
    o.rootRank = root;
    for (const auto& t : tensors) {
        std::vector<at::Tensor> one{t.is_contiguous() ? t : t.contiguous()};
        impl_->run("broadcast", impl_->pg->broadcast(one, o));
        if (!t.is_contiguous()) t.copy_(one[0]);
    }
}

void ProcessGroup::barrier(std::chrono::seconds timeout) {
    // Gloo's barrier takes its timeout from the group; a long wait (latent caching on rank 0) goes through the
    // store instead, whose wait has its own timeout.
    static int round = 0;
    const std::string key = "barrier/" + std::to_string(++round);
    const int world = impl_->env.world;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    auto waitFor = [&](const std::string& k) {
        while (impl_->store->add(k, 0) < world) {
            if (std::chrono::steady_clock::now() > deadline)
                throw Error("rank " + std::to_string(impl_->env.rank) + " of " + std::to_string(world) +
                            ": the other ranks did not arrive within " + std::to_string(timeout.count()) +
                            " s; resume the run from its last checkpoint");
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    };
    try {
        impl_->store->add(key, 1);
        waitFor(key);
        // The rank that hosts the store leaves last: every other rank has seen the barrier complete before the
        // store can go away with this process (the run's final barrier is followed by exit).
        impl_->store->add(key + "/out", 1);
        if (impl_->hostsStore) waitFor(key + "/out");
    } catch (const Error&) {
        throw;
    } catch (const std::exception& e) {
        impl_->fail("barrier", e);
    }
}

struct StoreServer::Impl {
    c10::intrusive_ptr<c10d::TCPStore> store;
};

StoreServer::StoreServer(int world) : impl_(std::make_unique<Impl>()) {
    c10d::TCPStoreOptions so;
    so.port = 0;  // a free port
    so.isServer = true;
    so.numWorkers = static_cast<size_t>(world);
    so.waitWorkers = false;
    try {
        impl_->store = c10::make_intrusive<c10d::TCPStore>("127.0.0.1", so);
    } catch (const std::exception& e) {
        throw Error(std::string("cannot start the rendezvous store on 127.0.0.1: ") + firstLine(e.what()).substr(0, 200));
    }
}
int StoreServer::port() const { return impl_->store->getPort(); }

#else  // no c10d with Gloo in this LibTorch build

struct ProcessGroup::Impl {};
std::unique_ptr<ProcessGroup> ProcessGroup::join(const LaunchEnv& env, std::chrono::seconds, bool) {
    throw Error("rank " + std::to_string(env.rank) + ": this build has no torch.distributed (Gloo) support: "
                "build with a LibTorch that has it (Debian: install libgloo-dev and rebuild)");
}
void ProcessGroup::allreduceSum(const std::vector<at::Tensor>&) {}
void ProcessGroup::broadcast(const std::vector<at::Tensor>&, int) {}
void ProcessGroup::barrier(std::chrono::seconds) {}
struct StoreServer::Impl {};
StoreServer::StoreServer(int) { throw Error("this build has no torch.distributed (Gloo) support"); }
int StoreServer::port() const { return 0; }

#endif

ProcessGroup::ProcessGroup(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ProcessGroup::~ProcessGroup() = default;
StoreServer::~StoreServer() = default;
int ProcessGroup::rank() const {
#if ADV_HAVE_C10D_GLOO
    return impl_->env.rank;
#else
    return 0;
#endif
}
int ProcessGroup::world() const {
#if ADV_HAVE_C10D_GLOO
    return impl_->env.world;
#else
    return 1;
#endif
}

} // namespace adv::dist
