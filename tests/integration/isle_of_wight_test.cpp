// The road-network code on the real Ordnance Survey network of the Isle of
// Wight (the isle-of-wight study's roads), the only real network here.

#include <gtest/gtest.h>

#include "catchment/catchment.hpp"
#include "io/gdal.hpp"
#include "network/graph.hpp"
#include "network/load.hpp"
#include "network/snap.hpp"
#include "routing/calibrate.hpp"
#include "routing/network_routes.hpp"
#include "support/plain_dijkstra.hpp"
#include "support/studies.hpp"

#include <random>

namespace centrecov {
namespace isle_of_wight_test {

const std::filesystem::path iow = test::isle_of_wight_manifest().roads;

const network::RoadNetwork& island() {
    static const network::RoadNetwork network = network::load_road_network(iow, std::nullopt).network;
    return network;
}

Point lonlat(double lon, double lat) { return io::Transformer(io::wgs84_epsg, io::bng_epsg).apply({lon, lat}); }

TEST(IsleOfWight, LoadsEveryRoadAndReportsItsComponents) {
    const auto source = network::read_ways(iow);
    EXPECT_EQ(source.features_read, 6659u);
    // 798 lines carry no highway tag (railways, rivers, untagged lines).
    EXPECT_EQ(source.ways.size(), 5861u);
    EXPECT_EQ(source.not_roads, 798u);
    const auto graph = network::build_graph(island(), network::drive_profile());
    // Union-find over the road lines' shared vertices, done independently, finds 4 parts.
    EXPECT_EQ(graph.component_nodes.size(), 4u);
    EXPECT_LT(graph.share_outside_largest(), 0.01);
    EXPECT_GT(graph.component_nodes[graph.largest_component], 4900u);
}

TEST(IsleOfWight, TownsSnapToRoadsAndRoutesArePlausible) {
    const auto& network = island();
    const auto graph = network::build_graph(network, network::drive_profile());
    const network::Snapper snapper(network, graph);
    const routing::NetworkRouter router(network, graph);
    const Point newport = lonlat(-1.2883, 50.7008);
    const Point ryde = lonlat(-1.1627, 50.7297);
    const Point cowes = lonlat(-1.2981, 50.7595);
    const auto at_newport = snapper.snap(newport, 300.0);
    const auto at_ryde = snapper.snap(ryde, 300.0);
    const auto at_cowes = snapper.snap(cowes, 300.0);
    ASSERT_TRUE(at_newport && at_ryde && at_cowes);
    EXPECT_FALSE(at_newport->island);
    for (const auto& [from, to, a, b] : {std::tuple{*at_newport, *at_ryde, newport, ryde},
                                          std::tuple{*at_cowes, *at_newport, cowes, newport}}) {
        const double road = router.cost(from, to, routing::Metric::metres);
        const double crow = straight_line_m(a, b);
        EXPECT_GT(road, crow * 0.98);
        EXPECT_LT(road, crow * 1.6);
        const double minutes = router.cost(from, to, routing::Metric::seconds) / 60.0;
        EXPECT_GT(minutes, road / 1000.0 / 100.0 * 60.0) << "faster than 100 km/h on average";
        EXPECT_LT(minutes, road / 1000.0 / 20.0 * 60.0) << "slower than 20 km/h on average";
    }
}

TEST(IsleOfWight, WalkingDistancesAreSymmetric) {
    const auto& network = island();
    const auto graph = network::build_graph(network, network::walk_profile());
    const network::Snapper snapper(network, graph);
    const routing::NetworkRouter router(network, graph);
    const auto a = *snapper.snap(lonlat(-1.2883, 50.7008), 300.0);
    const auto b = *snapper.snap(lonlat(-1.1627, 50.7297), 300.0);
    EXPECT_NEAR(router.cost(a, b, routing::Metric::metres), router.cost(b, a, routing::Metric::metres), 0.01);
}

TEST(IsleOfWight, CalibrationGivesASaneCircuity) {
    const auto graph = network::build_graph(island(), network::drive_profile());
    const auto result = routing::calibrate(island(), graph, 1000, 1);
    EXPECT_EQ(result.pairs, 1000u);
    EXPECT_GT(result.median, 1.1);
    EXPECT_LT(result.median, 1.5);
    EXPECT_LE(result.p10, result.median);
    EXPECT_LE(result.median, result.p90);
    const auto again = routing::calibrate(island(), graph, 1000, 1);
    EXPECT_EQ(again.median, result.median) << "the same seed gives the same answer";
}

TEST(IsleOfWight, ReachableRoadsFromNewportGrowWithDistanceAndAgreeWithRoutes) {
    const auto& network = island();
    const auto graph = network::build_graph(network, network::drive_profile());
    const network::Snapper snapper(network, graph);
    const routing::NetworkRouter router(network, graph);
    const auto at_newport = snapper.snap(lonlat(-1.2883, 50.7008), 300.0);
    const auto at_cowes = snapper.snap(lonlat(-1.2981, 50.7595), 300.0);
    ASSERT_TRUE(at_newport && at_cowes);
    const double to_newport = router.cost(*at_cowes, *at_newport, routing::Metric::metres);
    double before = 0.0;
    std::vector<std::vector<std::vector<Point>>> roads;
    for (const double threshold : {1600.0, 3200.0, 8000.0}) {
        const auto stretches = router.reachable(*at_newport, threshold);
        double metres = 0.0;
        std::vector<std::vector<Point>> lines;
        bool cowes_inside = false;
        for (const auto& s : stretches) {
            EXPECT_LE(s.from_m, s.to_m);
            metres += s.to_m - s.from_m;
            lines.push_back(network::sub_line(network.line(s.piece), s.from_m, s.to_m));
            cowes_inside |= s.piece == at_cowes->piece && s.from_m <= at_cowes->offset_m + 1e-6 &&
                            at_cowes->offset_m <= s.to_m + 1e-6;
        }
        EXPECT_GT(metres, before) << "more road within " << threshold << " m";
        before = metres;
        // Cowes is reachable within the threshold exactly when its route to Newport is that short
        // (leaving aside its own walk onto the road, which the band does not include).
        const double cowes_on_road = to_newport - at_cowes->distance_m;
        if (std::abs(cowes_on_road - threshold) > 50.0) {
            EXPECT_EQ(cowes_inside, cowes_on_road <= threshold) << threshold;
        }
        roads.push_back(std::move(lines));
    }
    const auto land = geom::buffer(lonlat(-1.2883, 50.7008), 20000.0, 16);
    const auto bands = catchment::network_bands(0, {1600.0, 3200.0, 8000.0}, roads, 100.0, land.get());
    for (std::size_t t = 0; t + 1 < bands.size(); ++t) {
        EXPECT_TRUE(geom::contains_within(bands[t + 1].area.get(), bands[t].area.get(), 1.0));
        EXPECT_GT(geom::area(bands[t + 1].area.get()), geom::area(bands[t].area.get()));
    }
}

// The router against Boost.Graph's plain Dijkstra on the real network, to the millimetre.
TEST(IsleOfWight, SearchesEqualPlainDijkstraFromEveryTwentiethJunction) {
    for (const auto& profile : {network::walk_profile(), network::drive_profile()}) {
        const auto graph = network::build_graph(island(), profile);
        routing::Search search;
        for (network::NodeId source = 0; source < island().nodes.size(); source += 20) {
            for (const auto metric : {routing::Metric::metres, routing::Metric::seconds}) {
                const routing::Seed seed{source, 0, 0};
                search.run(graph.forward, {&seed, 1}, metric);
                const auto reference = test::plain_dijkstra(graph.forward, source, metric);
                std::size_t mismatches = 0;
                for (network::NodeId n = 0; n < reference.size(); ++n) {
                    const bool same = reference[n] == test::no_way ? !search.reached(n) : search.cost(n) == reference[n];
                    mismatches += same ? 0U : 1U;
                }
                ASSERT_EQ(mismatches, 0u) << profile.name << " from node " << source;
            }
        }
    }
}

TEST(IsleOfWight, MatrixEqualsPlainDijkstraForEveryPairFromEitherSide) {
    const auto& network = island();
    for (const auto& profile : {network::walk_profile(), network::drive_profile()}) {
        const auto graph = network::build_graph(network, profile);
        const network::Snapper snapper(network, graph);
        const routing::NetworkRouter router(network, graph);
        // Points up to 150 m either way from junctions picked at random: where people live, not the sea.
        std::mt19937_64 random(2018);
        std::uniform_real_distribution<double> jitter(-150.0, 150.0);
        auto somewhere = [&] {
            const Point junction = network.nodes[random() % network.nodes.size()];
            return snapper.snap({junction.x + jitter(random), junction.y + jitter(random)}, 300.0);
        };
        std::vector<std::optional<network::Snap>> families;
        std::vector<std::optional<network::Snap>> sites;
        for (int i = 0; i < 150; ++i) {
            families.push_back(somewhere());
        }
        for (int i = 0; i < 12; ++i) {
            sites.push_back(somewhere());
        }
        for (const auto metric : {routing::Metric::metres, routing::Metric::seconds}) {
            const auto reference = test::plain_matrix(router, graph, families, sites, metric);
            const double cutoff = metric == routing::Metric::metres ? 5000.0 : 1800.0;
            for (const double limit : {routing::unreachable, cutoff}) {
                for (const auto side : {routing::NetworkRouter::SearchFrom::destinations,
                                        routing::NetworkRouter::SearchFrom::origins}) {
                    const auto columns = router.matrix(families, sites, metric, limit, side);
                    std::size_t expected_pairs = 0;
                    std::size_t wrong = 0;
                    std::size_t pairs = 0;
                    for (std::size_t d = 0; d < sites.size(); ++d) {
                        pairs += columns[d].size();
                        for (const auto& entry : columns[d]) {
                            wrong += routing::from_units(entry.cost) == reference[entry.origin][d] ? 0U : 1U;
                        }
                        for (std::size_t o = 0; o < families.size(); ++o) {
                            const auto r = reference[o][d];
                            expected_pairs += r != test::no_way && routing::to_units(static_cast<routing::Cost>(r)) <= limit ? 1U : 0U;
                        }
                    }
                    EXPECT_EQ(wrong, 0u) << profile.name;
                    EXPECT_EQ(pairs, expected_pairs) << profile.name;
                    EXPECT_GT(pairs, 50u);
                }
            }
        }
    }
}

}  // namespace isle_of_wight_test
}  // namespace centrecov
