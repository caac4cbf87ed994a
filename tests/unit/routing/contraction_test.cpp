#include <gtest/gtest.h>

#include <random>

#include "network/graph.hpp"
#include "routing/contraction.hpp"
#include "support/ascii_map.hpp"
#include "support/plain_dijkstra.hpp"
#include "support/random_roads.hpp"

namespace centrecov::routing {
namespace {

// Costs from (or to) every seed set equal Boost's Dijkstra from a super-source, to the millimetre.
void expect_sweeps_equal_dijkstra(const network::Graph& graph, const ContractionHierarchy& hierarchy, Metric metric,
                                  std::uint64_t seed, std::size_t limit_witness_runs) {
    std::mt19937_64 random(seed);
    std::vector<Cost> swept;
    Search search;
    for (std::size_t run = 0; run < limit_witness_runs; ++run) {
        std::vector<Seed> seeds;
        for (int k = 0; k < 1 + static_cast<int>(run % 3); ++k) {
            seeds.push_back({static_cast<network::NodeId>(random() % graph.node_count()),
                             static_cast<Cost>(random() % 500), 0});
        }
        for (const bool towards : {false, true}) {
            hierarchy.sweep(seeds, towards, swept);
            search.run(towards ? graph.reverse : graph.forward, seeds, metric);
            std::size_t wrong = 0;
            for (network::NodeId n = 0; n < graph.node_count(); ++n) {
                wrong += swept[n] == search.cost(n) ? 0U : 1U;
            }
            ASSERT_EQ(wrong, 0u) << "run " << run << (towards ? " towards the seeds" : " from the seeds");
        }
    }
}

TEST(ContractionHierarchy, SweepsEqualDijkstraOnRandomGraphs) {
    for (std::uint64_t seed = 1; seed <= 4; ++seed) {
        const auto network = test::random_network(seed, 18);
        for (const char* profile : {"drive", "walk"}) {
            const auto graph = network::build_graph(network, network::profile_named(profile));
            for (const Metric metric : {Metric::metres, Metric::seconds}) {
                const ContractionHierarchy hierarchy(graph.forward, metric);
                EXPECT_EQ(hierarchy.node_count(), graph.node_count());
                expect_sweeps_equal_dijkstra(graph, hierarchy, metric, seed, 12);
            }
        }
    }
}

TEST(ContractionHierarchy, AnUncontractedCoreStillGivesExactCosts) {
    // Contraction stopped with a third, or all but one, of the nodes left: the core is searched
    // by Dijkstra in every sweep, and the costs stay those of plain Dijkstra.
    for (std::uint64_t seed = 5; seed <= 6; ++seed) {
        const auto network = test::random_network(seed, 18);
        const auto graph = network::build_graph(network, network::drive_profile());
        for (const std::size_t core : {graph.node_count() / 3, graph.node_count() - 1, graph.node_count()}) {
            const ContractionHierarchy hierarchy(graph.forward, Metric::seconds, 200, core);
            EXPECT_EQ(hierarchy.core_count(), core);
            expect_sweeps_equal_dijkstra(graph, hierarchy, Metric::seconds, seed, 8);
        }
    }
}

TEST(ContractionHierarchy, AWitnessLimitOfOneStillGivesExactCosts) {
    // With the search for witnesses cut short, more shortcuts are added, never a wrong cost.
    const auto network = test::random_network(9, 14);
    const auto graph = network::build_graph(network, network::drive_profile());
    const ContractionHierarchy thorough(graph.forward, Metric::metres, 500);
    const ContractionHierarchy hasty(graph.forward, Metric::metres, 1);
    EXPECT_GE(hasty.shortcut_count(), thorough.shortcut_count());
    expect_sweeps_equal_dijkstra(graph, hasty, Metric::metres, 3, 10);
}

TEST(ContractionHierarchy, ADrawnStreetAndAnIsland) {
    const test::AsciiMap map(R"(
        a---b---c       x---y
    )");
    const auto network = network::build_network(map.ways({{"ab"}, {"bc"}, {"xy"}}));
    const auto graph = network::build_graph(network, network::walk_profile());
    const ContractionHierarchy hierarchy(graph.forward, Metric::metres);
    auto node = [&](char c) {
        for (network::NodeId n = 0; n < network.nodes.size(); ++n) {
            if (straight_line_m(network.nodes[n], map.at(c)) < 0.01) {
                return n;
            }
        }
        throw std::invalid_argument("no node");
    };
    std::vector<Cost> costs;
    const Seed from_a{node('a'), 0, 0};
    hierarchy.sweep({&from_a, 1}, false, costs);
    EXPECT_EQ(costs[node('c')], 800'000u);
    EXPECT_EQ(costs[node('x')], no_cost);
}

}  // namespace
}  // namespace centrecov::routing
