#include <gtest/gtest.h>

#include <limits>

#include "core/error.hpp"
#include "scenario/resolve.hpp"
#include "scenario/scenario.hpp"
#include "support/temp_dir.hpp"

namespace centrecov::scenario {
namespace scenario_file_test {

using test::TempDir;

std::string error_of(const std::string& toml) {
    TempDir dir;
    const auto file = dir.write("options.toml", toml);
    try {
        (void)read_scenario_file(file);
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}

TEST(ScenarioFile, ReadsStudyCostsAndScenarios) {
    TempDir dir;
    const auto file = dir.write("options.toml", R"(
[study]
distance = "straight_line"
thresholds_m = [800, 1600]

[costs]
centre = 100000
colocation_saving = 0.5

[[scenario]]
id = "base"

[[scenario]]
id = "cut"
name = "Cut"
start_from = "base"
close = ["b"]
colocate = [{ centre = "a", library = "lib-1" }]
outreach = { sites = ["lib-2"], weight = 0.25, thresholds_m = [400, 800] }
target = { imd_deciles = [1, 2] }
budget = 150000
)");
    const ScenarioFile parsed = read_scenario_file(file);
    EXPECT_EQ(*parsed.study.distance, "straight_line");
    EXPECT_EQ(parsed.study.thresholds_m, (std::vector<double>{800, 1600}));
    EXPECT_EQ(*parsed.study.costs.centre, 100000.0);
    ASSERT_EQ(parsed.scenarios.size(), 2u);
    const Scenario& cut = parsed.scenarios[1];
    EXPECT_EQ(cut.name, "Cut");
    EXPECT_EQ(*cut.start_from, "base");
    EXPECT_EQ(cut.close, std::vector<std::string>{"b"});
    ASSERT_EQ(cut.colocate.size(), 1u);
    EXPECT_EQ(cut.colocate[0].library, "lib-1");
    EXPECT_DOUBLE_EQ(cut.outreach->weight, 0.25);
    EXPECT_EQ(cut.target.imd_deciles, (std::set<int>{1, 2}));
    EXPECT_EQ(*cut.budget, 150000.0);
    EXPECT_EQ(parsed.scenarios[0].name, "base") << "the id stands in for a missing name";
    const auto order = in_dependency_order(parsed);
    EXPECT_EQ(order[0]->id, "base");
}

TEST(ScenarioFile, ALongStartFromChainIsOrderedBaseFirst) {
    // Listed last first, each starting from the one listed after it: 20,000 deep (a recursion that deep
    // overflowed the stack under the sanitizers; a search of the path at each step was quadratic).
    constexpr int deep = 20000;
    std::string toml;
    for (int k = deep - 1; k >= 0; --k) {
        toml += "[[scenario]]\nid = \"s" + std::to_string(k) + "\"\n";
        if (k > 0) {
            toml += "start_from = \"s" + std::to_string(k - 1) + "\"\n";
        }
    }
    TempDir dir;
    const ScenarioFile parsed = read_scenario_file(dir.write("chain.toml", toml));
    const auto order = in_dependency_order(parsed);
    ASSERT_EQ(order.size(), static_cast<std::size_t>(deep));
    for (int k = 0; k < deep; ++k) {
        ASSERT_EQ(order[static_cast<std::size_t>(k)]->id, "s" + std::to_string(k));
    }
    // A circle at the end of a long chain is still found and named.
    const std::string circle = toml + "[[scenario]]\nid = \"x\"\nstart_from = \"y\"\n[[scenario]]\nid = \"y\"\n"
                                      "start_from = \"x\"\n";
    EXPECT_NE(error_of(circle).find("goes round in a circle: x -> y -> x"), std::string::npos) << error_of(circle);
}

TEST(ScenarioFile, EveryMistakeNamesTheFileAndLine) {
    struct Case {
        const char* toml;
        const char* expected;
    };
    const Case cases[] = {
        {"[[scenario]]\nid = \"a\"\nclose = [\"x\"]\nkeep = [\"x\"]\n", "line 1: scenario 'a' both closes and keeps site 'x'"},
        {"[[scenario]]\nid = \"a\"\nstart_from = \"b\"\n[[scenario]]\nid = \"b\"\nstart_from = \"a\"\n",
         "goes round in a circle"},
        {"[[scenario]]\nid = \"a\"\nstart_from = \"a\"\n", "goes round in a circle: a -> a"},
        {"[[scenario]]\nid = \"a\"\nstart_from = \"nowhere\"\n", "starts from 'nowhere', which is not in this file"},
        {"[[scenario]]\nid = \"a\"\ntarget = { idaci_deciles = [1, 11] }\n",
         "line 3: decile in 'idaci_deciles' must be a whole number from 1 to 10"},
        {"[[scenario]]\nid = \"a\"\nbudget = -5\n", "line 3: 'budget' is -5; it must be between 0"},
        {"[costs]\ncentre = -1\n[[scenario]]\nid = \"a\"\n", "line 2: 'centre' is -1"},
        {"[[scenario]]\nid = \"a\"\nclose = [\"x\"\n", "line 3: not valid TOML"},
        {"[[scenario]]\nid = \"a\"\n[[scenario]]\nid = \"a\"\n", "line 3: scenario id 'a' is used twice (first on line 1)"},
        {"[[scenario]]\nid = \"a\"\nclsoe = [\"x\"]\n", "line 3: unknown key 'clsoe'"},
        {"[study]\nthresholds_m = []\n[[scenario]]\nid = \"a\"\n", "line 2: 'thresholds_m' must be a non-empty list"},
        {"[[scenario]]\nname = \"no id\"\n", "line 1: a scenario needs an 'id'"},
        {"[study]\ndistance = \"teleport\"\n[[scenario]]\nid = \"a\"\n", "line 2: 'distance' must be"},
        {"[[scenario]]\nid = \"a\"\ncolocate_rule = { otherwise = \"stay\" }\n", "needs 'within_m'"},
        {"[study]\n", "no scenarios"},
    };
    for (const Case& c : cases) {
        const std::string message = error_of(c.toml);
        EXPECT_NE(message.find("options.toml"), std::string::npos) << c.toml;
        EXPECT_NE(message.find(c.expected), std::string::npos) << "got: " << message << "\nfor:\n" << c.toml;
    }
}

TEST(ScenarioFile, SiteIdsFollowTheOneRuleForIdsAndMessagesShowControlCharacters) {
    // Regression: a centre id with a control character was accepted from the centres file, and the
    // planner's export of it could not be read back; a NUL in a scenario id cut the message short.
    for (const char* where : {"close = [\"ok\", \"a\\u0001b\"]", "keep = [\"a\\u007Fb\"]", "library_bases = [\"a\\u0001b\"]",
                              "colocate = [{ centre = \"a\\u0001b\", library = \"l\" }]",
                              "outreach = { sites = [\"a\\u0085b\"] }", "costs = { sites = { \"a\\u0001b\" = 5 } }"}) {
        const std::string message = error_of(std::string("[[scenario]]\nid = \"s\"\n") + where + "\n");
        EXPECT_NE(message.find("options.toml, line 3: site id 'a\\"), std::string::npos) << where << ": " << message;
        EXPECT_NE(message.find("holds a control character"), std::string::npos) << where << ": " << message;
    }
    EXPECT_EQ(error_of("[[scenario]]\nid = \"s\"\nclose = [\"caf\u00e9-1\", \"a b\"]\n"), "");
    const std::string nul = error_of("[[scenario]]\nid = \"a\\u0000b-then-more\"\n");
    EXPECT_NE(nul.find("scenario id 'a\\x00b-then-more' must be letters"), std::string::npos) << nul;
    EXPECT_EQ(site_id_problem("diss"), std::nullopt);
    EXPECT_NE(site_id_problem(std::string("a\0b", 3)), std::nullopt);
}

// Three centres and two libraries on a line, 1 km apart:
//   centre a (0), library L1 (300), centre b (1000), centre c (2000), library L2 (5000)
struct Sites {
    std::vector<Site> centres;
    std::vector<Site> libraries;
    Sites() {
        for (const auto& [id, x, status] : {std::tuple{"a", 0.0, "base"}, std::tuple{"b", 1000.0, "close"},
                                            std::tuple{"c", 2000.0, "base"}}) {
            Site site;
            site.id = id;
            site.location.point = Point{x, 0.0};
            site.attributes = {{"status", status}};
            centres.push_back(site);
        }
        Site twin;  // the same building as a
        twin.id = "a2";
        twin.duplicate_of = "a";
        twin.location.point = Point{0.0, 0.0};
        centres.push_back(twin);
        for (const auto& [id, x] : {std::pair{"L1", 300.0}, std::pair{"L2", 5000.0}}) {
            Site site;
            site.id = id;
            site.kind = SiteKind::library;
            site.location.point = Point{x, 0.0};
            libraries.push_back(site);
        }
    }
};

// Families for the budget rule: under-5s at points on the same line.
struct Family {
    double x;
    double under5;
};

// Distances are straight lines times `circuity` (the study's measure, as the rules must use it).
Measures measures_for(std::vector<Family> families, double circuity = 1.0) {
    Measures m;
    m.matrix = [circuity](const std::vector<Point>& from, const std::vector<Point>& to, double within_m) {
        std::vector<std::vector<double>> out(from.size(), std::vector<double>(to.size()));
        for (std::size_t i = 0; i < from.size(); ++i) {
            for (std::size_t j = 0; j < to.size(); ++j) {
                const double metres = circuity * straight_line_m(from[i], to[j]);
                out[i][j] = metres <= within_m ? metres : std::numeric_limits<double>::infinity();
            }
        }
        return out;
    };
    m.served = [families](const std::vector<Point>& sites) {
        std::vector<double> served(sites.size(), 0.0);
        for (const auto& family : families) {
            std::size_t best = 0;
            for (std::size_t s = 1; s < sites.size(); ++s) {
                if (std::abs(sites[s].x - family.x) < std::abs(sites[best].x - family.x)) {
                    best = s;
                }
            }
            served[best] += family.under5;
        }
        return served;
    };
    return m;
}

std::map<std::string, ResolvedScenario> resolve(const std::string& toml, const Sites& sites,
                                                Measures measures = measures_for({}), int year = 2018,
                                                std::vector<double> thresholds = {1600.0}) {
    TempDir dir;
    const auto file = read_scenario_file(dir.write("s.toml", toml));
    return resolve_all(file, ResolveContext{sites.centres, sites.libraries, std::move(thresholds), year,
                                            std::move(measures), {"E01000001", "E01000002"}});
}

std::string resolve_error(const std::string& toml) {
    try {
        (void)resolve(toml, Sites());
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}

const std::string base = "[costs]\ncentre = 100\noutreach = 10\ncolocation_saving = 0.4\n[[scenario]]\nid = \"base\"\n";

TEST(Resolve, StartFromCloseKeepAndStatusColumns) {
    const Sites sites;
    const auto resolved = resolve(base + R"(
[[scenario]]
id = "cut"
start_from = "base"
close = ["b"]
[[scenario]]
id = "bases"
start_from = "base"
keep_where = { status = "base" }
[[scenario]]
id = "bases-plus-b"
start_from = "bases"
keep = ["b"]
)",
                                  sites);
    EXPECT_EQ(resolved.at("base").open, (std::vector<std::size_t>{0, 1, 2})) << "the twin of a is counted once";
    EXPECT_EQ(*resolved.at("base").cost, 300.0);
    EXPECT_EQ(resolved.at("cut").open, (std::vector<std::size_t>{0, 2}));
    EXPECT_EQ(resolved.at("cut").base_id, "base");
    EXPECT_EQ(resolved.at("bases").open, (std::vector<std::size_t>{0, 2}));
    EXPECT_EQ(resolved.at("bases-plus-b").open, (std::vector<std::size_t>{0, 1, 2}));
    EXPECT_EQ(resolved.at("bases-plus-b").base_id, "bases");
}

TEST(Resolve, CoLocationByPairsAndByRule) {
    const Sites sites;
    const auto resolved = resolve(base + R"(
[[scenario]]
id = "pairs"
start_from = "base"
colocate = [{ centre = "c", library = "L2" }]
[[scenario]]
id = "rule-stay"
start_from = "base"
colocate_rule = { within_m = 500 }
[[scenario]]
id = "rule-close"
start_from = "base"
colocate_rule = { within_m = 500, otherwise = "close" }
)",
                                  sites);
    const auto& pairs = resolved.at("pairs");
    EXPECT_EQ(pairs.moved.at(2), 1u);
    EXPECT_EQ(pairs.service_points.back().point.x, 5000.0) << "a moved centre serves from the library";
    EXPECT_DOUBLE_EQ(*pairs.cost, 100 + 100 + 60);
    const auto& stay = resolved.at("rule-stay");
    EXPECT_EQ(stay.moved.size(), 1u) << "only a has a library within 500 m";
    EXPECT_EQ(stay.moved.at(0), 0u);
    EXPECT_EQ(stay.open.size(), 3u);
    const auto& close = resolved.at("rule-close");
    EXPECT_EQ(close.open, std::vector<std::size_t>{0});
    EXPECT_EQ(close.centre_fate(1, sites.centres[1]), Fate::closed);
    EXPECT_EQ(close.centre_fate(0, sites.centres[0]), Fate::moved);
    EXPECT_EQ(close.library_fate(0), Fate::hosts_centre);
}

TEST(Resolve, OutreachTargetAndCosts) {
    const Sites sites;
    const auto resolved = resolve(base + R"(
[[scenario]]
id = "outreach"
start_from = "base"
keep_only = ["a"]
outreach = { sites = ["L2"], weight = 0.2 }
target = { idaci_deciles = [1] }
)",
                                  sites);
    const auto& r = resolved.at("outreach");
    EXPECT_EQ(r.outreach, std::vector<std::size_t>{1});
    EXPECT_DOUBLE_EQ(r.outreach_weight, 0.2);
    EXPECT_DOUBLE_EQ(*r.cost, 110.0);
    DemandPoint poor;
    poor.idaci_decile = 1;
    DemandPoint rich;
    rich.idaci_decile = 9;
    EXPECT_TRUE(r.eligible(poor));
    EXPECT_FALSE(r.eligible(rich));
    EXPECT_TRUE(resolved.at("base").eligible(rich));
}

TEST(Resolve, AnEmptyListOfSessionsEndsInheritedOnes) {
    const Sites sites;
    const auto resolved = resolve(base + R"(
[[scenario]]
id = "sessions"
start_from = "base"
outreach = { sites = ["L1", "L2"] }
[[scenario]]
id = "none"
start_from = "sessions"
outreach = { sites = [] }
)",
                                  sites);
    EXPECT_EQ(resolved.at("sessions").outreach.size(), 2u);
    EXPECT_TRUE(resolved.at("none").outreach.empty());
    EXPECT_DOUBLE_EQ(*resolved.at("none").cost, 300.0) << "no sessions to pay for";
    EXPECT_NE(resolve_error(base + "[[scenario]]\nid = \"x\"\noutreach = { weight = 0.5 }\n")
                  .find("'outreach' needs 'sites' (an empty list for none) or all_libraries = true"),
              std::string::npos);
}

