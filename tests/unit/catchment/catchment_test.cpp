#include <gtest/gtest.h>

#include "catchment/catchment.hpp"
#include "support/drawn_study.hpp"

namespace centrecov::catchment {
namespace catchment_test {

// Four 1 km squares in a row, A B C D, families at their centres; a fifth
// area E has no reachable site.
std::map<std::string, geom::Geometry> squares() {
    std::map<std::string, geom::Geometry> out;
    const std::string codes = "ABCDE";
    for (std::size_t k = 0; k < codes.size(); ++k) {
        const double x = 1000.0 * static_cast<double>(k);
        out.emplace(std::string(1, codes[k]),
                    geom::from_wkt("POLYGON((" + std::to_string(x) + " 0," + std::to_string(x + 1000) + " 0," +
                                   std::to_string(x + 1000) + " 1000," + std::to_string(x) + " 1000," +
                                   std::to_string(x) + " 0))"));
    }
    return out;
}

std::vector<DemandPoint> families() {
    std::vector<DemandPoint> out;
    const std::string codes = "ABCDE";
    for (std::size_t k = 0; k < codes.size(); ++k) {
        out.push_back(test::families_at(std::string(1, codes[k]), {1000.0 * static_cast<double>(k) + 500.0, 500.0},
                                        10 * static_cast<int>(k + 1)));
    }
    return out;
}

TEST(Catchment, ReachAreasDissolveEachSitesAreasAndCoverEachOnce) {
    const auto boundaries = squares();
    // A, B, C nearest site 0; D nearest site 2; E none; site 1 serves nobody.
    const std::vector<std::optional<std::size_t>> nearest{0, 0, 0, 2, std::nullopt};
    const auto areas = reach_areas(families(), boundaries, nearest);
    ASSERT_EQ(areas.size(), 2U);
    EXPECT_EQ(areas[0].site, 0U);
    EXPECT_EQ(areas[0].lsoas, 3U);
    EXPECT_EQ(areas[0].under5, 10 + 20 + 30);
    EXPECT_NEAR(geom::area(areas[0].area.get()), 3e6, 1e-3);
    EXPECT_EQ(GEOSGetNumGeometries_r(geom::context(), areas[0].area.get()), 1) << "shared edges dissolve: one polygon";
    EXPECT_EQ(GEOSGeomTypeId_r(geom::context(), areas[0].area.get()), GEOS_MULTIPOLYGON);
    EXPECT_EQ(areas[1].site, 2U);
    EXPECT_EQ(areas[1].under5, 40);
    // Every LSOA with a site lies in exactly one reach area: the areas do not overlap and add up.
    const auto overlap = geom::intersection(areas[0].area.get(), areas[1].area.get());
    EXPECT_NEAR(geom::area(overlap.get()), 0.0, 1e-6);
    for (const auto& area : areas) {
        EXPECT_TRUE(geom::is_valid(area.area.get()));
    }
}

TEST(Catchment, ReachAreasOfManyScenariosEqualEachAloneAndTheCacheChangesNothing) {
    const auto boundaries = squares();
    const std::vector<std::vector<std::optional<std::size_t>>> scenarios{
        {0, 0, 0, 2, std::nullopt}, {0, 0, 1, 1, 1}, {0, 0, 0, 2, std::nullopt}};
    ReachAreaCache cache(2);  // small: it starts again during the run
    for (int round = 0; round < 2; ++round) {  // the second round is answered from the cache
        const auto together = reach_areas_of_each(families(), boundaries, scenarios, &cache);
        ASSERT_EQ(together.size(), scenarios.size());
        for (std::size_t s = 0; s < scenarios.size(); ++s) {
            const auto alone = reach_areas(families(), boundaries, scenarios[s]);
            ASSERT_EQ(together[s].size(), alone.size()) << "scenario " << s;
            for (std::size_t a = 0; a < alone.size(); ++a) {
                EXPECT_EQ(together[s][a].site, alone[a].site);
                EXPECT_EQ(together[s][a].lsoas, alone[a].lsoas);
                EXPECT_EQ(together[s][a].under5, alone[a].under5);
                EXPECT_EQ(geom::to_wkb(together[s][a].area.get()), geom::to_wkb(alone[a].area.get()));
            }
        }
    }
}

TEST(Catchment, EstimatedBandsNestAndStayOnLand) {
    const auto boundaries = squares();
    const auto land = study_land(boundaries);
    EXPECT_NEAR(geom::area(land.get()), 5e6, 1e-3);
    const auto bands = estimated_bands({{500.0, 500.0}, {4500.0, 500.0}}, {3200.0, 1600.0, 800.0}, 1.6, land.get());
    ASSERT_EQ(bands.size(), 6U);
    // Sorted by threshold within each site; radius = threshold / circuity.
    EXPECT_EQ(bands[0].threshold_m, 800.0);
    EXPECT_EQ(bands[2].threshold_m, 3200.0);
    // 800 m / 1.6 = 500 m: a circle that just fits in square A, area close to pi r^2.
    EXPECT_NEAR(geom::area(bands[0].area.get()), 3.14159 * 500.0 * 500.0, 0.01 * 3.14159 * 500.0 * 500.0);
    for (std::size_t site = 0; site < 2; ++site) {
        for (std::size_t t = 0; t + 1 < 3; ++t) {
            EXPECT_TRUE(geom::contains_within(bands[site * 3 + t + 1].area.get(), bands[site * 3 + t].area.get(), 1.0))
                << "site " << site << ": the smaller band lies inside the larger";
        }
        for (std::size_t t = 0; t < 3; ++t) {
            EXPECT_TRUE(geom::contains_within(land.get(), bands[site * 3 + t].area.get(), 1.0)) << "no sea";
            EXPECT_TRUE(geom::is_valid(bands[site * 3 + t].area.get()));
        }
    }
    // 3,200 m / 1.6 = 2 km, clipped to the 1 km strip: at most 4 km x 1 km from the first site.
    EXPECT_LE(geom::area(bands[2].area.get()), 2.5e6 + 1.0);
}

}  // namespace catchment_test
}  // namespace centrecov::catchment
