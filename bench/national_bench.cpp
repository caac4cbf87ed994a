// A national run's routing: a generated road-like graph of about 20 million
// nodes (the size of England's road network), 3,500 sites and 1.4 million
// demand points (England's postcodes). Times and memory of each step, and
// nearest-site coverage at four thresholds. Figures: bench/README.md.
//
//   national_bench [SIDE [SITES [POINTS]]]   (defaults 4472 3500 1400000: 20.0M junctions)

#include <sys/resource.h>
#include <tbb/info.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <string>

#include "network/graph.hpp"
#include "road_like.hpp"
#include "routing/network_routes.hpp"

namespace {

using namespace centrecov;

double peak_gb() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / (1024.0 * 1024.0);
}

double resident_gb() {
    std::ifstream statm("/proc/self/statm");
    std::size_t pages = 0;
    std::size_t resident = 0;
    statm >> pages >> resident;
    return static_cast<double>(resident) * 4096.0 / (1024.0 * 1024.0 * 1024.0);
}

class Clock {
public:
    double lap() {
        const auto now = std::chrono::steady_clock::now();
        const double s = std::chrono::duration<double>(now - last_).count();
        last_ = now;
        return s;
    }

private:
    std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

// Points on the roads as a snapper would leave them: a piece, a place along it, a short walk to it.
std::vector<std::optional<network::Snap>> points_on_roads(const network::RoadNetwork& network, std::size_t count,
                                                          std::uint64_t seed) {
    std::mt19937_64 random(seed);
    std::vector<std::optional<network::Snap>> out;
    out.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        network::Snap snap;
        snap.piece = static_cast<std::uint32_t>(random() % network.pieces.size());
        const double length = network.pieces[snap.piece].length_m;
        snap.offset_m = length * static_cast<double>(random() % 1000) / 1000.0;
        snap.distance_m = static_cast<double>(random() % 60);
        out.push_back(snap);
    }
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    const int side = argc > 1 ? std::atoi(argv[1]) : 4472;
    const std::size_t site_count = argc > 2 ? std::strtoul(argv[2], nullptr, 10) : 3500;
    const std::size_t point_count = argc > 3 ? std::strtoul(argv[3], nullptr, 10) : 1400000;
    std::printf("threads %d\n", tbb::info::default_concurrency());
    Clock clock;
    Clock total;

    const auto network = bench::road_like_network_direct(side);
    std::printf("generate   %8.2f s  %zu nodes, %zu pieces  peak %.2f GB\n", clock.lap(), network.nodes.size(),
                network.pieces.size(), peak_gb());
    const auto graph = network::build_graph(network, network::walk_profile());
    const std::size_t arcs = boost::num_edges(graph.forward) + boost::num_edges(graph.reverse);
    const double graph_bytes =
        static_cast<double>(2 * (network.nodes.size() + 1) * 4 + arcs * (4 + sizeof(network::Arc)));
    std::printf("build      %8.2f s  %zu arcs (both graphs), %.1f graph bytes per arc  peak %.2f GB\n", clock.lap(),
                arcs, graph_bytes / static_cast<double>(arcs), peak_gb());

    const auto sites = points_on_roads(network, site_count, 1);
    const auto families = points_on_roads(network, point_count, 2);
    clock.lap();

    const routing::NetworkRouter router(network, graph);
    const auto nearest = router.nearest(families, sites, routing::Metric::metres);
    const double nearest_s = clock.lap();
    const double thresholds[] = {1600.0, 3200.0, 5000.0, 8000.0};
    std::size_t within[4] = {0, 0, 0, 0};
    double checksum = 0.0;
    for (const auto& n : nearest) {
        if (!n.found()) {
            continue;
        }
        checksum += n.cost;
        for (int t = 0; t < 4; ++t) {
            within[t] += n.cost <= thresholds[t] ? 1 : 0;
        }
    }
    std::printf("nearest    %8.2f s  within 1.6/3.2/5/8 km: %.1f / %.1f / %.1f / %.1f %%  checksum %.3f km  peak %.2f GB\n",
                nearest_s, 100.0 * static_cast<double>(within[0]) / static_cast<double>(point_count),
                100.0 * static_cast<double>(within[1]) / static_cast<double>(point_count),
                100.0 * static_cast<double>(within[2]) / static_cast<double>(point_count),
                100.0 * static_cast<double>(within[3]) / static_cast<double>(point_count), checksum / 1000.0,
                peak_gb());

    // Every site with the points within 1.6 km of it (one bounded search per site), as access scores need.
    const auto columns = router.matrix(families, sites, routing::Metric::metres, 1600.0);
    const double matrix_s = clock.lap();
    std::size_t pairs = 0;
    std::vector<bool> covered(point_count, false);
    for (const auto& column : columns) {
        pairs += column.size();
        for (const auto& entry : column) {
            covered[entry.origin] = true;
        }
    }
    // The two ways of answering "is a site within 1.6 km" must agree.
    const auto covered_by_matrix = static_cast<std::size_t>(std::count(covered.begin(), covered.end(), true));
    std::printf("matrix1.6  %8.2f s  %zu pairs within 1.6 km; points covered %zu (nearest says %zu: %s)  peak %.2f GB\n",
                matrix_s, pairs, covered_by_matrix, within[0], covered_by_matrix == within[0] ? "agree" : "DISAGREE",
                peak_gb());
    std::printf("total      %8.2f s  peak %.2f GB, resident now %.2f GB\n", total.lap(), peak_gb(), resident_gb());
    return covered_by_matrix == within[0] ? 0 : 1;
}
