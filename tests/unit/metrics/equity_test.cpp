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

// Five areas drawn by hand, ordered by IDACI rank (1 = most deprived), two of them tied:
//   area  rank  under-5s  covered
//   a       40       2       1
//   b      120       1       1
//   c      120       3       0
//   d      300       2       1
//   e      999       2       0
// Total weight 10, mean coverage 5/10 = 0.5. Fractional ranks (weight below + half the
// tied group's, over 10): a 1/10; b and c share (2 + 4/2)/10 = 4/10; d 7/10; e 9/10.
// Mean rank: (2*.1 + 1*.4 + 3*.4 + 2*.7 + 2*.9)/10 = 0.5.
// cov(h, r) = sum w (h - .5)(r - .5) / 10
//           = [2(.5)(-.4) + 1(.5)(-.1) + 3(-.5)(-.1) + 2(.5)(.2) + 2(-.5)(.4)] / 10
//           = [-.4 - .05 + .15 + .2 - .4] / 10 = -0.05.
// Plain C = 2 cov / mean = -0.2; Erreygers E = 8 cov / (1 - 0) = 4 mean C = -0.4.
TEST(Equity, TheConcentrationIndicesMatchAHandComputationWithTiedRanks) {
    const std::vector<double> covered{1.0, 1.0, 0.0, 1.0, 0.0};
    const std::vector<double> weight{2.0, 1.0, 3.0, 2.0, 2.0};
    const std::vector<double> rank{40.0, 120.0, 120.0, 300.0, 999.0};
    EXPECT_NEAR(*concentration_index(covered, weight, rank), -0.2, 1e-12);
    EXPECT_NEAR(*erreygers_index(covered, weight, rank, 0.0, 1.0), -0.4, 1e-12);
    // The areas' order in the input does not matter, only their ranks.
    EXPECT_NEAR(*erreygers_index({0.0, 1.0, 0.0, 1.0, 1.0}, {2.0, 2.0, 3.0, 1.0, 2.0}, {999.0, 300.0, 120.0, 120.0, 40.0},
                                 0.0, 1.0),
                -0.4, 1e-12);
    // Coverage moved from the most deprived area (a) to the least (e), same weight and mean:
    // a 0, e 1 gives cov = [2(-.5)(-.4) - .05 + .15 + .2 + 2(.5)(.4)] / 10 = 0.11, E = 0.88.
    EXPECT_NEAR(*erreygers_index({0.0, 1.0, 0.0, 1.0, 1.0}, weight, rank, 0.0, 1.0), 0.88, 1e-12);
}

TEST(Equity, TheErreygersIndexReachesItsBoundsWhateverTheMean) {
    const std::vector<double> weight{1.0, 1.0, 1.0, 1.0};
    const std::vector<double> rank{1.0, 2.0, 3.0, 4.0};  // 1 = most deprived
    // Exactly the most deprived half covered: -1 (negative = concentrated among the more deprived).
    EXPECT_NEAR(*erreygers_index({1.0, 1.0, 0.0, 0.0}, weight, rank, 0.0, 1.0), -1.0, 1e-12);
    EXPECT_NEAR(*erreygers_index({0.0, 0.0, 1.0, 1.0}, weight, rank, 0.0, 1.0), 1.0, 1e-12);
    // The plain index of the same distribution is bound by 1 - mean, so it says -0.5.
    EXPECT_NEAR(*concentration_index({1.0, 1.0, 0.0, 0.0}, weight, rank), -0.5, 1e-12);
    // Two scenarios each covering only the most deprived: the plain index calls the one that
    // covers fewer the more pro-poor (-0.75 against -0.5); Erreygers' ranks them by how much
    // of the gradient they hold (-0.75 against -1).
    EXPECT_NEAR(*concentration_index({1.0, 0.0, 0.0, 0.0}, weight, rank), -0.75, 1e-12);
    EXPECT_NEAR(*erreygers_index({1.0, 0.0, 0.0, 0.0}, weight, rank, 0.0, 1.0), -0.75, 1e-12);
    // Everyone or no one covered: no gradient, and defined even when the mean is 0.
    EXPECT_NEAR(*erreygers_index({1.0, 1.0, 1.0, 1.0}, weight, rank, 0.0, 1.0), 0.0, 1e-12);
    EXPECT_NEAR(*erreygers_index({0.0, 0.0, 0.0, 0.0}, weight, rank, 0.0, 1.0), 0.0, 1e-12);
    // The bounds scale it: a measure in [0, 2] holding 2 where the binary one holds 1.
    EXPECT_NEAR(*erreygers_index({2.0, 2.0, 0.0, 0.0}, weight, rank, 0.0, 2.0), -1.0, 1e-12);
    EXPECT_THROW((void)erreygers_index({1.5, 0.0, 0.0, 0.0}, weight, rank, 0.0, 1.0), std::invalid_argument);
    EXPECT_FALSE(erreygers_index({1.0}, {0.0}, {1.0}, 0.0, 1.0).has_value()) << "no weight";
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
