// Scenarios on a small drawn network, read through GDAL's OSM driver; every
// gain and loss below is worked out by hand. One character is 100 m.
//
//   a------xb-------c      centre "west" at a, centre "east" at c, library "lib-e" at e
//   |               |      families: 100 under-5s at b (or x), 50 at f, 20 at d
//   d-------e-------f      thresholds 500 m and 1,000 m, walking
//
// Written with the gurka-style harness (tests/support/gurka.hpp): results by name.

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "support/gurka.hpp"

namespace centrecov::analysis {
namespace scenarios_network_test {

using test::gurka::Town;

Town drawn_town(bool tie = true) {
    // Unless `tie`, the 100 under-5s live 100 m west of b (at x), 700 m from west and 900 m from east.
    return Town(R"(
    a------xb-------c
    |               |
    d-------e-------f
)")
        .road("axbc")
        .road("adefc")
        .centre("west", 'a')
        .centre("east", 'c')
        .library("lib-e", 'e')
        .families("B", tie ? 'b' : 'x', 100, 1)
        .families("F", 'f', 50, 9)
        .families("D", 'd', 20, 2);
}

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
    const Town town = drawn_town();
    const auto run = town.scenarios(file);
    ASSERT_EQ(run.run().results.size(), 4u);
    EXPECT_EQ(run.run().distance_key, "network_walk");

    const auto base = run["base"];
    // b is 800 m from both centres, f 200 m from east, d 200 m from west.
    EXPECT_NEAR(base.distance_m("B"), 800.0, 0.05);
    EXPECT_NEAR(base.distance_m("F"), 200.0, 0.05);
    EXPECT_EQ(base.nearest("F"), "east");
    EXPECT_NEAR(base.distance_m("D"), 200.0, 0.05);
    EXPECT_EQ(base.covered(500), 70);
    EXPECT_EQ(base.covered(1000), 170);
    for (const double t : {500.0, 1000.0}) {
        EXPECT_EQ(base.lost(t), 0) << "a scenario compared with itself changes nothing";
        EXPECT_EQ(base.gained(t), 0);
    }
    EXPECT_DOUBLE_EQ(*base.cost(), 2000.0);

    const auto closed = run["close-east"];
    // Without east, f walks f-e-d-a or f-c-b-a: 1,800 m.
    EXPECT_NEAR(closed.distance_m("F"), 1800.0, 0.05);
    EXPECT_NEAR(closed.base_distance_m("F"), 200.0, 0.05);
    EXPECT_EQ(closed.covered(500), 20);
    EXPECT_EQ(closed.covered(1000), 120);
    EXPECT_EQ(closed.lost(500), 50);
    EXPECT_EQ(closed.lost(1000), 50);
    EXPECT_EQ(closed.fate("east"), "closed");
    EXPECT_EQ(closed.closed(), (std::vector<std::string>{"east"}));
    EXPECT_EQ(closed.left_beyond("east", 500), 50);
    EXPECT_EQ(closed.left_beyond("east", 1000), 50) << "b stays within 1 km of west, so reopening east brings back only f";
    EXPECT_DOUBLE_EQ(*closed.cost(), 1000.0);

    const auto moved = run["west-into-library"];
    // West now serves from e: b is 800 m from east, d 800 m from e.
    EXPECT_NEAR(moved.distance_m("B"), 800.0, 0.05);
    EXPECT_NEAR(moved.distance_m("D"), 800.0, 0.05);
    EXPECT_EQ(moved.nearest("D"), "west") << "the centre keeps its name in its new building";
    EXPECT_EQ(moved.fate("west"), "moved");
    EXPECT_EQ(moved.lost(500), 20);
    EXPECT_EQ(moved.lost(1000), 0);
    EXPECT_TRUE(moved.closed().empty()) << "a moved centre is not closed";
    EXPECT_DOUBLE_EQ(*moved.cost(), 1500.0);

