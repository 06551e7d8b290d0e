// The platform layer on Windows: Win32 wide-character calls, paths converted from UTF-8 at the boundary.
// Built by MSVC (packaging/windows) and, on the Linux CI, by mingw-w64 (tests/core/test_platform.cpp).
#include "platform/platform.h"

#include "util/error.h"

#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#ifndef NOMINMAX
#define NOMINMAX
#endif
#include <windows.h>
#include <io.h>
#include <psapi.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace adv::platform {

namespace {
thread_local DWORD g_lastError = 0;

std::string systemMessage(DWORD code) {
    wchar_t* buf = nullptr;
    const DWORD n = FormatMessageW(FORMAT_MESSAGE_ALLOCATE_BUFFER | FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS,
                                   nullptr, code, 0, reinterpret_cast<LPWSTR>(&buf), 0, nullptr);
    std::string text;
    if (n && buf) {
        std::wstring w(buf, n);
        while (!w.empty() && (w.back() == L'\r' || w.back() == L'\n' || w.back() == L'.' || w.back() == L' ')) w.pop_back();
        try {
            text = utf16ToUtf8(std::u16string(w.begin(), w.end()));
        } catch (const Error&) {
            text.clear();
        }
    }
    if (buf) LocalFree(buf);
    return text.empty() ? "system error " + std::to_string(code) : text;
}

std::string errorText(DWORD code) {
    switch (code) {
    case ERROR_FILE_NOT_FOUND:
    case ERROR_PATH_NOT_FOUND: return "file not found";
    case ERROR_ACCESS_DENIED: return "permission denied";
    case ERROR_SHARING_VIOLATION:
    case ERROR_LOCK_VIOLATION: return "the file is in use by another program";
    case ERROR_DISK_FULL:
    case ERROR_HANDLE_DISK_FULL: return "disk full (no space left on device)";
    case ERROR_WRITE_PROTECT: return "read-only medium";
    case ERROR_FILENAME_EXCED_RANGE: return "file name too long";
    case ERROR_NOT_SAME_DEVICE: return "source and target are on different drives";
    default: return systemMessage(code);
    }
}

[[noreturn]] void fail(const std::filesystem::path& path, const std::string& what, DWORD code) {
    g_lastError = code;
    throw FileError(pathToUtf8(path), what + errorText(code));
}

// RAII for HANDLEs (INVALID_HANDLE_VALUE and nullptr both mean "none").
struct Handle {
    HANDLE h = INVALID_HANDLE_VALUE;
    explicit Handle(HANDLE v) : h(v) {}
    ~Handle() {
        if (h && h != INVALID_HANDLE_VALUE) CloseHandle(h);
    }
    Handle(const Handle&) = delete;
    Handle& operator=(const Handle&) = delete;
    bool ok() const { return h && h != INVALID_HANDLE_VALUE; }
};

using Mallctl = int (*)(const char*, void*, size_t*, void*, size_t);
Mallctl jemallocCtl() {
    // A jemalloc DLL next to the executable (vcpkg's "jemalloc" port) exports je_mallctl or mallctl.
    for (const wchar_t* dll : {L"jemalloc.dll", L"libjemalloc.dll"}) {
        if (HMODULE m = GetModuleHandleW(dll)) {
            for (const char* sym : {"je_mallctl", "mallctl"})
                if (FARPROC p = GetProcAddress(m, sym)) return reinterpret_cast<Mallctl>(reinterpret_cast<void*>(p));
        }
    }
    return nullptr;
}
} // namespace

// ---- Files ----------------------------------------------------------------------------------------

