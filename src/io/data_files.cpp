#include "io/data_files.hpp"

#include <cstdlib>

#include "core/error.hpp"

namespace centrecov::io {

namespace {
constexpr const char* how_to_get_data =
    "Download the data with scripts/fetch-geodata.sh DIR, then pass --data DIR or set CENTRECOV_DATA=DIR.";
}

std::filesystem::path resolve_data_directory(const std::optional<std::string>& option) {
    std::filesystem::path chosen;
    std::string source;
    if (option && !option->empty()) {
        chosen = *option;
        source = "--data";
    } else if (const char* environment = std::getenv(data_environment_variable);
               environment != nullptr && environment[0] != '\0') {
        chosen = environment;
        source = data_environment_variable;
    } else {
        const std::filesystem::path fallback = "../shared/geodata";
        if (std::filesystem::is_directory(fallback)) {
            return fallback;
        }
        throw UsageError(std::string("no data directory: none given with --data or ") + data_environment_variable +
                         ", and ../shared/geodata does not exist. " + how_to_get_data);
    }
    if (!std::filesystem::is_directory(chosen)) {
        throw UsageError("data directory " + chosen.string() + " (from " + source + ") does not exist. " +
                         how_to_get_data);
    }
    return chosen;
}

}  // namespace centrecov::io
