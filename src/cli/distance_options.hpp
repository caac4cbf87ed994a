#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

#include "analysis/settings.hpp"
#include "io/study_manifest.hpp"

namespace centrecov::cli {

// How to measure distance: shared by 'run' and 'scenarios'.
struct DistanceOptions {
    std::string mode = "estimated_road";
    double circuity = routing::default_circuity;
    std::string calibration;
    std::string network;
    bool no_network = false;
    std::string profile = "walk";
    std::string profile_config;
    double max_snap_m = network::default_max_snap_m;
    double near_miss_gap_m = network::NearMissRule{}.gap_m;
    bool join_near_misses = false;
    std::string cache;
    std::vector<double> thresholds_m = metrics::default_thresholds_m;
    std::size_t draws = analysis::Settings::default_draws;
    std::uint64_t seed = 1;

    void add_to(CLI::App& command);
    // The options given on the command line, as the top layer of the settings (analysis::resolve_settings).
    analysis::SettingsLayer layer(const CLI::App& command) const;
};

}  // namespace centrecov::cli
