#include "cli/common.hpp"
#include "core/error.hpp"
#include "core/text.hpp"

#include <spdlog/spdlog.h>

#include "core/version.hpp"
#include "io/data_files.hpp"

namespace centrecov::cli {

void DataOptions::add_to(CLI::App& command) {
    command.add_option("--data", data_directory,
                       "Data directory (default: $CENTRECOV_DATA, else ../shared/geodata when it exists)");
    command.add_option("--centres", centres, "Children's centres CSV (default: the data directory's)");
    command.add_option("--libraries", libraries, "Libraries CSV (default: the data directory's)");
    command.add_option("--out", out, "Output directory")->capture_default_str();
}

analysis::StudyInputs DataOptions::inputs() const {
    analysis::StudyInputs inputs(io::DataFiles{io::resolve_data_directory(data_directory)});
    if (!centres.empty()) {
        inputs.centres = centres;
    }
    if (!libraries.empty()) {
        inputs.libraries = libraries;
    }
    return inputs;
}

void add_version_flag(CLI::App& command) { command.set_version_flag("--version", std::string("centrecov ") + version_string); }

void log_warnings(const std::vector<std::string>& warnings) {
    constexpr std::size_t shown = 12;
    for (std::size_t i = 0; i < warnings.size() && i < shown; ++i) {
        spdlog::warn("{}", warnings[i]);
    }
    if (warnings.size() > shown) {
        spdlog::warn("... and {} more warnings (all are listed in summary.json)", warnings.size() - shown);
    }
}

std::vector<std::pair<int, std::string>> parse_marks(const std::vector<std::string>& marks) {
    std::vector<std::pair<int, std::string>> out;
    for (const auto& mark : marks) {
        const auto at = mark.find('=');
        const auto k = text::parse_integer(mark.substr(0, at));
        if (!k || *k < 1 || *k > 100000) {
            throw UsageError("--mark wants K=label with K a number of sites, not '" + mark + "'");
        }
        out.emplace_back(static_cast<int>(*k),
                         at == std::string::npos ? std::to_string(*k) + " sites" : mark.substr(at + 1));
    }
    return out;
}

}  // namespace centrecov::cli
