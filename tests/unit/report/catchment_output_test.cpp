#include <gtest/gtest.h>

#include <vector>

#include "report/catchment_output.hpp"

namespace centrecov::report {
namespace catchment_output_test {

TEST(BandThresholds, AFewAreAllDrawnManyAreSpreadWithTheEnds) {
    const std::vector<double> four{1600, 3200, 5000, 8000};
    EXPECT_EQ(band_thresholds(four), four);
    std::vector<double> thousand;
    for (int k = 0; k < 1000; ++k) {
        thousand.push_back(100.0 + 10.0 * k);
    }
    const auto drawn = band_thresholds(thousand);
    ASSERT_EQ(drawn.size(), max_band_thresholds);
    EXPECT_EQ(drawn.front(), 100.0);
    EXPECT_EQ(drawn.back(), 10090.0);
    for (std::size_t i = 1; i < drawn.size(); ++i) {
        EXPECT_LT(drawn[i - 1], drawn[i]);
        // Evenly spread: 999 steps of 10 m over 11 gaps, about 908 m each.
        EXPECT_NEAR(drawn[i] - drawn[i - 1], 9990.0 / 11.0, 10.0);
    }
    // The key names the bands actually drawn: two scenarios whose drawn bands agree share them.
    EXPECT_EQ(band_key({1, 2}, four), band_key({1, 2}, four));
    EXPECT_NE(band_key({1, 2}, four), band_key({1, 2}, {1600, 3200}));
}

}  // namespace catchment_output_test
}  // namespace centrecov::report
