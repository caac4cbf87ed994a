#include "analysis/settings.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "network/profile.hpp"

namespace centrecov::analysis {

namespace {

template <typename T>
std::optional<T> first_of(const std::optional<T>& a, const std::optional<T>& b) {
    return a ? a : b;
}

void check_range(double value, const char* option, double low, double high) {
    if (!std::isfinite(value) || value < low || value > high) {
        throw UsageError(fmt::format("{} {} is not a number from {} to {}", option, value, low, high));
    }
}

}  // namespace

routing::DistanceModel model_from_calibration(const std::filesystem::path& path) {
    require_regular_file(path);
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw InputError(path.string(), "", "cannot be read");
    }
    nlohmann::json json;
    try {
        json = nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception& e) {
        throw InputError(path.string(), "", std::string("not valid JSON: ") + e.what());
    }
    if (!json.is_object() || !json.contains("circuity") || !json["circuity"].is_number()) {
        throw InputError(path.string(), "", "no number 'circuity' (write the file with centrecov calibrate)");
    }
    routing::DistanceModel model;
    model.circuity = json["circuity"].get<double>();
    if (!(model.circuity >= 1.0 && model.circuity <= 3.0)) {
        throw InputError(path.string(), "", "circuity outside 1 to 3");
    }
    model.spread_source = path.filename().string();
    // The spread: every 5th percentile (calibrate's own), else the 10th and 90th (older files).
    if (json.contains("quantiles")) {
        const auto& q = json["quantiles"];
        constexpr std::size_t count = 21;
        if (!q.is_array() || q.size() != count) {
            throw InputError(path.string(), "quantiles", "not a list of 21 numbers (every 5th percentile, 0 to 100)");
        }
        model.spread.clear();
        double previous = 0.9;  // a straight road measures a hair under its chord
        for (std::size_t i = 0; i < count; ++i) {
            if (!q[i].is_number() || q[i].get<double>() < previous || q[i].get<double>() > 100.0) {
                throw InputError(path.string(), "quantiles",
                                 fmt::format("entry {} is not a factor from 0.9 to 100 at least the one before", i + 1));
            }
            previous = q[i].get<double>();
            model.spread.emplace_back(static_cast<double>(i) / 20.0, previous / model.circuity);
        }
    } else if (json.contains("p10") && json.contains("p90") && json["p10"].is_number() && json["p90"].is_number()) {
        const double p10 = json["p10"].get<double>();
        const double p90 = json["p90"].get<double>();
        if (!(p10 >= 1.0 && p10 <= model.circuity && p90 >= model.circuity && p90 <= 3.0)) {
            throw InputError(path.string(), "p10/p90", "not factors from 1 to 3 either side of the circuity");
        }
        model.spread = {{0.1, p10 / model.circuity}, {0.5, 1.0}, {0.9, p90 / model.circuity}};
    }
    return model;
}

double circuity_from_calibration(const std::filesystem::path& path) { return model_from_calibration(path).circuity; }

SettingsLayer file_layer(const scenario::StudySettings& study) {
    SettingsLayer layer;
    if (study.distance) {
        if (*study.distance == "network") {
            if (!study.network) {
                throw UsageError("the scenario file asks for distance = \"network\" but names no 'network'");
            }
            layer.along_roads = true;
        } else {
            layer.mode = *study.distance;
            layer.estimate = true;
        }
    }
    layer.circuity = study.circuity;
    if (study.network) {
        layer.network = *study.network;
    }
    layer.profile = study.profile;
    if (!study.thresholds_m.empty()) {
        layer.thresholds_m = study.thresholds_m;
    }
    layer.year = study.year;
    layer.access = study.access;
    return layer;
}

