// centrecov run: the baseline coverage of families by the centres, written to --out.

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <memory>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "core/error.hpp"
#include "io/data_files.hpp"
#include "network/profile.hpp"
#include "network/snap.hpp"

#include <fstream>
#include <nlohmann/json.hpp>
#include "report/baseline_output.hpp"
#include "report/format.hpp"

namespace centrecov::cli {

namespace {

struct RunOptions {
    DataOptions data;
    std::string mode = "estimated_road";
    double circuity = routing::default_circuity;
    std::string calibration;
    std::string network;
    bool no_network = false;
    std::string profile = "walk";
    std::string profile_config;
    double max_snap_m = network::default_max_snap_m;
    std::string cache;
    std::vector<double> thresholds_m = metrics::default_thresholds_m;
};

std::string read_whole_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw InputError(path, "", "cannot be read");
    }
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

double circuity_from_file(const std::string& path) {
    const std::string text = read_whole_file(path);
    nlohmann::json json;
    try {
        json = nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception& e) {
        throw InputError(path, "", std::string("not valid JSON: ") + e.what());
    }
    if (!json.contains("circuity") || !json["circuity"].is_number()) {
        throw InputError(path, "", "no number 'circuity' (write the file with centrecov calibrate)");
    }
    return json["circuity"].get<double>();
}

// Chooses a road network: the one given, else the data directory's when present, else none.
std::optional<analysis::NetworkSettings> network_from(const RunOptions& options, const io::DataFiles& files) {
    if (options.no_network) {
        return std::nullopt;
    }
    std::filesystem::path file = options.network;
    if (file.empty()) {
        if (!std::filesystem::exists(files.road_network())) {
            spdlog::info("no road network (looked for {}); distances are estimates", files.road_network().string());
            return std::nullopt;
        }
        file = files.road_network();
    }
    analysis::NetworkSettings settings;
    settings.file = file;
    settings.profile = network::profile_named(options.profile).name;
    settings.max_snap_m = options.max_snap_m;
    if (!options.profile_config.empty()) {
        settings.profile_config = options.profile_config;
    }
    settings.cache_directory = options.cache.empty() ? std::filesystem::path(options.data.out) / ".cache"
                                                     : std::filesystem::path(options.cache);
    return settings;
}

analysis::Settings settings_from(const RunOptions& options) {
    analysis::Settings settings;
    if (!(options.max_snap_m > 0.0)) {
        throw UsageError("--max-snap must be a positive distance in metres");
    }
    if (!options.network.empty() && options.no_network) {
        throw UsageError("--network and --no-network contradict each other");
    }
    const auto mode = routing::parse_distance_mode(options.mode);
    if (!mode) {
        throw UsageError("--mode must be estimated_road or straight_line, not '" + options.mode + "'");
    }
    settings.distance.mode = *mode;
    if (!(options.circuity >= 1.0 && options.circuity <= 3.0)) {
        throw UsageError(fmt::format("--circuity {} is outside 1 to 3; road distance is never shorter than the "
                                     "straight line",
                                     options.circuity));
    }
    settings.distance.circuity = options.circuity;
    if (!options.calibration.empty()) {
        settings.distance.circuity = circuity_from_file(options.calibration);
        if (!(settings.distance.circuity >= 1.0 && settings.distance.circuity <= 3.0)) {
            throw InputError(options.calibration, "", "circuity outside 1 to 3");
        }
    }
    settings.thresholds_m = options.thresholds_m;
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
    return settings;
}

}  // namespace

void add_run_command(CLI::App& app) {
    auto options = std::make_shared<RunOptions>();
    CLI::App* command = app.add_subcommand(
        "run", "Measure how far every family lives from its nearest centre with all centres open, and write maps "
               "and tables to --out");
    options->data.add_to(*command);
    command->add_option("--mode", options->mode,
                        "Distance without a road network: estimated_road (straight line x circuity) or "
                        "straight_line")
        ->capture_default_str();
    command->add_option("--circuity", options->circuity, "Road over straight-line distance for estimated_road")
        ->capture_default_str();
    command->add_option("--calibration", options->calibration,
                        "Take the circuity from a file written by centrecov calibrate")
        ->excludes(command->get_option("--circuity"));
    command->add_option("--network", options->network,
                        "Road network to measure along (OpenStreetMap .osm.pbf, OS Open Roads); default: the data "
                        "directory's roads/norfolk-latest.osm.pbf when present");
    command->add_flag("--no-network", options->no_network, "Estimate distances even when a network is present");
    command->add_option("--profile", options->profile, "Travel profile on the network: walk or drive")
        ->capture_default_str();
    command->add_option("--profile-config", options->profile_config,
                        "TOML file changing the profile's speeds (see docs/distance.md)");
    command->add_option("--max-snap", options->max_snap_m,
                        "Farthest a family or centre may be from a road, metres; beyond it, it is reported")
        ->capture_default_str();
    command->add_option("--cache", options->cache, "Directory for the built-network cache (default: OUT/.cache)");
    command->add_option("--thresholds", options->thresholds_m, "Coverage distances in metres")
        ->delimiter(',')
        ->capture_default_str();
    add_version_flag(*command);
    command->callback([options] {
        analysis::Settings settings = settings_from(*options);
        const auto inputs = options->data.inputs();
        settings.network = network_from(*options, inputs.files);
        const analysis::Study study = analysis::load_study(inputs);
        const analysis::Baseline baseline = analysis::run_baseline(study, settings);
        report::write_baseline(options->data.out, study, baseline);
        std::vector<std::string> warnings = study.warnings;
        warnings.insert(warnings.end(), baseline.warnings.begin(), baseline.warnings.end());
        log_warnings(warnings);

        const auto& total = baseline.coverage.total;
        fmt::print("{} under-5s in {} areas; {} centres placed; distances: {}\n", report::with_commas(total.under5),
                   total.areas, baseline.service_points.size(), baseline.distance_label);
        for (std::size_t t = 0; t < settings.thresholds_m.size(); ++t) {
            fmt::print("  within {:>7}: {:>7} under-5s ({})\n", metrics::threshold_label(settings.thresholds_m[t]),
                       report::with_commas(total.covered[t]), report::percent(total.share_covered(t)));
        }
        fmt::print("wrote {}/summary.md and the maps and tables beside it\n", options->data.out);
    });
}

}  // namespace centrecov::cli
