#pragma once

// Checks of a run's ranges that the program could get wrong: each figure's range is its
// draws' own central 90 %, widened to reach the best-evidence value only where that value lies
// outside, and the run names exactly the figures it widened.

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>

#include "analysis/scenario_run.hpp"
#include "metrics/coverage.hpp"

namespace centrecov::test {

inline void expect_range_widened_only_to_its_value(const analysis::Interval& drawn, const analysis::Interval& range,
                                                   double value, const std::string& what,
                                                   std::set<std::string>& widened) {
    EXPECT_LE(drawn.low, drawn.high) << what;
    EXPECT_EQ(range.low, std::min(drawn.low, value)) << what;
    EXPECT_EQ(range.high, std::max(drawn.high, value)) << what;
    if (value < drawn.low || value > drawn.high) {
        widened.insert(what);
    }
}

// Returns how many figures were widened, for a test to bound.
inline std::size_t expect_ranges_widened_exactly_where_named(const analysis::ScenarioRun& run) {
    std::set<std::string> widened;
    for (const auto& result : run.results) {
        const std::string& id = result.resolved.scenario->id;
        EXPECT_TRUE(result.intervals.has_value()) << id;
        if (!result.intervals) {
            continue;
        }
        const auto& i = *result.intervals;
        for (std::size_t t = 0; t < result.resolved.thresholds_m.size(); ++t) {
            const std::string within = metrics::threshold_label(result.resolved.thresholds_m[t]);
            expect_range_widened_only_to_its_value(i.share_within_drawn.at(t), i.share_within.at(t),
                                                   result.coverage.total.share_covered(t),
                                                   id + ": share within " + within, widened);
            expect_range_widened_only_to_its_value(i.lost_drawn.at(t), i.lost.at(t),
                                                   static_cast<double>(result.changes[t].lost),
                                                   id + ": lost within " + within, widened);
            expect_range_widened_only_to_its_value(i.gained_drawn.at(t), i.gained.at(t),
                                                   static_cast<double>(result.changes[t].gained),
                                                   id + ": gained within " + within, widened);
        }
    }
    const auto& named = run.uncertainty->widened;
    EXPECT_EQ(std::set<std::string>(named.begin(), named.end()), widened);
    EXPECT_EQ(named.size(), widened.size()) << "a figure is named once";
    return widened.size();
}

}  // namespace centrecov::test
