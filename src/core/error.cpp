#include "core/error.hpp"

namespace centrecov {

namespace {
std::string compose(const std::string& file, const std::string& where, const std::string& problem) {
    std::string message = file;
    if (!where.empty()) {
        message += ", " + where;
    }
    message += ": " + problem;
    return message;
}
}  // namespace

InputError::InputError(std::string file, std::string where, std::string problem)
    : std::runtime_error(compose(file, where, problem)),
      file_(std::move(file)),
      where_(std::move(where)),
      problem_(std::move(problem)) {}

std::string line_ref(std::size_t line) { return "line " + std::to_string(line); }

}  // namespace centrecov
