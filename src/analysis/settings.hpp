#pragma once

// What a run measures with, resolved once: the command line over the scenario
// file's [study] over the study manifest over the defaults. Every stage reads
// the one Settings value this gives; run.json and summary.json record it.

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "analysis/distances.hpp"
#include "io/study_manifest.hpp"
#include "metrics/access.hpp"
#include "metrics/coverage.hpp"
#include "routing/estimate.hpp"
#include "scenario/scenario.hpp"

namespace centrecov::analysis {

struct Settings {
    routing::DistanceModel distance;         // without a network
    std::optional<NetworkSettings> network;  // measure along roads instead
    std::string no_network_reason;           // why there is none, in a sentence for the outputs
    std::vector<double> thresholds_m = metrics::default_thresholds_m;  // ascending, no repeats
    int year = 0;  // the year the options are about: libraries open then count
    // Accessibility scores: the decay (its catchment defaults to the largest threshold) and
    // capacities by site id (others: their 'capacity' column, else 1).
    metrics::Decay access;
    std::map<std::string, double> capacity;
    scenario::SourceRef access_at;  // where [study.access] is, for messages; empty when none
    // The uncertainty estimate (analysis/uncertainty): how many draws (0: none) from which seed.
    std::size_t draws = default_draws;
    std::uint64_t seed = 1;
    // The draws also place, for the report's planner (which may open any site), every placed site
    // that serves in no scenario; along roads each of its candidate points costs a search, which
    // a run writing no report need not pay. Figures do not depend on it.
    bool draws_for_planner = true;
    static constexpr std::size_t default_draws = 200;
    // Fewest draws that give a 90 % range (the 5th and 95th percentiles are then different draws).
    static constexpr std::size_t fewest_draws = 20;
};

// One place settings come from; what it does not say is left empty.
struct SettingsLayer {
    std::optional<std::string> mode;  // estimated_road or straight_line
    bool estimate = false;            // estimate distances even when there are roads (--no-network)
    bool along_roads = false;         // measure along roads, and fail without them (distance = "network")
    std::optional<double> circuity;
    std::optional<std::filesystem::path> calibration;  // calibrate's output, giving the circuity
    std::optional<std::filesystem::path> network;      // the road file
    std::optional<std::string> profile;                // walk or drive
    std::optional<std::filesystem::path> profile_config;
    std::optional<double> max_snap_m;
    std::optional<double> near_miss_gap_m;
    bool join_near_misses = false;
    std::optional<std::filesystem::path> cache_directory;
    std::optional<std::vector<double>> thresholds_m;
    std::optional<int> year;
    std::optional<scenario::AccessSettings> access;
    std::optional<std::size_t> draws;
    std::optional<std::uint64_t> seed;
};

// A scenario file's [study] table as a layer. Its values were checked when the file was read.
SettingsLayer file_layer(const scenario::StudySettings& study);

// Resolves the settings. The command line's choice of roads or estimate (--network,
// --no-network, --mode) overrides the file's distance; each other value is the
// command line's, else the file's, else the manifest's (roads, year), else the
// default. The network cache defaults to OUT/.cache. Throws UsageError naming the
// option for a value out of range or choices that contradict each other.
Settings resolve_settings(const SettingsLayer& command_line, const SettingsLayer& file,
                          const io::StudyManifest& study, const std::filesystem::path& out);

// The circuity in a file written by `centrecov calibrate`, with its spread (every 5th
// percentile, or the 10th and 90th of older files); InputError naming the file otherwise.
routing::DistanceModel model_from_calibration(const std::filesystem::path& path);
double circuity_from_calibration(const std::filesystem::path& path);

}  // namespace centrecov::analysis
