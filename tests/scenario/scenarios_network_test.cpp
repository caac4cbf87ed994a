// Scenarios on a small drawn network, read through GDAL's OSM driver; every
// gain and loss below is worked out by hand. One character is 100 m.
//
//   a-------b-------c      centre "west" at a, centre "east" at c, library "lib-e" at e
//   |               |      families: 100 under-5s at b, 50 at f, 20 at d
//   d-------e-------f      thresholds 500 m and 1,000 m, walking

#include <gtest/gtest.h>

#include "analysis/scenario_run.hpp"
#include "core/error.hpp"
#include "support/drawn_study.hpp"
#include "support/osm_xml.hpp"
#include "support/temp_dir.hpp"

namespace centrecov::analysis {
namespace {

using test::AsciiMap;
using test::TempDir;

const AsciiMap map(R"(
    a-------b-------c
    |               |
    d-------e-------f
)");

struct Fixture {
    TempDir dir;
    Study study;
    Settings settings;
    Fixture() {
        NetworkSettings network;
        network.file = dir.write("town.osm", test::osm_xml(map, {{"abc", {{"highway", "residential"}}},
                                                                 {"adefc", {{"highway", "residential"}}}}));
        network.max_snap_m = 100.0;
        settings.network = network;
        settings.thresholds_m = {500.0, 1000.0};
        study.centres = {test::placed_site("west", map.at('a')), test::placed_site("east", map.at('c'))};
        study.libraries = {test::placed_site("lib-e", map.at('e'), SiteKind::library)};
        study.families.points = {test::families_at("B", map.at('b'), 100, 1), test::families_at("F", map.at('f'), 50, 9),
                                 test::families_at("D", map.at('d'), 20, 2)};
    }
    ScenarioRun run(const std::string& scenarios) const {
        const auto file = scenario::read_scenario_file(dir.write("options.toml", scenarios));
        return run_scenarios(study, file, settings);
    }
};

const std::string file = R"(
[study]
thresholds_m = [500, 1000]
[costs]
centre = 1000
colocation_saving = 0.5

[[scenario]]
id = "base"

[[scenario]]
id = "close-east"
start_from = "base"
close = ["east"]

[[scenario]]
id = "west-into-library"
start_from = "base"
colocate = [{ centre = "west", library = "lib-e" }]

[[scenario]]
id = "targeted"
start_from = "base"
target = { idaci_deciles = [1, 2] }
)";

TEST(ScenariosOnANetwork, GainsAndLossesByHand) {
    const Fixture fixture;
    const ScenarioRun run = fixture.run(file);
    ASSERT_EQ(run.results.size(), 4u);
    EXPECT_EQ(run.distance_key, "network_walk");

    const auto& base = run.results[0];
    // b is 800 m from both centres (the first listed wins), f 200 m from east, d 200 m from west.
    EXPECT_NEAR(base.nearest[0].metres, 800.0, 0.05);
    EXPECT_NEAR(base.nearest[1].metres, 200.0, 0.05);
    EXPECT_NEAR(base.nearest[2].metres, 200.0, 0.05);
    EXPECT_EQ(base.coverage.total.covered, (std::vector<long long>{70, 170}));
    for (const auto& change : base.changes) {
        EXPECT_EQ(change.lost, 0) << "a scenario compared with itself changes nothing";
        EXPECT_EQ(change.gained, 0);
    }
    EXPECT_DOUBLE_EQ(*base.resolved.cost, 2000.0);

    const auto& closed = run.results[1];
    // Without east, f walks f-e-d-a or f-c-b-a: 1,800 m.
    EXPECT_NEAR(closed.nearest[1].metres, 1800.0, 0.05);
    EXPECT_EQ(closed.coverage.total.covered, (std::vector<long long>{20, 120}));
    EXPECT_EQ(closed.changes[0].lost, 50);
    EXPECT_EQ(closed.changes[1].lost, 50);
    ASSERT_EQ(closed.closed.size(), 1u);
    EXPECT_EQ(fixture.study.centres[closed.closed[0].point.centre.value()].id, "east");
    EXPECT_EQ(closed.closed[0].left_beyond, (std::vector<long long>{50, 50}))
        << "b stays within 1 km of west, so reopening east brings back only f";
    EXPECT_DOUBLE_EQ(*closed.resolved.cost, 1000.0);

    const auto& moved = run.results[2];
    // West now serves from e: b is 800 m from east, d 800 m from e.
    EXPECT_NEAR(moved.nearest[0].metres, 800.0, 0.05);
    EXPECT_NEAR(moved.nearest[2].metres, 800.0, 0.05);
    EXPECT_EQ(moved.changes[0].lost, 20);
    EXPECT_EQ(moved.changes[1].lost, 0);
    EXPECT_TRUE(moved.closed.empty()) << "a moved centre is not closed";
    EXPECT_DOUBLE_EQ(*moved.resolved.cost, 1500.0);

    const auto& targeted = run.results[3];
    EXPECT_EQ(targeted.eligible_under5, 120);
    EXPECT_EQ(targeted.eligible_coverage.total.covered, (std::vector<long long>{20, 120}));
    EXPECT_EQ(targeted.coverage.total.covered, base.coverage.total.covered) << "all families are still reported";
}

TEST(ScenariosOnANetwork, ABudgetKeepsTheCentresServingMost) {
    Fixture fixture;
    // No tie this time: the 100 under-5s live 100 m west of b, 700 m from west and 900 m from east.
    fixture.study.families.points[0].point.x -= 100.0;
    const ScenarioRun run = fixture.run(file + R"(
[[scenario]]
id = "one-centre"
start_from = "base"
keep_by_budget = { budget = 1500 }
)");
    const auto& one = run.results.back();
    // West serves b and d (120 under-5s), east serves f (50): the budget keeps west.
    ASSERT_EQ(one.resolved.open.size(), 1u);
    EXPECT_EQ(fixture.study.centres[one.resolved.open[0]].id, "west");
    EXPECT_DOUBLE_EQ(*one.resolved.cost, 1000.0);
    EXPECT_DOUBLE_EQ(*one.resolved.budget, 1500.0);
    EXPECT_EQ(one.changes[0].lost, 50);
}

TEST(ScenariosOnANetwork, ANewBaseInALibraryServesWithoutACentre) {
    const Fixture fixture;
    const ScenarioRun run = fixture.run(file + R"(
[[scenario]]
id = "east-closed-base-in-library"
start_from = "base"
close = ["east"]
library_bases = ["lib-e"]

[[scenario]]
id = "cheaper-base"
start_from = "east-closed-base-in-library"
costs = { library_base = 300 }

[[scenario]]
id = "base-dropped"
start_from = "east-closed-base-in-library"
library_bases = []
)");
    const auto& with_base = run.results[4];
    // f walks 800 m to the base at e (not 1,800 m to west); b and d keep west.
    EXPECT_NEAR(with_base.nearest[1].metres, 800.0, 0.05);
    EXPECT_EQ(with_base.coverage.total.covered, (std::vector<long long>{20, 170}));
    EXPECT_EQ(with_base.changes[0].lost, 50);
    EXPECT_EQ(with_base.changes[1].lost, 0) << "the base brings f back within 1 km";
    EXPECT_EQ(with_base.resolved.library_fate(0), scenario::Fate::library_base);
    EXPECT_DOUBLE_EQ(*with_base.resolved.cost, 1500.0) << "west 1,000 + a base at a moved centre's cost, 500";
    ASSERT_EQ(with_base.closed.size(), 1u);
    EXPECT_EQ(with_base.closed[0].point.centre, std::optional<std::size_t>(1));
    EXPECT_EQ(with_base.closed[0].left_beyond, (std::vector<long long>{50, 0}));

    EXPECT_DOUBLE_EQ(*run.results[5].resolved.cost, 1300.0);
    EXPECT_EQ(run.results[5].resolved.library_bases, (std::vector<std::size_t>{0})) << "bases are inherited";

    const auto& dropped = run.results[6];
    EXPECT_TRUE(dropped.resolved.library_bases.empty());
    ASSERT_EQ(dropped.closed.size(), 1u);
    EXPECT_FALSE(dropped.closed[0].point.centre.has_value()) << "the library base is what closed";
    EXPECT_EQ(dropped.closed[0].point.library, std::optional<std::size_t>(0));
    EXPECT_EQ(dropped.closed[0].left_beyond, (std::vector<long long>{0, 50}));
}

TEST(ScenariosOnANetwork, ALibraryBaseMustNameALibrary) {
    const Fixture fixture;
    try {
        (void)fixture.run(file + "\n[[scenario]]\nid = \"wrong\"\nlibrary_bases = [\"east\"]\n");
        FAIL();
    } catch (const centrecov::InputError& e) {
        EXPECT_NE(std::string(e.what()).find("'east' in 'library_bases' is a children's centre, not a library"),
                  std::string::npos)
            << e.what();
        EXPECT_NE(std::string(e.what()).find("options.toml"), std::string::npos) << e.what();
    }
}

}  // namespace
}  // namespace centrecov::analysis
