#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>

namespace centrecov {

// A problem in the input that the user can fix. It names the file, where in it
// (a line, a column or a feature) and what is wrong, so the message alone is
// enough to find and mend the fault.
class InputError : public std::runtime_error {
public:
    InputError(std::string file, std::string where, std::string problem);

    const std::string& file() const noexcept { return file_; }
    const std::string& where() const noexcept { return where_; }
    const std::string& problem() const noexcept { return problem_; }

private:
    std::string file_;
    std::string where_;
    std::string problem_;
};

// Every reader's first step: InputError "file not found", or "is not a regular file (a FIFO)" for a
// directory, FIFO, device or socket. Asked of the file system (stat) before the file is opened, as
// opening a FIFO waits for a writer and reading /dev/zero never ends.
void require_regular_file(const std::filesystem::path& path);

// "line 12" as printed in messages; line numbers count the header as line 1.
std::string line_ref(std::size_t line);

// A request the program cannot carry out as asked (bad option, missing data directory).
class UsageError : public std::runtime_error {
public:
    explicit UsageError(const std::string& message);  // control characters shown escaped
};

}  // namespace centrecov
