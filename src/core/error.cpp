#include "core/error.hpp"

#include "core/text.hpp"

namespace centrecov {

namespace {
std::string compose(const std::string& file, const std::string& where, const std::string& problem) {
    std::string message = file;
    if (!where.empty()) {
        message += ", " + where;
    }
    message += ": " + problem;
    // A control character from the input (a NUL cuts a C string) is shown, not obeyed.
    return text::printable(message);
}
}  // namespace

InputError::InputError(std::string file, std::string where, std::string problem)
    : std::runtime_error(compose(file, where, problem)),
      file_(std::move(file)),
      where_(std::move(where)),
      problem_(std::move(problem)) {}

UsageError::UsageError(const std::string& message) : std::runtime_error(text::printable(message)) {}

void require_regular_file(const std::filesystem::path& path) {
    std::error_code error;
    const auto status = std::filesystem::status(path, error);
    if (status.type() == std::filesystem::file_type::not_found) {
        throw InputError(path.string(), "", "file not found");
    }
    if (error) {
        throw InputError(path.string(), "", "cannot be read: " + error.message());
    }
    if (status.type() == std::filesystem::file_type::regular) {
        return;
    }
    const char* what = "not a file";
    switch (status.type()) {
        case std::filesystem::file_type::directory: what = "a directory"; break;
        case std::filesystem::file_type::fifo: what = "a FIFO (named pipe)"; break;
        case std::filesystem::file_type::character:
        case std::filesystem::file_type::block: what = "a device"; break;
        case std::filesystem::file_type::socket: what = "a socket"; break;
        default: break;
    }
    throw InputError(path.string(), "", std::string("is not a regular file (") + what + "): expected a file to read");
}

std::string line_ref(std::size_t line) { return "line " + std::to_string(line); }

}  // namespace centrecov
