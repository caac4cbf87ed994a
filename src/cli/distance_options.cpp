#include "cli/distance_options.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>

#include "cli/common.hpp"
#include "core/error.hpp"
#include "network/profile.hpp"

namespace centrecov::cli {

namespace {

double circuity_from_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw InputError(path, "", "cannot be read");
    }
    nlohmann::json json;
    try {
        json = nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception& e) {
        throw InputError(path, "", std::string("not valid JSON: ") + e.what());
    }
    if (!json.contains("circuity") || !json["circuity"].is_number()) {
        throw InputError(path, "", "no number 'circuity' (write the file with centrecov calibrate)");
    }
    const double circuity = json["circuity"].get<double>();
    if (!(circuity >= 1.0 && circuity <= 3.0)) {
        throw InputError(path, "", "circuity outside 1 to 3");
    }
    return circuity;
}

}  // namespace

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
}

void DistanceOptions::take_study_defaults(const scenario::StudySettings& study, const CLI::App& command) {
    auto unset = [&](const char* name) { return command.get_option(name)->count() == 0; };
    if (study.distance && unset("--mode") && unset("--network") && unset("--no-network")) {
        if (*study.distance == "network") {
            if (!study.network) {
                throw UsageError("the scenario file asks for distance = \"network\" but names no 'network'");
            }
        } else {
            mode = *study.distance;
            no_network = true;
        }
    }
    if (study.circuity && unset("--circuity") && unset("--calibration")) {
        circuity = *study.circuity;
    }
    if (study.network && unset("--network") && unset("--no-network")) {
        network = *study.network;
    }
    if (study.profile && unset("--profile")) {
        profile = *study.profile;
    }
    if (!study.thresholds_m.empty() && unset("--thresholds")) {
        thresholds_m = study.thresholds_m;
    }
}

analysis::Settings DistanceOptions::settings(const io::StudyManifest& study, const std::string& out) const {
    analysis::Settings settings;
    checked_number(max_snap_m, "--max-snap", 1, 50000);
    if (!(near_miss_gap_m > 0.0 && near_miss_gap_m <= 200.0)) {
        throw UsageError(fmt::format("--near-miss-gap {} is not a distance between 0 and 200 m", near_miss_gap_m));
    }
    if (!network.empty() && no_network) {
        throw UsageError("--network and --no-network contradict each other");
    }
    const auto parsed_mode = routing::parse_distance_mode(mode);
    if (!parsed_mode) {
        throw UsageError("--mode must be estimated_road or straight_line, not '" + mode + "'");
    }
    settings.distance.mode = *parsed_mode;
    if (!(circuity >= 1.0 && circuity <= 3.0)) {
        throw UsageError(fmt::format(
            "--circuity {} is outside 1 to 3; road distance is never shorter than the straight line", circuity));
    }
    settings.distance.circuity = calibration.empty() ? circuity : circuity_from_file(calibration);
    settings.thresholds_m = thresholds_m;
    if (settings.thresholds_m.empty()) {
        throw UsageError("--thresholds needs at least one distance");
    }
    for (const double t : settings.thresholds_m) {
        if (!(t > 0.0) || t > 200000.0) {
            throw UsageError(fmt::format("--thresholds: {} m is not a distance between 0 and 200 km", t));
        }
    }
    std::sort(settings.thresholds_m.begin(), settings.thresholds_m.end());
    settings.thresholds_m.erase(std::unique(settings.thresholds_m.begin(), settings.thresholds_m.end()),
                                settings.thresholds_m.end());

    if (no_network) {
        settings.no_network_reason = "No road network was used: --no-network (or the scenario file) asked for an estimate.";
        return settings;
    }
    std::filesystem::path file = network;
    if (file.empty()) {
        if (study.roads.empty()) {
            settings.no_network_reason = "No road network was used: the study's manifest names none and none was "
                                         "given with --network.";
        } else if (!std::filesystem::exists(study.roads)) {
            settings.no_network_reason = "No road network was used: the study's road file " +
                                         study.roads.filename().string() +
                                         " is not in the data directory (scripts/fetch-geodata.sh fetches it) and "
                                         "none was given with --network.";
        }
        if (!settings.no_network_reason.empty()) {
            spdlog::info("{} Distances are estimates.", settings.no_network_reason);
            return settings;
        }
        file = study.roads;
    }
    analysis::NetworkSettings chosen;
    chosen.file = file;
    chosen.profile = network::profile_named(profile).name;
    chosen.max_snap_m = max_snap_m;
    chosen.near_miss.gap_m = near_miss_gap_m;
    chosen.join_near_misses = join_near_misses;
    if (!profile_config.empty()) {
        chosen.profile_config = profile_config;
    }
    chosen.cache_directory = cache.empty() ? std::filesystem::path(out) / ".cache" : std::filesystem::path(cache);
    settings.network = chosen;
    return settings;
}

}  // namespace centrecov::cli
