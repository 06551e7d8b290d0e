// The platform layer on POSIX systems (Linux first; macOS and the BSDs where noted).
#include "platform/platform.h"

#include "util/error.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>

#include <dlfcn.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#if defined(__APPLE__)
#include <mach-o/dyld.h>
#endif

extern "C" char** environ;

namespace adv::platform {

namespace {
std::string errnoText(int err) {
    switch (err) {
    case ENOENT: return "file not found";
    case EACCES:
    case EPERM: return "permission denied";
    case ENOSPC: return "disk full (no space left on device)";
#ifdef EDQUOT
    case EDQUOT: return "disk quota exceeded";
#endif
    case EFBIG: return "file too large for this file system or process limit";
    case EROFS: return "read-only file system";
    case EISDIR: return "is a folder, not a file";
    case ENOTDIR: return "a part of the path is not a folder";
    case ENAMETOOLONG: return "file name too long";
    case EIO: return "input/output error (failing disk or network share)";
    default: return std::strerror(err);
    }
}

thread_local int g_lastErrno = 0;

[[noreturn]] void fail(const std::filesystem::path& path, const std::string& what, int err) {
    g_lastErrno = err;
    throw FileError(pathToUtf8(path), what + errnoText(err));
}

// fsync that treats "this file system cannot sync" (pipes, some FUSE mounts) as success.
bool syncFd(int fd) {
#if defined(__APPLE__)
    if (::fcntl(fd, F_FULLFSYNC) == 0) return true;  // fsync alone does not reach the platter on macOS
#endif
    return ::fsync(fd) == 0 || errno == EINVAL || errno == EROFS;
}

using Mallctl = int (*)(const char*, void*, size_t*, void*, size_t);
Mallctl jemallocCtl() { return reinterpret_cast<Mallctl>(::dlsym(RTLD_DEFAULT, "mallctl")); }
} // namespace

// ---- Files ----------------------------------------------------------------------------------------

MappedFile::MappedFile(const std::filesystem::path& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) fail(path, errno == ENOENT ? "" : "cannot open: ", errno);
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        throw FileError(pathToUtf8(path), "not a regular file");
    }
    size_ = static_cast<size_t>(st.st_size);
    if (size_ == 0) {
        ::close(fd);
        return;
    }
    // MAP_PRIVATE + PROT_WRITE: copy-on-write pages; the file is opened read-only and never changes.
    void* p = ::mmap(nullptr, size_, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    const int err = errno;
    ::close(fd);
    if (p == MAP_FAILED) {
        size_ = 0;
        fail(path, "cannot map into memory: ", err);
    }
    data_ = p;
}

void MappedFile::release() noexcept {
    if (data_) ::munmap(data_, size_);
    data_ = nullptr;
    size_ = 0;
}

void writeFileFlushed(const std::filesystem::path& path, std::string_view data) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) fail(path, "cannot create: ", errno);
    size_t written = 0;
    while (written < data.size()) {
        const ssize_t n = ::write(fd, data.data() + written, data.size() - written);
        if (n < 0) {
            if (errno == EINTR) continue;
            const int err = errno;
            ::close(fd);
            ::unlink(path.c_str());
            fail(path, "write failed: ", err);
        }
        written += static_cast<size_t>(n);
    }
    if (!syncFd(fd)) {
        const int err = errno;
        ::close(fd);
        ::unlink(path.c_str());
        fail(path, "flush to disk failed: ", err);
    }
    if (::close(fd) != 0) {
        const int err = errno;
        ::unlink(path.c_str());
        fail(path, "close failed: ", err);
    }
}

void replaceFile(const std::filesystem::path& source, const std::filesystem::path& target) {
    if (::rename(source.c_str(), target.c_str()) != 0) fail(target, "cannot replace: ", errno);
    // The rename itself lives in the folder: sync it too, or a power cut can bring the old name back.
    const std::filesystem::path dir = target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
    const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        syncFd(dfd);
        ::close(dfd);
    }
}

void removeFileQuietly(const std::filesystem::path& path) noexcept { ::unlink(path.c_str()); }

std::string lastErrorText() { return errnoText(g_lastErrno ? g_lastErrno : errno); }

// ---- Process --------------------------------------------------------------------------------------

std::filesystem::path executablePath() {
    std::error_code ec;
#if defined(__APPLE__)
    char buf[4096];
    uint32_t size = sizeof buf;
    if (_NSGetExecutablePath(buf, &size) == 0) return std::filesystem::weakly_canonical(buf, ec);
    return {};
#else
    auto p = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? std::filesystem::path() : p;
#endif
}

