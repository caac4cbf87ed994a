#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/scenario_run.hpp"
#include "core/text.hpp"
#include "families/families.hpp"
#include "analysis/settings.hpp"
#include "io/layer.hpp"

namespace centrecov::report {

// "44,201" (one implementation, in core/text)
using text::with_commas;
// Under-5s (fractional at postcode level) to whole children: "44,201"
std::string children(double under5);
// Under-5s as data (CSV cells, JSON): to a tenth of a child, a whole number as an integer.
io::Value under5_value(double under5);
nlohmann::ordered_json under5_json(double under5);
nlohmann::ordered_json under5_json(const std::vector<double>& under5);
// "73.4 %"
std::string percent(double share);
// "2.3 km"; "n/a" when not finite
std::string kilometres(double metres);
// Markdown-safe text from input files (names, notes).
std::string escape_markdown(const std::string& text);
// A rounded number, or null when not finite.
nlohmann::ordered_json json_number(double value, int decimals);

// A scenario's equity indices (and, with a base, each one's change), for summary.json.
nlohmann::ordered_json equity_json(const analysis::EquityIndices& equity);
// In words, against the base (by its name): "the Erreygers-corrected concentration index of coverage
// within 1.6 km against IDACI rank moves from -0.12 to -0.05 (...)".
std::string equity_sentence(const analysis::ScenarioResult& result);
// One index as the outputs print it: 3 decimals, or "n/a".
std::string index_text(const std::optional<double>& value);

// The closures worth listing: those that leave someone beyond the first threshold at which any
// does (most first, at most `limit`). `heading` says which threshold, and why not the first.
struct ClosureList {
    std::size_t threshold = 0;                    // index into the scenario's thresholds
    std::vector<const analysis::ClosedSite*> sites;
    std::string heading;                          // a sentence ending in ':' (or a full sentence when none)
};
ClosureList worst_closures(const analysis::ScenarioResult& result, std::size_t limit = 5);

// The settings a run used (after the command line, scenario file, manifest and defaults), for run.json.
// The settings a run used, as run.json and summary.json record them (where families were measured from included).
nlohmann::ordered_json settings_json(const analysis::Settings& settings, families::FamiliesAt families_at);

std::vector<std::string> field_names(const io::OutputLayer& layer);
// Writes DIRECTORY/NAME.geojson and DIRECTORY/NAME.csv (the same table without geometry).
void write_geojson_and_csv(const std::filesystem::path& directory, const std::string& name,
                           const io::OutputLayer& layer);
std::vector<std::vector<io::Value>> feature_values(const io::OutputLayer& layer);

inline constexpr const char* attribution =
    "Contains OS data © Crown copyright and database right 2025. Contains Royal Mail data © Royal Mail copyright "
    "and database right 2025. Contains National Statistics data © Crown copyright and database right 2025. "
    "Indices of Deprivation 2019: Ministry of Housing, Communities and Local Government (OGL v3).\n";

}  // namespace centrecov::report
