// The platform layer (core/platform): memory maps, durable atomic replace, UTF-8 <-> UTF-16 paths, the
// allocator and CPU features. Plain C++17 with its own small checker instead of Qt Test, so that the same
// file is also built by the mingw-w64 cross compiler against platform_win32.cpp (CTest: platform_mingw).
// Run natively it exercises the POSIX implementation.
#include "platform/platform.h"
#include "util/error.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <cwchar>
#include <thread>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <string>
#include <vector>

namespace {

int g_failed = 0;
int g_checks = 0;

#define CHECK(cond)                                                                   \
    do {                                                                              \
        ++g_checks;                                                                   \
        if (!(cond)) {                                                                \
            ++g_failed;                                                               \
            std::fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);     \
        }                                                                             \
    } while (0)

// `f` must throw an adv::Error whose text contains `needle`.
bool throwsWith(const std::function<void()>& f, const std::string& needle) {
    try {
        f();
    } catch (const adv::Error& e) {
        if (std::string(e.what()).find(needle) != std::string::npos) return true;
        std::fprintf(stderr, "  message was: %s (expected to contain '%s')\n", e.what(), needle.c_str());
        return false;
    }
    std::fprintf(stderr, "  no exception (expected one containing '%s')\n", needle.c_str());
    return false;
}

std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

namespace fs = std::filesystem;
using adv::platform::pathFromUtf8;
using adv::platform::pathToUtf8;

void testUtf() {
    using adv::platform::utf16ToUtf8;
    using adv::platform::utf8ToUtf16;
    // ASCII, 2-, 3- and 4-byte sequences; the 4-byte one becomes a surrogate pair.
    const std::string s = "dress \xC3\xA9t\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x91\x97";  // "dress été € 👗"
    const std::u16string w = utf8ToUtf16(s);
    CHECK(w.size() == 14);
    CHECK(w[6] == 0x00E9 && w[10] == 0x20AC);
    CHECK(w[12] == 0xD83D && w[13] == 0xDC57);  // U+1F457 DRESS
    CHECK(utf16ToUtf8(w) == s);
    CHECK(utf8ToUtf16("").empty() && utf16ToUtf8(u"").empty());
    // Every malformed form refused, with the byte offset.
    CHECK(throwsWith([] { utf8ToUtf16("ab\x80"); }, "at byte 2 (continuation byte without a lead byte)"));
    CHECK(throwsWith([] { utf8ToUtf16("\xC0\xAF"); }, "overlong"));             // overlong '/'
    CHECK(throwsWith([] { utf8ToUtf16("\xE0\x80\xAF"); }, "overlong"));
    CHECK(throwsWith([] { utf8ToUtf16("\xED\xA0\x80"); }, "encoded surrogate"));  // U+D800 as UTF-8
    CHECK(throwsWith([] { utf8ToUtf16("\xF4\x90\x80\x80"); }, "above U+10FFFF"));
    CHECK(throwsWith([] { utf8ToUtf16("x\xE2\x82"); }, "at byte 1 (sequence cut short)"));
    CHECK(throwsWith([] { utf8ToUtf16("\xE2\x28\xA1"); }, "sequence cut short"));
    CHECK(throwsWith([] { utf8ToUtf16("\xFF"); }, "invalid lead byte"));
    CHECK(throwsWith([] { utf16ToUtf8(std::u16string(1, char16_t(0xD800))); }, "unpaired high surrogate"));
    CHECK(throwsWith([] { utf16ToUtf8(std::u16string(1, char16_t(0xDC00))); }, "unpaired low surrogate"));
    // Paths round-trip through UTF-8 (on Windows through the wide-character path).
    const std::string name = "Kollektion \xC3\xA9t\xC3\xA9 \xF0\x9F\x91\x97.json";
    CHECK(pathToUtf8(pathFromUtf8(name)) == name);
}

