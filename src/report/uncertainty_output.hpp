#pragma once

// How sure the figures are, as the outputs print it (analysis/uncertainty).

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/scenario_run.hpp"
#include "analysis/study.hpp"
#include "io/layer.hpp"

namespace centrecov::report {

// The interval of a result's figure, or nullptr when no draws were made.
const analysis::Interval* share_interval(const analysis::ScenarioResult& result, std::size_t threshold);
const analysis::Interval* lost_interval(const analysis::ScenarioResult& result, std::size_t threshold);
const analysis::Interval* gained_interval(const analysis::ScenarioResult& result, std::size_t threshold);
// A group's (breakdown b, group g in CoverageReport order) share at threshold t.
const analysis::Interval* group_interval(const analysis::ScenarioResult& result, std::size_t b, std::size_t g,
                                         std::size_t t);

// "37.7 % (32.8-40.9 %)"; the share alone without an interval.
std::string percent_in(double share, const analysis::Interval* interval);
// "1,234 (1,105-1,420)"; the count alone without an interval.
std::string count_in(double value, const analysis::Interval* interval);
// A share's bounds for CSV columns (rounded like the share), or two empty cells.
std::vector<io::Value> share_bounds(const analysis::Interval* interval);
std::vector<io::Value> count_bounds(const analysis::Interval* interval);
// {"low": .., "high": ..} or null.
nlohmann::ordered_json share_json(const analysis::Interval* interval);
nlohmann::ordered_json count_json(const analysis::Interval* interval);

// How the ranges were found, in a paragraph; and, when some best-evidence value lay outside
// its draws, a sentence saying so (else empty).
std::string uncertainty_method(const analysis::ScenarioRun& run);
std::string widened_sentence(const analysis::ScenarioRun& run);

// The method, which addresses to confirm first and what the unplaced centres could change:
// a Markdown section ("## How sure these figures are").
std::string uncertainty_markdown(const analysis::Study& study, const analysis::ScenarioRun& run);

// The same for summary.json and the report.
nlohmann::ordered_json uncertainty_json(const analysis::Study& study, const analysis::ScenarioRun& run);

}  // namespace centrecov::report
