#pragma once

#include <cstdint>
#include <functional>
#include <memory>

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "analysis/intervals.hpp"
#include "analysis/settings.hpp"
#include "analysis/study.hpp"
#include "metrics/access.hpp"
#include "metrics/equity.hpp"
#include "scenario/resolve.hpp"

namespace centrecov::analysis {

// A closed centre (or library base) and the under-5s it alone would bring back within each threshold.
struct ClosedSite {
    scenario::ServicePoint point;
    std::vector<double> left_beyond;  // per threshold
};

// Families who lose or gain coverage at one threshold against the base.
struct CoverageChange {
    double threshold_m = 0.0;
    double lost = 0.0;
    double gained = 0.0;
    std::vector<metrics::Breakdown> lost_by;    // district, imd_decile, idaci_decile
    std::vector<metrics::Breakdown> gained_by;
};

// How unequal a scenario leaves families, each area weighted by its under-5s (metrics/equity).
struct EquityIndices {
    // Erreygers-corrected (coverage is yes/no, so bounded) of being within the first threshold,
    // against IDACI rank.
    std::optional<double> coverage_erreygers;
    std::optional<double> access_concentration;    // plain, of the E2SFCA score, against IDACI rank
    std::optional<double> distance_gini;
    std::optional<double> distance_palma;
    std::optional<metrics::TheilT> distance_theil;  // between and within districts
    double unranked_under5 = 0.0;   // with no IDACI rank: left out of the concentration indices
    double unreached_under5 = 0.0;  // with no way to any site: left out of the distance indices
};

struct ScenarioResult {
    scenario::ResolvedScenario resolved;
    std::vector<NearestSite> nearest;           // per family; site indexes resolved.service_points
    std::vector<bool> service_point_off_network;  // per service point: too far from any road to be reached
    std::vector<NearestSite> nearest_outreach;  // per family; site indexes resolved.outreach_points
    std::vector<bool> eligible;
    metrics::CoverageReport coverage;           // all families
    metrics::CoverageReport eligible_coverage;  // eligible families only
    std::vector<double> outreach_reach;         // per threshold: under-5s reached only by outreach
    std::vector<double> weighted_coverage;      // per threshold: centre = 1, outreach = its weight
    double eligible_under5 = 0.0;
    metrics::AccessScores access;  // per family (Settings::access)
    EquityIndices equity;
    EquityIndices base_equity;     // the base scenario's, to compare with
    // Service points per district (those on the network), per 1,000 under-5s.
    std::vector<metrics::DistrictProvision> provision;
    // Against the base scenario.
    std::vector<double> base_distance_m;        // per family
    std::vector<CoverageChange> changes;        // per threshold
    std::vector<ClosedSite> closed;
    std::vector<std::string> warnings;
    // How sure the coverage, losses and gains are; none when no draws were asked for.
    std::optional<ScenarioIntervals> intervals;

    // Whether a family is beyond threshold t of every centre but within outreach's reach at t.
    bool reached_only_by_outreach(std::size_t family, std::size_t t) const;
};

// Each family's distance to every placed centre and library within `within_m` (the
// largest threshold or the access catchment, whichever is farther): enough to work
// out coverage at every threshold for any choice of open sites (the report's planner).
struct SiteDistances {
    double within_m = 0.0;
    // Per family, (site, metres) in site order; a site is a centre's index, or the
    // number of centres plus a library's index (Study::all_sites order).
    std::vector<std::vector<std::pair<std::uint32_t, double>>> near;
    // Per family with no site within reach, the nearest placed site and its distance
    // (site UINT32_MAX where none can be reached at all); for the others, unused.
    std::vector<std::pair<std::uint32_t, double>> beyond;
};

struct ScenarioRun {
    std::size_t scenario_count = 0;  // in the file; results may hold only the first of them (run_scenarios)
    std::size_t most_thresholds = 0;  // the most thresholds any scenario has
    std::vector<double> first_thresholds_m;  // the file's first scenario's (the comparison's columns)
    std::string distance_key;
    std::string distance_label;
    std::optional<NetworkSummary> network;
    std::shared_ptr<const DistanceEngine> engine;  // what measured it (catchments ask it for roads)
    std::vector<ScenarioResult> results;  // in file order: every scenario, or the first `keep_first`
    SiteDistances site_distances;
    std::optional<UncertaintySummary> uncertainty;  // with every result's intervals
    // About measuring, once for the run: sites and families off the network, detached parts.
    std::vector<std::string> warnings;

    // How many scenarios the run has (results may hold only the first of them).
    std::size_t scenarios() const { return scenario_count > 0 ? scenario_count : results.size(); }
};

// How many scenarios are worked out together (measured, drawn, handed on) before the next.
inline constexpr std::size_t scenario_block = 32;

// A block of finished scenarios (measured, compared with their base, with their intervals):
// (index in the file, result), each after its base. The run's fields other than results
// and uncertainty are set.
using ScenarioBlock = std::vector<std::pair<std::size_t, const ScenarioResult*>>;
using ScenarioSink = std::function<void(const ScenarioRun& run, const ScenarioBlock& block)>;

// Evaluates every scenario of a file on the study, measuring as `settings` say:
// resolve (each from its base's final state), measure, summarise, compare with
// the base. The baseline (analysis/baseline) is this with the one scenario "today".
// Throws InputError naming the road file when its roads miss much of the study area.
ScenarioRun run_scenarios(const Study& study, const scenario::ScenarioFile& file, const Settings& settings);

// The same, streamed: each block of finished scenarios goes to `sink` as soon as it is
// known, and is then released, so that memory does not grow with the number of scenarios;
// run.results keeps only the file's first `keep_first` (at least 1: the summary is of the
// first), and a scenario's base only until its last dependant is done.
ScenarioRun run_scenarios(const Study& study, const scenario::ScenarioFile& file, const Settings& settings,
                          std::size_t keep_first, const ScenarioSink& sink);

}  // namespace centrecov::analysis
