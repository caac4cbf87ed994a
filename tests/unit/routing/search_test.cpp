#include <gtest/gtest.h>

#include "network/graph.hpp"
#include "routing/search.hpp"
#include "support/ascii_map.hpp"
#include "support/plain_dijkstra.hpp"
#include "support/random_roads.hpp"

#include <random>

namespace centrecov::routing {
namespace search_test {

using test::AsciiMap;

struct DrawnGraph {
    DrawnGraph(const AsciiMap& map, const std::vector<test::DrawnWay>& ways)
        : network(network::build_network(map.ways(ways))), graph(network::build_graph(network, network::walk_profile())) {}
    network::NodeId node(const AsciiMap& map, char c) const {
        const Point p = map.at(c);
        for (network::NodeId n = 0; n < network.nodes.size(); ++n) {
            if (straight_line_m(network.nodes[n], p) < 0.01) {
                return n;
            }
        }
        throw std::invalid_argument("no node there");
    }
    network::RoadNetwork network;
    network::Graph graph;
};

// Each character is 100 m; every letter is a junction (one way per stretch).
const AsciiMap street(R"(
    a---b---c---d---e---f
)");

TEST(Search, ACutoffLabelsOnlyWhatLiesWithinIt) {
    const DrawnGraph drawn(street, {{"ab"}, {"bc"}, {"cd"}, {"de"}, {"ef"}});
    Search search;
    const Seed from_c{drawn.node(street, 'c'), 0, 0};
    search.run(drawn.graph.forward, {&from_c, 1}, Metric::metres, from_units(400.0));
    // b and d are 400 m from c (inclusive), a and e 800 m.
    EXPECT_EQ(search.reached_nodes().size(), 3u);
    EXPECT_EQ(search.cost(drawn.node(street, 'b')), 400'000u);
    EXPECT_EQ(search.cost(drawn.node(street, 'd')), 400'000u);
    EXPECT_FALSE(search.reached(drawn.node(street, 'a')));
    EXPECT_FALSE(search.reached(drawn.node(street, 'e')));
}

TEST(Search, ARunForgetsEverythingTheLastOneLabelled) {
    const DrawnGraph drawn(street, {{"ab"}, {"bc"}, {"cd"}, {"de"}, {"ef"}});
    Search reused;
    const Seed from_a{drawn.node(street, 'a'), 0, 0};
    const Seed from_f{drawn.node(street, 'f'), 0, 7};
    reused.run(drawn.graph.forward, {&from_a, 1}, Metric::metres);  // labels all six
    reused.run(drawn.graph.forward, {&from_f, 1}, Metric::metres, from_units(500.0));
    Search fresh;
    fresh.run(drawn.graph.forward, {&from_f, 1}, Metric::metres, from_units(500.0));
    ASSERT_EQ(reused.reached_nodes().size(), 2u);  // f and e
    for (network::NodeId n = 0; n < drawn.network.nodes.size(); ++n) {
        EXPECT_EQ(reused.cost(n), fresh.cost(n)) << n;
        EXPECT_EQ(reused.owner(n), fresh.owner(n)) << n;
    }
    EXPECT_EQ(reused.owner(drawn.node(street, 'e')), 7u);
    EXPECT_FALSE(reused.reached(drawn.node(street, 'a')));
}

TEST(Search, EqualCostsGoToTheSmallerOwnerWhateverTheSeedOrder) {
    const DrawnGraph drawn(street, {{"ab"}, {"bc"}, {"cd"}, {"de"}, {"ef"}});
    const network::NodeId b = drawn.node(street, 'b');
    const network::NodeId d = drawn.node(street, 'd');
    const network::NodeId c = drawn.node(street, 'c');
    for (const auto& seeds : {std::vector<Seed>{{b, 0, 5}, {d, 0, 2}}, std::vector<Seed>{{d, 0, 2}, {b, 0, 5}}}) {
        Search search;
        search.run(drawn.graph.forward, seeds, Metric::metres);
        EXPECT_EQ(search.owner(c), 2u);  // c is 400 m from both
        EXPECT_EQ(search.owner(drawn.node(street, 'a')), 5u);
        EXPECT_EQ(search.cost(c), 400'000u);
    }
}

TEST(Search, ArcsCheaperThanABucketIsWideStillGiveDijkstrasLabels) {
    // One arc in twenty-five made nearly free (0-40 mm), so nodes are reached again within the
    // bucket they were taken from: costs and owners must still be Dijkstra's from three seeds.
    for (std::uint64_t seed = 1; seed <= 3; ++seed) {
        const auto network = test::random_network(seed, 25);
        auto graph = network::build_graph(network, network::walk_profile());
        std::mt19937_64 random(seed);
        const auto [first, last] = boost::edges(graph.forward);
        for (auto arc = first; arc != last; ++arc) {
            if (random() % 25 == 0) {
                graph.forward[*arc].millimetres = static_cast<Cost>(random() % 41);
            }
        }
        ASSERT_GT(bucket_shift(graph.forward, Metric::metres), 6u);  // wider than the cheap arcs
        const std::vector<Seed> seeds{{static_cast<network::NodeId>(random() % graph.node_count()), 300, 4},
                                      {static_cast<network::NodeId>(random() % graph.node_count()), 0, 9},
                                      {static_cast<network::NodeId>(random() % graph.node_count()), 0, 1}};
        std::vector<std::vector<std::uint64_t>> from;
        for (const Seed& s : seeds) {
            from.push_back(test::plain_dijkstra(graph.forward, s.node, Metric::metres));
        }
        Search search;
        search.run(graph.forward, seeds, Metric::metres);
        for (network::NodeId n = 0; n < graph.node_count(); ++n) {
            std::uint64_t best = test::no_way;
            std::uint32_t owner = no_owner;
            for (std::size_t k = 0; k < seeds.size(); ++k) {
                if (from[k][n] == test::no_way) {
                    continue;
                }
                const std::uint64_t cost = from[k][n] + seeds[k].cost;
                if (cost < best || (cost == best && seeds[k].owner < owner)) {
                    best = cost;
                    owner = seeds[k].owner;
                }
            }
            ASSERT_EQ(search.reached(n), best != test::no_way) << "node " << n;
            if (best != test::no_way) {
                ASSERT_EQ(search.cost(n), best) << "node " << n;
                ASSERT_EQ(search.owner(n), owner) << "node " << n;
            }
        }
    }
}

TEST(Search, SumsPastTheLargestCostAreNoWayNotAWrappedNumber) {
    // Each character is 1,000 km: a to b is 2,000 km, a to c 4,000 km (still held), a to d past 4,295 km.
    const AsciiMap far(R"(
        a-b-c-d
    )",
                       1'000'000.0);
    const DrawnGraph drawn(far, {{"ab"}, {"bc"}, {"cd"}});
    Search search;
    const Seed from_a{drawn.node(far, 'a'), 0, 0};
    search.run(drawn.graph.forward, {&from_a, 1}, Metric::metres);
    EXPECT_EQ(search.cost(drawn.node(far, 'c')), 4'000'000'000u);
    EXPECT_FALSE(search.reached(drawn.node(far, 'd')));
    EXPECT_EQ(add_costs(max_cost, 1), no_cost);
    EXPECT_EQ(add_costs(max_cost - 1, 1), max_cost);
}

TEST(Search, UnitsRoundToTheMillimetre) {
    EXPECT_EQ(from_units(1.2344), 1234u);
    EXPECT_EQ(from_units(1.2346), 1235u);
    EXPECT_EQ(from_units(0.0), 0u);
    EXPECT_EQ(from_units(-3.0), 0u);
    EXPECT_EQ(from_units(std::numeric_limits<double>::infinity()), max_cost);
    EXPECT_DOUBLE_EQ(to_units(1600000), 1600.0);
}

}  // namespace search_test
}  // namespace centrecov::routing