TEST(Resolve, UnknownIdsAndNonLibrariesAreNamed) {
    EXPECT_NE(resolve_error(base + "[[scenario]]\nid = \"x\"\nclose = [\"zzz\"]\n").find("line 9: unknown centre id 'zzz' in 'close'"),
              std::string::npos)
        << resolve_error(base + "[[scenario]]\nid = \"x\"\nclose = [\"zzz\"]\n");
    const std::string to_centre = base + "[[scenario]]\nid = \"x\"\ncolocate = [{ centre = \"a\", library = \"b\" }]\n";
    EXPECT_NE(resolve_error(to_centre).find("'b' in 'colocate' is a children's centre, not a library"),
              std::string::npos)
        << resolve_error(to_centre);
    const std::string where = base + "[[scenario]]\nid = \"x\"\nkeep_where = { stauts = \"base\" }\n";
    EXPECT_NE(resolve_error(where).find("the centres have no column 'stauts'"), std::string::npos);
    const std::string twin = base + "[[scenario]]\nid = \"x\"\nkeep = [\"a2\"]\n";
    EXPECT_NE(resolve_error(twin).find("same site as 'a'"), std::string::npos);
}

TEST(Resolve, MistakesThatWouldChangeTheAnswerSilentlyAreErrors) {
    // A keep_where value no centre has closed every centre.
    const auto typo = resolve_error(base + "[[scenario]]\nid = \"x\"\nkeep_where = { status = \"bsae\" }\n");
    EXPECT_NE(typo.find("line 9: keep_where: no centre has status = 'bsae'; its values are 'base', 'close'"),
              std::string::npos)
        << typo;
    // An unknown id in [costs.sites] was ignored.
    const auto cost = resolve_error(base + "[[scenario]]\nid = \"x\"\ncosts = { sites = { zzz = 5 } }\n");
    EXPECT_NE(cost.find("costs.sites: 'zzz' is not a centre or library id"), std::string::npos) << cost;
    // An unknown area in a target was ignored.
    const auto area = resolve_error(base + "[[scenario]]\nid = \"x\"\ntarget = { lsoas = [\"E01000001\", \"E0100000X\"] }\n");
    EXPECT_NE(area.find("line 9: target: 'E0100000X' is not an area (LSOA) of the study"), std::string::npos) << area;
    // The same centre in two co-location pairs: the last used to win.
    const auto twice = resolve_error(base + "[[scenario]]\nid = \"x\"\ncolocate = [{ centre = \"a\", library = \"L1\" }, "
                                            "{ centre = \"a\", library = \"L2\" }]\n");
    EXPECT_NE(twice.find("centre 'a' is in two co-location pairs"), std::string::npos) << twice;
    // NaN is no budget (it was written as -9223372036854775808).
    EXPECT_NE(error_of(base + "[[scenario]]\nid = \"x\"\nbudget = nan\n").find("line 9"), std::string::npos);
    EXPECT_NE(error_of(base + "[[scenario]]\nid = \"x\"\nkeep_by_budget = { budget = inf }\n").find("line 9"),
              std::string::npos);
}

