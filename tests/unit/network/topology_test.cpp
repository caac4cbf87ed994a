#include <gtest/gtest.h>

#include "network/graph.hpp"
#include "network/topology.hpp"
#include "support/ascii_map.hpp"

namespace centrecov::network {
namespace topology_test {

using test::AsciiMap;
using test::DrawnWay;

TEST(Topology, WaysSplitWhereTheyShareAVertex) {
    const AsciiMap map(R"(
        a---b---c
            |
            d
    )");
    const auto network = build_network(map.ways({{"abc"}, {"bd"}}));
    EXPECT_EQ(network.stats.nodes, 4u);
    EXPECT_EQ(network.stats.pieces, 3u);  // a-b, b-c, b-d
    EXPECT_DOUBLE_EQ(network.pieces[0].length_m, 400.0);
}

TEST(Topology, LinesThatMerelyCrossDoNotMeet) {
    // The east-west road crosses the north-south one on a bridge at '+': no shared vertex.
    const AsciiMap map(R"(
            c
            |
        a---+---b
            |
            d
    )");
    const auto network = build_network(map.ways({{"ab"}, {"cd"}}));
    EXPECT_EQ(network.stats.nodes, 4u);
    EXPECT_EQ(network.stats.pieces, 2u);
    const Graph graph = build_graph(network, walk_profile());
    EXPECT_NE(graph.component[0], graph.component[2]) << "a bridge must not join the road beneath it";
}

TEST(Topology, SharedVertexInTheMiddleOfBothLinesIsAJunction) {
    const AsciiMap map(R"(
            c
            |
        a---x---b
            |
            d
    )");
    const auto network = build_network(map.ways({{"axb"}, {"cxd"}}));
    EXPECT_EQ(network.stats.nodes, 5u);
    EXPECT_EQ(network.stats.pieces, 4u);
    const Graph graph = build_graph(network, walk_profile());
    EXPECT_EQ(graph.component_nodes[graph.largest_component], 5u);
}

TEST(Topology, DuplicateAndZeroLengthWaysAreDropped) {
    const AsciiMap map(R"(
        a---b
    )");
    auto ways = map.ways({{"ab"}, {"ba"}, {"aa"}});
    const auto network = build_network(std::move(ways));
    EXPECT_EQ(network.stats.pieces, 1u);
    EXPECT_EQ(network.stats.duplicates_dropped, 1u);
    EXPECT_EQ(network.stats.zero_length_dropped, 1u);
}

TEST(Topology, ExplicitNodeIdsJoinLinksWithoutSharedCoordinates) {
    // OS Open Roads links name their end nodes; a 1 m gap between drawn ends does not matter.
    Way first;
    first.line = {{0, 0}, {100, 0}};
    first.start_node = "n1";
    first.end_node = "n2";
    first.road_class = RoadClass::residential;
    Way second = first;
    second.line = {{101, 0}, {200, 0}};
    second.start_node = "n2";
    second.end_node = "n3";
    const auto network = build_network({first, second});
    EXPECT_EQ(network.stats.nodes, 3u);
    EXPECT_EQ(network.pieces[0].to, network.pieces[1].from);
}

TEST(Graph, ComponentsAndTheShareOutsideTheLargest) {
    const AsciiMap map(R"(
        a---b---c       x---y
    )");
    const auto network = build_network(map.ways({{"abc"}, {"xy"}}));
    ASSERT_EQ(network.stats.pieces, 2u);
    const Graph graph = build_graph(network, walk_profile());
    // b is a vertex of one way only, so a-b-c is a single piece.
    EXPECT_EQ(graph.usable_pieces, 2u);
    EXPECT_EQ(graph.pieces_outside_largest, 1u);
    EXPECT_NEAR(graph.share_outside_largest(), 0.5, 1e-12);
    EXPECT_EQ(graph.component_nodes[graph.largest_component], 2u);
}

TEST(Profiles, WhoMayGoWhere) {
    Way way;
    way.road_class = RoadClass::motorway;
    EXPECT_FALSE(walk_profile().access(way).usable());
    EXPECT_TRUE(drive_profile().access(way).usable());
    way.road_class = RoadClass::trunk;
    EXPECT_FALSE(walk_profile().access(way).usable()) << "no footway: no walking";
    way.sidewalk = true;
    EXPECT_TRUE(walk_profile().access(way).usable());
    way.road_class = RoadClass::footway;
    EXPECT_FALSE(drive_profile().access(way).usable());
    way.road_class = RoadClass::residential;
    way.foot = Permission::no;
    EXPECT_FALSE(walk_profile().access(way).usable());
    way.foot = Permission::unknown;
    way.motor = Permission::no;
    EXPECT_FALSE(drive_profile().access(way).usable());
}

TEST(Profiles, OneWayAndSpeedLimits) {
    Way way;
    way.road_class = RoadClass::residential;
    way.oneway = OneWay::forward;
    const auto drive = drive_profile().access(way);
    EXPECT_TRUE(drive.forward);
    EXPECT_FALSE(drive.backward);
    const auto walk = walk_profile().access(way);
    EXPECT_TRUE(walk.forward && walk.backward) << "people walk both ways along one-way streets";
    way.maxspeed_kmh = 48.28;
    EXPECT_NEAR(drive_profile().access(way).speed_kmh, 48.28 * 0.8, 1e-9);
    EXPECT_DOUBLE_EQ(walk_profile().access(way).speed_kmh, 4.8);
}

TEST(Ways, MaxspeedParsing) {
    EXPECT_NEAR(*parse_maxspeed_kmh("30 mph"), 48.28, 0.01);
    EXPECT_NEAR(*parse_maxspeed_kmh("20mph"), 32.19, 0.01);
    EXPECT_DOUBLE_EQ(*parse_maxspeed_kmh("50"), 50.0);
    EXPECT_FALSE(parse_maxspeed_kmh("national").has_value());
    EXPECT_FALSE(parse_maxspeed_kmh("").has_value());
}

}  // namespace topology_test
}  // namespace centrecov::network
