#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <random>
#include <string>

#include "network/graph.hpp"
#include "routing/customisable_hierarchy.hpp"
#include "routing/dissection.hpp"
#include "support/ascii_map.hpp"
#include "support/random_roads.hpp"

namespace centrecov::routing {
namespace {

// Costs from (and to) random seed sets equal Dijkstra's, to the millimetre, at every node.
void expect_sweeps_equal_dijkstra(const network::Graph& graph, const CustomisableHierarchy& hierarchy,
                                  Metric metric, std::uint64_t seed, std::size_t runs) {
    std::mt19937_64 random(seed);
    std::vector<Cost> swept;
    Search search;
    for (std::size_t run = 0; run < runs; ++run) {
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
                wrong += swept[hierarchy.position(n)] == search.cost(n) ? 0U : 1U;
            }
            ASSERT_EQ(wrong, 0u) << "run " << run << (towards ? " towards the seeds" : " from the seeds");
        }
    }
}

network::NodeId node_at(const network::RoadNetwork& network, Point place) {
    for (network::NodeId n = 0; n < network.nodes.size(); ++n) {
        if (straight_line_m(network.nodes[n], place) < 0.01) {
            return n;
        }
    }
    throw std::invalid_argument("no node there");
}

TEST(CustomisableHierarchy, SweepsEqualDijkstraOnRandomGraphs) {
    for (std::uint64_t seed = 1; seed <= 4; ++seed) {
        const auto network = test::random_network(seed, 20);
        for (const char* profile : {"drive", "walk"}) {
            const auto graph = network::build_graph(network, network::profile_named(profile));
            for (const Metric metric : {Metric::metres, Metric::seconds}) {
                const CustomisableHierarchy hierarchy(graph.forward, network.nodes, metric);
                EXPECT_EQ(hierarchy.node_count(), graph.node_count());
                expect_sweeps_equal_dijkstra(graph, hierarchy, metric, seed, 12);
            }
        }
    }
}

TEST(CustomisableHierarchy, AnyOrderGivesExactCostsOnlySlower) {
    // The order is only about speed: with every node in one place (no geometry to cut by) or the
    // places shuffled, the costs are still Dijkstra's; the hierarchy just holds more arcs.
    const auto network = test::random_network(7, 16);
    const auto graph = network::build_graph(network, network::drive_profile());
    const CustomisableHierarchy by_map(graph.forward, network.nodes, Metric::seconds);
    const std::vector<Point> one_place(network.nodes.size(), Point{500000.0, 200000.0});
    const CustomisableHierarchy by_id(graph.forward, one_place, Metric::seconds);
    std::vector<Point> shuffled = network.nodes;
    std::mt19937_64 random(3);
    std::shuffle(shuffled.begin(), shuffled.end(), random);
    const CustomisableHierarchy by_shuffle(graph.forward, shuffled, Metric::seconds);
    expect_sweeps_equal_dijkstra(graph, by_id, Metric::seconds, 1, 8);
    expect_sweeps_equal_dijkstra(graph, by_shuffle, Metric::seconds, 2, 8);
    EXPECT_LT(by_map.arc_count(), by_shuffle.arc_count());
}

TEST(CustomisableHierarchy, ParallelStreetsOneWaysAndAnIsland) {
    // Two streets from a to b (the long way round over the bend, and the short straight one),
    // a one-way from b to c, and x-y unconnected to the rest.
    const test::AsciiMap map(R"(
            d
          /   \
        a-------b---c      x---y
    )");
    const auto network = network::build_network(map.ways({{"adb"}, {"ab"}, {"bc", "residential", network::OneWay::forward}, {"xy"}}));
    const auto graph = network::build_graph(network, network::drive_profile());
    const CustomisableHierarchy hierarchy(graph.forward, network.nodes, Metric::metres);
    std::vector<Cost> costs;
    const Seed from_a{node_at(network, map.at('a')), 0, 0};
    hierarchy.sweep({&from_a, 1}, false, costs);
    const auto cost_at = [&](char c) { return costs[hierarchy.position(node_at(network, map.at(c)))]; };
    EXPECT_EQ(cost_at('b'), 800'000u);  // the straight street, not the bend
    EXPECT_EQ(cost_at('c'), 1'200'000u);
    EXPECT_EQ(cost_at('x'), no_cost);
    const Seed to_a = from_a;
    hierarchy.sweep({&to_a, 1}, true, costs);
    EXPECT_EQ(cost_at('b'), 800'000u);
    EXPECT_EQ(cost_at('c'), no_cost);  // the one-way cannot be driven back
    expect_sweeps_equal_dijkstra(graph, hierarchy, Metric::metres, 5, 6);
}

TEST(NestedDissection, RanksArePermutationAndAStreetIsCutInItsMiddle) {
    // A straight street of seven junctions: a junction near the middle separates it into two
    // halves of at most four, so it is contracted last.
    const test::AsciiMap map(R"(
        a---b---c---d---e---f---g
    )");
    const auto network = network::build_network(map.ways({{"ab"}, {"bc"}, {"cd"}, {"de"}, {"ef"}, {"fg"}}));
    const auto graph = network::build_graph(network, network::walk_profile());
    const auto ranks = nested_dissection_ranks(graph.forward, network.nodes);
    ASSERT_EQ(ranks.size(), 7u);
    std::vector<std::uint32_t> sorted = ranks;
    std::sort(sorted.begin(), sorted.end());
    std::vector<std::uint32_t> expected(7);
    std::iota(expected.begin(), expected.end(), 0U);
    EXPECT_EQ(sorted, expected);
    const std::string street = "abcdefg";
    const auto last = std::find_if(street.begin(), street.end(),
                                   [&](char c) { return ranks[node_at(network, map.at(c))] == 6u; });
    ASSERT_NE(last, street.end());
    EXPECT_NE(std::string("cde").find(*last), std::string::npos) << *last;
}

TEST(NestedDissection, EveryNodeIsRankedOnceOnRandomGraphs) {
    for (std::uint64_t seed = 1; seed <= 3; ++seed) {
        const auto network = test::random_network(seed, 30);
        const auto graph = network::build_graph(network, network::drive_profile());
        auto ranks = nested_dissection_ranks(graph.forward, network.nodes);
        std::sort(ranks.begin(), ranks.end());
        for (std::uint32_t i = 0; i < ranks.size(); ++i) {
            ASSERT_EQ(ranks[i], i);
        }
    }
}

}  // namespace
}  // namespace centrecov::routing