    const auto targeted = run["targeted"];
    EXPECT_EQ(targeted.eligible_under5(), 120);
    EXPECT_EQ(targeted.eligible_covered(500), 20);
    EXPECT_EQ(targeted.eligible_covered(1000), 120);
    EXPECT_EQ(targeted.covered(1000), base.covered(1000)) << "all families are still reported";
}

TEST(ScenariosOnANetwork, ABudgetKeepsTheCentresServingMost) {
    const Town town = drawn_town(false);
    const auto run = town.scenarios(file + R"(
[[scenario]]
id = "one-centre"
start_from = "base"
keep_by_budget = { budget = 1500 }
)");
    const auto one = run["one-centre"];
    // West serves b and d (120 under-5s), east serves f (50): the budget keeps west.
    EXPECT_EQ(one.open(), (std::vector<std::string>{"west"}));
    EXPECT_EQ(one.fate("east"), "closed");
    EXPECT_DOUBLE_EQ(*one.cost(), 1000.0);
    EXPECT_DOUBLE_EQ(*one.result().resolved.budget, 1500.0);
    EXPECT_EQ(one.lost(500), 50);
}

TEST(ScenariosOnANetwork, ANewBaseInALibraryServesWithoutACentre) {
    const Town town = drawn_town();
    const auto run = town.scenarios(file + R"(
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
    const auto with_base = run["east-closed-base-in-library"];
    // f walks 800 m to the base at e (not 1,800 m to west); b and d keep west.
    EXPECT_NEAR(with_base.distance_m("F"), 800.0, 0.05);
    EXPECT_EQ(with_base.nearest("F"), "lib-e");
    EXPECT_EQ(with_base.covered(500), 20);
    EXPECT_EQ(with_base.covered(1000), 170);
    EXPECT_EQ(with_base.lost(500), 50);
    EXPECT_EQ(with_base.lost(1000), 0) << "the base brings f back within 1 km";
    EXPECT_EQ(with_base.fate("lib-e"), "library_base");
    EXPECT_DOUBLE_EQ(*with_base.cost(), 1500.0) << "west 1,000 + a base at a moved centre's cost, 500";
    EXPECT_EQ(with_base.closed(), (std::vector<std::string>{"east"}));
    EXPECT_EQ(with_base.left_beyond("east", 500), 50);
    EXPECT_EQ(with_base.left_beyond("east", 1000), 0);

    const auto cheaper = run["cheaper-base"];
    EXPECT_DOUBLE_EQ(*cheaper.cost(), 1300.0);
    EXPECT_EQ(cheaper.fate("lib-e"), "library_base") << "bases are inherited";

    const auto dropped = run["base-dropped"];
    EXPECT_EQ(dropped.fate("lib-e"), "candidate");
    EXPECT_EQ(dropped.closed(), (std::vector<std::string>{"lib-e"})) << "the library base is what closed";
    EXPECT_EQ(dropped.left_beyond("lib-e", 500), 0);
    EXPECT_EQ(dropped.left_beyond("lib-e", 1000), 50);
}

TEST(ScenariosOnANetwork, ALibraryBaseMustNameALibrary) {
    const Town town = drawn_town();
    try {
        (void)town.scenarios(file + "\n[[scenario]]\nid = \"wrong\"\nlibrary_bases = [\"east\"]\n");
        FAIL();
    } catch (const centrecov::InputError& e) {
        EXPECT_NE(std::string(e.what()).find("'east' in 'library_bases' is a children's centre, not a library"),
                  std::string::npos)
            << e.what();
        EXPECT_NE(std::string(e.what()).find("scenarios.toml"), std::string::npos) << e.what();
    }
}

// Four areas of one IDACI decile on a road, 500 m apart, a centre at the west end: within
// 600 m, A and B are covered, C and D are not. Their ranks put A and B, the covered, as the
// least deprived: by rank, coverage lies wholly with the less deprived half (Erreygers index
// +1); by decile the four would tie and the index would be 0.
TEST(ScenarioEquity, TheConcentrationIndexRanksFamiliesByIdaciRankNotDecile) {
    Town town(R"(
    a----b----c----d
)");
    town.road("abcd")
        .centre("west", 'a')
        .families("A", 'a', 10, 1)
        .families("B", 'b', 10, 1)
        .families("C", 'c', 10, 1)
        .families("D", 'd', 10, 1)
        .idaci_rank("A", 400)
        .idaci_rank("B", 300)
        .idaci_rank("C", 200)
        .idaci_rank("D", 100)
        .thresholds({600.0});
    const auto run = town.scenarios(R"(
[[scenario]]
id = "today"
)");
    const auto& equity = run["today"].result().equity;
    ASSERT_TRUE(equity.coverage_erreygers);
    EXPECT_NEAR(*equity.coverage_erreygers, 1.0, 1e-9);
    EXPECT_EQ(equity.unranked_under5, 0.0);
}

}  // namespace scenarios_network_test
}  // namespace centrecov::analysis
