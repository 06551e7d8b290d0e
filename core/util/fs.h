// File helpers: atomic writes, the user's data folder, reading whole files.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace adv::fs {

namespace stdfs = std::filesystem;

// Write `data` to `path` atomically: a temporary file in the same folder is
// written, flushed, fsync'ed and renamed over the target. On any failure the
// old file is untouched and a FileError names the path and the reason
// (ENOSPC reads "disk full").
void writeFileAtomic(const stdfs::path& path, std::string_view data);

// Whole file as bytes; FileError when missing or unreadable.
std::string readFile(const stdfs::path& path);

// $XDG_DATA_HOME/advariant (or ~/.local/share/advariant; %LOCALAPPDATA%\advariant on Windows), created on demand.
stdfs::path userDataDir();

// Folder of the running executable (for finding installed resources).
stdfs::path executableDir();

// Locate a shipped resource: ADVARIANT_RESOURCE_DIR, then <exe>/../share/advariant,
// then the source tree's resources/ (build tree). Empty path if none exists.
stdfs::path resourceDir();
// The embedded model shipped under <resources>/models/advariant-tiny; throws Error when it is not installed.
std::string embeddedModelDir();
// The embedded model's demo LoRA (beach / space / city, trained by `advariant-cli demo`), shipped under
// models/advariant-tiny/loras/; "" when it is not installed.
std::string embeddedDemoLora();

// A name for a new file in `dir` that exists nowhere yet: "<stem>.<ext>", else "<stem>-2.<ext>", "-3", ...
// `stem` is made safe first (letters, digits, '-', '_', '.'; no path separators, no leading dot).
stdfs::path uniqueFile(const stdfs::path& dir, const std::string& stem, const std::string& ext);
// `name` reduced to a safe file name component (see uniqueFile); never empty, never "." or "..".
std::string safeFileName(const std::string& name);
// True when `rel` (a path read from a data file: a manifest's image, a COCO file_name) stays inside
// the folder it is relative to: not empty, not absolute, no root or drive, no ".." component.
bool isContainedRelativePath(const std::string& rel);

// Call once at start-up: a file-size limit (RLIMIT_FSIZE, quotas on some systems) would otherwise
// kill the process with SIGXFSZ in the middle of a write; ignored, the write fails with EFBIG and
// the atomic writers report it in one line, keeping the previous file.
void failWritesInsteadOfDying();

} // namespace adv::fs
