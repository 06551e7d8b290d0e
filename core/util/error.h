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

// The text of an nlohmann::json exception in user words, without the library's
// "[json.exception.type_error.302]" prefix or the raw bytes it last read:
// "missing field 'id'", "a field has the wrong type (must be number, is string)",
// "syntax error at line 1, column 5". Any other exception: its first line.
std::string jsonErrorText(const std::exception& e);

// One clear line for an exception that reached the top of a job: library
// messages (nlohmann, OpenCV assertions, std::stoi, allocation failures)
// become plain words; messages the project wrote pass through. First line
// only, printable ASCII/UTF-8, at most 400 bytes.
std::string userMessage(const std::exception& e);

} // namespace adv