std::filesystem::path userDataBase() {
    if (const char* x = std::getenv("XDG_DATA_HOME"); x && *x) return x;
    if (const char* h = std::getenv("HOME"); h && *h) return std::filesystem::path(h) / ".local" / "share";
    std::error_code ec;
    return std::filesystem::temp_directory_path(ec);
}

bool isTerminal(int stdStream) { return ::isatty(stdStream == 1 ? STDOUT_FILENO : STDERR_FILENO) == 1; }

namespace {
// A "<key>: N kB" line of /proc/self/status in bytes; 0 when absent (not Linux).
uint64_t procStatusBytes(const char* key) {
#if defined(__linux__)
    std::ifstream in("/proc/self/status");
    std::string line;
    const size_t n = std::strlen(key);
    while (std::getline(in, line))
        if (line.compare(0, n, key) == 0 && line.size() > n && line[n] == ':')
            return std::strtoull(line.c_str() + n + 1, nullptr, 10) * 1024;
#endif
    (void)key;
    return 0;
}
} // namespace

uint64_t peakResidentBytes() {
    if (const uint64_t b = procStatusBytes("VmHWM")) return b;
    struct rusage ru {};
    if (::getrusage(RUSAGE_SELF, &ru) != 0) return 0;
#if defined(__APPLE__)
    return static_cast<uint64_t>(ru.ru_maxrss);  // bytes on macOS
#else
    return static_cast<uint64_t>(ru.ru_maxrss) * 1024;  // KiB elsewhere
#endif
}

uint64_t residentBytes() { return procStatusBytes("VmRSS"); }

// ---- Child processes ------------------------------------------------------------------------------

ChildProcess ChildProcess::start(const std::filesystem::path& exe, const std::vector<std::string>& args,
                                 const std::vector<std::pair<std::string, std::string>>& env) {
    std::vector<std::string> envStrings;
    for (char** e = environ; e && *e; ++e) {
        const std::string entry = *e;
        const std::string name = entry.substr(0, entry.find('='));
        bool replaced = false;
        for (const auto& [k, v] : env) replaced |= k == name;
        if (!replaced) envStrings.push_back(entry);
    }
    for (const auto& [k, v] : env) envStrings.push_back(k + "=" + v);
    std::vector<char*> envp, argv;
    for (auto& e : envStrings) envp.push_back(e.data());
    envp.push_back(nullptr);
    std::string exeStr = exe.string();
    std::vector<std::string> argStrings{exeStr};
    argStrings.insert(argStrings.end(), args.begin(), args.end());
    for (auto& a : argStrings) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = -1;
    const int rc = ::posix_spawn(&pid, exeStr.c_str(), nullptr, nullptr, argv.data(), envp.data());
    if (rc != 0) fail(exe, "cannot start: ", rc);
    ChildProcess c;
    c.id_ = pid;
    return c;
}

ChildProcess::~ChildProcess() = default;

namespace {
int decodeStatus(int status) {
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    return -1;
}
} // namespace

bool ChildProcess::running() {
    if (exited_ || id_ <= 0) return false;
    int status = 0;
    const pid_t r = ::waitpid(static_cast<pid_t>(id_), &status, WNOHANG);
    if (r == 0) return true;
    exited_ = true;
    exitCode_ = r < 0 ? -1 : decodeStatus(status);
    return false;
}

int ChildProcess::wait() {
    if (exited_ || id_ <= 0) return exitCode_;
    int status = 0;
    pid_t r;
    do r = ::waitpid(static_cast<pid_t>(id_), &status, 0);
    while (r < 0 && errno == EINTR);
    exited_ = true;
    exitCode_ = r < 0 ? -1 : decodeStatus(status);
    return exitCode_;
}

void ChildProcess::terminate() {
    if (!exited_ && id_ > 0) ::kill(static_cast<pid_t>(id_), SIGTERM);
}

void ChildProcess::kill() {
    if (!exited_ && id_ > 0) ::kill(static_cast<pid_t>(id_), SIGKILL);
}

// ---- Allocator ------------------------------------------------------------------------------------

std::string allocatorName() {
    if (jemallocCtl()) return "jemalloc";
#if defined(__GLIBC__)
    return "glibc";
#else
    return "system";
#endif
}

void tuneHeapForLargeBuffers() {
    if (jemallocCtl()) return;
#if defined(__GLIBC__)
    // Keep large activation buffers in the heap instead of mmap/munmap per denoising step.
    mallopt(M_MMAP_THRESHOLD, 1 << 30);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
    mallopt(M_TOP_PAD, 256 << 20);
#endif
}

void purgeAllocator() {
    if (auto* ctl = jemallocCtl()) {
        ctl("arena.4096.purge", nullptr, nullptr, nullptr, 0);  // 4096 = MALLCTL_ARENAS_ALL
        return;
    }
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}

} // namespace adv::platform
