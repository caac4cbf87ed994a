#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/geometry.hpp"

namespace centrecov::analysis {

// The central 90 % of the uncertainty estimate's draws: the 5th and 95th percentiles.
struct Interval {
    double low = 0.0;
    double high = 0.0;
    double width() const { return high - low; }
};

// How sure a scenario's figures are (analysis/uncertainty).
struct ScenarioIntervals {
    std::vector<Interval> share_within;  // per threshold: share of all under-5s covered
    std::vector<Interval> lost;          // per threshold: under-5s lost against the base
    std::vector<Interval> gained;        // per threshold: under-5s gained
    // The same three before widening: the draws' own central 90 %. A figure's interval above is
    // widened, and the figure named in UncertaintySummary::widened, exactly when its value lies
    // outside this one.
    std::vector<Interval> share_within_drawn;
    std::vector<Interval> lost_drawn;
    std::vector<Interval> gained_drawn;
    // [breakdown][group][threshold]: each group's share, in CoverageReport's order (the first
    // scenario's only, which run's summary tables print; empty for the others).
    std::vector<std::vector<std::vector<Interval>>> group_share_within;
};

// A site whose exact address would narrow the headline figure: the first scenario's
// share within the first threshold.
struct AddressToConfirm {
    std::size_t site = 0;       // Study::all_sites index
    std::string placed_among;   // its candidates, in words
    double width_now = 0.0;     // the headline interval's width, as a share
    double width_fixed = 0.0;   // with this site at the point its evidence gives
};

// A centre the geocoder could not place: how far placing it anywhere in its district
// could move the headline figures (the first scenario's share within each threshold).
struct UnplacedBound {
    std::size_t site = 0;  // Study::all_sites index
    std::string placed_among;
    std::vector<Interval> share_within;  // per threshold: placed at the worst and at the best postcode
};

// What the report's planner needs to repeat the draws for any choice of open sites: the
// same choices from the same seed (the page recomputes the hash), so its ranges are the
// program's for any plan it exports.
struct PageDraws {
    bool along_roads = false;
    bool circuity_drawn = false;  // a factor per area per draw; otherwise every factor is 1
    double reach_m = 0.0;         // farthest distance (before the factor) any draw counts
    double circuity = 1.0;        // the model's median factor
    std::vector<std::pair<double, double>> spread;         // (quantile, factor / circuity)
    std::vector<std::pair<double, double>> median_spread;  // (quantile, scale of a draw's median)
    struct Site {
        std::vector<Point> points;  // candidates (BNG); the first `drawn` are drawn among
        std::size_t drawn = 0;
        std::size_t best = 0;  // the best-evidence point's index
        // Along roads only: per candidate, (family, metres) within reach_m.
        std::vector<std::vector<std::pair<std::uint32_t, double>>> reach;
    };
    std::vector<Site> sites;  // per Study::all_sites index; no points for a site not placed
};

// What the draws found for the whole run.
struct UncertaintySummary {
    std::size_t draws = 0;
    unsigned long long seed = 0;
    bool circuity_drawn = false;          // the estimate's factor is drawn per area
    std::string circuity_from;            // "default" or the calibration file
    double circuity_median = 0.0;         // and its 10th and 90th percentiles, when drawn
    double circuity_p10 = 0.0;
    double circuity_p90 = 0.0;
    std::size_t sites_serving = 0;        // placed sites serving in some scenario
    std::size_t sites_drawn = 0;          // of them, those placed less precisely than a postcode
    std::vector<AddressToConfirm> confirm_first;  // best first, at most five
    std::vector<UnplacedBound> unplaced;
    // The figures (all families') whose best-evidence value lay outside the draws' central
    // 90 %, so that their interval was widened to it: "colocation: lost within 1.6 km".
    std::vector<std::string> widened;
    std::string first_widened_name;  // the name of the first one's scenario, for a sentence
    PageDraws page;
};

}  // namespace centrecov::analysis