void testWriteAndReplace(const fs::path& dir) {
    using namespace adv::platform;
    const fs::path target = dir / pathFromUtf8("r\xC3\xA9sum\xC3\xA9.json");
    writeFileFlushed(target, "old");
    CHECK(slurp(target) == "old");
    const fs::path tmp = dir / ".r.tmp";
    writeFileFlushed(tmp, std::string(100000, 'n'));
    replaceFile(tmp, target);
    CHECK(slurp(target) == std::string(100000, 'n'));
    CHECK(!fs::exists(tmp));
    // Replacing over a file that is mapped (a model being read while a new one is saved).
    {
        MappedFile m(target);
        writeFileFlushed(tmp, "new");
        replaceFile(tmp, target);
        CHECK(m.size() == 100000 && m.data()[0] == 'n');  // the old pages stay valid
    }
    CHECK(slurp(target) == "new");
    // Windows moves a mapped target aside; the next replace, once it is unmapped, removes it.
    writeFileFlushed(tmp, "newer");
    replaceFile(tmp, target);
    CHECK(slurp(target) == "newer");
    int leftovers = 0;
    for (const auto& e : fs::directory_iterator(dir)) leftovers += e.path().filename().string().find(".replaced-") != std::string::npos;
    CHECK(leftovers == 0);
    // Failures name the path and the reason in words; nothing is left behind.
    CHECK(throwsWith([&] { writeFileFlushed(dir / "no-such-folder" / "x.json", "x"); }, "x.json: cannot create"));
    CHECK(throwsWith([&] { replaceFile(dir / "missing.tmp", target); }, "cannot replace"));
    CHECK(slurp(target) == "newer");
    removeFileQuietly(dir / "missing.tmp");  // no error
    removeFileQuietly(target);
    CHECK(!fs::exists(target));
}

