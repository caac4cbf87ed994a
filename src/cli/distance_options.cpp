#include "cli/distance_options.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <limits>

#include "cli/common.hpp"
#include "core/error.hpp"
#include "network/profile.hpp"

namespace centrecov::cli {

void DistanceOptions::add_to(CLI::App& command) {
    command.add_option("--mode", mode,
                       "Distance without a road network: estimated_road (straight line x circuity) or straight_line")
        ->capture_default_str();
    auto* circuity_option =
        command.add_option("--circuity", circuity, "Road over straight-line distance for estimated_road")
            ->capture_default_str();
    command.add_option("--calibration", calibration, "Take the circuity from a file written by centrecov calibrate")
        ->excludes(circuity_option);
    command.add_option("--network", network,
                       "Road network to measure along (OpenStreetMap .osm.pbf, OS Open Roads); default: the study's "
                       "roads when the file is present");
    command.add_flag("--no-network", no_network, "Estimate distances even when a network is present");
    command.add_option("--profile", profile, "Travel profile on the network: walk or drive")->capture_default_str();
    command.add_option("--profile-config", profile_config,
                       "TOML file changing the profile's speeds (see docs/distance.md)");
    command.add_option("--max-snap", max_snap_m,
                       "Farthest a family or centre may be from a road, metres; beyond it, it is reported")
        ->capture_default_str();
    command.add_option("--near-miss-gap", near_miss_gap_m,
                       "Report dead ends this close (metres) to a road they do not join, when the way round by "
                       "road is long (a file that cuts roads at railways)")
        ->capture_default_str();
    command.add_flag("--join-near-misses", join_near_misses,
                     "Repair the network: join each such dead end to that road (stated in every summary)");
    command.add_option("--cache", cache, "Directory for the built-network cache (default: OUT/.cache)");
    command.add_option("--thresholds", thresholds_m, "Coverage distances in metres")
        ->delimiter(',')
        ->capture_default_str();
    command.add_option("--draws", draws,
                       "Draws of the uncertainty estimate (each places every site where its evidence allows; 0: "
                       "no intervals)")
        ->capture_default_str()
        ->check(whole_number(0, 100000));
    command.add_option("--seed", seed, "Seed of the uncertainty draws (the same seed gives the same intervals)")
        ->capture_default_str()
        ->check(whole_number(0, std::numeric_limits<std::uint64_t>::max()));
}

analysis::SettingsLayer DistanceOptions::layer(const CLI::App& command) const {
    // A command may have removed an option it does not use (optimise: --draws, --seed).
    auto given = [&](const char* name) {
        const CLI::Option* option = command.get_option_no_throw(name);
        return option != nullptr && option->count() > 0;
    };
    analysis::SettingsLayer layer;
    if (given("--mode")) {
        layer.mode = mode;
    }
    layer.estimate = no_network;
    if (given("--circuity")) {
        layer.circuity = circuity;
    }
    if (!calibration.empty()) {
        layer.calibration = calibration;
    }
    if (!network.empty()) {
        layer.network = network;
    }
    if (given("--profile")) {
        layer.profile = profile;
    }
    if (!profile_config.empty()) {
        layer.profile_config = profile_config;
    }
    if (given("--max-snap")) {
        layer.max_snap_m = max_snap_m;
    }
    if (given("--near-miss-gap")) {
        layer.near_miss_gap_m = near_miss_gap_m;
    }
    layer.join_near_misses = join_near_misses;
    if (!cache.empty()) {
        layer.cache_directory = cache;
    }
    if (given("--thresholds")) {
        layer.thresholds_m = thresholds_m;
    }
    if (given("--draws")) {
        layer.draws = draws;
    }
    if (given("--seed")) {
        layer.seed = seed;
    }
    return layer;
}

}  // namespace centrecov::cli
