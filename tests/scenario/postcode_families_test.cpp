// Families at postcode level on a drawn road, worked out by hand. One character is 100 m.
//
//        e                 area A (10 under-5s) is the rectangle e-f; its centroid is
//   a-----p-----q          half-way between p and q (900 m from a along the road);
//                f         postcodes at p (600 m from a) and q (1,200 m)
//
// With a centre at a, at 1 km: from the centroid all 10 are within; from the postcodes
// only p's 5, and the area's share within is one half.

#include <gtest/gtest.h>

#include <algorithm>

#include "report/lsoa_layer.hpp"
#include "support/gurka.hpp"

namespace centrecov::analysis {
namespace postcode_families_test {

using test::gurka::Town;

Town split_area(bool at_postcodes) {
    Town town(R"(
        e
   a-----p-----q
                f
)");
    town.road("apq").centre("west", 'a').family_area("A", 'e', 'f', 10).postcode("NR1 1AA", 'p').postcode("NR1 1AB", 'q');
    if (at_postcodes) {
        town.families_at_postcodes();
    }
    return town.thresholds({500.0, 1000.0, 1500.0});
}

const std::string file = R"(
[[scenario]]
id = "base"

[[scenario]]
id = "closed"
start_from = "base"
close = ["west"]
)";

// The value of `column` in the area layer's row for `code`.
double area_value(const io::OutputLayer& layer, const std::string& code, const std::string& column) {
    const auto field = std::find_if(layer.fields.begin(), layer.fields.end(),
                                    [&](const io::Field& f) { return f.name == column; });
    const auto index = static_cast<std::size_t>(field - layer.fields.begin());
    for (const auto& feature : layer.features) {
        if (std::get<std::string>(feature.values[0]) == code) {
            const auto& v = feature.values.at(index);
            return std::holds_alternative<double>(v) ? std::get<double>(v) : static_cast<double>(std::get<long long>(v));
        }
    }
    throw std::invalid_argument("no area " + code);
}

TEST(PostcodeFamilies, AnAreaSplitOverTwoPostcodesEitherSideOfAThresholdIsHalfCovered) {
    const Town town = split_area(true);
    ASSERT_EQ(town.study().families.points.size(), 2u);
    const auto run = town.scenarios(file);
    const auto base = run["base"];
    EXPECT_NEAR(base.distance_m("A"), 600.0, 0.05);  // the area's first point: p
    EXPECT_DOUBLE_EQ(base.covered(500.0), 0.0);
    EXPECT_DOUBLE_EQ(base.covered(1000.0), 5.0);
    EXPECT_DOUBLE_EQ(base.covered(1500.0), 10.0);
    EXPECT_DOUBLE_EQ(run["closed"].lost(1000.0), 5.0);
    EXPECT_DOUBLE_EQ(run["closed"].lost(1500.0), 10.0);

    const auto layer = report::lsoa_layer(town.study(), run.run(), base.result(), {});
    EXPECT_DOUBLE_EQ(area_value(layer, "A", "postcodes"), 2.0);
    EXPECT_DOUBLE_EQ(area_value(layer, "A", "under5"), 10.0);
    EXPECT_DOUBLE_EQ(area_value(layer, "A", "within_500m"), 0.0);
    EXPECT_DOUBLE_EQ(area_value(layer, "A", "within_1000m"), 0.5);
    EXPECT_DOUBLE_EQ(area_value(layer, "A", "within_1500m"), 1.0);
    // The median over its under-5s: 5 at 600 m, 5 at 1,200 m; the weighted median is the lower.
    EXPECT_NEAR(area_value(layer, "A", "distance_m"), 600.0, 0.1);

    const auto postcodes = report::postcode_layer(town.study(), run.run(), base.result());
    ASSERT_EQ(postcodes.features.size(), 2u);
    EXPECT_EQ(std::get<std::string>(postcodes.features[0].values[0]), "NR1 1AA");
    EXPECT_DOUBLE_EQ(std::get<double>(postcodes.features[0].values[3]), 5.0);
}

TEST(PostcodeFamilies, FromTheCentroidTheSameAreaIsAllOrNothing) {
    const Town town = split_area(false);
    ASSERT_EQ(town.study().families.points.size(), 1u);
    const auto run = town.scenarios(file);
    const auto base = run["base"];
    EXPECT_NEAR(base.distance_m("A"), 900.0, 0.05);
    EXPECT_DOUBLE_EQ(base.covered(500.0), 0.0);
    EXPECT_DOUBLE_EQ(base.covered(1000.0), 10.0);
    const auto layer = report::lsoa_layer(town.study(), run.run(), base.result(), {});
    EXPECT_DOUBLE_EQ(area_value(layer, "A", "postcodes"), 0.0);
    EXPECT_DOUBLE_EQ(area_value(layer, "A", "within_1000m"), 1.0);
    EXPECT_TRUE(report::postcode_layer(town.study(), run.run(), base.result()).features.empty());
}

// The demand term of the uncertainty draws: nobody knows how the area's 10 under-5s are
// split between p and q, so each draw splits them afresh (any split as likely): within 1 km
// (p only) the share ranges over most of 0-1 around the best evidence's half; at 1.5 km (both)
// and 500 m (neither) it cannot move. From the centroid there is nothing to draw.
TEST(PostcodeFamilies, TheDrawsSplitTheAreaBetweenItsPostcodes) {
    Town town = split_area(true);
    const auto run = town.draws(200).scenarios(file);
    const auto& intervals = *run["base"].result().intervals;
    EXPECT_DOUBLE_EQ(intervals.share_within[0].low, 0.0);
    EXPECT_DOUBLE_EQ(intervals.share_within[0].high, 0.0);
    EXPECT_LT(intervals.share_within[1].low, 0.15);
    EXPECT_GT(intervals.share_within[1].high, 0.85);
    EXPECT_GE(intervals.share_within[1].low, 0.0);
    EXPECT_LE(intervals.share_within[1].high, 1.0);
    EXPECT_DOUBLE_EQ(intervals.share_within[2].low, 1.0);
    EXPECT_DOUBLE_EQ(intervals.share_within[2].high, 1.0);
    // Closing the centre loses what the draw put at p: the same spread, in children.
    const auto& closed = *run["closed"].result().intervals;
    EXPECT_LT(closed.lost[1].low, 1.5);
    EXPECT_GT(closed.lost[1].high, 8.5);

    Town centroid_town = split_area(false);
    const auto from_centroid = centroid_town.draws(200).scenarios(file);
    const auto& exact = *from_centroid["base"].result().intervals;
    EXPECT_DOUBLE_EQ(exact.share_within[1].low, 1.0);
    EXPECT_DOUBLE_EQ(exact.share_within[1].high, 1.0);
}

}  // namespace postcode_families_test
}  // namespace centrecov::analysis
