// The uncertainty draws (analysis/uncertainty) on drawn towns whose intervals can be
// worked out by hand.

#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "analysis/uncertainty.hpp"
#include "support/gurka.hpp"

namespace centrecov {
namespace uncertainty_test {

using test::gurka::Town;

const char* const today = "[[scenario]]\nid = \"today\"\nname = \"every centre open\"\n";

// One character = 100 m. The family area F; a hub whose best evidence puts it at q, known
// only to a locality whose box spans p to r, with a live postcode at each of p, q and r:
// 300 m, 700 m and 1.5 km from F.
//   F--p---q-------r
Town locality_town() {
    return Town("F--p---q-------r")
        .straight_lines()
        .thresholds({500.0, 1000.0})
        .postcode("D1 1AA", 'p')
        .postcode("D1 1AB", 'q')
        .postcode("D1 1AC", 'r')
        .centre("hub", 'q')
        .placed_within("hub", Precision::locality, 'p', 'r')
        .families("F", 'F', 100);
}

TEST(Uncertainty, ASiteKnownToALocalityStandsAtEachOfItsPostcodesInTurn) {
    const auto run = locality_town().scenarios(today);
    const auto& result = run["today"].result();
    ASSERT_TRUE(result.intervals.has_value());
    // Within 1 km: covered at p and q (two of three draws), not at r; the best evidence (q) covers.
    EXPECT_DOUBLE_EQ(result.coverage.total.share_covered(1), 1.0);
    EXPECT_DOUBLE_EQ(result.intervals->share_within[1].low, 0.0);
    EXPECT_DOUBLE_EQ(result.intervals->share_within[1].high, 1.0);
    // Within 500 m: covered at p only (a third of the draws); the best evidence does not.
    EXPECT_DOUBLE_EQ(result.coverage.total.share_covered(0), 0.0);
    EXPECT_DOUBLE_EQ(result.intervals->share_within[0].low, 0.0);
    EXPECT_DOUBLE_EQ(result.intervals->share_within[0].high, 1.0);
    ASSERT_TRUE(run.run().uncertainty.has_value());
    EXPECT_EQ(run.run().uncertainty->sites_drawn, 1U);
    EXPECT_EQ(run.run().uncertainty->sites_serving, 1U);
}

TEST(Uncertainty, AllThreePostcodesWithinTheThresholdLeaveNoDoubt) {
    // The box spans only p and q: every draw covers F within 1 km.
    const auto run = locality_town().placed_within("hub", Precision::locality, 'p', 'q').scenarios(today);
    const auto& interval = run["today"].result().intervals->share_within[1];
    EXPECT_DOUBLE_EQ(interval.low, 1.0);
    EXPECT_DOUBLE_EQ(interval.high, 1.0);
}

TEST(Uncertainty, ASiteKnownByItsPostcodeHasNoRangeAlongStraightLines) {
    auto town = locality_town();
    town.placed_by("hub", Precision::postcode, 100.0);
    const auto run = town.scenarios(today);
    const auto& intervals = *run["today"].result().intervals;
    for (std::size_t t = 0; t < 2; ++t) {
        EXPECT_EQ(intervals.share_within[t].low, intervals.share_within[t].high);
        EXPECT_DOUBLE_EQ(intervals.share_within[t].low, run["today"].result().coverage.total.share_covered(t));
    }
    EXPECT_EQ(run.run().uncertainty->sites_drawn, 0U);
}

// Along roads, with every site at its coordinates, the draws have nothing to vary: each
// interval is the value itself, losses and gains included.
TEST(Uncertainty, AlongRoadsWithEverySiteAtItsCoordinatesEachRangeIsTheValue) {
    const auto town = test::gurka::loop_town()
                          .centre("west", 'a')
                          .centre("east", 'c')
                          .families("B", 'b', 100)
                          .families("E", 'e', 40)
                          .families("F", 'f', 7)
                          .thresholds({500.0, 1000.0});
    const auto run = town.scenarios(std::string(today) + "[[scenario]]\nid = \"close-east\"\nname = \"x\"\n"
                                                         "start_from = \"today\"\nclose = [\"east\"]\n");
    for (const auto& result : run.run().results) {
        ASSERT_TRUE(result.intervals.has_value());
        for (std::size_t t = 0; t < 2; ++t) {
            const auto& i = *result.intervals;
            EXPECT_EQ(i.share_within[t].low, result.coverage.total.share_covered(t));
            EXPECT_EQ(i.share_within[t].high, result.coverage.total.share_covered(t));
            EXPECT_EQ(i.lost[t].low, static_cast<double>(result.changes[t].lost));
            EXPECT_EQ(i.lost[t].high, static_cast<double>(result.changes[t].lost));
            EXPECT_EQ(i.gained[t].low, static_cast<double>(result.changes[t].gained));
            EXPECT_EQ(i.gained[t].high, static_cast<double>(result.changes[t].gained));
        }
    }
    EXPECT_GT(run["close-east"].lost(1000.0), 0);  // the losses are real, so their range was measured
    EXPECT_TRUE(run.run().uncertainty->widened.empty());
}

// Nine family areas 400 m to 2 km (straight) from a centre, 200 m apart, so that the
// estimate's circuity (1.3 at the median) decides who is within 1 km.
Town spread_town() {
    auto town = Town("c---A-B-C-D-E-F-G-H-I", 100.0).estimate(1.3).thresholds({1000.0});
    town.centre("hub", 'c');
    for (const char letter : std::string("ABCDEFGHI")) {
        town.families(std::string(1, letter), letter, 10);
    }
    return town;
}

TEST(Uncertainty, TheRoadsWindingWidensTheRangeAroundAnExactlyPlacedSite) {
    const auto run = spread_town().scenarios(today);
    const auto& result = run["today"].result();
    const auto& range = result.intervals->share_within[0];
    const double value = result.coverage.total.share_covered(0);
    // Best evidence: straight x 1.3 <= 1 km covers A and B (400 and 600 m straight; C at 800 m is 1,040 m).
    EXPECT_DOUBLE_EQ(value, 2.0 / 9.0);
    EXPECT_LT(range.low, value);
    EXPECT_GT(range.high, value);
    EXPECT_TRUE(run.run().uncertainty->circuity_drawn);
}

TEST(Uncertainty, WorseEvidenceGivesAWiderRange) {
    auto exact = spread_town().postcode("D1 1AA", 'c').postcode("D1 1AB", 'E').postcode("D1 1AC", 'I');
    const auto by_postcode = exact.scenarios(today);
    exact.placed_within("hub", Precision::locality, 'c', 'I');
    const auto by_locality = exact.scenarios(today);
    const auto width = [](const test::gurka::Run& run) {
        return run["today"].result().intervals->share_within[0].width();
    };
    EXPECT_GT(width(by_locality), width(by_postcode));
}

TEST(Uncertainty, TheSameSeedGivesTheSameRangesWhateverTheThreadCount) {
    auto town = spread_town().postcode("D1 1AA", 'c').postcode("D1 1AB", 'E').postcode("D1 1AC", 'I');
    town.placed_within("hub", Precision::locality, 'c', 'I');
    const std::string file = std::string(today) + "[[scenario]]\nid = \"none\"\nname = \"x\"\nstart_from = "
                                                  "\"today\"\nclose = [\"hub\"]\n";
    auto ranges = [&](std::size_t threads) {
        const tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
        const auto run = town.scenarios(file);
        std::vector<double> out;
        for (const auto& result : run.run().results) {
            for (const auto* list : {&result.intervals->share_within, &result.intervals->lost}) {
                for (const auto& i : *list) {
                    out.push_back(i.low);
                    out.push_back(i.high);
                }
            }
        }
        return out;
    };
    const auto one = ranges(1);
    EXPECT_EQ(one, ranges(4));
    EXPECT_EQ(one, ranges(2));
}

TEST(Uncertainty, AnotherSeedDrawsAgain) {
    auto town = spread_town().draws(40, 7);
    const auto seven = town.scenarios(today);
    const auto again = town.scenarios(today);
    EXPECT_EQ(seven["today"].result().intervals->share_within[0].low,
              again["today"].result().intervals->share_within[0].low);
    EXPECT_EQ(seven.run().uncertainty->seed, 7U);
    EXPECT_EQ(seven.run().uncertainty->draws, 40U);
}

TEST(Uncertainty, NoDrawsNoRanges) {
    const auto run = locality_town().draws(0).scenarios(today);
    EXPECT_FALSE(run["today"].result().intervals.has_value());
    EXPECT_FALSE(run.run().uncertainty.has_value());
}

// Two hubs for two family areas: "wide" is known to a locality 1.4 km across, "tight" to a
// street whose postcodes all lie within the threshold of its families.
//   W-----w-------x    T-t-u
TEST(Uncertainty, TheAddressToConfirmFirstIsTheOneThatNarrowsTheRangeMost) {
    const auto run = Town("W--a--w-------x---T-t-u")
                         .straight_lines()
                         .thresholds({1000.0})
                         .postcode("D1 1AA", 'a')
                         .postcode("D1 1AB", 'w')
                         .postcode("D1 1AC", 'x')
                         .postcode("D1 2AA", 't')
                         .postcode("D1 2AB", 'u')
                         .centre("wide", 'w')
                         .centre("tight", 't')
                         .placed_within("wide", Precision::locality, 'a', 'x')
                         .placed_within("tight", Precision::street, 't', 'u')
                         .families("T", 'T', 50)
                         .families("W", 'W', 50)
                         .scenarios(today);
    const auto& u = *run.run().uncertainty;
    ASSERT_EQ(u.confirm_first.size(), 1U);  // confirming "tight" narrows nothing
    EXPECT_EQ(run.run().results.front().intervals->share_within[0].width(), 0.5);
    EXPECT_EQ(u.confirm_first.front().width_now, 0.5);
    EXPECT_EQ(u.confirm_first.front().width_fixed, 0.0);
    EXPECT_EQ(run.run().results.size(), 1U);
    EXPECT_EQ(u.sites_drawn, 2U);
    const auto sites = run.run().results.front().resolved.service_points.size();
    EXPECT_EQ(sites, 2U);
    EXPECT_EQ(locality_town().study().centres.size(), 1U);
    // By id: the first to confirm is "wide".
    EXPECT_EQ(u.confirm_first.front().site, 0U);
}

// An unplaced centre is bounded by its district's postcodes: placed at p it would bring F
// within 500 m; at r it would bring nobody.
TEST(Uncertainty, AnUnplacedCentreIsBoundedByItsDistrictsPostcodes) {
    const auto run = locality_town().unplaced_centre("lost").scenarios(today);
    const auto& u = *run.run().uncertainty;
    ASSERT_EQ(u.unplaced.size(), 1U);
    EXPECT_EQ(u.unplaced.front().site, 1U);  // after "hub"
    // Within 500 m: 0 with "lost" left out (hub at q is 700 m away); 0 at its worst, 1 at p.
    EXPECT_DOUBLE_EQ(u.unplaced.front().share_within[0].low, 0.0);
    EXPECT_DOUBLE_EQ(u.unplaced.front().share_within[0].high, 1.0);
    // Within 1 km F is covered already: placing it changes nothing.
    EXPECT_DOUBLE_EQ(u.unplaced.front().share_within[1].low, 1.0);
    EXPECT_DOUBLE_EQ(u.unplaced.front().share_within[1].high, 1.0);
    EXPECT_EQ(u.unplaced.front().placed_among, "3 postcodes of Drawn");
}

// What the report's planner is given to repeat the draws: every placed site's candidates (a
// library serving in no scenario too, since the planner may open it), the best evidence last.
TEST(Uncertainty, ThePageIsGivenEveryPlacedSitesCandidates) {
    auto town = locality_town().draws(20);
    town.library("lib", 'r');
    const auto run = town.scenarios(today);
    const auto& page = run.run().uncertainty->page;
    ASSERT_EQ(page.sites.size(), 2U);  // the hub, then the library (Study::all_sites order)
    const auto& hub = page.sites[0];
    ASSERT_EQ(hub.points.size(), 4U);  // p, q and r, then the best evidence (q)
    EXPECT_EQ(hub.drawn, 3U);
    EXPECT_EQ(hub.best, 3U);
    EXPECT_EQ(hub.points[hub.best].x, town.map().at('q').x);
    std::vector<double> drawn_at;
    for (std::size_t k = 0; k < hub.drawn; ++k) {
        drawn_at.push_back(hub.points[k].x);
    }
    std::sort(drawn_at.begin(), drawn_at.end());
    EXPECT_EQ(drawn_at, (std::vector<double>{town.map().at('p').x, town.map().at('q').x, town.map().at('r').x}));
    const auto& library = page.sites[1];
    ASSERT_EQ(library.points.size(), 1U);  // placed by coordinates: nothing to draw
    EXPECT_EQ(library.points[0].x, town.map().at('r').x);
    EXPECT_FALSE(page.along_roads);
    EXPECT_FALSE(page.circuity_drawn);  // straight lines as they are
    EXPECT_DOUBLE_EQ(page.reach_m, 1000.0);
    EXPECT_TRUE(hub.reach.empty()) << "without roads the page measures straight lines itself";
}

test::gurka::Town loop_with_a_library() {
    return test::gurka::loop_town_with_a_library().thresholds({500.0, 1000.0}).draws(20);
}

// Along roads the page is given each candidate's distances: the same as the planner's own.
TEST(Uncertainty, AlongRoadsThePageIsGivenEachCandidatesDistances) {
    auto town = loop_with_a_library();
    const auto run = town.scenarios(today);
    const auto& page = run.run().uncertainty->page;
    ASSERT_TRUE(page.along_roads);
    ASSERT_EQ(page.sites.size(), 3U);
    const auto& distances = run.run().site_distances;
    std::size_t compared = 0;
    for (std::size_t s = 0; s < page.sites.size(); ++s) {
        ASSERT_EQ(page.sites[s].reach.size(), 1U) << "site " << s;
        std::map<std::uint32_t, double> reach(page.sites[s].reach[0].begin(), page.sites[s].reach[0].end());
        for (std::size_t f = 0; f < distances.near.size(); ++f) {
            for (const auto& [site, metres] : distances.near[f]) {
                if (site == s && metres <= page.reach_m) {
                    ASSERT_EQ(reach.count(static_cast<std::uint32_t>(f)), 1U) << "site " << s << " family " << f;
                    EXPECT_DOUBLE_EQ(reach[static_cast<std::uint32_t>(f)], metres);
                    reach.erase(static_cast<std::uint32_t>(f));
                    ++compared;
                }
            }
        }
        EXPECT_TRUE(reach.empty()) << "site " << s << " has families the planner does not";
    }
    EXPECT_GT(compared, 3U);
}

// A run that writes no report leaves out, along roads, the candidates of sites that serve in
// no scenario (one search each); every figure and range is the same without them.
TEST(Uncertainty, WithoutAReportSitesThatServeNowhereAreNotMeasured) {
    const auto with_report = loop_with_a_library().scenarios(today);
    const auto without = loop_with_a_library().without_report().scenarios(today);
    const auto& page = without.run().uncertainty->page;
    ASSERT_EQ(page.sites.size(), 3U);
    EXPECT_TRUE(page.sites[2].points.empty()) << "the library serves in no scenario";
    EXPECT_FALSE(with_report.run().uncertainty->page.sites[2].points.empty());
    EXPECT_FALSE(page.sites[0].points.empty()) << "a centre that serves is still drawn";
    const auto& a = *with_report.run().results.front().intervals;
    const auto& b = *without.run().results.front().intervals;
    ASSERT_EQ(a.share_within.size(), b.share_within.size());
    for (std::size_t t = 0; t < a.share_within.size(); ++t) {
        EXPECT_EQ(a.share_within[t].low, b.share_within[t].low);
        EXPECT_EQ(a.share_within[t].high, b.share_within[t].high);
        EXPECT_EQ(a.lost[t].low, b.lost[t].low);
        EXPECT_EQ(a.gained[t].high, b.gained[t].high);
    }
    EXPECT_EQ(with_report.run().uncertainty->sites_serving, without.run().uncertainty->sites_serving);
}

TEST(Uncertainty, NearestRankPercentiles) {
    std::vector<double> values;
    for (int i = 20; i >= 1; --i) {
        values.push_back(i);
    }
    EXPECT_EQ(analysis::nearest_rank(values, 0.05), 1.0);
    EXPECT_EQ(analysis::nearest_rank(values, 0.95), 19.0);
    EXPECT_EQ(analysis::nearest_rank(values, 0.5), 10.0);
    std::vector<double> one{3.0};
    EXPECT_EQ(analysis::nearest_rank(one, 0.05), 3.0);
    std::vector<double> none;
    EXPECT_TRUE(std::isnan(analysis::nearest_rank(none, 0.5)));
}

}  // namespace uncertainty_test
}  // namespace centrecov
