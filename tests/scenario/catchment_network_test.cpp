// Distance bands along a small drawn network; one character is 100 m.
//
//   a-------b-------c      the site stands at a; walking, both ways on every road
//   |               |
//   d-------e-------f

#include <gtest/gtest.h>

#include "analysis/distances.hpp"
#include "catchment/catchment.hpp"
#include "support/ascii_map.hpp"
#include "support/osm_xml.hpp"
#include "support/temp_dir.hpp"

namespace centrecov::catchment {
namespace catchment_network_test {

const test::AsciiMap map(R"(
    a-------b-------c
    |               |
    d-------e-------f
)");

double length(const std::vector<std::vector<Point>>& lines) {
    double sum = 0.0;
    for (const auto& line : lines) {
        for (std::size_t k = 0; k + 1 < line.size(); ++k) {
            sum += std::hypot(line[k + 1].x - line[k].x, line[k + 1].y - line[k].y);
        }
    }
    return sum;
}

// The town's roads as an OSM file, measured along them (walking).
std::unique_ptr<analysis::DistanceEngine> town_engine(const test::TempDir& dir) {
    analysis::NetworkSettings settings;
    settings.file = dir.write("town.osm", test::osm_xml(map, {{"abc", {{"highway", "residential"}}},
                                                              {"adefc", {{"highway", "residential"}}}}));
    std::optional<analysis::NetworkSummary> summary;
    return analysis::make_engine(settings, routing::DistanceModel{}, summary);
}

TEST(CatchmentOnANetwork, BandsFollowTheReachableRoadsAndNest) {
    const test::TempDir dir;
    const auto engine = town_engine(dir);
    const std::vector<double> thresholds{500.0, 1000.0};
    const auto roads = engine->reachable_roads(map.at('a'), thresholds);
    ASSERT_TRUE(roads.has_value());
    ASSERT_EQ(roads->size(), 2U);
    // Within 500 m: 500 m towards b, all 200 m down to d, 300 m on towards e.
    EXPECT_NEAR(length((*roads)[0]), 1000.0, 0.5);
    // Within 1 km: a-b (800) and 200 m beyond b, a-d (200) and d-e (800); only what lies beyond
    // 500 m is new (300 m to b and its 200 m beyond, the last 500 m to e), each road given once.
    EXPECT_NEAR(length((*roads)[1]), 1000.0, 0.5);

    // Land all round the town; its top-left corner is at (500000, 200000).
    const Point a = map.at('a');
    auto box = [&](double south) {
        return geom::from_wkt("POLYGON((" + std::to_string(a.x - 1000) + " " + std::to_string(south) + ", " +
                              std::to_string(a.x + 3000) + " " + std::to_string(south) + ", " +
                              std::to_string(a.x + 3000) + " " + std::to_string(a.y + 1000) + ", " +
                              std::to_string(a.x - 1000) + " " + std::to_string(a.y + 1000) + ", " +
                              std::to_string(a.x - 1000) + " " + std::to_string(south) + "))");
    };
    const auto land = box(a.y - 1000);
    const double roadside = 10.0;
    const auto bands = network_bands(0, thresholds, *roads, roadside, land.get());
    ASSERT_EQ(bands.size(), 2U);
    // A strip 20 m wide along 1 km of road, give or take the ends and corners.
    EXPECT_NEAR(geom::area(bands[0].area.get()), 2 * roadside * 1000.0, 0.03 * 2 * roadside * 1000.0);
    EXPECT_NEAR(geom::area(bands[1].area.get()), 2 * roadside * 2000.0, 0.03 * 2 * roadside * 2000.0);
    EXPECT_TRUE(geom::contains_within(bands[1].area.get(), bands[0].area.get(), 1e-6)) << "bands nest";
    // Nothing near f, which is 1,200 m away: no band reaches it.
    EXPECT_FALSE(geom::covers(bands[1].area.get(), map.at('f')));
    EXPECT_TRUE(geom::covers(bands[0].area.get(), map.at('d')));

    // Clipped to land: a coast just below a-b-c leaves only the roads' northern edge and a stub.
    const auto half = box(a.y - 5.0);
    const auto clipped = network_bands(0, thresholds, *roads, roadside, half.get());
    EXPECT_TRUE(geom::contains_within(half.get(), clipped[1].area.get(), 1e-6));
    EXPECT_LT(geom::area(clipped[1].area.get()), geom::area(bands[1].area.get()));

    // The estimate has no roads to follow.
    const auto estimated = analysis::estimated_engine(routing::DistanceModel{});
    EXPECT_FALSE(estimated->reachable_roads(map.at('a'), thresholds).has_value());
}

TEST(CatchmentOnANetwork, ABoundedMatrixKeepsWhatLiesWithinAndNothingElse) {
    const test::TempDir dir;
    const auto along_roads = town_engine(dir);
    const auto estimated = analysis::estimated_engine(routing::DistanceModel{});
    std::vector<Point> families;
    for (const char c : std::string("abcdef")) {
        families.push_back(map.at(c));
    }
    const std::vector<Point> sites{map.at('a'), map.at('e')};
    for (const auto* engine : {along_roads.get(), estimated.get()}) {
        const auto all = engine->matrix(families, sites);
        const auto near = engine->matrix(families, sites, 1000.0);
        std::size_t kept = 0;
        std::size_t dropped = 0;
        for (std::size_t f = 0; f < families.size(); ++f) {
            for (std::size_t s = 0; s < sites.size(); ++s) {
                if (all[f][s] <= 1000.0) {
                    EXPECT_DOUBLE_EQ(near[f][s], all[f][s]) << engine->key() << " " << f << " " << s;
                    ++kept;
                } else {
                    EXPECT_EQ(near[f][s], std::numeric_limits<double>::infinity()) << engine->key() << " " << f << " " << s;
                    ++dropped;
                }
            }
        }
        EXPECT_GT(kept, 0U);
        EXPECT_GT(dropped, 0U);
    }
    // Along the roads: d is 200 m from a and 800 m from e; c is 1,600 m from a (OSM's
    // coordinates hold about a centimetre).
    const auto near = along_roads->matrix(families, sites, 1000.0);
    EXPECT_NEAR(near[3][0], 200.0, 0.02);
    EXPECT_NEAR(near[3][1], 800.0, 0.02);
    EXPECT_EQ(near[2][0], std::numeric_limits<double>::infinity());
}

}  // namespace catchment_network_test
}  // namespace centrecov::catchment