// Families: 50 under-5s beside a, 10 beside b, 30 beside c.
const std::vector<Family> line_families{{0.0, 50}, {1000.0, 10}, {2000.0, 30}};

TEST(Resolve, AScenarioStartingFromABudgetStartsFromWhatTheBudgetKept) {
    // Defect: the child used to start from the centres before its parent's budget rule.
    const Sites sites;
    const auto resolved = resolve(base + R"(
[[scenario]]
id = "budget"
start_from = "base"
keep_by_budget = { budget = 200 }
[[scenario]]
id = "same"
start_from = "budget"
description = "changes nothing"
)",
                                  sites, measures_for(line_families));
    const std::vector<std::size_t> kept{0, 2};  // a (50) and c (30) before b (10)
    EXPECT_EQ(resolved.at("budget").open, kept);
    EXPECT_EQ(resolved.at("same").open, kept);
    EXPECT_DOUBLE_EQ(*resolved.at("same").cost, 200.0);
}

TEST(Resolve, TheBudgetRulePaysForOutreachAtItsOwnCostsAndKeepsUnplacedCentres) {
    Sites sites;
    sites.centres[1].location = {};  // b cannot be placed: the rule cannot judge it, so it is kept and paid first
    const auto resolved = resolve(base + R"(
[[scenario]]
id = "budget"
start_from = "base"
outreach = { sites = ["L1", "L2"] }
costs = { sites = { L2 = 50 } }
keep_by_budget = { budget = 260 }
)",
                                  sites, measures_for(line_families));
    // Outreach: L1 at 10 (the default) and L2 at its own 50; b 100; then 100 left: a, which serves most.
    // With 159 nothing is left for a placed centre: an error, not a silent empty answer.
    EXPECT_THROW(
        resolve(base + "[[scenario]]\nid = \"b2\"\nstart_from = \"base\"\noutreach = { sites = [\"L1\", \"L2\"] }\n"
                       "costs = { sites = { L2 = 50 } }\nkeep_by_budget = { budget = 159 }\n",
                sites, measures_for(line_families)),
        InputError);
    const auto& r = resolved.at("budget");
    EXPECT_EQ(r.open, (std::vector<std::size_t>{0, 1})) << "b (unplaced) kept, then a, the one serving most";
    EXPECT_DOUBLE_EQ(*r.cost, 10 + 50 + 100 + 100);
    EXPECT_FALSE(r.rule_notes.empty()) << "the rule says what it did with the unplaced centre";
}

