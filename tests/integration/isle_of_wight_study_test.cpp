// The Isle of Wight as a whole study, run from its manifest along its real
// Ordnance Survey roads: what the data files say, the near misses of the road
// file and their repair, and the scenario file. Expectations come from the files.

#include <gtest/gtest.h>

#include <cmath>

#include "analysis/baseline.hpp"
#include "analysis/scenario_run.hpp"
#include "analysis/study.hpp"
#include "network/load.hpp"
#include "network/near_miss.hpp"
#include "network/graph.hpp"
#include "report/baseline_output.hpp"
#include "report/sites_output.hpp"
#include "scenario/scenario.hpp"
#include "support/intervals.hpp"
#include "support/studies.hpp"
#include "support/study_facts.hpp"
#include "support/temp_dir.hpp"

namespace centrecov {
namespace isle_of_wight_study_test {

const io::StudyManifest& manifest() {
    static const io::StudyManifest m = test::isle_of_wight_manifest();
    return m;
}

const analysis::Study& island() {
    static const analysis::Study study = analysis::load_study(analysis::StudyInputs(manifest()));
    return study;
}

// The island measured from each area's centroid, not its postcodes.
const analysis::Study& island_from_centroids() {
    static const analysis::Study study = [] {
        analysis::StudyInputs inputs(manifest());
        inputs.families_at = families::FamiliesAt::centroids;
        return analysis::load_study(inputs);
    }();
    return study;
}

// The settings as the command line would resolve them (no cache: each test builds the network).
analysis::Settings resolved(const analysis::SettingsLayer& command_line, const scenario::StudySettings& file = {}) {
    auto settings = analysis::resolve_settings(command_line, analysis::file_layer(file), manifest(), "unused");
    if (settings.network) {
        settings.network->cache_directory.reset();
    }
    return settings;
}

analysis::Settings along_roads(bool join, const scenario::StudySettings& file = {}) {
    analysis::SettingsLayer command_line;
    command_line.join_near_misses = join;
    auto settings = resolved(command_line, file);
    EXPECT_TRUE(settings.network.has_value()) << "the island's manifest names its roads";
    return settings;
}

TEST(IsleOfWightStudy, TheManifestNamesEveryFileAndTheRoads) {
    EXPECT_EQ(manifest().area_code, "E06000046");
    EXPECT_TRUE(std::filesystem::exists(manifest().roads));
    EXPECT_TRUE(manifest().schools.empty()) << "the island has no school register; the study runs without it";
    const auto facts = test::facts_of(manifest());
    EXPECT_EQ(island().families.areas.size(), facts.areas);
    EXPECT_EQ(island().families.total_under5(), static_cast<double>(facts.under5));
    EXPECT_TRUE(island().families.report.problems.empty()) << island().families.report.problems.front();
    ASSERT_EQ(island().centres.size(), facts.centres.size());
    for (std::size_t i = 0; i < facts.centres.size(); ++i) {
        const auto& postcode = facts.centres[i].at("postcode");
        if (!postcode.empty() && facts.live_postcodes.count(test::postcode_key(postcode))) {
            EXPECT_EQ(island().centres[i].location.precision, Precision::postcode) << island().centres[i].id;
        } else {
            EXPECT_GT(island().centres[i].location.precision, Precision::postcode) << island().centres[i].id;
        }
    }
}

TEST(IsleOfWightStudy, NearMissesAreWhatTheRuleSaysAndJoiningThemOnlyShortens) {
    const auto network = network::load_road_network(manifest().roads, std::nullopt).network;
    const network::NearMissRule rule;
    const auto misses = network::find_near_misses(network, rule);
    for (const auto& miss : misses) {
        EXPECT_LE(miss.gap_m, rule.gap_m);
        EXPECT_GT(miss.around_m, miss.gap_m + rule.min_detour_m);
        EXPECT_NEAR(straight_line_m(miss.dead_end_at, miss.at), miss.gap_m, 1e-6);
    }
    const auto joined = network::join_near_misses(network, misses);
    EXPECT_TRUE(network::find_near_misses(joined, rule).empty()) << "every near miss is joined";
    EXPECT_EQ(joined.pieces.size(), network.pieces.size() + 2 * misses.size() -
                                         static_cast<std::size_t>(std::count_if(
                                             misses.begin(), misses.end(), [&](const network::NearMiss& m) {
                                                 return m.offset_m <= network::node_tolerance_m ||
                                                        m.offset_m >= network.pieces[m.piece].length_m -
                                                                          network::node_tolerance_m;
                                             })))
        << "one connector each, and one more piece where a road is split";

    // Adding roads never lengthens a family's way to its centre, and every result says it was repaired.
    const auto as_read = analysis::run_baseline(island(), along_roads(false));
    const auto repaired = analysis::run_baseline(island(), along_roads(true));
    ASSERT_EQ(as_read.nearest_centre().size(), repaired.nearest_centre().size());
    for (std::size_t a = 0; a < as_read.nearest_centre().size(); ++a) {
        EXPECT_LE(repaired.nearest_centre()[a].metres, as_read.nearest_centre()[a].metres + 1e-6)
            << island().families.points[a].lsoa_code;
    }
    ASSERT_TRUE(repaired.run.network && repaired.run.network->near_misses_joined == !misses.empty());
    ASSERT_TRUE(repaired.coverage_without_repair.has_value() == !misses.empty());
    if (repaired.coverage_without_repair) {
        EXPECT_EQ(repaired.coverage_without_repair->total.covered, as_read.coverage().total.covered);
    }
    EXPECT_FALSE(as_read.run.network->near_misses_joined);
}

TEST(IsleOfWightStudy, TheSummarySaysOnlyWhatTheDataSays) {
    // Regression: the summary compared IDACI decile 1 with the last group, whatever it was (the island
    // has no decile 10, so its decile 9, or an "unknown" group, was called the least deprived).
    const auto baseline = analysis::run_baseline(island(), along_roads(false));
    const std::string md = report::summary_markdown(island(), baseline);
    bool most = false;
    bool least = false;
    for (const auto& family : island().families.points) {
        most |= family.idaci_decile == 1;
        least |= family.idaci_decile == 10;
    }
    EXPECT_EQ(md.find("in the least deprived tenth") != std::string::npos, most && least);
    EXPECT_NE(md.find(report::centre_precision_sentence(island().centres)), std::string::npos);
    EXPECT_NE(md.find("IDACI " + island().deprivation_edition), std::string::npos);
    EXPECT_EQ(md.find("near misses") != std::string::npos, !baseline.run.network->near_misses.empty());
}

TEST(IsleOfWightStudy, RoadsAreNeverShorterThanStraightLines) {
    const auto roads = analysis::run_baseline(island(), along_roads(false));
    analysis::SettingsLayer straight;
    straight.mode = "straight_line";
    straight.estimate = true;
    const auto crow = analysis::run_baseline(island(), resolved(straight));
    for (std::size_t a = 0; a < roads.nearest_centre().size(); ++a) {
        if (roads.nearest_centre()[a].found()) {
            // The nearest centre by road is at least as far as the nearest in a straight line (less 1 m of snapping slack).
            EXPECT_GE(roads.nearest_centre()[a].metres + 1.0, crow.nearest_centre()[a].metres)
                << island().families.points[a].lsoa_code;
        }
    }
}

TEST(IsleOfWightStudy, TheScenarioFileRunsAlongTheRoads) {
    const auto file = scenario::read_scenario_file(std::filesystem::path(CENTRECOV_SOURCE_DIR) /
                                                   "geodata/scenarios/isle-of-wight.toml");
    ASSERT_TRUE(file.study.study);
    EXPECT_EQ(*file.study.study, manifest().name);
    const auto run = analysis::run_scenarios(island(), file, along_roads(false, file.study));
    EXPECT_EQ(run.distance_key, "network_walk");
    const analysis::ScenarioResult* today = nullptr;
    for (const auto& result : run.results) {
        if (result.resolved.scenario->id == "today") {
            today = &result;
        }
    }
    ASSERT_NE(today, nullptr);
    std::size_t closed_one = 0;
    for (const auto& result : run.results) {
        const auto& s = *result.resolved.scenario;
        if (s.close.size() == 1) {
            ++closed_one;
            // Closing a centre loses families and gains none.
            EXPECT_EQ(result.resolved.open.size(), today->resolved.open.size() - 1) << s.id;
            for (std::size_t t = 0; t < result.changes.size(); ++t) {
                EXPECT_EQ(result.changes[t].gained, 0) << s.id;
                EXPECT_NEAR(result.coverage.total.covered[t],
                            today->coverage.total.covered[t] - result.changes[t].lost, 1e-6)
                    << s.id;
            }
        }
        if (s.id == "libraries-only") {
            EXPECT_TRUE(result.resolved.open.empty());
            for (const std::size_t l : result.resolved.library_bases) {
                EXPECT_TRUE(scenario::open_in(island().libraries[l], result.resolved.year)) << island().libraries[l].id;
            }
        }
    }
    EXPECT_EQ(closed_one, island().centres.size()) << "each family centre closed in turn";
}

// Along the roads the uncertainty draws move only the sites placed less precisely than a
// postcode: with those closed, every range is its value; with them open, the headline has a
// range that holds the value, and the way roads wind is not drawn.
// From centroids along the roads, only a site placed by town moves in the draws: with those
// closed every range is its value. From postcodes where in its area each family lives is drawn
// too, so the same scenario keeps a range (around its value).
TEST(IsleOfWightStudy, AlongTheRoadsOnlySitesPlacedByTownGiveARange) {
    std::string close;
    std::size_t coarse = 0;
    for (const auto& centre : island().centres) {
        const auto p = centre.location.precision;
        if (centre.location.resolved() && p != Precision::coordinates && p != Precision::postcode &&
            p != Precision::host_postcode) {
            close += (close.empty() ? "\"" : ", \"") + centre.id + "\"";
            ++coarse;
        }
    }
    test::TempDir dir;
    const auto path = dir.write("s.toml", "[[scenario]]\nid = \"today\"\nname = \"today\"\n\n[[scenario]]\nid = "
                                          "\"exact\"\nname = \"only sites placed by postcode\"\nstart_from = "
                                          "\"today\"\nclose = [" + close + "]\n");
    const auto file = scenario::read_scenario_file(path);
    const auto run = analysis::run_scenarios(island_from_centroids(), file, along_roads(true));
    ASSERT_TRUE(run.uncertainty.has_value());
    EXPECT_FALSE(run.uncertainty->circuity_drawn);
    EXPECT_EQ(run.uncertainty->sites_drawn, coarse);
    const auto& exact = run.results[1];
    ASSERT_EQ(exact.resolved.scenario->id, "exact");
    for (std::size_t t = 0; t < exact.resolved.thresholds_m.size(); ++t) {
        EXPECT_EQ(exact.intervals->share_within[t].low, exact.coverage.total.share_covered(t));
        EXPECT_EQ(exact.intervals->share_within[t].high, exact.coverage.total.share_covered(t));
    }
    test::expect_ranges_widened_exactly_where_named(run);
    // The island places some centres only to a town (when the data no longer does, this test
    // needs a drawn site of its own to keep its subject).
    ASSERT_GT(coarse, 0u);
    EXPECT_GT(run.results[0].intervals->share_within.front().width(), 0.0);

    const auto from_postcodes = analysis::run_scenarios(island(), file, along_roads(true));
    const auto& spread = from_postcodes.results[1];
    double widest = 0.0;
    test::expect_ranges_widened_exactly_where_named(from_postcodes);
    for (std::size_t t = 0; t < spread.resolved.thresholds_m.size(); ++t) {
        widest = std::max(widest, spread.intervals->share_within_drawn[t].width());
    }
    EXPECT_GT(widest, 0.0) << "where each family lives within its area is drawn";
}

}  // namespace isle_of_wight_study_test
}  // namespace centrecov