Settings resolve_settings(const SettingsLayer& command_line, const SettingsLayer& file,
                          const io::StudyManifest& study, const std::filesystem::path& out) {
    const SettingsLayer& cli = command_line;
    Settings settings;

    // Roads or an estimate: the command line's choice, else the file's.
    if (cli.network && cli.estimate) {
        throw UsageError("--network and --no-network contradict each other");
    }
    const bool cli_chose = cli.mode || cli.network || cli.estimate;
    const bool estimate = cli_chose ? cli.estimate : file.estimate;
    const std::optional<std::filesystem::path> network =
        cli.network ? cli.network : (cli.estimate ? std::nullopt : file.network);

    const std::string mode = cli.mode.value_or(cli_chose ? "estimated_road" : file.mode.value_or("estimated_road"));
    const auto parsed_mode = routing::parse_distance_mode(mode);
    if (!parsed_mode) {
        throw UsageError("--mode must be estimated_road or straight_line, not '" + mode + "'");
    }
    settings.distance.mode = *parsed_mode;
    if (cli.calibration) {
        const auto calibrated = model_from_calibration(*cli.calibration);
        settings.distance.circuity = calibrated.circuity;
        settings.distance.spread = calibrated.spread;
        settings.distance.spread_source = calibrated.spread_source;
    } else {
        settings.distance.circuity = cli.circuity.value_or(file.circuity.value_or(routing::default_circuity));
        if (!(settings.distance.circuity >= 1.0 && settings.distance.circuity <= 3.0)) {
            throw UsageError(fmt::format("--circuity {} is outside 1 to 3; road distance is never shorter than the "
                                         "straight line",
                                         settings.distance.circuity));
        }
    }

    settings.thresholds_m = first_of(cli.thresholds_m, file.thresholds_m).value_or(metrics::default_thresholds_m);
    if (settings.thresholds_m.empty()) {
        throw UsageError("--thresholds needs at least one distance");
    }
    for (const double t : settings.thresholds_m) {
        if (!(t > 0.0) || t > 200000.0) {
            throw UsageError(fmt::format("--thresholds: {} m is not a distance; each must be more than 0 and at most "
                                         "200 km",
                                         t));
        }
    }
    std::sort(settings.thresholds_m.begin(), settings.thresholds_m.end());
    settings.thresholds_m.erase(std::unique(settings.thresholds_m.begin(), settings.thresholds_m.end()),
                                settings.thresholds_m.end());
    settings.year = first_of(cli.year, file.year).value_or(study.year);
    if (const auto& access = first_of(cli.access, file.access)) {
        if (access->decay) {
            settings.access.kind = *metrics::parse_decay(*access->decay);  // checked when the file was read
        }
        settings.access.catchment_m = access->catchment_m.value_or(0.0);
        settings.access.scale_m = access->scale_m.value_or(0.0);
        settings.access.spread_m = access->spread_m.value_or(0.0);
        settings.capacity = access->capacity;
        settings.access_at = access->at;
    }
    settings.access = settings.access.resolved(settings.thresholds_m.back());
    settings.draws = cli.draws.value_or(Settings::default_draws);
    constexpr std::size_t most_draws = 100000;
    if (settings.draws > most_draws) {
        throw UsageError(fmt::format("--draws {} is more than {}", settings.draws, most_draws));
    }
    if (settings.draws > 0 && settings.draws < Settings::fewest_draws) {
        // The middle 90 % leaves 5 % of draws out at each end: with fewer than 20 draws that is none.
        throw UsageError(fmt::format("--draws {}: a 90 % range needs at least {} draws (or 0 for no ranges)",
                                     settings.draws, Settings::fewest_draws));
    }
    settings.seed = cli.seed.value_or(1);

    const double max_snap_m = cli.max_snap_m.value_or(network::default_max_snap_m);
    check_range(max_snap_m, "--max-snap", 1, 50000);
    const double gap_m = cli.near_miss_gap_m.value_or(network::NearMissRule{}.gap_m);
    if (!(gap_m > 0.0 && gap_m <= 200.0)) {
        throw UsageError(fmt::format("--near-miss-gap {} m: the gap must be more than 0 and at most 200 m", gap_m));
    }
    const std::string profile = first_of(cli.profile, file.profile).value_or("walk");
    try {
        (void)network::profile_named(profile);  // an unknown profile is refused whether or not a network is used
    } catch (const UsageError& e) {
        throw UsageError(std::string(cli.profile ? "--profile: " : "[study] profile: ") + e.what());
    }
    // Options that only act on a road network do nothing without one: refused, not ignored.
    const auto without_network = [&](const std::string& reason) {
        if (cli.join_near_misses) {
            throw UsageError("--join-near-misses repairs a road network, and this run has none (" + reason +
                             "); leave it out, or give --network");
        }
    };

    if (estimate) {
        settings.no_network_reason = cli.estimate
                                         ? "No road network was used: --no-network asked for an estimate."
                                         : "No road network was used: the scenario file asked for an estimate.";
        without_network(cli.estimate ? "--no-network" : "the scenario file asks for an estimate");
        return settings;
    }
    std::filesystem::path file_name = network.value_or(std::filesystem::path());
    if (file_name.empty()) {
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
            without_network(study.roads.empty() ? "the study's manifest names no roads"
                                                : "the study's road file is not in the data directory");
            spdlog::info("{} Distances are estimates.", settings.no_network_reason);
            return settings;
        }
        file_name = study.roads;
    }
    NetworkSettings chosen;
    chosen.file = file_name;
    chosen.profile = network::profile_named(profile).name;
    chosen.max_snap_m = max_snap_m;
    chosen.near_miss.gap_m = gap_m;
    chosen.join_near_misses = cli.join_near_misses;
    chosen.profile_config = cli.profile_config;
    chosen.cache_directory = cli.cache_directory.value_or(out / ".cache");
    settings.network = chosen;
    return settings;
}

}  // namespace centrecov::analysis