TEST(Resolve, CoLocationDistanceIsMeasuredAsTheStudyMeasures) {
    const Sites sites;
    const std::string file = base + "[[scenario]]\nid = \"move\"\nstart_from = \"base\"\ncolocate_rule = { within_m = 500 }\n";
    // a is 300 m from L1 in a straight line: moved when distances are straight lines...
    EXPECT_EQ(resolve(file, sites, measures_for({}, 1.0)).at("move").moved.size(), 1u);
    // ... but not when the study's distances are 1.8 times longer (540 m).
    EXPECT_TRUE(resolve(file, sites, measures_for({}, 1.8)).at("move").moved.empty());
    // The rule was stated only in code: the scenario's notes now say how it measures.
    const auto notes = resolve(file, sites, measures_for({}, 1.8)).at("move").rule_notes;
    ASSERT_EQ(notes.size(), 1u);
    EXPECT_NE(notes[0].find("within 0.5 km, measured as this run measures every distance"), std::string::npos)
        << notes[0];
}

TEST(Resolve, LibrariesCountWhenOpenInTheScenariosYear) {
    Sites sites;
    sites.libraries[0].attributes = {{"year_opened", ""}, {"year_closed", "2019"}};
    sites.libraries[1].attributes = {{"year_opened", "2019"}, {"year_closed", ""}};
    const auto resolved = resolve(base + R"(
[[scenario]]
id = "then"
start_from = "base"
outreach = { all_libraries = true }
[[scenario]]
id = "later"
start_from = "then"
year = 2019
outreach = { all_libraries = true }
)",
                                  sites, measures_for({}), 2018);
    EXPECT_EQ(resolved.at("then").outreach, std::vector<std::size_t>{0}) << "in 2018: L1 (closed 2019) only";
    EXPECT_EQ(resolved.at("later").outreach, std::vector<std::size_t>{1}) << "in 2019: L2 (opened 2019) only";
    EXPECT_EQ(resolved.at("later").year, 2019);
}