void testMappedFile(const fs::path& dir) {
    using namespace adv::platform;
    const fs::path p = dir / pathFromUtf8("m\xC3\xB6" "del.safetensors");
    std::string bytes(1 << 16, '\0');
    for (size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<char>(i * 7 + 3);
    writeFileFlushed(p, bytes);
    {
        MappedFile m(p);
        CHECK(m.size() == bytes.size());
        CHECK(std::memcmp(m.data(), bytes.data(), bytes.size()) == 0);
        // Copy-on-write: writing the pages changes memory, never the file.
        m.mutableData()[0] = 0x55;
        m.mutableData()[bytes.size() - 1] = 0x66;
        CHECK(m.data()[0] == 0x55);
        MappedFile moved(std::move(m));
        CHECK(m.size() == 0 && m.data() == nullptr);
        CHECK(moved.size() == bytes.size() && moved.data()[bytes.size() - 1] == 0x66);
        MappedFile assigned;
        assigned = std::move(moved);
        CHECK(assigned.size() == bytes.size());
    }
    CHECK(slurp(p) == bytes);
    // An empty file maps to nothing; missing files and folders are refused in words.
    writeFileFlushed(dir / "empty.bin", "");
    MappedFile empty(dir / "empty.bin");
    CHECK(empty.size() == 0 && empty.data() == nullptr);
    CHECK(throwsWith([&] { MappedFile m(dir / "absent.safetensors"); }, "absent.safetensors: file not found"));
    CHECK(throwsWith([&] { MappedFile m(dir); }, "not a regular file"));
}

void testProcess(const char* argv0) {
    using namespace adv::platform;
    const fs::path exe = executablePath();
    CHECK(!exe.empty() && fs::exists(exe));
    CHECK(exe.stem() == fs::path(argv0).stem());
    // Touch 64 MiB: the peak resident size must see it.
    std::vector<char> big(64u << 20);
    for (size_t i = 0; i < big.size(); i += 4096) big[i] = static_cast<char>(i);
    CHECK(peakResidentBytes() >= (64u << 20));
    big.clear();
    big.shrink_to_fit();
    tuneHeapForLargeBuffers();
    purgeAllocator();
    const std::string a = allocatorName();
    CHECK(a == "jemalloc" || a == "glibc" || a == "windows" || a == "system");
    (void)isTerminal(1);
    (void)isTerminal(2);
}

void testChildProcess() {
    using namespace adv::platform;
    const fs::path self = executablePath();
    // Arguments with spaces, quotes and backslashes arrive intact; the extra variable is set; the exit code returns.
    const std::string tricky = "a b \"quoted\" back\\slash\\";
    auto c = ChildProcess::start(self, {"--child-exit", "7", tricky}, {{"ADV_CHILD_VAR", "v\xC3\xA4lue"}});
    CHECK(c.id() > 0);
    const int got = c.wait();
    if (got != 7) std::fprintf(stderr, "  child exit code %d (3: variable wrong, 4: argument wrong)\n", got);
    CHECK(got == 7);
    CHECK(!c.running() && c.exitCode() == 7);
    // A child told to stop stops.
    auto sleeper = ChildProcess::start(self, {"--child-sleep"}, {});
    CHECK(sleeper.running());
    sleeper.terminate();
    const int code = sleeper.wait();
    CHECK(code != 0);
    CHECK(!sleeper.running());
    // A program that does not exist is refused in words.
    CHECK(throwsWith([&] { ChildProcess::start(self.parent_path() / "no-such-program", {}, {}); }, "cannot start"));
}

void testCpu() {
    const auto& f = adv::platform::cpuFeatures();
    CHECK(&f == &adv::platform::cpuFeatures());  // detected once
    CHECK(!f.avx512bf16 || f.avx512);             // BF16 instructions come with AVX-512
    CHECK(!f.avx512 || f.avx2);
#if (defined(__GNUC__) || defined(__clang__)) && defined(__x86_64__)
    // The compiler's own detection (CPUID + XGETBV in libgcc) must agree.
    __builtin_cpu_init();
    CHECK(f.avx2 == static_cast<bool>(__builtin_cpu_supports("avx2")));
    CHECK(f.avx512 == (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
                       __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl")));
#endif
    std::printf("cpu: avx2=%d fma=%d avx512=%d avx512bf16=%d; allocator: %s\n", f.avx2, f.fma, f.avx512,
                f.avx512bf16, adv::platform::allocatorName().c_str());
}

} // namespace

int main(int argc, char** argv) {
    // Child modes for testChildProcess.
    if (argc >= 4 && std::string(argv[1]) == "--child-exit") {
#ifdef _WIN32  // the narrow getenv is in the ANSI code page there
        const wchar_t* w = _wgetenv(L"ADV_CHILD_VAR");
        const std::string v = w ? adv::platform::utf16ToUtf8(std::u16string(w, w + wcslen(w))) : std::string();
#else
        const char* e = std::getenv("ADV_CHILD_VAR");
        const std::string v = e ? e : "";
#endif
        if (v != "v\xC3\xA4lue") return 3;
        if (std::string(argv[3]) != "a b \"quoted\" back\\slash\\") return 4;
        return std::atoi(argv[2]);
    }
    if (argc >= 2 && std::string(argv[1]) == "--child-sleep") {
        std::this_thread::sleep_for(std::chrono::seconds(60));
        return 0;
    }
    const fs::path dir = fs::temp_directory_path() / ("adv-platform-test-" + std::to_string(std::hash<std::string>{}(
                                                          pathToUtf8(adv::platform::executablePath())) % 100000));
    std::error_code ec;
    fs::remove_all(dir, ec);
    fs::create_directories(dir);
    try {
        testUtf();
        testWriteAndReplace(dir);
        testMappedFile(dir);
        testProcess(argv[0]);
        testChildProcess();
        testCpu();
    } catch (const std::exception& e) {
        std::fprintf(stderr, "FAIL: unexpected exception: %s\n", e.what());
        ++g_failed;
    }
    fs::remove_all(dir, ec);
    std::printf("%d checks, %d failed\n", g_checks, g_failed);
    return g_failed == 0 ? 0 : 1;
}
