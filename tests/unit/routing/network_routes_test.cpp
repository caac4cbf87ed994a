#include <gtest/gtest.h>

#include <tbb/global_control.h>

#include <random>

#include "network/graph.hpp"
#include "network/snap.hpp"
#include "routing/network_routes.hpp"
#include "support/ascii_map.hpp"
#include "support/plain_dijkstra.hpp"
#include "support/random_roads.hpp"

namespace centrecov::routing {
namespace network_routes_test {

using network::OneWay;
using test::AsciiMap;
using test::DrawnWay;

// A network with everything it needs, built from a drawing.
struct Drawn {
    Drawn(const AsciiMap& map, const std::vector<DrawnWay>& ways, const std::string& profile)
        : network(network::build_network(map.ways(ways))),
          graph(network::build_graph(network, network::profile_named(profile))),
          snapper(network, graph),
          router(network, graph) {}

    std::optional<network::Snap> snap(Point p, double max = network::default_max_snap_m) const {
        return snapper.snap(p, max);
    }

    network::RoadNetwork network;
    network::Graph graph;
    network::Snapper snapper;
    NetworkRouter router;
};

// Each character is 100 m.
const AsciiMap town(R"(
    a-------b-------c
    |               |
    |               |
    d-------e-------f
)");

TEST(Snap, OntoTheNearestPointOfTheNearestRoadNotItsNearestNode) {
    const Drawn drawn(town, {{"abc"}, {"adefc"}}, "walk");
    // 30 m south of the road a-b, 250 m along it.
    const Point p{town.at('a').x + 250.0, town.at('a').y - 30.0};
    const auto snap = drawn.snap(p);
    ASSERT_TRUE(snap.has_value());
    EXPECT_NEAR(snap->distance_m, 30.0, 1e-9);
    EXPECT_NEAR(snap->offset_m, 250.0, 1e-9);
    EXPECT_NEAR(snap->on_road.y, town.at('a').y, 1e-9);
    EXPECT_FALSE(snap->island);
}

TEST(Snap, APointFarFromAnyRoadIsReportedNotSnapped) {
    const Drawn drawn(town, {{"abc"}}, "walk");
    const Point far{town.at('a').x, town.at('a').y + 5000.0};
    EXPECT_FALSE(drawn.snap(far, 1000.0).has_value());
    EXPECT_TRUE(drawn.snap(far, 6000.0).has_value());
}

TEST(Routes, WalkAroundTheBlock) {
    const Drawn drawn(town, {{"abc"}, {"adefc"}}, "walk");
    const auto from = drawn.snap(town.at('d'));
    const auto to = drawn.snap(town.at('b'));
    // d-a (300) + a-b (800) = 1100; d-e-f-c-b = 800+800+300+800 = 2700.
    EXPECT_NEAR(drawn.router.cost(*from, *to, Metric::metres), 1100.0, 1e-3);
    EXPECT_NEAR(drawn.router.cost(*to, *from, Metric::metres), 1100.0, 1e-3);
    EXPECT_NEAR(drawn.router.cost(*from, *to, Metric::seconds), 1100.0 / (4.8 / 3.6), 0.01);
}

TEST(Routes, OneWayStreetsSendDriversTheLongWay) {
    // a->b->c one way eastbound; the south loop is two-way.
    const Drawn drawn(town, {{"abc", "residential", OneWay::forward}, {"adefc"}}, "drive");
    const auto a = drawn.snap(town.at('a'));
    const auto c = drawn.snap(town.at('c'));
    EXPECT_NEAR(drawn.router.cost(*a, *c, Metric::metres), 1600.0, 1e-3);
    EXPECT_NEAR(drawn.router.cost(*c, *a, Metric::metres), 2200.0, 1e-3) << "c to a must go round the south";
    const Drawn walking(town, {{"abc", "residential", OneWay::forward}, {"adefc"}}, "walk");
    EXPECT_NEAR(walking.router.cost(*walking.snap(town.at('c')), *walking.snap(town.at('a')), Metric::metres), 1600.0,
                1e-3);
}

TEST(Routes, ADeadEndIsEnteredAndLeftTheSameWay) {
    const AsciiMap map(R"(
        a-------b
                |
                c
    )");
    const Drawn drawn(map, {{"ab"}, {"bc"}}, "walk");
    const Point near_c{map.at('c').x + 40.0, map.at('c').y + 50.0};  // beside the dead end, 50 m short of c
    const auto from = drawn.snap(near_c);
    ASSERT_TRUE(from.has_value());
    EXPECT_NEAR(from->distance_m, 40.0, 1e-9);
    EXPECT_NEAR(drawn.router.cost(*from, *drawn.snap(map.at('a')), Metric::metres), 40.0 + 150.0 + 800.0, 1e-3);
}

TEST(Routes, ABridgeGivesNoWayOntoTheRoadBelow) {
    const AsciiMap map(R"(
            c
            |
        a---+---b
            |
            d
    )");
    const Drawn drawn(map, {{"ab"}, {"cd"}}, "walk");
    EXPECT_EQ(drawn.router.cost(*drawn.snap(map.at('a')), *drawn.snap(map.at('c')), Metric::metres), unreachable);
}

TEST(Routes, AnIslandIsFlaggedAndUnreachable) {
    const AsciiMap map(R"(
        a---b---c---d       x---y
    )");
    const Drawn drawn(map, {{"abcd"}, {"xy"}}, "walk");
    const auto island = drawn.snap(map.at('x'));
    ASSERT_TRUE(island.has_value());
    EXPECT_TRUE(island->island);
    EXPECT_FALSE(drawn.snap(map.at('a'))->island);
    const auto nearest = drawn.router.nearest({island}, {drawn.snap(map.at('a'))}, Metric::metres);
    EXPECT_FALSE(nearest[0].found());
}

TEST(Routes, OriginAndDestinationOnTheSameStretch) {
    const Drawn drawn(town, {{"abc"}, {"adefc"}}, "walk");
    const auto p = drawn.snap({town.at('a').x + 100.0, town.at('a').y});
    const auto q = drawn.snap({town.at('a').x + 600.0, town.at('a').y});
    EXPECT_NEAR(drawn.router.cost(*p, *q, Metric::metres), 500.0, 1e-3);
}

TEST(Routes, NearestSiteInOnePassMatchesTheMatrix) {
    const Drawn drawn(town, {{"abc"}, {"adefc"}}, "drive");
    std::vector<std::optional<network::Snap>> families;
    for (const char c : std::string("abcdef")) {
        families.push_back(drawn.snap(town.at(c)));
    }
    const std::vector<std::optional<network::Snap>> sites{drawn.snap(town.at('b')), drawn.snap(town.at('e')),
                                                          std::nullopt};
    const auto nearest = drawn.router.nearest(families, sites, Metric::metres);
    const auto matrix = drawn.router.matrix(families, sites, Metric::metres, unreachable);
    EXPECT_TRUE(matrix[2].empty());
    for (std::size_t f = 0; f < families.size(); ++f) {
        double best = unreachable;
        for (const auto& column : matrix) {
            for (const auto& entry : column) {
                if (entry.origin == f) {
                    best = std::min(best, entry.cost);
                }
            }
        }
        EXPECT_DOUBLE_EQ(nearest[f].cost, best) << "family " << f;
    }
    EXPECT_EQ(nearest[0].site, 0u);  // a is 800 from b, 1100 from e
    EXPECT_EQ(nearest[3].site, 1u);  // d is 800 from e, 1100 from b
    const auto bounded = drawn.router.matrix(families, sites, Metric::metres, 900.0);
    for (const auto& entry : bounded[0]) {
        EXPECT_LE(entry.cost, 900.0);
    }
}

using test::random_network;

TEST(Search, AgreesWithBoostDijkstraOnRandomGraphsToTheMillimetre) {
    Search search;  // one search reused for every run, as a thread does
    for (std::uint64_t seed = 1; seed <= 5; ++seed) {
        const auto network = random_network(seed, 20);
        const auto graph = network::build_graph(network, network::drive_profile());
        for (const Metric metric : {Metric::metres, Metric::seconds}) {
            const network::NodeId source = static_cast<network::NodeId>(seed * 7 % network.nodes.size());
            const Seed start{source, 0, 0};
            search.run(graph.forward, {&start, 1}, metric);
            const auto reference = test::plain_dijkstra(graph.forward, source, metric);
            std::size_t reached = 0;
            for (network::NodeId n = 0; n < reference.size(); ++n) {
                if (reference[n] == test::no_way) {
                    EXPECT_FALSE(search.reached(n));
                } else {
                    ++reached;
                    EXPECT_EQ(search.cost(n), reference[n]) << "seed " << seed << " node " << n;
                }
            }
            EXPECT_EQ(search.reached_nodes().size(), reached);
            EXPECT_GT(reached, network.nodes.size() / 2);
        }
    }
}

// Every pair of points, against costs built from Boost's Dijkstra, from both sides and with a cutoff.
void expect_matrix_equals_plain_dijkstra(const NetworkRouter& router, const network::Graph& graph,
                                         const std::vector<std::optional<network::Snap>>& origins,
                                         const std::vector<std::optional<network::Snap>>& destinations, Metric metric,
                                         double cutoff) {
    const auto reference = test::plain_matrix(router, graph, origins, destinations, metric);
    std::size_t within = 0;
    for (const auto side : {NetworkRouter::SearchFrom::destinations, NetworkRouter::SearchFrom::origins}) {
        const auto columns = router.matrix(origins, destinations, metric, cutoff, side);
        ASSERT_EQ(columns.size(), destinations.size());
        within = 0;
        for (std::size_t d = 0; d < destinations.size(); ++d) {
            std::size_t e = 0;
            for (std::size_t o = 0; o < origins.size(); ++o) {
                const std::uint64_t expected = reference[o][d];
                if (expected == test::no_way || to_units(static_cast<Cost>(expected)) > cutoff) {
                    continue;
                }
                ++within;
                ASSERT_LT(e, columns[d].size()) << "origin " << o << " missing from destination " << d;
                EXPECT_EQ(columns[d][e].origin, o);
                EXPECT_EQ(columns[d][e].cost, to_units(static_cast<Cost>(expected))) << o << " to " << d;
                ++e;
            }
            EXPECT_EQ(e, columns[d].size()) << "destination " << d << " has origins beyond the cutoff";
        }
    }
    EXPECT_GT(within, 0u);
}

TEST(Matrix, EqualsPlainDijkstraForEveryPairOnRandomGraphs) {
    for (std::uint64_t seed = 11; seed <= 13; ++seed) {
        const auto network = random_network(seed, 15);
        for (const char* profile : {"drive", "walk"}) {
            const auto graph = network::build_graph(network, network::profile_named(profile));
            const network::Snapper snapper(network, graph);
            const NetworkRouter router(network, graph);
            std::mt19937_64 random(seed);
            std::uniform_real_distribution<double> coordinate(-50.0, 1450.0);
            std::vector<std::optional<network::Snap>> origins;
            std::vector<std::optional<network::Snap>> destinations;
            for (int i = 0; i < 30; ++i) {
                origins.push_back(snapper.snap({500000.0 + coordinate(random), 200000.0 + coordinate(random)}, 80.0));
            }
            for (int i = 0; i < 7; ++i) {
                destinations.push_back(
                    snapper.snap({500000.0 + coordinate(random), 200000.0 + coordinate(random)}, 80.0));
            }
            destinations.push_back(std::nullopt);
            destinations.push_back(origins[3]);  // a destination where an origin is: the same piece, cost 2 legs
            for (const Metric metric : {Metric::metres, Metric::seconds}) {
                expect_matrix_equals_plain_dijkstra(router, graph, origins, destinations, metric, unreachable);
                expect_matrix_equals_plain_dijkstra(router, graph, origins, destinations, metric,
                                                    metric == Metric::metres ? 600.0 : 400.0);
            }
        }
    }
}

TEST(Matrix, EqualsPlainDijkstraOnADrawnTown) {
    const Drawn drawn(town, {{"abc", "residential", OneWay::forward}, {"adefc"}}, "drive");
    std::vector<std::optional<network::Snap>> points;
    for (const char c : std::string("abcdef")) {
        points.push_back(drawn.snap(town.at(c)));
    }
    points.push_back(drawn.snap({town.at('a').x + 250.0, town.at('a').y - 20.0}));  // beside the one-way street
    expect_matrix_equals_plain_dijkstra(drawn.router, drawn.graph, points, points, Metric::metres, unreachable);
    // b to a along the one-way street is not allowed: round the south, b-c 800, c-f-e-d-a 2200.
    const auto b_to_a = drawn.router.matrix({points[1]}, {points[0]}, Metric::metres, unreachable);
    ASSERT_EQ(b_to_a[0].size(), 1u);
    EXPECT_DOUBLE_EQ(b_to_a[0][0].cost, 3000.0);
}

TEST(ShortestPaths, WalkingIsSymmetricAndObeysTheTriangleInequality) {
    const auto network = random_network(42, 12);
    const auto graph = network::build_graph(network, network::walk_profile());
    const network::Snapper snapper(network, graph);
    const NetworkRouter router(network, graph);
    std::mt19937_64 random(7);
    std::uniform_real_distribution<double> coordinate(0.0, 1100.0);
    std::vector<network::Snap> points;
    for (int i = 0; i < 12; ++i) {
        points.push_back(*snapper.snap({500000.0 + coordinate(random), 200000.0 + coordinate(random)}, 5000.0));
    }
    for (std::size_t i = 0; i < points.size(); ++i) {
        for (std::size_t j = 0; j < points.size(); ++j) {
            const double ij = router.cost(points[i], points[j], Metric::metres);
            const double ji = router.cost(points[j], points[i], Metric::metres);
            if (ij == unreachable) {
                EXPECT_EQ(ji, unreachable);
                continue;
            }
            // Each cost rounds its legs and part-travelled stretches to the millimetre.
            EXPECT_NEAR(ij, ji, 3e-3);
            for (std::size_t k = 0; k < points.size(); k += 3) {
                const double via = router.cost(points[i], points[k], Metric::metres) +
                                   router.cost(points[k], points[j], Metric::metres) -
                                   points[k].distance_m * 2.0;  // the via point's access legs are not on the road
                EXPECT_LE(ij, via + 6e-3);
            }
        }
    }
}

TEST(Matrix, TheSameWhateverTheNumberOfThreads) {
    const auto network = random_network(3, 25);
    const auto graph = network::build_graph(network, network::drive_profile());
    const network::Snapper snapper(network, graph);
    const NetworkRouter router(network, graph);
    std::vector<std::optional<network::Snap>> origins;
    std::vector<std::optional<network::Snap>> destinations;
    for (int i = 0; i < 40; ++i) {
        origins.push_back(snapper.snap({500000.0 + 60.0 * i, 200000.0 + 55.0 * i}, 5000.0));
    }
    for (int i = 0; i < 9; ++i) {
        destinations.push_back(snapper.snap({500200.0 + 230.0 * i, 202300.0 - 200.0 * i}, 5000.0));
    }
    auto run = [&](int threads) {
        const tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
        return router.matrix(origins, destinations, Metric::seconds, 600.0);
    };
    const auto one = run(1);
    const auto two = run(2);
    EXPECT_GT(one[4].size(), 0u);
    ASSERT_EQ(one.size(), two.size());
    for (std::size_t d = 0; d < one.size(); ++d) {
        ASSERT_EQ(one[d].size(), two[d].size());
        for (std::size_t e = 0; e < one[d].size(); ++e) {
            EXPECT_EQ(one[d][e].origin, two[d][e].origin);
            EXPECT_EQ(one[d][e].cost, two[d][e].cost);
        }
    }
}

}  // namespace network_routes_test
}  // namespace centrecov::routing