MappedFile::MappedFile(const std::filesystem::path& path) {
    Handle file(CreateFileW(path.c_str(), GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_DELETE, nullptr, OPEN_EXISTING,
                            FILE_ATTRIBUTE_NORMAL | FILE_FLAG_SEQUENTIAL_SCAN, nullptr));
    if (!file.ok()) {
        const DWORD e = GetLastError();
        const DWORD attrs = GetFileAttributesW(path.c_str());
        if (attrs != INVALID_FILE_ATTRIBUTES && (attrs & FILE_ATTRIBUTE_DIRECTORY))
            throw FileError(pathToUtf8(path), "not a regular file");
        fail(path, e == ERROR_FILE_NOT_FOUND || e == ERROR_PATH_NOT_FOUND ? "" : "cannot open: ", e);
    }
    if (GetFileType(file.h) != FILE_TYPE_DISK) throw FileError(pathToUtf8(path), "not a regular file");
    LARGE_INTEGER size{};
    if (!GetFileSizeEx(file.h, &size)) fail(path, "cannot read the size: ", GetLastError());
    if (static_cast<unsigned long long>(size.QuadPart) > static_cast<unsigned long long>(SIZE_MAX))
        throw FileError(pathToUtf8(path), "file too large to map into memory");
    if (size.QuadPart == 0) return;
    // PAGE_WRITECOPY + FILE_MAP_COPY: copy-on-write pages, as MAP_PRIVATE on POSIX.
    Handle mapping(CreateFileMappingW(file.h, nullptr, PAGE_WRITECOPY, 0, 0, nullptr));
    if (!mapping.ok()) fail(path, "cannot map into memory: ", GetLastError());
    void* p = MapViewOfFile(mapping.h, FILE_MAP_COPY, 0, 0, 0);
    if (!p) fail(path, "cannot map into memory: ", GetLastError());
    data_ = p;
    size_ = static_cast<size_t>(size.QuadPart);
}

void MappedFile::release() noexcept {
    if (data_) UnmapViewOfFile(data_);
    data_ = nullptr;
    size_ = 0;
}

void writeFileFlushed(const std::filesystem::path& path, std::string_view data) {
    Handle file(CreateFileW(path.c_str(), GENERIC_WRITE, 0, nullptr, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, nullptr));
    if (!file.ok()) fail(path, "cannot create: ", GetLastError());
    size_t written = 0;
    while (written < data.size()) {
        const DWORD chunk = static_cast<DWORD>(std::min<size_t>(data.size() - written, 1u << 30));
        DWORD n = 0;
        if (!WriteFile(file.h, data.data() + written, chunk, &n, nullptr) || n == 0) {
            const DWORD e = GetLastError();
            CloseHandle(file.h);
            file.h = INVALID_HANDLE_VALUE;
            DeleteFileW(path.c_str());
            fail(path, "write failed: ", e);
        }
        written += n;
    }
    if (!FlushFileBuffers(file.h)) {
        const DWORD e = GetLastError();
        CloseHandle(file.h);
        file.h = INVALID_HANDLE_VALUE;
        DeleteFileW(path.c_str());
        fail(path, "flush to disk failed: ", e);
    }
}

namespace {
// Old files moved aside by replaceFile while they were mapped: deleted once nothing maps them any more.
void removeStaleAsides(const std::filesystem::path& target) noexcept {
    std::error_code ec;
    const std::wstring prefix = target.filename().native() + L".replaced-";
    const std::filesystem::path dir = target.has_parent_path() ? target.parent_path() : std::filesystem::path(L".");
    for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const std::wstring name = it->path().filename().native();
        if (name.compare(0, prefix.size(), prefix) == 0) DeleteFileW(it->path().c_str());
    }
}
} // namespace

