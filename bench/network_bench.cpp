// Road-network speed and memory: graph build, 100-source distances to every node,
// and the matrices the program asks for (Norfolk-sized). Figures and how to read
// them: bench/README.md.

#include <benchmark/benchmark.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>

#include <cstdlib>
#include <random>

#include "network/graph.hpp"
#include "network/load.hpp"
#include "network/snap.hpp"
#include "road_like.hpp"
#include "routing/network_routes.hpp"

namespace centrecov::bench {

// A CSR graph holds one row start per node and, per arc, a target and its properties.
std::size_t csr_bytes(const network::CsrGraph& graph) {
    return (boost::num_vertices(graph) + 1) * sizeof(std::uint32_t) +
           boost::num_edges(graph) * (sizeof(std::uint32_t) + sizeof(network::Arc));
}

void BM_BuildGraph(benchmark::State& state) {
    const int side = static_cast<int>(state.range(0));
    std::size_t nodes = 0;
    std::size_t arcs = 0;
    std::size_t bytes = 0;
    for (auto _ : state) {
        const auto network = road_like_network(side);
        const auto graph = network::build_graph(network, network::drive_profile());
        nodes = network.nodes.size();
        arcs = boost::num_edges(graph.forward);
        bytes = csr_bytes(graph.forward) + csr_bytes(graph.reverse);
        benchmark::DoNotOptimize(graph.component.data());
    }
    state.counters["nodes"] = static_cast<double>(nodes);
    state.counters["arcs"] = static_cast<double>(arcs);
    state.counters["graph_bytes_per_arc"] = static_cast<double>(bytes) / static_cast<double>(2 * arcs);
}
BENCHMARK(BM_BuildGraph)->Arg(100)->Arg(316)->Arg(1000)->Unit(benchmark::kMillisecond)->Iterations(1);

void hundred_sources(benchmark::State& state, const network::RoadNetwork& network, std::size_t threads) {
    const auto graph = network::build_graph(network, network::drive_profile());
    const auto sources = benchmark_sources(network.nodes.size(), 100);
    const tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
    tbb::enumerable_thread_specific<routing::Search> searches;
    const unsigned shift = routing::bucket_shift(graph.forward, routing::Metric::metres);
    double checksum = 0.0;
    for (auto _ : state) {
        std::vector<std::uint64_t> sums(sources.size());
        tbb::parallel_for(std::size_t{0}, sources.size(), [&](std::size_t s) {
            auto& search = searches.local();
            const routing::Seed seed{sources[s], 0, 0};
            search.run(graph.forward, {&seed, 1}, routing::Metric::metres, routing::max_cost, shift);
            std::uint64_t sum = 0;
            for (const network::NodeId node : search.reached_nodes()) {
                sum += search.cost(node);
            }
            sums[s] = sum;
        });
        std::uint64_t total = 0;
        for (const std::uint64_t s : sums) {
            total += s;
        }
        checksum = static_cast<double>(total) / 1e6;
        benchmark::DoNotOptimize(checksum);
    }
    state.counters["nodes"] = static_cast<double>(network.nodes.size());
    state.counters["checksum_km"] = checksum;
}

void BM_HundredSourcesToEveryNode(benchmark::State& state) {
    const auto network = road_like_network(static_cast<int>(state.range(0)));
    hundred_sources(state, network, static_cast<std::size_t>(state.range(1)));
}
BENCHMARK(BM_HundredSourcesToEveryNode)
    ->Args({100, 1})
    ->Args({100, 2})
    ->Args({316, 2})
    ->Args({1000, 1})
    ->Args({1000, 2})
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);

// A generated town with points snapped as the program snaps families and sites.
struct Town {
    Town(int side, std::size_t families, std::size_t sites)
        : network(road_like_network(side)),
          graph(network::build_graph(network, network::walk_profile())),
          snapper(network, graph),
          router(network, graph) {
        std::mt19937_64 random(5);
        const double extent = road_like_spacing_m * side;
        std::uniform_real_distribution<double> coordinate(100000.0, 100000.0 + extent);
        auto points = [&](std::size_t count) {
            std::vector<std::optional<network::Snap>> out;
            for (std::size_t i = 0; i < count; ++i) {
                out.push_back(snapper.snap({coordinate(random), coordinate(random)}, 1000.0));
            }
            return out;
        };
        origins = points(families);
        destinations = points(sites);
    }
    network::RoadNetwork network;
    network::Graph graph;
    network::Snapper snapper;
    routing::NetworkRouter router;
    std::vector<std::optional<network::Snap>> origins;
    std::vector<std::optional<network::Snap>> destinations;
};

