// Equity indices on vectors whose values are known.

#include <gtest/gtest.h>

#include <cmath>

#include "metrics/equity.hpp"

namespace centrecov::metrics {
namespace equity_test {

TEST(Equity, GiniIsZeroForEqualValuesAndKnownForOthers) {
    EXPECT_NEAR(*gini({3.0, 3.0, 3.0}, {1.0, 5.0, 2.0}), 0.0, 1e-12);
    EXPECT_NEAR(*gini({1.0, 2.0, 3.0, 4.0}, {1.0, 1.0, 1.0, 1.0}), 0.25, 1e-12);
    EXPECT_NEAR(*gini({0.0, 0.0, 0.0, 1.0}, {1.0, 1.0, 1.0, 1.0}), 0.75, 1e-12) << "one of four holds all";
    // A weight of two is two areas alike.
    EXPECT_NEAR(*gini({1.0, 4.0}, {2.0, 1.0}), *gini({1.0, 1.0, 4.0}, {1.0, 1.0, 1.0}), 1e-12);
    EXPECT_FALSE(gini({0.0, 0.0}, {1.0, 1.0}).has_value());
    EXPECT_THROW((void)gini({1.0, -1.0}, {1.0, 1.0}), std::invalid_argument);
}

TEST(Equity, TheConcentrationIndexIsExtremeWhenTheMostDeprivedHoldAll) {
    const std::vector<double> weight{1.0, 1.0, 1.0, 1.0};
    const std::vector<double> decile{1.0, 2.0, 3.0, 4.0};
    EXPECT_NEAR(*concentration_index({1.0, 0.0, 0.0, 0.0}, weight, decile), -0.75, 1e-12) << "-(1 - 1/n)";
    EXPECT_NEAR(*concentration_index({0.0, 0.0, 0.0, 1.0}, weight, decile), 0.75, 1e-12);
    EXPECT_NEAR(*concentration_index({2.0, 2.0, 2.0, 2.0}, weight, decile), 0.0, 1e-12);
    // Areas of one decile share a rank, so moving coverage among them changes nothing.
    const std::vector<double> tied{1.0, 1.0, 2.0, 2.0};
    EXPECT_NEAR(*concentration_index({1.0, 0.0, 1.0, 0.0}, weight, tied),
                *concentration_index({0.0, 1.0, 0.0, 1.0}, weight, tied), 1e-12);
    EXPECT_FALSE(concentration_index({0.0, 0.0, 0.0, 0.0}, weight, decile).has_value());
}

TEST(Equity, PalmaComparesTheTopTenthWithTheBottomFourTenths) {
    std::vector<double> values;
    for (int i = 1; i <= 10; ++i) {
        values.push_back(i);
    }
    const std::vector<double> weight(10, 1.0);
    EXPECT_NEAR(*palma(values, weight), 10.0 / (1.0 + 2.0 + 3.0 + 4.0), 1e-12);
    EXPECT_NEAR(*palma(std::vector<double>(10, 7.0), weight), 0.1 / 0.4, 1e-12) << "equal values: 10 % over 40 %";
    EXPECT_FALSE(palma({0.0, 0.0, 0.0, 0.0, 5.0}, {1.0, 1.0, 1.0, 1.0, 1.0}).has_value()) << "the bottom hold nothing";
}

TEST(Equity, TheilSplitsIntoBetweenAndWithinGroups) {
    EXPECT_NEAR(theil({2.0, 2.0}, {1.0, 1.0}, {"a", "b"})->total, 0.0, 1e-12);
    // Equal inside each group: all of it is between.
    const auto between_only = *theil({1.0, 1.0, 3.0, 3.0}, {1.0, 1.0, 1.0, 1.0}, {"a", "a", "b", "b"});
    const double expected = 0.5 * 0.5 * std::log(0.5) + 0.5 * 1.5 * std::log(1.5);
    EXPECT_NEAR(between_only.total, expected, 1e-12);
    EXPECT_NEAR(between_only.between, expected, 1e-12);
    EXPECT_NEAR(between_only.within, 0.0, 1e-12);
    // Any split: the parts add up.
    const auto mixed = *theil({1.0, 5.0, 2.0, 9.0, 0.0}, {2.0, 1.0, 3.0, 1.0, 1.0}, {"a", "b", "a", "b", "a"});
    EXPECT_NEAR(mixed.between + mixed.within, mixed.total, 1e-12);
    EXPECT_GT(mixed.within, 0.0);
}

}  // namespace equity_test
}  // namespace centrecov::metrics
