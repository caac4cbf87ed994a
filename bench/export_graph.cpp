// Writes a network's drive graph as a plain edge list (source,target,metres) and
// the benchmark's source nodes, so other tools can be timed on exactly the same
// problem: bench/compare.py reads them.
//
// Usage: export_graph (--generated SIDE | --network FILE) EDGES.csv SOURCES.txt

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iomanip>
#include <string>

#include "network/graph.hpp"
#include "network/load.hpp"
#include "road_like.hpp"

int main(int argc, char** argv) {
    using namespace centrecov;
    if (argc != 5) {
        std::fprintf(stderr, "usage: export_graph (--generated SIDE | --network FILE) EDGES.csv SOURCES.txt\n");
        return 2;
    }
    const std::string kind = argv[1];
    network::RoadNetwork network = kind == "--generated"
                                       ? bench::road_like_network(std::atoi(argv[2]))
                                       : network::load_road_network(argv[2], std::nullopt).network;
    const auto graph = network::build_graph(network, network::drive_profile());
    std::ofstream edges(argv[3]);
    edges << "source,target,metres\n";
    for (std::uint32_t v = 0; v < boost::num_vertices(graph.forward); ++v) {
        const auto [first, last] = boost::out_edges(v, graph.forward);
        for (auto arc = first; arc != last; ++arc) {
            // Whole millimetres, as centrecov adds them.
            const auto mm = graph.forward[*arc].millimetres;
            edges << v << ',' << boost::target(*arc, graph.forward) << ',' << mm / 1000 << '.'
                  << std::setfill('0') << std::setw(3) << mm % 1000 << '\n';
        }
    }
    std::ofstream sources(argv[4]);
    for (const auto s : bench::benchmark_sources(network.nodes.size(), 100)) {
        sources << s << '\n';
    }
    std::fprintf(stderr, "%zu nodes, %zu arcs\n", static_cast<std::size_t>(boost::num_vertices(graph.forward)),
                 static_cast<std::size_t>(boost::num_edges(graph.forward)));
    return 0;
}
