#include "routing/calibrate.hpp"

#include <algorithm>
#include <numeric>
#include <random>
#include <stdexcept>

#include "core/progress.hpp"
#include "routing/network_routes.hpp"

namespace centrecov::routing {

Calibration calibrate(const network::RoadNetwork& network, const network::Graph& graph, std::size_t pairs,
                      std::uint64_t seed, double min_pair_m, double max_pair_m) {
    std::vector<network::NodeId> candidates;
    for (network::NodeId n = 0; n < network.nodes.size(); ++n) {
        if (graph.component[n] == graph.largest_component) {
            candidates.push_back(n);
        }
    }
    if (candidates.size() < 10) {
        throw std::runtime_error("the network's largest connected part has too few junctions to calibrate");
    }
    // mt19937_64 is specified exactly; taking remainders keeps the sample the same on every platform.
    std::mt19937_64 random(seed);
    auto pick = [&] { return candidates[static_cast<std::size_t>(random() % candidates.size())]; };

    const std::size_t sources = std::max<std::size_t>(1, std::min<std::size_t>(pairs, 100));
    const std::size_t per_source = (pairs + sources - 1) / sources;
    std::vector<double> ratios;
    Progress progress("calibrating", sources);
    Search search;
    const unsigned shift = bucket_shift(graph.forward, Metric::metres);
    for (std::size_t s = 0; s < sources && ratios.size() < pairs; ++s) {
        const network::NodeId source = pick();
        const Seed start{source, 0, 0};
        search.run(graph.forward, {&start, 1}, Metric::metres, from_units(max_pair_m * 4.0), shift);
        std::size_t found = 0;
        for (std::size_t attempt = 0; attempt < per_source * 50 && found < per_source; ++attempt) {
            const network::NodeId target = pick();
            const double crow = straight_line_m(network.nodes[source], network.nodes[target]);
            if (crow < min_pair_m || crow > max_pair_m || !search.reached(target)) {
                continue;
            }
            ratios.push_back(to_units(search.cost(target)) / crow);
            ++found;
        }
        progress.advance();
    }
    if (ratios.empty()) {
        throw std::runtime_error("no pair of junctions between the distance limits could be sampled");
    }
    std::sort(ratios.begin(), ratios.end());
    auto quantile = [&](double q) {
        return ratios[std::min(ratios.size() - 1, static_cast<std::size_t>(q * static_cast<double>(ratios.size())))];
    };
    Calibration out;
    out.profile = graph.profile.name;
    out.pairs = ratios.size();
    out.min_pair_m = min_pair_m;
    out.max_pair_m = max_pair_m;
    out.median = quantile(0.5);
    out.p10 = quantile(0.1);
    out.p90 = quantile(0.9);
    for (int i = 0; i <= 20; ++i) {
        out.quantiles.push_back(i == 20 ? ratios.back() : quantile(i / 20.0));
    }
    out.mean = std::accumulate(ratios.begin(), ratios.end(), 0.0) / static_cast<double>(ratios.size());
    return out;
}

}  // namespace centrecov::routing