TEST(Resolve, ThresholdsAreSortedOnceAndOutreachThresholdsPairWithThem) {
    const Sites sites;
    const auto resolved = resolve(base + R"(
[[scenario]]
id = "own"
start_from = "base"
thresholds_m = [3200, 1600]
outreach = { sites = ["L1"], thresholds_m = [800, 400] }
[[scenario]]
id = "one"
start_from = "base"
outreach = { sites = ["L1"], thresholds_m = [500] }
)",
                                  sites, measures_for({}), 2018, {5000.0, 1000.0});
    EXPECT_EQ(resolved.at("base").thresholds_m, (std::vector<double>{1000.0, 5000.0}));
    EXPECT_EQ(resolved.at("own").thresholds_m, (std::vector<double>{1600.0, 3200.0}));
    EXPECT_EQ(resolved.at("own").outreach_thresholds_m, (std::vector<double>{400.0, 800.0})) << "paired, then sorted";
    EXPECT_EQ(resolved.at("one").outreach_thresholds_m, (std::vector<double>{500.0, 500.0}));
    const std::string mismatch = base + "[[scenario]]\nid = \"x\"\nthresholds_m = [1600, 3200, 5000]\n"
                                        "outreach = { sites = [\"L1\"], thresholds_m = [800, 400] }\n";
    EXPECT_NE(resolve_error(mismatch).find("outreach.thresholds_m has 2 values"), std::string::npos)
        << resolve_error(mismatch);
}

}  // namespace scenario_file_test
}  // namespace centrecov::scenario