void replaceFile(const std::filesystem::path& source, const std::filesystem::path& target) {
    // MOVEFILE_WRITE_THROUGH: returns only once the move is on disk. Windows refuses to replace a file that
    // is open without FILE_SHARE_DELETE (virus scanners, the search indexer: retry briefly) or that has a
    // mapped view (a model or LoRA this process is reading: retrying never helps).
    DWORD e = 0;
    for (int attempt = 0; attempt < 5; ++attempt) {
        if (MoveFileExW(source.c_str(), target.c_str(), MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH)) {
            removeStaleAsides(target);
            return;
        }
        e = GetLastError();
        if (e != ERROR_ACCESS_DENIED && e != ERROR_SHARING_VIOLATION) fail(target, "cannot replace: ", e);
        Sleep(20);
    }
    // A mapped or open file can still be renamed: move it aside, move the new one in, then delete the old
    // one (or, while it is still mapped, leave it hidden and have Windows delete it at the next restart).
    // Between the two renames the name is briefly absent; a failure of the second rename moves it back.
    std::filesystem::path aside = target;
    aside += L".replaced-" + std::to_wstring(GetCurrentProcessId()) + L"-" + std::to_wstring(GetTickCount64());
    if (!MoveFileExW(target.c_str(), aside.c_str(), MOVEFILE_WRITE_THROUGH)) fail(target, "cannot replace: ", e);
    if (!MoveFileExW(source.c_str(), target.c_str(), MOVEFILE_WRITE_THROUGH)) {
        const DWORD e2 = GetLastError();
        MoveFileExW(aside.c_str(), target.c_str(), MOVEFILE_WRITE_THROUGH);
        fail(target, "cannot replace: ", e2);
    }
    if (!DeleteFileW(aside.c_str())) {
        SetFileAttributesW(aside.c_str(), FILE_ATTRIBUTE_HIDDEN);
        MoveFileExW(aside.c_str(), nullptr, MOVEFILE_DELAY_UNTIL_REBOOT);  // needs admin rights; best effort
    }
}

void removeFileQuietly(const std::filesystem::path& path) noexcept { DeleteFileW(path.c_str()); }

std::string lastErrorText() { return errorText(g_lastError ? g_lastError : GetLastError()); }

// ---- Process --------------------------------------------------------------------------------------

std::filesystem::path executablePath() {
    std::wstring buf(MAX_PATH, L'\0');
    for (;;) {
        const DWORD n = GetModuleFileNameW(nullptr, buf.data(), static_cast<DWORD>(buf.size()));
        if (n == 0) return {};
        if (n < buf.size()) {
            buf.resize(n);
            return std::filesystem::path(buf);
        }
        if (buf.size() >= 32768) return {};
        buf.resize(buf.size() * 2);
    }
}

std::filesystem::path userDataBase() {
    if (const wchar_t* l = _wgetenv(L"LOCALAPPDATA"); l && *l) return std::filesystem::path(l);
    std::error_code ec;
    return std::filesystem::temp_directory_path(ec);
}

bool isTerminal(int stdStream) { return _isatty(stdStream == 1 ? 1 : 2) != 0; }

uint64_t peakResidentBytes() {
    PROCESS_MEMORY_COUNTERS pmc{};
    pmc.cb = sizeof pmc;
    if (!GetProcessMemoryInfo(GetCurrentProcess(), &pmc, sizeof pmc)) return 0;
    return static_cast<uint64_t>(pmc.PeakWorkingSetSize);
}

uint64_t residentBytes() {
    PROCESS_MEMORY_COUNTERS pmc{};
    pmc.cb = sizeof pmc;
    if (!GetProcessMemoryInfo(GetCurrentProcess(), &pmc, sizeof pmc)) return 0;
    return static_cast<uint64_t>(pmc.WorkingSetSize);
}

// ---- Child processes ------------------------------------------------------------------------------

