// Road-network speed and memory: graph build, 100-source distances to every node.
// Figures and how to read them: bench/README.md.

#include <benchmark/benchmark.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>

#include <cstdlib>

#include "network/graph.hpp"
#include "network/load.hpp"
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
    double checksum = 0.0;
    for (auto _ : state) {
        std::vector<double> sums(sources.size());
        tbb::parallel_for(std::size_t{0}, sources.size(), [&](std::size_t s) {
            const auto labels =
                routing::shortest_paths(graph.forward, {{sources[s], 0.0, 0}}, routing::Metric::metres);
            double sum = 0.0;
            for (const double d : labels.cost) {
                sum += d < routing::unreachable ? d : 0.0;
            }
            sums[s] = sum;
        });
        checksum = 0.0;
        for (const double s : sums) {
            checksum += s;
        }
        benchmark::DoNotOptimize(checksum);
    }
    state.counters["nodes"] = static_cast<double>(network.nodes.size());
    state.counters["checksum_km"] = checksum / 1000.0;
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
