// What the report embeds for its planner (web/report/planner.js and draws.js) to repeat
// the program's uncertainty draws for any plan: the inputs of the draws, or, when they
// would not fit in the page, the reason why the planner gives best-evidence figures.

#include <gtest/gtest.h>

#include "report/catchment_output.hpp"
#include "report/html_report.hpp"
#include "report/report_view.hpp"
#include "support/gurka.hpp"

namespace centrecov::report {
namespace planner_data_test {

using test::gurka::Town;

// Today and one closure, so that the planner has a start and a plan with losses.
const char* const scenarios =
    "[[scenario]]\nid = \"today\"\nname = \"Today\"\n"
    "[[scenario]]\nid = \"close-east\"\nname = \"East closed\"\nstart_from = \"today\"\nclose = [\"east\"]\n";

Town loop() { return test::gurka::loop_town_with_a_library(); }

struct Page {
    nlohmann::ordered_json planner;
    bool ranges = false;
};

Page page_of(const Town& town, std::size_t pairs_limit = default_planner_draw_pairs_limit,
             const char* file = scenarios) {
    const auto run = town.scenarios(file);
    const auto catchments = compute_catchments(town.study(), run.run(), town.settings());
    const analysis::StudyInputs inputs(test::gurka::drawn_manifest());
    ReportInputs in{town.study(), inputs, run.file(), run.run(), catchments, nullptr};
    in.planner_draw_pairs_limit = pairs_limit;
    const ReportView view = report_view(in);
    return {view.map_data.at("planner"), view.planner_ranges};
}

TEST(PlannerData, AlongRoadsCarriesEachCandidatesDistances) {
    auto town = loop();
    town.draws(20, 7);
    const Page page = page_of(town);
    ASSERT_TRUE(page.planner.contains("draws"));
    EXPECT_TRUE(page.ranges);
    const auto& draws = page.planner["draws"];
    EXPECT_EQ(draws["count"], 20);
    EXPECT_EQ(draws["seed"], nlohmann::ordered_json::array({0, 7}));
    EXPECT_TRUE(draws["along_roads"].get<bool>());
    EXPECT_FALSE(draws.contains("x")) << "along roads the page does not measure";
    ASSERT_EQ(draws["sites"].size(), 3U);  // both centres and the library
    for (const auto& site : draws["sites"]) {
        ASSERT_EQ(site["reach"].size(), site["points"].size() / 2);
        EXPECT_EQ(site["reach"][0].size() % 2, 0U);  // (family, metres) pairs
        EXPECT_FALSE(site["reach"][0].empty());
    }
    EXPECT_EQ(draws["first_point"].size(), town.study().families.areas.size() + 1);
}

TEST(PlannerData, PastTheLimitThePlannerSaysWhyItHasNoRanges) {
    auto town = loop();
    town.draws(20);
    const Page page = page_of(town, 2);
    EXPECT_FALSE(page.planner.contains("draws"));
    EXPECT_FALSE(page.ranges);
    ASSERT_TRUE(page.planner.contains("draws_omitted"));
    EXPECT_NE(page.planner["draws_omitted"].get<std::string>().find("more than the page can carry"),
              std::string::npos);
}

TEST(PlannerData, WithoutRoadsCarriesEachFamilysPoint) {
    auto town = loop();
    town.estimate(1.3).draws(20);
    const Page page = page_of(town, 0);  // nothing along roads to carry, so no limit applies
    ASSERT_TRUE(page.planner.contains("draws"));
    EXPECT_TRUE(page.ranges);
    const auto& draws = page.planner["draws"];
    EXPECT_FALSE(draws["along_roads"].get<bool>());
    EXPECT_TRUE(draws["circuity_drawn"].get<bool>());
    const auto& points = town.study().families.points;
    ASSERT_EQ(draws["x"].size(), points.size());
    for (std::size_t f = 0; f < points.size(); ++f) {
        EXPECT_EQ(draws["x"][f].get<double>(), points[f].point.x);
        EXPECT_EQ(draws["y"][f].get<double>(), points[f].point.y);
    }
    EXPECT_FALSE(draws["sites"][0].contains("reach"));
}

TEST(PlannerData, WithoutDrawsThereIsNothingToRepeat) {
    auto town = loop();
    town.draws(0);
    const Page page = page_of(town);
    EXPECT_FALSE(page.planner.contains("draws"));
    EXPECT_FALSE(page.planner.contains("draws_omitted"));
    EXPECT_FALSE(page.ranges);
}

// Distances are carried to the millimetre, but never rounded across a threshold.
const char* const today_only = "[[scenario]]\nid = \"today\"\nname = \"Today\"\n";

TEST(PlannerData, DistancesAreCarriedToTheMillimetreUnlessThatCrossesAThreshold) {
    auto town = Town("a----B", 100.0).estimate(1.0).thresholds({500.0});
    town.centre("hub", 'a').families("B", 'B', 10);
    auto page = page_of(town, default_planner_draw_pairs_limit, today_only);
    const double exact = town.map().at('B').x - town.map().at('a').x;  // 500 m: on the threshold
    EXPECT_EQ(page.planner["families"]["near"][0][1].get<double>(), exact);
    // 500.0004 m rounds to 500.000, within 500 m: it must stay beyond.
    // (1 km is the farthest threshold, so the family's distance is carried.)
    auto beyond = Town("a----B", 100.00008).estimate(1.0).thresholds({500.0, 1000.0});
    beyond.centre("hub", 'a').families("B", 'B', 10);
    page = page_of(beyond, default_planner_draw_pairs_limit, today_only);
    const double metres = page.planner["families"]["near"][0][1].get<double>();
    EXPECT_GT(metres, 500.0);
    // Away from a threshold, to the millimetre.
    auto away = Town("a---B", 100.00041).estimate(1.0).thresholds({500.0, 1000.0});
    away.centre("hub", 'a').families("B", 'B', 10);
    page = page_of(away, default_planner_draw_pairs_limit, today_only);
    EXPECT_EQ(page.planner["families"]["near"][0][1].get<double>(), 400.002);
}

}  // namespace planner_data_test
}  // namespace centrecov::report
