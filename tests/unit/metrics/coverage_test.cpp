#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "metrics/coverage.hpp"

namespace centrecov::metrics {
namespace coverage_test {

DemandPoint area(std::string code, int under5, std::string district, int imd, int idaci) {
    DemandPoint p;
    p.lsoa_code = code;
    p.under5 = under5;
    p.district_code = district;
    p.district_name = "District " + district;
    p.imd_decile = imd;
    p.idaci_decile = idaci;
    return p;
}

TEST(WeightedQuantile, ByHand) {
    // Weights 1,1,2 on values 10,20,30: half the weight (2 of 4) is reached at 20.
    EXPECT_DOUBLE_EQ(weighted_quantile({{30, 2}, {10, 1}, {20, 1}}, 0.5), 20.0);
    EXPECT_DOUBLE_EQ(weighted_quantile({{30, 2}, {10, 1}, {20, 1}}, 0.9), 30.0);
    EXPECT_DOUBLE_EQ(weighted_quantile({{5, 0}, {7, 3}}, 0.0), 7.0) << "zero weights never decide";
    EXPECT_TRUE(std::isnan(weighted_quantile({{5, 0}}, 0.5)));
}

TEST(Summarise, CountsUnderFivesWithinEachThreshold) {
    const std::vector<DemandPoint> demand{area("a", 10, "D1", 1, 1), area("b", 30, "D1", 10, 10),
                                          area("c", 60, "D2", 1, 2)};
    const std::vector<double> distances{1000.0, 2000.0, 6000.0};
    const auto report = summarise(demand, distances, {1600.0, 3200.0});
    const auto& total = report.total;
    EXPECT_EQ(total.under5, 100);
    EXPECT_EQ(total.covered, (std::vector<double>{10, 40}));
    EXPECT_DOUBLE_EQ(total.share_covered(1), 0.4);
    EXPECT_DOUBLE_EQ(total.mean_m, (10 * 1000.0 + 30 * 2000.0 + 60 * 6000.0) / 100.0);
    EXPECT_DOUBLE_EQ(total.median_m, 6000.0);  // 40 of 100 are within 2 km, so the median is 6 km

    ASSERT_EQ(report.breakdowns[0].name, "district");
    const auto& districts = report.breakdowns[0].groups;
    ASSERT_EQ(districts.size(), 2u);
    EXPECT_EQ(districts[0].key, "D1");
    EXPECT_EQ(districts[0].under5, 40);
    EXPECT_EQ(districts[0].covered[1], 40);
    EXPECT_EQ(districts[1].covered[1], 0);

    const auto& imd = report.breakdowns[1].groups;
    ASSERT_EQ(imd.size(), 2u);
    EXPECT_EQ(imd[0].key, "01");
    EXPECT_EQ(imd[0].under5, 70);
    EXPECT_NE(imd[0].label.find("most deprived"), std::string::npos);
}

TEST(Groupings, CountASubsetAsSummariseWouldWithTheSameGroups) {
    const std::vector<DemandPoint> demand{area("a", 10, "D1", 1, 1), area("b", 30, "D1", 10, 10),
                                          area("c", 60, "D2", 1, 0), area("d", 5, "", 3, 2)};
    const std::vector<bool> who{true, false, true, true};
    const Groupings groupings(demand);
    const auto counted = groupings.count(demand, who);
    // summarise() with "distance" 0 for the subset and 1 for the rest, at 0.5, counts the same.
    const auto report = summarise(demand, {0.0, 1.0, 0.0, 0.0}, {0.5});
    ASSERT_EQ(counted.size(), report.breakdowns.size());
    for (std::size_t b = 0; b < counted.size(); ++b) {
        EXPECT_EQ(counted[b].name, report.breakdowns[b].name);
        ASSERT_EQ(counted[b].groups.size(), report.breakdowns[b].groups.size()) << counted[b].name;
        for (std::size_t g = 0; g < counted[b].groups.size(); ++g) {
            const auto& mine = counted[b].groups[g];
            const auto& theirs = report.breakdowns[b].groups[g];
            EXPECT_EQ(mine.key, theirs.key);
            EXPECT_EQ(mine.label, theirs.label);
            EXPECT_EQ(mine.under5, theirs.under5);
            EXPECT_EQ(mine.areas, theirs.areas);
            EXPECT_EQ(mine.covered, theirs.covered) << mine.key;
        }
    }
    EXPECT_EQ(counted[0].groups[0].key, "D1");
    EXPECT_EQ(counted[0].groups[0].covered[0], 10) << "a, not b";
    EXPECT_EQ(counted[0].groups.back().key, "unknown") << "no district code";
    EXPECT_EQ(counted[2].groups.back().key, "unknown") << "IDACI decile 0 is unknown";
}

TEST(Summarise, FamiliesWithNoSiteAreUnreachedNotCovered) {
    const std::vector<DemandPoint> demand{area("a", 5, "D1", 0, 0), area("b", 5, "D1", 3, 3)};
    const std::vector<double> distances{std::numeric_limits<double>::infinity(), 100.0};
    const auto report = summarise(demand, distances, {1600.0});
    EXPECT_EQ(report.total.unreached, 5);
    EXPECT_EQ(report.total.covered[0], 5);
    EXPECT_DOUBLE_EQ(report.total.mean_m, 100.0);
    EXPECT_EQ(report.breakdowns[1].groups.back().key, "unknown");
}

TEST(Summarise, WhenNobodyReachesASiteThereIsNoDistanceNotZero) {
    // Regression: "no centres" and "everything closed" reported a median of 0.0 km.
    const std::vector<DemandPoint> demand{area("a", 5, "D1", 1, 1), area("b", 7, "D2", 2, 2)};
    const double none = std::numeric_limits<double>::infinity();
    const auto report = summarise(demand, {none, none}, {1600.0});
    EXPECT_EQ(report.total.unreached, 12);
    EXPECT_TRUE(std::isnan(report.total.mean_m));
    EXPECT_TRUE(std::isnan(report.total.median_m));
    EXPECT_TRUE(std::isnan(report.total.p90_m));
    EXPECT_TRUE(std::isnan(report.breakdowns.front().groups.front().median_m));
}

TEST(Provision, CentresPerThousandUnderFives) {
    const std::vector<DemandPoint> demand{area("a", 1500, "D1", 1, 1), area("b", 500, "D1", 1, 1),
                                          area("c", 1000, "D2", 1, 1)};
    const auto provision = provision_by_district(demand, {"D1", "D1", "D1", "D9"});
    ASSERT_EQ(provision.size(), 2u);
    EXPECT_EQ(provision[0].centres, 3);
    EXPECT_DOUBLE_EQ(provision[0].per_1000, 1.5);
    EXPECT_EQ(provision[1].centres, 0);
}

TEST(Thresholds, Names) {
    EXPECT_EQ(threshold_label(1600.0), "1.6 km");
    EXPECT_EQ(threshold_label(800.0), "800 m");
    EXPECT_EQ(threshold_column(3200.0), "within_3200m");
}

}  // namespace coverage_test
}  // namespace centrecov::metrics
