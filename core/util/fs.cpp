#include "util/fs.h"

#include <algorithm>
#include <cctype>

#include "platform/platform.h"
#include "util/error.h"
#include "config_paths.h"

#include <csignal>
#include <cstdlib>
#include <fstream>
#include <random>

namespace adv::fs {

void writeFileAtomic(const stdfs::path& path, std::string_view data) {
    const stdfs::path dir = path.has_parent_path() ? path.parent_path() : stdfs::path(".");
    std::error_code ec;
    stdfs::create_directories(dir, ec);
    std::random_device rd;
    const stdfs::path tmp = dir / ("." + path.filename().string() + ".tmp" + std::to_string(rd()));
    try {
        platform::writeFileFlushed(tmp, data);
    } catch (const FileError& e) {
        // Name the file the user asked for, not the temporary one: "<path>: write failed: disk full".
        const std::string what = e.what();
        const std::string prefix = e.path() + ": ";
        throw FileError(path.string(), what.rfind(prefix, 0) == 0 ? what.substr(prefix.size()) : what);
    }
    try {
        platform::replaceFile(tmp, path);
    } catch (...) {
        platform::removeFileQuietly(tmp);
        throw;
    }
}

std::string readFile(const stdfs::path& path) {
    std::error_code ec;
    if (stdfs::is_directory(path, ec)) throw FileError(path.string(), "is a folder, not a file");
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        if (!stdfs::exists(path, ec)) throw FileError(path.string(), "file not found");
        throw FileError(path.string(), "cannot open for reading");
    }
    // One allocation and one read for a regular file (a 190 MB COCO file was copied three times through a
    // stringstream). The spare capacity lets a SIMD JSON parser read past the end without another copy
    // (simdjson's SIMDJSON_PADDING is 64). Files whose size is unknown up front (pipes, /proc) are read
    // in blocks.
    constexpr size_t kSpare = 64;
    std::string data;
    const auto size = stdfs::file_size(path, ec);
    if (!ec && size > 0) data.reserve(static_cast<size_t>(size) + kSpare);
    char block[1 << 16];
    if (!ec && size > 0) {
        data.resize(static_cast<size_t>(size));
        in.read(data.data(), static_cast<std::streamsize>(size));
        data.resize(static_cast<size_t>(in.gcount()));
        if (in.gcount() < static_cast<std::streamsize>(size) && !in.eof())
            throw FileError(path.string(), "read failed after " + std::to_string(in.gcount()) + " bytes");
        if (!in.good()) return data;  // shorter than stated (truncated meanwhile): what is there
    }
    while (in.read(block, sizeof block) || in.gcount() > 0) data.append(block, static_cast<size_t>(in.gcount()));
    if (in.bad()) throw FileError(path.string(), "read failed after " + std::to_string(data.size()) + " bytes");
    return data;
}

stdfs::path userDataDir() {
    stdfs::path dir = platform::userDataBase() / "advariant";
    std::error_code ec;
    stdfs::create_directories(dir, ec);
    return dir;
}

stdfs::path executableDir() {
    const stdfs::path p = platform::executablePath();
    if (p.empty()) return stdfs::current_path();
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
