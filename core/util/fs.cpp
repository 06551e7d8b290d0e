#include "util/fs.h"

#include <algorithm>
#include <cctype>

#include "util/error.h"
#include "config_paths.h"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <random>
#include <sstream>
#include <unistd.h>

namespace adv::fs {

namespace {
std::string errnoText(int err) {
    if (err == ENOSPC) return "disk full (no space left on device)";
    if (err == EDQUOT) return "disk quota exceeded";
    if (err == EFBIG) return "file too large for this file system or process limit";
    return std::strerror(err);
}
} // namespace

void writeFileAtomic(const stdfs::path& path, std::string_view data) {
    const stdfs::path dir = path.has_parent_path() ? path.parent_path() : stdfs::path(".");
    std::error_code ec;
    stdfs::create_directories(dir, ec);
    std::random_device rd;
    const stdfs::path tmp = dir / ("." + path.filename().string() + ".tmp" + std::to_string(rd()));
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) throw FileError(path.string(), "cannot create temporary file: " + errnoText(errno));
    size_t written = 0;
    while (written < data.size()) {
        ssize_t n = ::write(fd, data.data() + written, data.size() - written);
        if (n < 0) {
            if (errno == EINTR) continue;
            int err = errno;
            ::close(fd);
            ::unlink(tmp.c_str());
            throw FileError(path.string(), "write failed: " + errnoText(err));
        }
        written += static_cast<size_t>(n);
    }
    if (::fsync(fd) != 0 && errno != EINVAL) {
        int err = errno;
        ::close(fd);
        ::unlink(tmp.c_str());
        throw FileError(path.string(), "fsync failed: " + errnoText(err));
    }
    if (::close(fd) != 0) {
        int err = errno;
        ::unlink(tmp.c_str());
        throw FileError(path.string(), "close failed: " + errnoText(err));
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0) {
        int err = errno;
        ::unlink(tmp.c_str());
        throw FileError(path.string(), "rename failed: " + errnoText(err));
    }
}

std::string readFile(const stdfs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        std::error_code ec;
        if (!stdfs::exists(path, ec)) throw FileError(path.string(), "file not found");
        throw FileError(path.string(), "cannot open for reading");
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

stdfs::path userDataDir() {
    stdfs::path base;
    if (const char* x = std::getenv("XDG_DATA_HOME"); x && *x) base = x;
    else if (const char* h = std::getenv("HOME"); h && *h) base = stdfs::path(h) / ".local" / "share";
    else base = stdfs::temp_directory_path();
    stdfs::path dir = base / "advariant";
    std::error_code ec;
    stdfs::create_directories(dir, ec);
    return dir;
}

stdfs::path executableDir() {
    std::error_code ec;
    auto p = stdfs::read_symlink("/proc/self/exe", ec);
    if (ec) return stdfs::current_path();
    return p.parent_path();
}

stdfs::path resourceDir() {
    std::error_code ec;
    if (const char* env = std::getenv("ADVARIANT_RESOURCE_DIR"); env && *env) {
        if (stdfs::is_directory(env, ec)) return env;
    }
    const stdfs::path installed = executableDir() / ".." / ADV_INSTALL_DATADIR_REL / "advariant";
    if (stdfs::is_directory(installed, ec)) return stdfs::weakly_canonical(installed, ec);
    const stdfs::path source = ADV_SOURCE_RESOURCE_DIR;
    if (stdfs::is_directory(source, ec)) return source;
    return {};
}

std::string embeddedModelDir() {
    std::error_code ec;
    const auto res = resourceDir();
    if (!res.empty()) {
        const auto dir = res / "models" / "advariant-tiny";
        if (stdfs::exists(dir / "model_index.json", ec)) return dir.string();
    }
    throw Error("the embedded model (models/advariant-tiny) is not installed" +
                (res.empty() ? std::string(" and no resource folder was found") : " in " + res.string()) +
                "; choose a model (a diffusers folder or an SD1.x .safetensors file)");
}

std::string embeddedDemoLora() {
    try {
        const stdfs::path f = stdfs::path(embeddedModelDir()) / "loras" / "demo.safetensors";
        std::error_code ec;
        return stdfs::is_regular_file(f, ec) ? f.string() : std::string();
    } catch (const Error&) {
        return {};
    }
}

std::string safeFileName(const std::string& name) {
    std::string s;
    s.reserve(std::min<size_t>(name.size(), 120));
    for (unsigned char c : name) {
        if (s.size() >= 120) break;
        s += (std::isalnum(c) || c == '-' || c == '_' || c == '.') ? static_cast<char>(c) : '-';
    }
    while (!s.empty() && s.front() == '.') s.erase(s.begin());
    return s.empty() ? std::string("x") : s;
}

void failWritesInsteadOfDying() {
#ifdef SIGXFSZ
    std::signal(SIGXFSZ, SIG_IGN);
#endif
}

bool isContainedRelativePath(const std::string& rel) {
    if (rel.empty() || rel.find('\0') != std::string::npos) return false;
    if (rel.front() == '/' || rel.front() == '\\') return false;
    if (rel.size() > 1 && rel[1] == ':') return false;  // C:x on Windows
    const stdfs::path p(rel);
    if (p.is_absolute() || p.has_root_path()) return false;
    for (const auto& part : p) {
        const std::string c = part.string();
        if (c == "..") return false;
        // A Windows separator inside a component ("..\\x") is a path step there.
        if (c.find('\\') != std::string::npos && (c.rfind("..\\", 0) == 0 || c.find("\\..") != std::string::npos)) return false;
    }
    return true;
}

stdfs::path uniqueFile(const stdfs::path& dir, const std::string& stem, const std::string& ext) {
    const std::string base = safeFileName(stem);
    std::error_code ec;
    for (int i = 1; i < 1000000; ++i) {
        const stdfs::path p = dir / (base + (i == 1 ? std::string() : "-" + std::to_string(i)) + "." + ext);
        if (!stdfs::exists(p, ec)) return p;
    }
    throw FileError(dir.string(), "no free file name for " + base);
}

} // namespace adv::fs
