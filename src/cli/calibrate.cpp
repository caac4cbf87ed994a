// centrecov calibrate: how much longer road journeys are than straight lines, on a real network.

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <limits>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "core/error.hpp"
#include "io/atomic_output.hpp"
#include "io/layer.hpp"
#include "network/graph.hpp"
#include "network/load.hpp"
#include "routing/calibrate.hpp"

namespace centrecov::cli {

namespace {
struct CalibrateOptions {
    std::string network;
    std::string profile = "drive";
    std::size_t pairs = 2000;
    std::uint64_t seed = 1;
    double min_pair_m = 1000.0;
    double max_pair_m = 20000.0;
    std::string out = "calibration.json";
    std::string cache;
};
}  // namespace

void add_calibrate_command(CLI::App& app) {
    auto options = std::make_shared<CalibrateOptions>();
    CLI::App* command = app.add_subcommand(
        "calibrate", "Measure road distance over straight-line distance on a road network, for the estimated mode");
    command->add_option("--network", options->network, "Road network (OpenStreetMap .osm.pbf, OS Open Roads, ...)")
        ->required();
    command->add_option("--profile", options->profile, "walk or drive")->capture_default_str();
    command->add_option("--pairs", options->pairs, "How many pairs of junctions to sample")
        ->capture_default_str()
        ->check(whole_number(1, 1000000));
    command->add_option("--seed", options->seed, "Sampling seed (same seed, same answer)")
        ->capture_default_str()
        ->check(whole_number(0, std::numeric_limits<std::uint64_t>::max()));
    command->add_option("--min-pair", options->min_pair_m, "Shortest straight line sampled, metres")
        ->capture_default_str();
    command->add_option("--max-pair", options->max_pair_m, "Longest straight line sampled, metres")
        ->capture_default_str();
    command->add_option("--out", options->out, "Where to write the result (JSON)")->capture_default_str();
    command->add_option("--cache", options->cache, "Directory for the built-network cache");
    add_version_flag(*command);
    command->callback([options] {
        checked_number(options->min_pair_m, "--min-pair", 1, 1e6);
        checked_number(options->max_pair_m, "--max-pair", 1, 1e6);
        if (options->pairs == 0 || !(options->min_pair_m > 0.0) || !(options->max_pair_m > options->min_pair_m)) {
            throw UsageError("--pairs must be positive and 0 < --min-pair < --max-pair");
        }
        const network::Profile profile = [&] {
            try {
                return network::profile_named(options->profile);
            } catch (const UsageError& e) {
                throw UsageError(std::string("--profile: ") + e.what());
            }
        }();
        const auto loaded = network::load_road_network(
            options->network, options->cache.empty() ? std::nullopt
                                                     : std::optional<std::filesystem::path>(options->cache));
        const network::Graph graph = network::build_graph(loaded.network, profile);
        const auto result = routing::calibrate(loaded.network, graph, options->pairs, options->seed,
                                               options->min_pair_m, options->max_pair_m);
        const auto& stats = loaded.network.stats;
        fmt::print("network: {} junctions, {} road pieces; {} components for {}; {:.1f} % of usable pieces outside "
                   "the largest\n",
                   stats.nodes, stats.pieces, graph.component_nodes.size(), profile.name,
                   100.0 * graph.share_outside_largest());
        fmt::print("circuity ({}): median {:.3f}, mean {:.3f}, 10th-90th percentile {:.3f}-{:.3f}, over {} pairs "
                   "{:.0f}-{:.0f} m apart\n",
                   profile.name, result.median, result.mean, result.p10, result.p90, result.pairs, result.min_pair_m,
                   result.max_pair_m);
        nlohmann::ordered_json json;
        json["network"] = std::filesystem::path(options->network).filename().string();
        json["profile"] = result.profile;
        json["pairs"] = result.pairs;
        json["pair_distance_m"] = {result.min_pair_m, result.max_pair_m};
        json["seed"] = options->seed;
        json["circuity"] = io::round_to(result.median, 4);
        json["mean"] = io::round_to(result.mean, 4);
        json["p10"] = io::round_to(result.p10, 4);
        json["p90"] = io::round_to(result.p90, 4);
        // The spread the uncertainty estimate draws each area's factor from.
        auto& quantiles = json["quantiles"] = nlohmann::ordered_json::array();
        for (const double q : result.quantiles) {
            quantiles.push_back(io::round_to(q, 4));
        }
        io::write_text_file(options->out, json.dump(2) + "\n");
        fmt::print("wrote {}; use it with: centrecov run --calibration {}\n", options->out, options->out);
    });
}

}  // namespace centrecov::cli