namespace {
// One argument quoted the way CommandLineToArgvW and the MSVC runtime split a command line.
void appendQuoted(std::wstring& cmd, const std::wstring& arg) {
    if (!arg.empty() && arg.find_first_of(L" \t\n\v\"") == std::wstring::npos) {
        cmd += arg;
        return;
    }
    cmd += L'"';
    for (size_t i = 0;; ++i) {
        size_t backslashes = 0;
        while (i < arg.size() && arg[i] == L'\\') ++i, ++backslashes;
        if (i == arg.size()) {
            cmd.append(backslashes * 2, L'\\');
            break;
        }
        if (arg[i] == L'"') cmd.append(backslashes * 2 + 1, L'\\');
        else cmd.append(backslashes, L'\\');
        cmd += arg[i];
    }
    cmd += L'"';
}
std::wstring wide(const std::string& s) {
    const std::u16string w = utf8ToUtf16(s);
    return std::wstring(w.begin(), w.end());
}
} // namespace

ChildProcess ChildProcess::start(const std::filesystem::path& exe, const std::vector<std::string>& args,
                                 const std::vector<std::pair<std::string, std::string>>& env) {
    std::wstring cmd;
    appendQuoted(cmd, exe.native());
    for (const auto& a : args) {
        cmd += L' ';
        appendQuoted(cmd, wide(a));
    }
    // The environment block: this process's variables with `env` replacing or adding, "NAME=value\0...\0".
    std::wstring block;
    if (wchar_t* cur = GetEnvironmentStringsW()) {
        for (const wchar_t* e = cur; *e; e += wcslen(e) + 1) {
            const std::wstring entry = e;
            const std::wstring name = entry.substr(0, entry.find(L'=', 1));
            bool replaced = false;
            for (const auto& kv : env) replaced |= _wcsicmp(wide(kv.first).c_str(), name.c_str()) == 0;
            if (!replaced) block += entry + L'\0';
        }
        FreeEnvironmentStringsW(cur);
    }
    for (const auto& kv : env) block += wide(kv.first) + L'=' + wide(kv.second) + L'\0';
    block += L'\0';
    STARTUPINFOW si{};
    si.cb = sizeof si;
    PROCESS_INFORMATION pi{};
    if (!CreateProcessW(exe.c_str(), cmd.data(), nullptr, nullptr, TRUE, CREATE_UNICODE_ENVIRONMENT, block.data(),
                        nullptr, &si, &pi))
        fail(exe, "cannot start: ", GetLastError());
    CloseHandle(pi.hThread);
    ChildProcess c;
    c.id_ = static_cast<long long>(pi.dwProcessId);
    c.handle_ = pi.hProcess;
    return c;
}

ChildProcess::~ChildProcess() {
    if (handle_) CloseHandle(static_cast<HANDLE>(handle_));
}

bool ChildProcess::running() {
    if (exited_ || !handle_) return false;
    if (WaitForSingleObject(static_cast<HANDLE>(handle_), 0) == WAIT_TIMEOUT) return true;
    DWORD code = 0;
    GetExitCodeProcess(static_cast<HANDLE>(handle_), &code);
    exited_ = true;
    exitCode_ = static_cast<int>(code);
    return false;
}

int ChildProcess::wait() {
    if (exited_ || !handle_) return exitCode_;
    WaitForSingleObject(static_cast<HANDLE>(handle_), INFINITE);
    running();
    return exitCode_;
}

void ChildProcess::terminate() {
    if (!exited_ && handle_) TerminateProcess(static_cast<HANDLE>(handle_), 143);  // as SIGTERM's 128 + 15
}

void ChildProcess::kill() {
    if (!exited_ && handle_) TerminateProcess(static_cast<HANDLE>(handle_), 137);  // as SIGKILL's 128 + 9
}

// ---- Allocator ------------------------------------------------------------------------------------

std::string allocatorName() { return jemallocCtl() ? "jemalloc" : "windows"; }

void tuneHeapForLargeBuffers() {
    // The Windows heap (segment heap / LFH) keeps large blocks without a tuning knob like mallopt.
}

void purgeAllocator() {
    if (auto* ctl = jemallocCtl()) {
        ctl("arena.4096.purge", nullptr, nullptr, nullptr, 0);
        return;
    }
    HeapCompact(GetProcessHeap(), 0);
}

} // namespace adv::platform
