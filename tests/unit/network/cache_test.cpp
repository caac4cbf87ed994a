#include <gtest/gtest.h>

#include "network/cache.hpp"
#include "network/graph.hpp"
#include "network/topology.hpp"
#include "support/ascii_map.hpp"

namespace centrecov::network {
namespace cache_test {

using test::AsciiMap;

RoadNetwork small_town() {
    const AsciiMap map(R"(
        a---b---c
            |
            d---e
    )");
    return build_network(map.ways({{"abc", "residential"}, {"bde", "footway"}}));
}

void expect_same(const RoadNetwork& a, const RoadNetwork& b) {
    ASSERT_EQ(a.nodes.size(), b.nodes.size());
    ASSERT_EQ(a.pieces.size(), b.pieces.size());
    for (std::size_t p = 0; p < a.pieces.size(); ++p) {
        EXPECT_EQ(a.pieces[p].from, b.pieces[p].from);
        EXPECT_EQ(a.pieces[p].to, b.pieces[p].to);
        EXPECT_EQ(a.pieces[p].length_m, b.pieces[p].length_m);
        EXPECT_EQ(a.ways[a.pieces[p].way].road_class, b.ways[b.pieces[p].way].road_class);
    }
    EXPECT_EQ(a.shape_start, b.shape_start);
    EXPECT_EQ(a.stats.nodes, b.stats.nodes);
}

TEST(NetworkCache, RoundTripsAndIsTheSameBytesEveryTime) {
    const auto network = small_town();
    const std::string bytes = network_cache_bytes(network, 42);
    EXPECT_EQ(bytes, network_cache_bytes(small_town(), 42)) << "no undefined (padding) bytes";
    const auto read = read_network_cache(bytes, 42);
    ASSERT_TRUE(read.network) << read.problem;
    expect_same(*read.network, network);
}

TEST(NetworkCache, AnotherInputOrVersionIsNotUsed) {
    const std::string bytes = network_cache_bytes(small_town(), 42);
    EXPECT_EQ(read_network_cache(bytes, 43).problem, "made from another road file");
    EXPECT_EQ(read_network_cache("not a cache at all, just text", 42).problem, "not a centrecov network cache");
    EXPECT_EQ(read_network_cache("short", 42).problem, "damaged (truncated)");
    std::string other_version = bytes;
    other_version[8] = static_cast<char>(other_version[8] + 1);  // the format version follows the magic
    EXPECT_EQ(read_network_cache(other_version, 42).problem, "written by another version of centrecov");
}

TEST(NetworkCache, EveryFlippedBitAndEveryCutIsCaughtNeverTrusted) {
    // Regression: random bit flips crashed runs (invalid reads in build_graph).
    const std::string bytes = network_cache_bytes(small_town(), 42);
    for (std::size_t bit = 0; bit < bytes.size() * 8; ++bit) {
        std::string damaged = bytes;
        damaged[bit / 8] = static_cast<char>(damaged[bit / 8] ^ (1 << (bit % 8)));
        const auto read = read_network_cache(damaged, 42);
        EXPECT_FALSE(read.network) << "bit " << bit;
        EXPECT_FALSE(read.problem.empty()) << "bit " << bit;
    }
    for (std::size_t length = 0; length < bytes.size(); ++length) {
        const auto read = read_network_cache(bytes.substr(0, length), 42);
        EXPECT_FALSE(read.network) << "cut at " << length;
    }
}

TEST(NetworkCache, ComponentsCountOnlyPartsWithRoads) {
    // Driving, the footway b-d-e (one piece: d joins nothing) is unusable: e is a node alone, not a part.
    const auto network = small_town();
    const Graph graph = build_graph(network, drive_profile());
    EXPECT_EQ(graph.road_components, 1u);
    EXPECT_EQ(graph.component_nodes.size(), 2u);
    EXPECT_EQ(build_graph(network, walk_profile()).road_components, 1u);
}

}  // namespace cache_test
}  // namespace centrecov::network
