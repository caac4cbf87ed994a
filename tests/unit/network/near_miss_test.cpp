#include <gtest/gtest.h>

#include <numeric>

#include "network/graph.hpp"
#include "network/near_miss.hpp"
#include "network/topology.hpp"
#include "support/ascii_map.hpp"

namespace centrecov::network {
namespace near_miss_test {

using test::AsciiMap;

double total_length(const RoadNetwork& network) {
    return std::accumulate(network.pieces.begin(), network.pieces.end(), 0.0,
                           [](double sum, const Piece& p) { return sum + p.length_m; });
}

// One character is 10 m here.
constexpr double metres_per_character = 10.0;

TEST(NearMiss, RoadsCutAtARailwayAreFoundOnceAndJoined) {
    // Two roads end 40 m apart, facing each other across a railway (#), joined nowhere else.
    const AsciiMap map(R"(
        a--------b # c--------d
    )", metres_per_character);
    const auto network = build_network(map.ways({{"ab"}, {"cd"}}));
    const auto misses = find_near_misses(network, {45.0, 500.0});
    ASSERT_EQ(misses.size(), 1u) << "two dead ends facing each other need one connector";
    EXPECT_DOUBLE_EQ(misses.front().gap_m, straight_line_m(map.at('b'), map.at('c')));
    EXPECT_TRUE(std::isinf(misses.front().around_m)) << "no way round at all";
    EXPECT_TRUE(find_near_misses(network, {35.0, 500.0}).empty()) << "the gap is wider than 35 m";

    const auto joined = join_near_misses(network, misses);
    EXPECT_EQ(joined.pieces.size(), 3u);
    EXPECT_NEAR(total_length(joined), total_length(network) + misses.front().gap_m, 1e-6);
    const Graph before = build_graph(network, walk_profile());
    const Graph after = build_graph(joined, walk_profile());
    EXPECT_EQ(before.component_nodes.size(), 2u);
    EXPECT_EQ(after.component_nodes.size(), 1u);
    EXPECT_TRUE(find_near_misses(joined, {45.0, 500.0}).empty()) << "nothing left to join";
}

TEST(NearMiss, ADeadEndFacingTheMiddleOfARoadSplitsIt) {
    //     x
    //     |
    //     y        y is 20 m above the middle of a-b
    //
    // a-------b
    const AsciiMap map(R"(
    x
    |
    y

a-------b
    )", metres_per_character);
    const auto network = build_network(map.ways({{"xy"}, {"ab"}}));
    const auto misses = find_near_misses(network, {30.0, 500.0});
    ASSERT_EQ(misses.size(), 1u);
    EXPECT_NEAR(misses.front().gap_m, 20.0, 1e-9);
    EXPECT_NEAR(misses.front().offset_m, 40.0, 1e-9);
    const auto joined = join_near_misses(network, misses);
    EXPECT_EQ(joined.pieces.size(), 4u) << "x-y, a-j, j-b and the connector y-j";
    EXPECT_NEAR(total_length(joined), total_length(network) + 20.0, 1e-6);
    EXPECT_EQ(build_graph(joined, walk_profile()).component_nodes.size(), 1u);
}

TEST(NearMiss, ACulDeSacWithAShortWayRoundIsNotOne) {
    // d is a dead end 20 m from a-b, but the way round by c is only 60 m + 60 m: not a near miss.
    const AsciiMap map(R"(
a-----b
      |
 d----c
    )", metres_per_character);
    const auto network = build_network(map.ways({{"ab"}, {"bc"}, {"cd"}}));
    EXPECT_TRUE(find_near_misses(network, {30.0, 500.0}).empty());
    // With a smaller detour allowed it is one.
    EXPECT_EQ(find_near_misses(network, {30.0, 50.0}).size(), 1u);
}

}  // namespace near_miss_test
}  // namespace centrecov::network
