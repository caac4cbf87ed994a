#include <gtest/gtest.h>

#include "routing/estimate.hpp"

namespace centrecov::routing {
namespace estimate_test {

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

TEST(DistanceModel, TheFactorsSpreadIsReadAsAQuantileFunction) {
    DistanceModel model{DistanceMode::estimated_road, 1.3};
    // The default spread: 0.904 and 1.219 times the median at the 10th and 90th percentiles.
    EXPECT_DOUBLE_EQ(model.circuity_at(0.5), 1.3);
    EXPECT_DOUBLE_EQ(model.circuity_at(0.1), 1.3 * 0.904);
    EXPECT_DOUBLE_EQ(model.circuity_at(0.9), 1.3 * 1.219);
    // Halfway between two quantiles, halfway between their factors; past the last, along its slope.
    EXPECT_DOUBLE_EQ(model.circuity_at(0.3), 1.3 * (0.904 + 1.0) / 2.0);
    EXPECT_DOUBLE_EQ(model.circuity_at(1.0), 1.3 * (1.219 + 0.1 * (1.219 - 1.0) / 0.4));
    double previous = 0.0;
    for (int i = 0; i <= 100; ++i) {
        const double factor = model.circuity_at(i / 100.0);
        EXPECT_GE(factor, previous);
        previous = factor;
    }
    // Never below 1: no road is shorter than the straight line.
    DistanceModel low{DistanceMode::estimated_road, 1.05};
    EXPECT_DOUBLE_EQ(low.circuity_at(0.0), 1.0);
    DistanceModel straight{DistanceMode::straight_line, 1.3};
    EXPECT_DOUBLE_EQ(straight.circuity_at(0.9), 1.0);
    EXPECT_DOUBLE_EQ(straight.median_scale_at(0.9), 1.0);
    // The median's own range: 1.2 to 1.4 around 1.3 at the 10th and 90th percentiles.
    EXPECT_DOUBLE_EQ(model.median_scale_at(0.1) * 1.3, 1.2);
    EXPECT_DOUBLE_EQ(model.median_scale_at(0.9) * 1.3, 1.4);
    EXPECT_DOUBLE_EQ(model.median_scale_at(0.5), 1.0);
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

}  // namespace estimate_test
}  // namespace centrecov::routing
