// Errors that name the file and the problem.
#pragma once

#include <stdexcept>
#include <string>

namespace adv {

class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// "<path>: <what>" — the one format every user-visible I/O error uses.
class FileError : public Error {
public:
    FileError(const std::string& path, const std::string& what)
        : Error(path + ": " + what), path_(path) {}
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

} // namespace adv
