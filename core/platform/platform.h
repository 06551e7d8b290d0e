// The platform layer: the only part of core/ that talks to the operating system directly.
//
// Two implementations behind this one header: platform_posix.cpp (Linux, macOS, BSD) and
// platform_win32.cpp (Windows: Win32 wide-character calls, UTF-8 <-> UTF-16 at the boundary).
// No other file in core/ includes a platform header (unistd.h, sys/mman.h, fcntl.h, dlfcn.h,
// malloc.h, windows.h, io.h, cpuid.h, intrin.h); tests/arch/layering.cmake checks it.
//
// Everything here is plain C++17 (no LibTorch, no Qt, no OpenCV) so that the layer and its unit test
// (tests/core/test_platform.cpp) also compile with a cross compiler (mingw-w64) on the Linux CI.
// Failures throw adv::FileError ("<path>: <reason>") with the reason in words: "file not found",
// "disk full (no space left on device)", "permission denied".
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace adv::platform {

// ---- Text and paths -------------------------------------------------------------------------------
// Strict UTF-8 <-> UTF-16 (no overlong forms, no encoded surrogates, nothing above U+10FFFF, no unpaired
// surrogates); adv::Error naming the byte offset otherwise. Windows' wide-character API takes UTF-16.
std::u16string utf8ToUtf16(std::string_view utf8);
std::string utf16ToUtf8(std::u16string_view utf16);
// A path from UTF-8 text and back. Core keeps paths as UTF-8 std::string; on Windows a plain
// std::filesystem::path(std::string) would read the bytes in the ANSI code page instead.
std::filesystem::path pathFromUtf8(std::string_view utf8);
std::string pathToUtf8(const std::filesystem::path& path);

// ---- Files ----------------------------------------------------------------------------------------
// A whole regular file mapped into memory, copy-on-write: the pages can be written in memory (a tensor
// built on them may be modified in place) and the file never changes. Move-only; unmapped on destruction.
// An empty file maps to size() == 0 and data() == nullptr.
class MappedFile {
public:
    MappedFile() = default;
    // FileError: "file not found", "not a regular file", "permission denied", "cannot map: ...".
    explicit MappedFile(const std::filesystem::path& path);
    ~MappedFile();
    MappedFile(MappedFile&& other) noexcept;
    MappedFile& operator=(MappedFile&& other) noexcept;
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;

    const unsigned char* data() const { return static_cast<const unsigned char*>(data_); }
    unsigned char* mutableData() { return static_cast<unsigned char*>(data_); }
    size_t size() const { return size_; }

private:
    void release() noexcept;
    void* data_ = nullptr;
    size_t size_ = 0;
};

// Create (or truncate) `path`, write `data` and flush it to stable storage (fsync / FlushFileBuffers)
// before returning. On failure the partial file is removed and FileError names `path`.
void writeFileFlushed(const std::filesystem::path& path, std::string_view data);
// Replace `target` by `source` (both in the same folder) in one atomic step and make the rename durable:
// rename(2) + fsync of the folder on POSIX, MoveFileExW(MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH)
// on Windows. Readers see the old file or the new one, never a mixture. FileError names `target`.
void replaceFile(const std::filesystem::path& source, const std::filesystem::path& target);
// Remove a file, ignoring every error (clean-up after a failure that is already being reported).
void removeFileQuietly(const std::filesystem::path& path) noexcept;
// The OS's words for the last error code of a file call, as used in the messages above.
std::string lastErrorText();

// ---- Process --------------------------------------------------------------------------------------
// The running executable (/proc/self/exe, _NSGetExecutablePath, GetModuleFileNameW); empty if unknown.
std::filesystem::path executablePath();
// The per-user folder for application data: $XDG_DATA_HOME or ~/.local/share on POSIX, %LOCALAPPDATA%
// on Windows; the temporary folder when none is set.
std::filesystem::path userDataBase();
// True when the standard stream (1 = stdout, 2 = stderr) is an interactive terminal.
bool isTerminal(int stdStream);
// Peak resident memory of this process so far in bytes (VmHWM / PeakWorkingSetSize); 0 if unknown.
uint64_t peakResidentBytes();
// Resident memory of this process now in bytes (VmRSS / WorkingSetSize); 0 if unknown.
uint64_t residentBytes();

// A child process (the local launcher of data-parallel training starts its ranks with it). Move-only;
// destroying the object neither waits for nor stops the child.
class ChildProcess {
public:
    ChildProcess() = default;
    // Starts `exe` with `args` (without argv[0]) and this process's environment plus `env` (NAME, value;
    // an existing NAME is replaced). The child shares stdin, stdout and stderr. FileError when it cannot start.
    static ChildProcess start(const std::filesystem::path& exe, const std::vector<std::string>& args,
                              const std::vector<std::pair<std::string, std::string>>& env);
    ~ChildProcess();
    ChildProcess(ChildProcess&& other) noexcept;
    ChildProcess& operator=(ChildProcess&& other) noexcept;
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    bool running();           // polls; false once the child has exited (then exitCode() is valid)
    int wait();               // blocks until it exits; its exit code
    int exitCode() const { return exitCode_; }  // 128 + signal number when a signal ended it (POSIX)
    void terminate();         // asks it to stop (SIGTERM; TerminateProcess on Windows)
    void kill();              // stops it now (SIGKILL; TerminateProcess)
    long long id() const { return id_; }

private:
    long long id_ = -1;       // pid, or the process id on Windows
    void* handle_ = nullptr;  // Windows: the process HANDLE
    bool exited_ = false;
    int exitCode_ = -1;
};

// ---- Allocator ------------------------------------------------------------------------------------
// "jemalloc" when the executable links it, else the system allocator's name ("glibc", "windows", "system").
std::string allocatorName();
// glibc only: keep large activation buffers in the heap rather than mmap/munmap per step. No-op elsewhere.
void tuneHeapForLargeBuffers();
// Hand the allocator's cached free pages back to the system (jemalloc purge, malloc_trim, HeapCompact).
void purgeAllocator();

// ---- CPU ------------------------------------------------------------------------------------------
// x86-64 instruction sets the kernels pick at run time, each true only when the CPU has it AND the OS
// saves its register state (XGETBV). All false on other architectures.
struct CpuFeatures {
    bool avx2 = false;
    bool fma = false;
    bool avx512 = false;      // AVX-512 F + BW + DQ + VL (x86-64-v4)
    bool avx512bf16 = false;  // AVX512_BF16 (Cooper Lake, Sapphire Rapids, Zen 4)
};
const CpuFeatures& cpuFeatures();

} // namespace adv::platform
