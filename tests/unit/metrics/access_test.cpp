// Accessibility scores worked out on paper (2SFCA, E2SFCA, gravity), then on a drawn town.

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "core/error.hpp"
#include "metrics/access.hpp"
#include "support/gurka.hpp"

namespace centrecov::metrics {
namespace access_test {

constexpr double far = std::numeric_limits<double>::infinity();

Decay decay(DecayKind kind, double catchment_m) { return Decay{kind, catchment_m, 0.0, 0.0}.resolved(catchment_m); }

TEST(Access, TwoSitesShareTheFamiliesBetweenThem) {
    // Site A reaches both areas, site B only the first: A's one unit is shared by 200 under-5s, B's by 100.
    const std::vector<std::vector<double>> metres{{500.0, 500.0}, {500.0, far}};
    const auto scores = access_scores(metres, {100.0, 100.0}, {1.0, 1.0}, decay(DecayKind::step, 1000.0));
    EXPECT_DOUBLE_EQ(scores.two_step[0], 1000.0 * (1.0 / 200.0 + 1.0 / 100.0));  // 15 per 1,000 under-5s
    EXPECT_DOUBLE_EQ(scores.two_step[1], 1000.0 / 200.0);                         // 5
    // Every unit of supply is shared out: the scores, weighted by demand, add up to the supply.
    EXPECT_DOUBLE_EQ((100.0 * scores.two_step[0] + 100.0 * scores.two_step[1]) / 1000.0, 2.0);
    EXPECT_DOUBLE_EQ(scores.gravity[0], 2.0);
    EXPECT_DOUBLE_EQ(scores.gravity[1], 1.0);
}

TEST(Access, ACapacityOfOneHalfHalvesWhatItGives) {
    const std::vector<std::vector<double>> metres{{500.0, 500.0}, {500.0, far}};
    const auto scores = access_scores(metres, {100.0, 100.0}, {0.5, 1.0}, decay(DecayKind::step, 1000.0));
    EXPECT_DOUBLE_EQ(scores.two_step[1], 2.5);
    EXPECT_DOUBLE_EQ(scores.two_step[0], 2.5 + 10.0);
}

TEST(Access, ADecayTellsNearFromFarWhereTheStepCannot) {
    // One site; 100 under-5s 100 m away and 100 at 900 m; catchment 1 km.
    const std::vector<std::vector<double>> metres{{100.0}, {900.0}};
    const auto step = access_scores(metres, {100.0, 100.0}, {1.0}, decay(DecayKind::step, 1000.0));
    EXPECT_DOUBLE_EQ(step.two_step[0], step.two_step[1]) << "2SFCA sees no difference inside the catchment";
    const auto linear = access_scores(metres, {100.0, 100.0}, {1.0}, decay(DecayKind::linear, 1000.0));
    // Weights 0.9 and 0.1: the site's unit goes over 100 x 0.9 + 100 x 0.1 = 100 weighted under-5s.
    EXPECT_NEAR(linear.enhanced[0], 1000.0 * 0.9 / 100.0, 1e-9);
    EXPECT_NEAR(linear.enhanced[1], 1000.0 * 0.1 / 100.0, 1e-9);
    EXPECT_NEAR(linear.gravity[0], 0.9, 1e-12);
    EXPECT_GT(linear.enhanced[0], linear.enhanced[1]);
}

TEST(Access, ADecayCanReverseTheRankingOfTwoAreas) {
    // X (100 under-5s) is 900 m from sites A and B; Y (100) is 100 m from A; Z (1,000) 100 m from B.
    const std::vector<std::vector<double>> metres{{900.0, 900.0}, {100.0, far}, {far, 100.0}};
    const std::vector<double> demand{100.0, 100.0, 1000.0};
    const auto step = access_scores(metres, demand, {1.0, 1.0}, decay(DecayKind::step, 1000.0));
    // Step: A shares 1 among 200, B among 1,100; X reaches both.
    EXPECT_NEAR(step.two_step[0], 1000.0 * (1.0 / 200.0 + 1.0 / 1100.0), 1e-9);
    EXPECT_NEAR(step.two_step[1], 5.0, 1e-9);
    EXPECT_GT(step.two_step[0], step.two_step[1]) << "without decay X, reaching two sites, ranks above Y";
    const auto linear = access_scores(metres, demand, {1.0, 1.0}, decay(DecayKind::linear, 1000.0));
    // Linear weights 0.1 at 900 m and 0.9 at 100 m: A's weighted demand 100, B's 910.
    EXPECT_NEAR(linear.enhanced[0], 1000.0 * (0.1 / 100.0 + 0.1 / 910.0), 1e-9);
    EXPECT_NEAR(linear.enhanced[1], 1000.0 * 0.9 / 100.0, 1e-9);
    EXPECT_LT(linear.enhanced[0], linear.enhanced[1]) << "with decay Y, at the door of A, ranks above X";
}

TEST(Access, EachDecayHasItsPublishedShape) {
    const double d0 = 3000.0;
    EXPECT_DOUBLE_EQ(decay(DecayKind::step, d0).weight(2999.0), 1.0);
    EXPECT_DOUBLE_EQ(decay(DecayKind::step, d0).weight(3001.0), 0.0);
    EXPECT_DOUBLE_EQ(decay(DecayKind::linear, d0).weight(1500.0), 0.5);
    EXPECT_DOUBLE_EQ(decay(DecayKind::gaussian, d0).weight(1500.0), std::exp(-0.5)) << "sigma defaults to d0 / 2";
    EXPECT_DOUBLE_EQ(decay(DecayKind::exponential, d0).weight(1000.0), std::exp(-1.0)) << "scale defaults to d0 / 3";
    EXPECT_DOUBLE_EQ(decay(DecayKind::logistic, d0).weight(1500.0), 0.5) << "one half at d0 / 2";
    EXPECT_DOUBLE_EQ(decay(DecayKind::zones, d0).weight(999.0), 1.0);
    EXPECT_DOUBLE_EQ(decay(DecayKind::zones, d0).weight(1500.0), 0.68);
    EXPECT_DOUBLE_EQ(decay(DecayKind::zones, d0).weight(2500.0), 0.22);
    for (const auto kind : {DecayKind::step, DecayKind::linear, DecayKind::gaussian, DecayKind::exponential,
                            DecayKind::logistic, DecayKind::zones}) {
        EXPECT_EQ(decay(kind, d0).weight(far), 0.0);
        EXPECT_EQ(parse_decay(to_string(kind)), kind);
    }
}

TEST(Access, ScenarioRunsScoreEveryAreaWithTheFilesDecayAndCapacities) {
    // Two centres 1.6 km apart on one street, families beside each and between them.
    const auto town = test::gurka::Town(R"(
    a-------m-------b
)")
                          .road("amb")
                          .centre("west", 'a')
                          .centre("east", 'b')
                          .families("A", 'a', 100)
                          .families("M", 'm', 100)
                          .families("B", 'b', 100);
    const auto run = town.scenarios(R"(
[study]
thresholds_m = [500, 1000]
access = { decay = "step", catchment_m = 1000, capacity = { east = 2 } }
[[scenario]]
id = "today"
[[scenario]]
id = "no-east"
start_from = "today"
close = ["east"]
)");
    const auto& today = run["today"].result();
    // West (1) is shared by A and M (200); east (2) by M and B (200): A 5, M 5 + 10, B 10 per 1,000.
    const auto score = [&](const analysis::ScenarioResult& r, const std::string& code) {
        const auto& points = town.study().families.points;
        for (std::size_t f = 0; f < points.size(); ++f) {
            if (points[f].lsoa_code == code) {
                return r.access.two_step[f];
            }
        }
        throw std::invalid_argument(code);
    };
    EXPECT_NEAR(score(today, "A"), 5.0, 1e-9);
    EXPECT_NEAR(score(today, "M"), 15.0, 1e-9);
    EXPECT_NEAR(score(today, "B"), 10.0, 1e-9);
    const auto& closed = run["no-east"].result();
    EXPECT_NEAR(score(closed, "B"), 0.0, 1e-9);
    EXPECT_NEAR(score(closed, "M"), 5.0, 1e-9);
    // Distances today 0, 800 and 0 m (Gini 2/3); without east 0, 800 and 1,600 m (Gini 4/9): more
    // walk far, but the walks are less unequal. The Gini index is of spread, not of how far.
    ASSERT_TRUE(closed.equity.distance_gini && today.equity.distance_gini);
    EXPECT_NEAR(*today.equity.distance_gini, 2.0 / 3.0, 1e-4);  // OSM keeps coordinates to about 1 cm
    EXPECT_NEAR(*closed.equity.distance_gini, 4.0 / 9.0, 1e-4);
    EXPECT_EQ(closed.base_equity.distance_gini, today.equity.distance_gini);
}

TEST(Access, OutreachCountsAtItsWeight) {
    // One centre at a, a library at b offering sessions worth half a centre; 100 under-5s at each.
    const auto town = test::gurka::Town(R"(
    a-------------------b
)")
                          .road("ab")
                          .centre("west", 'a')
                          .library("lib", 'b')
                          .families("A", 'a', 100)
                          .families("B", 'b', 100);
    const auto run = town.scenarios(R"(
[study]
thresholds_m = [500, 1000]
access = { decay = "step", catchment_m = 1000 }
[[scenario]]
id = "today"
[[scenario]]
id = "sessions"
start_from = "today"
outreach = { sites = ["lib"], weight = 0.5 }
)");
    const auto& points = town.study().families.points;
    const auto& today = run["today"].result().access.two_step;
    const auto& sessions = run["sessions"].result().access.two_step;
    ASSERT_EQ(points[1].lsoa_code, "B");
    EXPECT_NEAR(today[0], 10.0, 1e-9) << "west's one unit for A's 100";
    EXPECT_NEAR(today[1], 0.0, 1e-9) << "B is 2 km from west";
    EXPECT_NEAR(sessions[1], 5.0, 1e-9) << "half a unit for B's 100";
    EXPECT_NEAR(sessions[0], 10.0, 1e-9);
}

TEST(Access, ACapacityForASiteThatIsNotThereIsAnErrorNamingTheFile) {
    const auto town = test::gurka::Town("a---b").road("ab").centre("west", 'a').families("A", 'b', 10);
    try {
        (void)town.scenarios("[study]\naccess = { capacity = { nowhere = 2 } }\n[[scenario]]\nid = \"today\"\n");
        FAIL();
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("capacity names 'nowhere', which is no centre or library"),
                  std::string::npos)
            << e.what();
        EXPECT_NE(std::string(e.what()).find("scenarios.toml"), std::string::npos) << e.what();
    }
}

}  // namespace access_test
}  // namespace centrecov::metrics
