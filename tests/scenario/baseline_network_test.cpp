// The baseline run end to end on small networks drawn as ASCII maps, read
// through GDAL's OSM driver, with answers worked out by hand.

#include <gtest/gtest.h>

#include "analysis/baseline.hpp"
#include "analysis/study.hpp"
#include "core/error.hpp"
#include "support/drawn_study.hpp"
#include "support/gurka.hpp"
#include "support/osm_xml.hpp"
#include "support/temp_dir.hpp"

namespace centrecov::analysis {
namespace baseline_network_test {

using test::AsciiMap;
using test::TempDir;

DemandPoint family(const std::string& code, Point p, int under5) { return test::families_at(code, p, under5); }
Site centre(const std::string& id, Point p) { return test::placed_site(id, p); }

// One character is 100 m.
//
//   a-------b-------c          the centre stands 20 m north of b
//   |               |
//   d-------e-------f          x-------y   (an island: a farm track nobody joins)
const AsciiMap map(R"(
    a-------b-------c
    |               |
    d-------e-------f          x-------y
)");

struct DrawnStudy {
    TempDir dir;
    Study study;
    Settings settings;

    explicit DrawnStudy(const std::vector<test::OsmWay>& ways) {
        NetworkSettings network;
        network.file = dir.write("town.osm", test::osm_xml(map, ways));
        network.max_snap_m = 200.0;
        network.cache_directory = dir.path() / "cache";
        settings.network = network;
        settings.thresholds_m = {500.0, 1000.0};
        settings.year = 2019;
        study.centres.push_back(centre("b-centre", {map.at('b').x, map.at('b').y + 20.0}));
    }
};

TEST(BaselineOnANetwork, WalkingDistancesByHand) {
    DrawnStudy drawn({{"abc", {{"highway", "residential"}}}, {"adefc", {{"highway", "residential"}}}});
    test::set_areas(drawn.study.families,
                    {
                        family("A", map.at('a'), 10),                            // a->b 800, +20 m to the centre
                        family("D", {map.at('d').x + 30.0, map.at('d').y}, 5),  // 30 m along d-e: d (30) a (200) b (800) +20
                        family("C", {map.at('c').x, map.at('c').y - 50.0}, 5),  // 50 m down c-f: c (50) b (800) +20
                    });
    const Baseline baseline = run_baseline(drawn.study, drawn.settings);
    EXPECT_EQ(baseline.run.distance_key, "network_walk");
    ASSERT_EQ(baseline.nearest_centre().size(), 3u);
    // OSM stores coordinates to 1e-7 degrees, about a centimetre.
    EXPECT_NEAR(baseline.nearest_centre()[0].metres, 820.0, 0.05);
    EXPECT_NEAR(baseline.nearest_centre()[1].metres, 1050.0, 0.05);
    EXPECT_NEAR(baseline.nearest_centre()[2].metres, 870.0, 0.05);
    EXPECT_NEAR(baseline.nearest_centre()[0].seconds, 820.0 / (4.8 / 3.6), 0.1);
    EXPECT_EQ(baseline.coverage().total.covered, (std::vector<double>{0, 15}));
    ASSERT_TRUE(baseline.run.network.has_value());
    EXPECT_EQ(baseline.run.network->profile, "walk");
}

TEST(BaselineOnANetwork, OneFamilyOffTheNetworkIsReportedNotCovered) {
    DrawnStudy drawn({{"abc", {{"highway", "residential"}}},
                      {"adefc", {{"highway", "residential"}}},
                      {"xy", {{"highway", "track"}}}});
    std::vector<DemandPoint> families;
    for (int i = 0; i < 20; ++i) {
        families.push_back(family("near" + std::to_string(i), map.at('e'), 10));
    }
    families.push_back(family("far", {map.at('a').x, map.at('a').y + 900.0}, 7));  // 900 m from any road
    families.push_back(family("island", map.at('x'), 3));
    test::set_areas(drawn.study.families, families);
    const Baseline baseline = run_baseline(drawn.study, drawn.settings);
    const auto& far = baseline.nearest_centre()[20];
    EXPECT_TRUE(far.off_network);
    EXPECT_FALSE(far.found());
    const auto& island = baseline.nearest_centre()[21];
    EXPECT_TRUE(island.island);
    EXPECT_FALSE(island.found());
    EXPECT_EQ(baseline.coverage().total.unreached, 10);
    EXPECT_EQ(baseline.warnings.size(), 2u);
}

TEST(BaselineOnANetwork, ANetworkThatMissesTheStudyAreaIsAnError) {
    DrawnStudy drawn({{"xy", {{"highway", "residential"}}}});
    drawn.study.centres = {centre("far-centre", {map.at('a').x, map.at('a').y + 5000.0})};
    test::set_areas(drawn.study.families, {family("A", {map.at('a').x, map.at('a').y + 5000.0}, 10)});
    try {
        (void)run_baseline(drawn.study, drawn.settings);
        FAIL() << "expected an InputError";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("does not cover the study area"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("town.osm"), std::string::npos);
    }
}

TEST(BaselineOnANetwork, DrivingRespectsOneWayStreets) {
    // c->f is one way southbound; a family at f drives f-e-d-a-b (1600 + 200 + 800 m).
    DrawnStudy drawn({{"abc", {{"highway", "residential"}}},
                      {"cf", {{"highway", "residential"}, {"oneway", "yes"}}},
                      {"adef", {{"highway", "residential"}}}});
    drawn.settings.network->profile = "drive";
    test::set_areas(drawn.study.families, {family("F", map.at('f'), 4), family("C", map.at('c'), 4)});
    const Baseline baseline = run_baseline(drawn.study, drawn.settings);
    EXPECT_NEAR(baseline.nearest_centre()[0].metres, 1600.0 + 200.0 + 800.0 + 20.0, 0.05);
    EXPECT_NEAR(baseline.nearest_centre()[1].metres, 800.0 + 20.0, 0.05);
}

// The baseline is the scenario "today" run through the same pipeline as any scenario file.
//
//   a-------b-------c        centres "west" at a and "east" at c; library "lib" at e
//   |       |       |        families P at b, Q at f, R at d
//   d-------e-------f    z   library "far" at z, 300 m from any road
test::gurka::Town ladder() {
    return test::gurka::ladder_town()
        .centre("west", 'a')
        .centre("east", 'c')
        .library("lib", 'e')
        .library("far", 'z')
        .families("P", 'b', 30)
        .families("Q", 'f', 20)
        .families("R", 'd', 10);
}

TEST(BaselineIsAScenario, RunMeasuresWhatTodayInAScenarioFileMeasures) {
    const auto town = ladder();
    const Baseline baseline = run_baseline(town.study(), town.settings());
    ASSERT_EQ(baseline.run.results.size(), 1u);
    EXPECT_EQ(baseline.today().resolved.scenario->id, "today");
    const test::gurka::Outcome run(town.study(), baseline.today());
    const auto file = town.scenarios("[[scenario]]\nid = \"today\"\n\n[[scenario]]\nid = \"no-east\"\n"
                                     "start_from = \"today\"\nclose = [\"east\"]\n");
    for (const std::string family : {"P", "Q", "R"}) {
        EXPECT_DOUBLE_EQ(run.distance_m(family), file["today"].distance_m(family)) << family;
        EXPECT_EQ(run.nearest(family), file["today"].nearest(family)) << family;
        EXPECT_DOUBLE_EQ(file["no-east"].base_distance_m(family), run.distance_m(family)) << family;
    }
    EXPECT_NEAR(run.distance_m("Q"), 200.0, 0.05);
    EXPECT_EQ(run.covered(500), file["today"].covered(500));
    EXPECT_EQ(baseline.service_points.size(), 2u);
    // The baseline also says where each family's nearest library is (a candidate host).
    const auto& f = town.study().families.points;
    for (std::size_t i = 0; i < f.size(); ++i) {
        ASSERT_TRUE(baseline.nearest_library[i].found()) << f[i].lsoa_code;
        EXPECT_EQ(town.study().libraries[baseline.nearest_library[i].site].id, "lib") << f[i].lsoa_code;
    }
}

TEST(BaselineIsAScenario, TheNearestLibraryIsOneOpenInTheStudyYear) {
    // Regression: lsoa.csv named a library that opened the year after the study's as an area's nearest.
    // A second library, "old", at a: Q (at f) is nearer "lib" (at e) than "old".
    // Two towns (a Town's copies share its study).
    auto town = ladder().library("old", 'a');
    auto same_year = ladder().library("old", 'a');
    const int year = town.settings().year;
    town.opened_in("lib", year + 1);
    same_year.opened_in("lib", year);
    const Baseline later = run_baseline(town.study(), town.settings());
    const Baseline open = run_baseline(same_year.study(), same_year.settings());
    const auto& f = town.study().families.points;
    for (std::size_t i = 0; i < f.size(); ++i) {
        ASSERT_TRUE(later.nearest_library[i].found()) << f[i].lsoa_code;
        EXPECT_EQ(town.study().libraries[later.nearest_library[i].site].id, "old") << f[i].lsoa_code;
        if (f[i].lsoa_code == "Q") {
            EXPECT_EQ(same_year.study().libraries[open.nearest_library[i].site].id, "lib");
        }
    }
}

TEST(BaselineIsAScenario, ASiteOffTheRoadsIsWarnedOfInScenarioRunsToo) {
    const auto town = ladder();
    const auto run = town.scenarios("[[scenario]]\nid = \"today\"\n\n[[scenario]]\nid = \"far-base\"\n"
                                    "start_from = \"today\"\nlibrary_bases = [\"far\"]\n");
    const auto& warnings = run.run().warnings;
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_EQ(warnings[0], "library 'far' is more than 100 m from any usable road; it is left out of network distances");
    EXPECT_EQ(run["far-base"].covered(1000), run["today"].covered(1000)) << "an unreachable base reaches nobody";
}

}  // namespace baseline_network_test
}  // namespace centrecov::analysis
