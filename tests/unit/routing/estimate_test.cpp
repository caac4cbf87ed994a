#include <gtest/gtest.h>

#include "routing/estimate.hpp"

namespace centrecov::routing {
namespace {

TEST(DistanceModel, StraightAndEstimated) {
    DistanceModel straight{DistanceMode::straight_line, 1.3};
    DistanceModel estimated{DistanceMode::estimated_road, 1.3};
    EXPECT_DOUBLE_EQ(straight.metres({0, 0}, {3000, 4000}), 5000.0);
    EXPECT_DOUBLE_EQ(estimated.metres({0, 0}, {3000, 4000}), 6500.0);
    EXPECT_NE(estimated.label().find("1.3"), std::string::npos);
    EXPECT_EQ(straight.key(), "straight_line");
    EXPECT_EQ(parse_distance_mode("estimated"), DistanceMode::estimated_road);
    EXPECT_FALSE(parse_distance_mode("network").has_value());
}

TEST(Nearest, PicksTheClosestAndBreaksTiesByOrder) {
    const std::vector<Point> sites{{0, 0}, {10, 0}, {-10, 0}};
    const std::vector<Point> points{{4, 0}, {6, 0}, {-5, 0}, {5, 0}};
    const auto nearest = nearest_sites(points, sites, {DistanceMode::straight_line, 1.0});
    EXPECT_EQ(nearest[0].site, 0u);
    EXPECT_EQ(nearest[1].site, 1u);
    EXPECT_EQ(nearest[2].site, 0u) << "equidistant from sites 0 and 2: the first listed wins";
    EXPECT_EQ(nearest[3].site, 0u);
    EXPECT_DOUBLE_EQ(nearest[1].distance_m, 4.0);
}

TEST(Nearest, NoSitesMeansNoneFound) {
    const auto nearest = nearest_sites({{1, 1}}, {}, {});
    EXPECT_FALSE(nearest[0].found());
}

}  // namespace
}  // namespace centrecov::routing
