#include "cli/common.hpp"
#include "core/error.hpp"
#include "core/text.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <charconv>
#include <cmath>
#include <limits>

#include "core/version.hpp"
#include "io/atomic_output.hpp"
#include "io/study_manifest.hpp"

namespace centrecov::cli {

void DataOptions::add_to(CLI::App& command) {
    command.add_option("--study", study,
                       "Study area: a name from geodata/studies (default: " + io::default_study_name() +
                           ") or the path of a study manifest (.toml)");
    command.add_option("--data", data_directory,
                       "Data directory (default: the one the study's manifest names, or its environment variable)");
    command.add_option("--centres", centres, "Children's centres CSV (default: the study's)");
    command.add_option("--libraries", libraries, "Libraries CSV (default: the study's)");
    command.add_option("--out", out, "Output directory")->capture_default_str();
    command
        .add_option("--families-at", families_at,
                    "Where each small area's families are measured from: postcodes (its live postcodes, each with "
                    "an equal share of its under-5s, or the manifest's postcode weights) or centroids (its "
                    "population-weighted centroid, as before)")
        ->capture_default_str();
}

analysis::StudyInputs DataOptions::inputs(const std::vector<std::filesystem::path>& more) const {
    if (out.empty()) {
        throw UsageError("--out is empty: name an output folder");
    }
    const std::string name = study.empty() ? io::default_study_name() : study;
    const auto manifest = io::find_study_manifest(name);
    const auto at = families::families_at_from(families_at);
    if (!at) {
        throw UsageError("--families-at must be postcodes or centroids, not '" + families_at + "'");
    }
    analysis::StudyInputs inputs(io::read_study_manifest(manifest, data_directory));
    inputs.families_at = *at;
    if (!centres.empty()) {
        inputs.centres = centres;
    }
    if (!libraries.empty()) {
        inputs.libraries = libraries;
    }
    std::vector<std::filesystem::path> protect = inputs.study.input_files();
    protect.insert(protect.end(), {manifest, inputs.centres, inputs.libraries, inputs.study.roads});
    protect.insert(protect.end(), more.begin(), more.end());
    io::protect_inputs(protect);
    return inputs;
}

double checked_number(double value, const std::string& option, double lowest, double highest) {
    if (!std::isfinite(value) || value < lowest || value > highest) {
        throw UsageError(fmt::format("{} {} is not a number from {} to {}", option, value, lowest, highest));
    }
    return value;
}

CLI::Validator whole_number(std::uint64_t lowest, std::uint64_t highest) {
    return CLI::Validator(
        [lowest, highest](std::string& input) -> std::string {
            std::uint64_t value = 0;
            const char* end = input.data() + input.size();
            const auto [stop, error] = std::from_chars(input.data(), end, value);
            const bool digits = !input.empty() && input.front() != '-' && input.front() != '+';
            if (!digits || error != std::errc() || stop != end || value < lowest || value > highest) {
                return fmt::format("'{}' is not a whole number from {} to {}", text::printable(input), lowest,
                                   highest);
            }
            return {};
        },
        fmt::format("whole number from {} to {}", lowest, highest));
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