std::size_t entries(const std::vector<std::vector<routing::NetworkRouter::Entry>>& columns, double& checksum) {
    std::size_t n = 0;
    checksum = 0.0;
    for (const auto& column : columns) {
        n += column.size();
        for (const auto& e : column) {
            checksum += e.cost;
        }
    }
    return n;
}

// Norfolk-sized: about 300,000 nodes, 29,502 families (Norfolk's postcodes) and 100 sites.
const Town& norfolk_sized() {
    static const Town town(548, 29502, 100);
    return town;
}

// range(0): cutoff in metres (0: none); range(1): 0 search from the sites, 1 from the families; range(2): threads.
void BM_NorfolkSizedMatrix(benchmark::State& state) {
    const Town& town = norfolk_sized();
    const tbb::global_control limit(tbb::global_control::max_allowed_parallelism,
                                    static_cast<std::size_t>(state.range(2)));
    const double cutoff = state.range(0) > 0 ? static_cast<double>(state.range(0)) : routing::unreachable;
    const auto side = state.range(1) == 0 ? routing::NetworkRouter::SearchFrom::destinations
                                          : routing::NetworkRouter::SearchFrom::origins;
    double checksum = 0.0;
    std::size_t n = 0;
    for (auto _ : state) {
        n = entries(town.router.matrix(town.origins, town.destinations, routing::Metric::metres, cutoff, side),
                    checksum);
    }
    state.counters["nodes"] = static_cast<double>(town.network.nodes.size());
    state.counters["pairs"] = static_cast<double>(n);
    state.counters["checksum_km"] = checksum / 1000.0;
}
BENCHMARK(BM_NorfolkSizedMatrix)
    ->Args({8000, 0, 2})
    ->Args({8000, 1, 2})
    ->Args({1600, 0, 2})
    ->Args({1600, 1, 2})
    ->Args({0, 0, 2})
    ->Args({0, 0, 1})
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);

// Nearest site for every family (one search from all sites at once), by distance and by time, as `run` asks.
void BM_NorfolkSizedNearest(benchmark::State& state) {
    const Town& town = norfolk_sized();
    double checksum = 0.0;
    for (auto _ : state) {
        const auto by_metres = town.router.nearest(town.origins, town.destinations, routing::Metric::metres);
        const auto by_seconds = town.router.nearest(town.origins, town.destinations, routing::Metric::seconds);
        checksum = 0.0;
        for (const auto& n : by_metres) {
            checksum += n.found() ? n.cost : 0.0;
        }
        benchmark::DoNotOptimize(by_seconds.data());
    }
    state.counters["checksum_km"] = checksum / 1000.0;
}
BENCHMARK(BM_NorfolkSizedNearest)->Unit(benchmark::kMillisecond)->Iterations(1);

// The issue's own measurement: 100 sites x 600 points on a 1M-node graph, no cutoff, one thread (was 26.7 s).
void BM_MillionNodesHundredBySixHundred(benchmark::State& state) {
    const Town town(1000, 600, 100);
    const tbb::global_control limit(tbb::global_control::max_allowed_parallelism,
                                    static_cast<std::size_t>(state.range(0)));
    double checksum = 0.0;
    for (auto _ : state) {
        entries(town.router.matrix(town.origins, town.destinations, routing::Metric::metres, routing::unreachable,
                                   routing::NetworkRouter::SearchFrom::destinations),
                checksum);
    }
    state.counters["checksum_km"] = checksum / 1000.0;
}
BENCHMARK(BM_MillionNodesHundredBySixHundred)->Arg(1)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace centrecov::bench

// With CENTRECOV_BENCH_NETWORK=FILE, also times the same job on a real network.
int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    if (const char* file = std::getenv("CENTRECOV_BENCH_NETWORK"); file != nullptr && file[0] != '\0') {
        static const auto network = centrecov::network::load_road_network(file, std::nullopt).network;
        for (const long threads : {1L, 2L}) {
            benchmark::RegisterBenchmark("BM_HundredSourcesOnNetworkFile",
                                         [threads](benchmark::State& state) {
                                             centrecov::bench::hundred_sources(state, network,
                                                                               static_cast<std::size_t>(threads));
                                         })
                ->Arg(threads)
                ->Unit(benchmark::kMillisecond)
                ->Iterations(5);
        }
    }
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
