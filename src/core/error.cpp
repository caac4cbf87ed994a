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

std::string line_ref(std::size_t line) { return "line " + std::to_string(line); }

}  // namespace centrecov
