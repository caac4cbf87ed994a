#pragma once

// The baseline: the study as it is, every centre open. It is the scenario
// "today", measured by the same pipeline as any scenario (run_scenarios); this
// adds what only the baseline reports: each area's nearest library (a
// candidate host) and the coverage before a stated network repair.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analysis/scenario_run.hpp"
#include "analysis/study.hpp"

namespace centrecov::analysis {

struct Baseline {
    Settings settings;
    std::shared_ptr<const scenario::ScenarioFile> file;  // the one scenario, "today" (the run points into it)
    ScenarioRun run;                                     // its result
    std::vector<std::size_t> service_points;  // centres counted: placed, on the network, not duplicates
    // Per family: the nearest library, open or not (where a centre could move); site indexes Study::libraries.
    std::vector<NearestSite> nearest_library;
    // When near misses were joined: today's coverage on the network as read, to show what the repair changed.
    std::optional<metrics::CoverageReport> coverage_without_repair;
    // When families are measured from postcodes: today's coverage from each area's centroid instead
    // (one point per area, as before postcodes), to show what measuring from postcodes changed.
    std::optional<metrics::CoverageReport> coverage_from_centroids;
    std::vector<std::string> warnings;  // about measuring (points off the network, islands)

    const ScenarioResult& today() const { return run.results.front(); }
    const metrics::CoverageReport& coverage() const { return today().coverage; }
    // Per family: the nearest centre; site indexes today().resolved.service_points.
    const std::vector<NearestSite>& nearest_centre() const { return today().nearest; }
};

// The id of the baseline's one scenario.
inline constexpr const char* today_id = "today";

// A scenario file holding only "today" (every centre open).
scenario::ScenarioFile today_file();

// Why a centre is or is not a service point in the baseline.
std::string baseline_role(const Site& site);

Baseline run_baseline(const Study& study, const Settings& settings);

}  // namespace centrecov::analysis