namespace centrecov::scenario {
namespace scenario_file_test {

// An optimiser's file added to the council's options: its "every centre open" root is
// dropped, its answers start from the first file's start and keep their own prices.
TEST(AddScenarios, AnOptimisersAnswersStartFromTheFirstFilesStartAtTheirOwnPrices) {
    TempDir dir;
    ScenarioFile options = read_scenario_file(dir.write("options.toml", base + R"(
[[scenario]]
id = "cut"
start_from = "base"
close = ["b"]
)"));
    const auto optimised = dir.write("optimised.toml", R"(
[costs]
centre = 100
library_base = 30
[study]
study = "norfolk"
[[scenario]]
id = "baseline"
name = "Every centre open"
[[scenario]]
id = "best-1-with-a-library"
start_from = "baseline"
keep_only = ["c"]
library_bases = ["L1"]
)");
    add_scenarios(options, read_scenario_file(optimised), "base");
    ASSERT_EQ(options.scenarios.size(), 3u);
    const Scenario& added = options.scenarios.back();
    EXPECT_EQ(added.id, "best-1-with-a-library");
    EXPECT_EQ(added.start_from, "base");
    EXPECT_EQ(added.at.file, optimised.string());
    const Sites sites;
    const auto resolved = resolve_all(options, ResolveContext{sites.centres, sites.libraries, {1600.0}, 2018,
                                                              measures_for({}), {}});
    const auto& best = resolved.at("best-1-with-a-library");
    EXPECT_EQ(best.base_id, "base");
    EXPECT_EQ(best.open, (std::vector<std::size_t>{2}));
    EXPECT_EQ(*best.cost, 100.0 + 30.0) << "its file's library base price, the first file's centre price";
    EXPECT_EQ(*resolved.at("cut").cost, 200.0) << "the first file's scenarios keep their prices";

    // The same answer in a second optimiser's file is run once; another answer by the same id is refused.
    add_scenarios(options, read_scenario_file(optimised), "base");
    EXPECT_EQ(options.scenarios.size(), 3u);
    const auto different = dir.write("different.toml", R"(
[costs]
centre = 100
library_base = 30
[[scenario]]
id = "best-1-with-a-library"
keep_only = ["a"]
)");
    try {
        add_scenarios(options, read_scenario_file(different), "base");
        FAIL() << "a clash must be refused";
    } catch (const InputError& e) {
        EXPECT_EQ(e.file(), different.string());
        EXPECT_NE(std::string(e.what()).find("line 5"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("optimised.toml (line"), std::string::npos) << e.what();
    }
}

TEST(AddScenarios, AnAddedFileMayNotBringSettingsOfItsOwn) {
    TempDir dir;
    ScenarioFile options = read_scenario_file(dir.write("options.toml", base));
    const auto other = dir.write("other.toml", "[study]\nthresholds_m = [500]\n[[scenario]]\nid = \"x\"\nclose = [\"a\"]\n");
    EXPECT_THROW(add_scenarios(options, read_scenario_file(other), "base"), InputError);
    const auto wrong_start = dir.write("fine.toml", "[[scenario]]\nid = \"x\"\nclose = [\"a\"]\n");
    EXPECT_THROW(add_scenarios(options, read_scenario_file(wrong_start), "nowhere"), InputError);
    add_scenarios(options, read_scenario_file(wrong_start), "base");
    EXPECT_EQ(options.scenarios.back().start_from, "base") << "a root that changes something starts from the start";
}

}  // namespace scenario_file_test
}  // namespace centrecov::scenario
