// The shipped Norfolk scenarios on the real data: invariants that must hold
// whatever the numbers.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <tbb/global_control.h>
#include <set>

#include "analysis/scenario_run.hpp"
#include "report/catchment_output.hpp"
#include "report/html_report.hpp"
#include "report/styles.hpp"
#include "report/scenario_output.hpp"
#include "support/intervals.hpp"
#include "support/studies.hpp"
#include "support/study_facts.hpp"
#include "support/temp_dir.hpp"

namespace centrecov {
namespace norfolk_scenarios_test {

const std::filesystem::path scenario_path = std::filesystem::path(CENTRECOV_SOURCE_DIR) / "geodata/scenarios/norfolk.toml";

struct Norfolk {
    analysis::StudyInputs inputs{test::norfolk_manifest()};
    analysis::Study study = analysis::load_study(inputs);
    scenario::ScenarioFile file = scenario::read_scenario_file(scenario_path);
    analysis::Settings settings = analysis::resolve_settings({}, analysis::file_layer(file.study), inputs.study, "unused");
    analysis::ScenarioRun run = analysis::run_scenarios(study, file, settings);

    const analysis::ScenarioResult& result(const std::string& id) const {
        for (const auto& r : run.results) {
            if (r.resolved.scenario->id == id) {
                return r;
            }
        }
        throw std::runtime_error("no scenario " + id);
    }
};

const Norfolk& norfolk() {
    static const Norfolk instance;
    return instance;
}

const test::StudyFacts& expected() {
    static const test::StudyFacts facts = test::facts_of(test::norfolk_manifest());
    return facts;
}

TEST(NorfolkScenarios, TheBaselineComparedWithItselfChangesNothing) {
    const auto& base = norfolk().result("baseline-2017-18");
    EXPECT_EQ(base.resolved.open.size(), expected().distinct_centres());
    for (const auto& change : base.changes) {
        EXPECT_EQ(change.lost, 0);
        EXPECT_EQ(change.gained, 0);
    }
    EXPECT_TRUE(base.closed.empty());
    // Summed over postcodes' shares: equal to the population file's count up to rounding.
    EXPECT_NEAR(base.coverage.total.under5, static_cast<double>(expected().under5), 1e-6);
}

TEST(NorfolkScenarios, ClosingCentresNeverIncreasesCoverage) {
    const auto& base = norfolk().result("baseline-2017-18");
    for (const char* id : {"proposal-sept-2018", "decision-jan-2019", "budget-council-5m", "budget-libdem-5-75m",
                           "budget-labour-7m"}) {
        const auto& cut = norfolk().result(id);
        for (std::size_t t = 0; t < cut.coverage.total.covered.size(); ++t) {
            EXPECT_LE(cut.coverage.total.covered[t], base.coverage.total.covered[t] + 1e-6) << id;
            EXPECT_EQ(cut.changes[t].gained, 0) << id;
            // Sums of postcodes' shares in different orders: equal up to rounding.
            EXPECT_NEAR(cut.coverage.total.covered[t], base.coverage.total.covered[t] - cut.changes[t].lost, 1e-6)
                << id;
        }
        for (std::size_t f = 0; f < cut.nearest.size(); ++f) {
            EXPECT_GE(cut.nearest[f].metres, base.nearest[f].metres - 1e-9) << id;
        }
    }
}

TEST(NorfolkScenarios, TheRecordedDecisionsKeepTheirNamedBases) {
    EXPECT_EQ(norfolk().result("proposal-sept-2018").resolved.open.size(),
              expected().centres_where("status_2018_proposal", "base"));
    EXPECT_EQ(norfolk().result("decision-jan-2019").resolved.open.size(),
              expected().centres_where("status_2019_decision", "base"));
    EXPECT_FALSE(norfolk().result("decision-jan-2019").resolved.outreach.empty());
    EXPECT_FALSE(norfolk().result("decision-jan-2019").resolved.notes.empty()) << "the 5 unidentified bases are said";
}

TEST(NorfolkScenarios, BudgetsAreRespectedAndBuyMoreWithMore) {
    double previous_cost = 0.0;
    double previous_covered = 0.0;
    for (const char* id : {"budget-council-5m", "budget-libdem-5-75m", "budget-labour-7m"}) {
        const auto& r = norfolk().result(id);
        ASSERT_TRUE(r.resolved.cost && r.resolved.budget) << id;
        EXPECT_LE(*r.resolved.cost, *r.resolved.budget) << id;
        EXPECT_GT(*r.resolved.cost, previous_cost) << id;
        EXPECT_GE(r.coverage.total.covered[0], previous_covered) << id;
        previous_cost = *r.resolved.cost;
        previous_covered = r.coverage.total.covered[0];
    }
}

TEST(NorfolkScenarios, EligibleFamiliesAreASubsetAndCountsAddUp) {
    const auto& targeted = norfolk().result("targeted-idaci-30");
    EXPECT_LT(targeted.eligible_under5, targeted.coverage.total.under5);
    EXPECT_GT(targeted.eligible_under5, 0);
    for (std::size_t t = 0; t < targeted.coverage.total.covered.size(); ++t) {
        EXPECT_LE(targeted.eligible_coverage.total.covered[t], targeted.coverage.total.covered[t]);
    }
    for (std::size_t f = 0; f < targeted.eligible.size(); ++f) {
        const int decile = norfolk().study.families.points[f].idaci_decile;
        EXPECT_EQ(targeted.eligible[f], decile >= 1 && decile <= 3);
    }
    const auto& cut = norfolk().result("proposal-sept-2018");
    for (const auto& change : cut.changes) {
        for (const auto& breakdown : change.lost_by) {
            double sum = 0.0;
            for (const auto& group : breakdown.groups) {
                sum += group.covered[0];
            }
            EXPECT_NEAR(sum, change.lost, 1e-6 * (1.0 + change.lost)) << breakdown.name;
        }
    }
}

TEST(NorfolkScenarios, OutputsAreCompleteAndByteIdentical) {
    test::TempDir first;
    test::TempDir second;
    const auto& n = norfolk();
    report::write_scenario_run(first.path(), n.study, n.inputs, n.file, n.settings, n.run);
    // Again on one thread: the uncertainty draws and every output must not depend on the thread count.
    const analysis::ScenarioRun again = [&] {
        const tbb::global_control one(tbb::global_control::max_allowed_parallelism, 1);
        return analysis::run_scenarios(n.study, n.file, n.settings);
    }();
    report::write_scenario_run(second.path(), n.study, n.inputs, n.file, n.settings, again);
    std::size_t files = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(first.path())) {
        if (!entry.is_regular_file()) {
            continue;
        }
        ++files;
        const auto relative = std::filesystem::relative(entry.path(), first.path());
        EXPECT_EQ(test::read_file(entry.path()), test::read_file(second.path() / relative)) << relative;
    }
    // comparison csv/json/md, run.json, centrecov.gpkg, report.html; per scenario lsoa, sites, reach and
    // bands as GeoJSON and CSV, and summary.json.
    EXPECT_EQ(files, 6u + 8u * 9u);
    const auto meta = nlohmann::json::parse(test::read_file(first.path() / "run.json"));
    EXPECT_EQ(meta["scenarios"].size(), 8u);
    EXPECT_EQ(meta["inputs"]["norfolk_childrens_centres_2017.csv"].get<std::string>().substr(0, 8), "fnv1a64:");
}

// Every range is its draws' central 90 %, widened only to reach its best-evidence value, and
// the run names exactly the figures it widened; ranges stay within what the counts allow; the
// figures of sites placed by postcode alone are not all there is (Norfolk places centres by
// town: the headline has width).
TEST(NorfolkScenarios, EveryRangeIsItsDrawsWidenedOnlyWhereNamed) {
    const auto& n = norfolk();
    ASSERT_TRUE(n.run.uncertainty.has_value());
    const auto& u = *n.run.uncertainty;
    EXPECT_EQ(u.draws, analysis::Settings::default_draws);
    const std::size_t widened = test::expect_ranges_widened_exactly_where_named(n.run);
    // The baseline's own figures come from the draws of its own sites: its best-evidence
    // shares lie within them.
    for (const auto& name : u.widened) {
        EXPECT_NE(name.rfind(n.run.results.front().resolved.scenario->id + ": share", 0), 0u) << name;
    }
    std::size_t figures = 0;
    for (const auto& result : n.run.results) {
        ASSERT_TRUE(result.intervals.has_value()) << result.resolved.scenario->id;
        const auto& i = *result.intervals;
        const auto& total = result.coverage.total;
        figures += 3 * result.resolved.thresholds_m.size();
        for (std::size_t t = 0; t < result.resolved.thresholds_m.size(); ++t) {
            EXPECT_GE(i.share_within[t].low, 0.0);
            EXPECT_LE(i.share_within[t].high, 1.0);
            EXPECT_GE(i.lost[t].low, 0.0);
            EXPECT_LE(i.lost[t].high, static_cast<double>(total.under5));
            // Groups have ranges in the first scenario only (run's tables print them).
            const bool first = &result == &n.run.results.front();
            EXPECT_EQ(i.group_share_within.empty(), !first);
            for (std::size_t b = 0; first && b < result.coverage.breakdowns.size(); ++b) {
                const auto& groups = result.coverage.breakdowns[b].groups;
                ASSERT_EQ(i.group_share_within[b].size(), groups.size());
                for (std::size_t g = 0; g < groups.size(); ++g) {
                    EXPECT_LE(i.group_share_within[b][g][t].low, groups[g].share_covered(t));
                    EXPECT_GE(i.group_share_within[b][g][t].high, groups[g].share_covered(t));
                    // (A group's covered under-5s and its total are sums in different orders:
                    // a whole group covered comes to 1 within rounding.)
                    EXPECT_GE(i.group_share_within[b][g][t].low, 0.0);
                    EXPECT_LE(i.group_share_within[b][g][t].high, 1.0 + 1e-12);
                }
            }
        }
    }
    // Widening is the exception: a range that misses its own figure most of the time says the
    // draws do not describe the figure.
    EXPECT_LT(widened * 4, figures) << widened << " of " << figures << " figures widened";
    // Centres placed by town are drawn among their postcodes, so the headline has a range, and
    // every site placed that way serves in the baseline.
    std::size_t coarse = 0;
    for (const auto& centre : n.study.centres) {
        const auto p = centre.location.precision;
        coarse += centre.duplicate_of.empty() && (p == Precision::street || p == Precision::locality ||
                                                  p == Precision::ward) ? 1U : 0U;
    }
    EXPECT_LE(u.sites_drawn, u.sites_serving);
    // The data places some centres only to a street, town or ward (when it no longer does, this
    // test needs a drawn site of its own to keep its subject).
    ASSERT_GT(coarse, 0u);
    EXPECT_GT(n.run.results.front().intervals->share_within.front().width(), 0.0);
    ASSERT_FALSE(u.confirm_first.empty());
    for (const auto& c : u.confirm_first) {
        EXPECT_LT(c.width_fixed, c.width_now);
        const Site& site = *n.study.all_sites()[c.site];
        EXPECT_NE(site.location.precision, Precision::postcode) << site.id;
    }
    // Each unplaced centre is bounded, from no change upwards.
    std::size_t unplaced = 0;
    for (const auto& centre : n.study.centres) {
        unplaced += centre.duplicate_of.empty() && !centre.location.resolved() ? 1U : 0U;
    }
    EXPECT_EQ(u.unplaced.size(), unplaced);
    for (const auto& bound : u.unplaced) {
        for (std::size_t t = 0; t < bound.share_within.size(); ++t) {
            EXPECT_GE(bound.share_within[t].low, n.run.results.front().coverage.total.share_covered(t) - 1e-12);
            EXPECT_LE(bound.share_within[t].low, bound.share_within[t].high);
        }
    }
}

TEST(NorfolkScenarios, ReachAreasCoverEachFamilyAreaOnceAndBandsNest) {
    const auto& n = norfolk();
    const auto catchments = report::compute_catchments(n.study, n.run, n.settings);
    ASSERT_EQ(catchments.scenarios.size(), n.run.results.size());
    const double land = geom::area(catchments.land.get());
    for (std::size_t s = 0; s < n.run.results.size(); ++s) {
        const auto& result = n.run.results[s];
        const auto& scenario = catchments.scenarios[s];
        const std::string what = result.resolved.scenario->id;
        // Every family area with a site lies in exactly one reach area: counts and areas add up.
        double under5 = 0.0;
        std::size_t lsoas = 0;
        double area = 0.0;
        std::vector<const GEOSGeometry*> parts;
        for (const auto& reach : scenario.reach) {
            under5 += reach.under5;
            lsoas += reach.lsoas;
            area += geom::area(reach.area.get());
            parts.push_back(reach.area.get());
            EXPECT_TRUE(geom::is_valid(reach.area.get())) << what;
        }
        // An area belongs to a reach area when some of its families reach a site (from its centroid,
        // or from any of its postcodes).
        double reached = 0.0;
        std::size_t reached_areas = 0;
        const auto& families = n.study.families;
        for (std::size_t a = 0; a < families.areas.size(); ++a) {
            bool any = false;
            for (std::size_t f = families.first_point[a]; f < families.first_point[a + 1]; ++f) {
                any = any || result.nearest[f].found();
            }
            if (any) {
                reached += families.areas[a].under5;
                ++reached_areas;
            }
        }
        EXPECT_EQ(under5, reached) << what << ": the reach areas hold every reached area's under-5s once";
        EXPECT_EQ(lsoas, reached_areas) << what;
        EXPECT_NEAR(area, land, 1e-6 * land) << what << ": together the reach areas are the county, without overlap";
        EXPECT_NEAR(geom::area(geom::dissolve(parts).get()), land, 1e-6 * land) << what;
        // Bands nest and stay on land.
        std::map<std::size_t, std::vector<const catchment::Band*>> by_site;
        for (const auto& band : scenario.bands) {
            by_site[band.site].push_back(&band);
        }
        EXPECT_EQ(by_site.size(), result.resolved.service_points.size()) << what;
        for (const auto& [site, bands] : by_site) {
            ASSERT_EQ(bands.size(), result.resolved.thresholds_m.size());
            for (std::size_t t = 0; t + 1 < bands.size(); ++t) {
                EXPECT_LT(bands[t]->threshold_m, bands[t + 1]->threshold_m);
                EXPECT_TRUE(geom::contains_within(bands[t + 1]->area.get(), bands[t]->area.get(), 1.0))
                    << what << " site " << site;
            }
            EXPECT_TRUE(geom::contains_within(catchments.land.get(), bands.back()->area.get(), 10.0)) << what;
        }
    }
    EXPECT_NE(catchments.band_method.find("estimate"), std::string::npos) << "the estimate is labelled as such";
}

TEST(NorfolkScenarios, EverySiteFateHasAStyleCategory) {
    // Regression: unplaced centres were written as "open, not placed" while the QGIS style had "not_placed".
    std::set<std::string> styled;
    for (const auto& category : report::fate_categories()) {
        styled.insert(category.value);
    }
    const auto& n = norfolk();
    std::size_t not_placed = 0;
    for (const auto& result : n.run.results) {
        for (const Site* site : n.study.all_sites()) {
            const auto fate = report::site_fate(result, n.study, *site);
            EXPECT_TRUE(styled.count(std::string(scenario::to_string(fate.fate))))
                << site->id << ": " << scenario::to_string(fate.fate);
            not_placed += fate.fate == scenario::Fate::not_placed ? 1u : 0u;
        }
    }
    const bool some_unplaced = std::any_of(n.study.centres.begin(), n.study.centres.end(), [](const Site& c) {
        return c.duplicate_of.empty() && !c.location.resolved();
    });
    EXPECT_EQ(not_placed > 0, some_unplaced) << "a centre that cannot be placed is said so";
}

TEST(NorfolkScenarios, TheReportMapsEachScenarioWithBandsAtItsOwnThresholds) {
    // Regression: bands were shared between scenarios by the site's position alone, so a scenario
    // with other thresholds showed another's bands. These two keep the same centres, unsorted thresholds.
    const auto& n = norfolk();
    test::TempDir dir;
    const auto file = scenario::read_scenario_file(dir.write("two.toml", R"(
[[scenario]]
id = "near"
thresholds_m = [1600]
[[scenario]]
id = "far"
start_from = "near"
thresholds_m = [8000, 3200]
)"));
    const auto run = analysis::run_scenarios(n.study, file, n.settings);
    EXPECT_EQ(run.results[1].resolved.thresholds_m, (std::vector<double>{3200.0, 8000.0})) << "sorted once";
    const auto catchments = report::compute_catchments(n.study, run, n.settings);
    const std::string html = report::html_report({n.study, n.inputs, file, run, catchments, nullptr});
    const std::string open_tag = "<script type=\"application/json\" id=\"report-data\">";
    const auto start = html.find(open_tag);
    ASSERT_NE(start, std::string::npos);
    const auto end = html.find("</script>", start);
    const auto data = nlohmann::json::parse(html.substr(start + open_tag.size(), end - start - open_tag.size()));
    ASSERT_EQ(data["scenarios"].size(), 2u);
    for (std::size_t s = 0; s < 2; ++s) {
        const auto& thresholds = run.results[s].resolved.thresholds_m;
        const auto& keys = data["scenarios"][s]["bands"];
        EXPECT_EQ(keys.size(), run.results[s].resolved.service_points.size());
        for (const auto& key : keys) {
            std::vector<double> drawn;
            for (const auto& band : data["bands"][key.get<std::string>()]) {
                drawn.push_back(band["threshold_m"].get<double>());
            }
            std::sort(drawn.begin(), drawn.end());
            EXPECT_EQ(drawn, thresholds) << "scenario " << s << " site " << key;
        }
    }
}

}  // namespace norfolk_scenarios_test
}  // namespace centrecov
