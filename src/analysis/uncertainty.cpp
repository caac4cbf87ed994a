#include "analysis/uncertainty.hpp"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>

#include "core/interrupt.hpp"
#include "core/progress.hpp"
#include "geocode/candidates.hpp"

namespace centrecov::analysis {

namespace {

// A uniform number in [0, 1) from (seed, draw, what, index): splitmix64's finaliser.
double uniform(std::uint64_t seed, std::uint64_t draw, std::uint64_t what, std::uint64_t index) {
    std::uint64_t z = seed * 0x9E3779B97F4A7C15ULL;
    for (const std::uint64_t part : {draw, what, index}) {
        z ^= part + 0x9E3779B97F4A7C15ULL + (z << 6) + (z >> 2);
        z ^= z >> 30;
        z *= 0xBF58476D1CE4E5B9ULL;
        z ^= z >> 27;
        z *= 0x94D049BB133111EBULL;
        z ^= z >> 31;
    }
    return static_cast<double>(z >> 11) * 0x1.0p-53;
}

constexpr std::uint64_t draw_position = 1;
constexpr std::uint64_t draw_circuity = 2;
constexpr std::uint64_t draw_median = 3;
constexpr std::uint64_t draw_demand = 4;

// Families within reach of one candidate point: (family, metres before any circuity).
using Reach = std::vector<std::pair<std::uint32_t, double>>;

// The site a service point stands at, as an all_sites index.
std::size_t standing_index(const scenario::ServicePoint& point, std::size_t centres) {
    return point.library ? centres + *point.library : *point.centre;
}

}  // namespace

// Named, not anonymous: UncertaintyDraws::State (in the header) holds a Draws.
namespace draws_detail {

struct SitePlacement {
    geocode::Candidates candidates;  // with the best-evidence point last when the draws move the site
    std::vector<Reach> reach;        // per candidate point
    std::size_t drawn = 0;           // how many of the points draws choose among (the first ones)
    std::size_t best = 0;            // the best-evidence point's index
};


// One draw's working state: each area's factor (drawn once per draw) and each scenario's
// distances, worked out when first asked for.
struct DrawState {
    std::vector<double> factor;
    std::vector<double> under5;  // per family point, when its area's families are re-shared over its postcodes
    // Per scenario measured in this draw (a block's and their bases; references stay valid).
    std::map<std::size_t, std::vector<double>> best_of;
};

// Everything one draw measures for one scenario.
struct DrawResult {
    std::vector<double> share;   // per threshold
    std::vector<double> lost;    // per threshold
    std::vector<double> gained;  // per threshold
    std::vector<std::vector<std::vector<double>>> group_share;  // [breakdown][group][threshold]
};

class Draws {
public:
    // `scenarios` in file order; the first is the one whose headline the summary explains.
    Draws(std::vector<const scenario::ResolvedScenario*> scenarios, const Study& study, const Settings& settings,
          const DistanceEngine& engine)
        : scenarios_(std::move(scenarios)),
          study_(study),
          settings_(settings),
          along_roads_(engine.measured_on_network()),
          groupings_(study.families.points) {
        const auto sites = study.all_sites();
        centres_ = study.centres.size();
        std::map<std::string, std::size_t> index_of;
        for (std::size_t i = 0; i < scenarios_.size(); ++i) {
            index_of.emplace(scenarios_[i]->scenario->id, i);
        }
        for (std::size_t i = 0; i < scenarios_.size(); ++i) {
            const auto found = index_of.find(scenarios_[i]->base_id);
            base_index_.push_back(found == index_of.end() ? i : found->second);
        }
        placements_.resize(sites.size());
        std::vector<bool> serving(sites.size(), false);
        for (const auto* scenario : scenarios_) {
            for (const auto& point : scenario->service_points) {
                serving[standing_index(point, centres_)] = true;
            }
        }
        for (const auto& family : study.families.points) {
            families_.push_back(family.point);
            area_of_.push_back(family.area);
            total_under5_ += family.under5;
        }
        group_under5_.resize(groupings_.breakdowns());
        for (std::size_t b = 0; b < group_under5_.size(); ++b) {
            group_under5_[b].assign(groupings_.groups(b), 0.0);
            for (std::size_t f = 0; f < study.families.points.size(); ++f) {
                group_under5_[b][groupings_.group_of(b, f)] += study.families.points[f].under5;
            }
        }
        // Farthest straight line any draw could count: the largest threshold over the least factor.
        const double least_factor =
            along_roads_ ? 1.0
                         : std::max(1.0, settings.distance.circuity_at(0.0) * settings.distance.median_scale_at(0.0));
        double largest = 0.0;
        for (const auto* scenario : scenarios_) {
            largest = std::max(largest, scenario->thresholds_m.back());
        }
        reach_m_ = largest / least_factor;
        std::vector<std::pair<std::size_t, std::size_t>> to_measure;  // (site, candidate)
        std::vector<Point> points;
        for (std::size_t s = 0; s < sites.size(); ++s) {
            const Site& site = *sites[s];
            const bool unplaced = !site.location.resolved();
            // When a report is written, every placed site has its candidates, for its planner, which
            // may open any of them; those serving in no scenario are measured only along roads (the
            // page works out straight lines itself).
            const bool for_page_only = !serving[s] && !unplaced && settings.draws_for_planner;
            if (!serving[s] && !(unplaced && site.kind == SiteKind::centre) && !for_page_only) {
                continue;
            }
            auto& placement = placements_[s];
            // An unplaced centre's district is bounded over more of its postcodes than a draw needs.
            constexpr std::size_t unplaced_candidates = 256;
            placement.candidates = geocode::placement_candidates(
                site, study.gazetteer, unplaced ? unplaced_candidates : geocode::default_candidates);
            auto& points_of = placement.candidates.points;
            placement.drawn = points_of.size();
            if (!unplaced && !(points_of.size() == 1 && points_of.front() == *site.location.point)) {
                // The best-evidence point, last: where "confirm this address" fixes the site.
                points_of.push_back(*site.location.point);
            }
            placement.best = points_of.empty() ? 0 : points_of.size() - 1;
            placement.reach.resize(placement.candidates.points.size());
            if (for_page_only && !along_roads_) {
                continue;
            }
            for (std::size_t k = 0; k < placement.candidates.points.size(); ++k) {
                to_measure.emplace_back(s, k);
                points.push_back(placement.candidates.points[k]);
            }
            if (for_page_only) {
                continue;
            }
            if (!unplaced) {
                ++sites_serving_;
                sites_drawn_ += placement.drawn > 1 ? 1U : 0U;
            }
        }
        measure(to_measure, points, engine);
    }

    // Per draw, per scenario.
    DrawResult evaluate(std::size_t draw, std::size_t scenario, DrawState& state, bool with_groups) const {
        const auto& points = study_.families.points;
        const auto& thresholds = scenarios_[scenario]->thresholds_m;
        const std::size_t n = thresholds.size();
        const std::vector<double>& best = nearest(draw, scenario, state);
        const std::vector<double>& base = nearest(draw, index_of_base(scenario), state);
        // The first threshold a family is within (thresholds ascend): it is within all after it.
        auto first_within = [&thresholds](double metres) {
            return static_cast<std::size_t>(std::lower_bound(thresholds.begin(), thresholds.end(), metres) -
                                            thresholds.begin());
        };
        // Differences, summed below: a family counts from its first threshold on.
        std::vector<double> covered(n + 1, 0.0);
        std::vector<double> lost(n + 1, 0.0);
        std::vector<double> gained(n + 1, 0.0);
        std::vector<std::vector<std::vector<double>>> group_covered;
        if (with_groups) {
            group_covered.resize(groupings_.breakdowns());
            for (std::size_t b = 0; b < group_covered.size(); ++b) {
                group_covered[b].assign(groupings_.groups(b), std::vector<double>(n + 1, 0.0));
            }
        }
        if (state.under5.empty()) {
            state.under5 = drawn_under5(draw);
        }
        for (std::size_t f = 0; f < points.size(); ++f) {
            const double under5 = state.under5[f];
            const std::size_t now = first_within(best[f]);
            const std::size_t before = first_within(base[f]);
            covered[now] += under5;
            // Lost at the thresholds it was within before but is not now: [before, now).
            if (before < now) {
                lost[before] += under5;
                lost[now] -= under5;
            } else if (now < before) {
                gained[now] += under5;
                gained[before] -= under5;
            }
            for (std::size_t b = 0; b < group_covered.size(); ++b) {
                group_covered[b][groupings_.group_of(b, f)][now] += under5;
            }
        }
        DrawResult out;
        double c = 0.0;
        double l = 0.0;
        double g = 0.0;
        for (std::size_t t = 0; t < n; ++t) {
            c += covered[t];
            l += lost[t];
            g += gained[t];
            out.share.push_back(total_under5_ > 0.0 ? c / total_under5_ : 0.0);
            out.lost.push_back(l);
            out.gained.push_back(g);
        }
        out.group_share.resize(group_covered.size());
        for (std::size_t b = 0; b < group_covered.size(); ++b) {
            for (std::size_t group = 0; group < group_covered[b].size(); ++group) {
                auto& shares = out.group_share[b].emplace_back();
                double sum = 0.0;
                for (std::size_t t = 0; t < n; ++t) {
                    sum += group_covered[b][group][t];
                    const double of = group_under5_[b][group];
                    shares.push_back(of > 0.0 ? sum / of : 0.0);
                }
            }
        }
        return out;
    }

    // Each family's distance to the nearest open service point in a draw (infinity beyond reach),
    // kept in the draw's state.
    const std::vector<double>& nearest(std::size_t draw, std::size_t scenario, DrawState& state) const {
        auto& best = state.best_of[scenario];
        if (!best.empty()) {
            return best;
        }
        best.assign(families_.size(), std::numeric_limits<double>::infinity());
        if (state.factor.empty()) {
            state.factor = factors(draw);
        }
        const std::vector<double>& factor = state.factor;
        for (const auto& point : scenarios_[scenario]->service_points) {
            const std::size_t s = standing_index(point, centres_);
            for (const auto& [f, metres] : placements_[s].reach[choice(draw, s)]) {
                best[f] = std::min(best[f], metres * factor[area_of_[f]]);
            }
        }
        return best;
    }

    // The first scenario's share within its first threshold in one draw with each of `sites`
    // fixed at its best-evidence point in turn, the others where the draw put them: the same as
    // evaluate(draw, 0, site) for each, but each site costs only the families within its reach
    // (from each family's nearest and second-nearest site in the draw).
    std::vector<double> shares_with_each_fixed(std::size_t draw, const std::vector<std::size_t>& sites,
                                               DrawState& state) const {
        constexpr std::size_t nobody = std::numeric_limits<std::size_t>::max();
        constexpr double beyond = std::numeric_limits<double>::infinity();
        const double within_m = scenarios_.front()->thresholds_m.front();
        if (state.factor.empty()) {
            state.factor = factors(draw);
        }
        if (state.under5.empty()) {
            state.under5 = drawn_under5(draw);
        }
        const auto& factor = state.factor;
        const auto& under5 = state.under5;
        const std::size_t families = families_.size();
        std::vector<double> first(families, beyond);
        std::vector<double> second(families, beyond);  // from another site
        std::vector<std::size_t> first_site(families, nobody);
        for (const auto& point : scenarios_.front()->service_points) {
            const std::size_t site = standing_index(point, centres_);
            for (const auto& [f, metres] : placements_[site].reach[choice(draw, site)]) {
                const double d = metres * factor[area_of_[f]];
                if (first_site[f] == site) {
                    first[f] = std::min(first[f], d);
                } else if (d < first[f]) {
                    second[f] = first[f];
                    first[f] = d;
                    first_site[f] = site;
                } else if (d < second[f]) {
                    second[f] = d;
                }
            }
        }
        double covered = 0.0;
        for (std::size_t f = 0; f < families; ++f) {
            covered += first[f] <= within_m ? under5[f] : 0.0;
        }
        std::vector<double> fixed_m(families, beyond);
        std::vector<double> shares;
        for (const std::size_t site : sites) {
            const auto& placement = placements_[site];
            const auto& at_best = placement.reach[placement.best];
            const auto& as_drawn = placement.reach[choice(draw, site)];
            for (const auto& [f, metres] : at_best) {
                fixed_m[f] = metres * factor[area_of_[f]];
            }
            double change = 0.0;
            auto count = [&](std::uint32_t f) {
                const double without = first_site[f] == site ? second[f] : first[f];
                const bool now = std::min(without, fixed_m[f]) <= within_m;
                const bool before = first[f] <= within_m;
                change += (static_cast<double>(now) - static_cast<double>(before)) * under5[f];
            };
            for (const auto& entry : at_best) {
                count(entry.first);
            }
            for (const auto& entry : as_drawn) {
                if (fixed_m[entry.first] == beyond) {  // not counted above
                    count(entry.first);
                }
            }
            for (const auto& entry : at_best) {
                fixed_m[entry.first] = beyond;
            }
            shares.push_back(total_under5_ > 0.0 ? (covered + change) / total_under5_ : 0.0);
        }
        return shares;
    }

    std::size_t draws() const { return settings_.draws; }
    std::size_t scenarios() const { return scenarios_.size(); }
    std::size_t sites_drawn() const { return sites_drawn_; }
    std::size_t sites_serving() const { return sites_serving_; }
    const std::vector<SitePlacement>& placements() const { return placements_; }
    std::size_t centres() const { return centres_; }
    bool along_roads() const { return along_roads_; }
    double total_under5() const { return total_under5_; }
    double reach_m() const { return reach_m_; }

    // The first scenario's share at each of its thresholds with the serving sites at their best-evidence
    // points, median factors, and unplaced centre `site` at its candidate k.
    std::vector<double> share_with_unplaced(std::size_t site, std::size_t k, const std::vector<double>& best) const {
        std::vector<double> with = best;
        const double factor = along_roads_ ? 1.0 : settings_.distance.circuity_at(0.5);
        for (const auto& [f, metres] : placements_[site].reach[k]) {
            with[f] = std::min(with[f], metres * factor);
        }
        const auto& thresholds = scenarios_.front()->thresholds_m;
        const auto& points = study_.families.points;
        // Each family counts from the first threshold it is within (they ascend).
        std::vector<double> from(thresholds.size() + 1, 0.0);
        for (std::size_t f = 0; f < points.size(); ++f) {
            from[static_cast<std::size_t>(std::lower_bound(thresholds.begin(), thresholds.end(), with[f]) -
                                          thresholds.begin())] += points[f].under5;
        }
        std::vector<double> share;
        double covered = 0.0;
        for (std::size_t t = 0; t < thresholds.size(); ++t) {
            covered += from[t];
            share.push_back(total_under5_ > 0.0 ? covered / total_under5_ : 0.0);
        }
        return share;
    }

private:
    std::size_t index_of_base(std::size_t scenario) const { return base_index_[scenario]; }

    std::size_t choice(std::size_t draw, std::size_t site) const {
        const auto& placement = placements_[site];
        if (placement.drawn <= 1) {
            return placement.drawn == 1 ? 0 : placement.best;
        }
        const auto k = static_cast<std::size_t>(uniform(settings_.seed, draw, draw_position, site) *
                                                static_cast<double>(placement.drawn));
        return std::min(k, placement.drawn - 1);
    }

    // Where in its area the families live: the best evidence shares an area's under-5s over its
    // postcodes equally (or by their weights); a draw shares them by those weights times
    // independent exponential draws (a flat Dirichlet: every split of the area as likely as
    // any other). An area's total never changes; at centroid level nothing moves.
    std::vector<double> drawn_under5(std::size_t draw) const {
        const auto& families = study_.families;
        std::vector<double> under5(families.points.size());
        for (std::size_t f = 0; f < under5.size(); ++f) {
            under5[f] = families.points[f].under5;
        }
        for (std::size_t a = 0; a + 1 < families.first_point.size(); ++a) {
            const std::size_t begin = families.first_point[a];
            const std::size_t end = families.first_point[a + 1];
            if (end - begin < 2) {
                continue;
            }
            double total = 0.0;
            double drawn = 0.0;
            for (std::size_t f = begin; f < end; ++f) {
                total += under5[f];
                // 1 - u lies in (0, 1]: its logarithm is finite.
                under5[f] *= -std::log(1.0 - uniform(settings_.seed, draw, draw_demand, f));
                drawn += under5[f];
            }
            for (std::size_t f = begin; f < end; ++f) {
                under5[f] = drawn > 0.0 ? under5[f] * total / drawn : families.points[f].under5;
            }
        }
        return under5;
    }

    std::vector<double> factors(std::size_t draw) const {
        // One factor per small area, shared by its postcodes: their routes to a site run mostly
        // together, and the spread was measured from one point per area.
        std::vector<double> factor(study_.families.areas.size(), 1.0);
        if (!along_roads_) {
            const double scale = settings_.distance.median_scale_at(uniform(settings_.seed, draw, draw_median, 0));
            for (std::size_t a = 0; a < factor.size(); ++a) {
                factor[a] = std::max(
                    1.0, scale * settings_.distance.circuity_at(uniform(settings_.seed, draw, draw_circuity, a)));
            }
        }
        return factor;
    }

    void measure(const std::vector<std::pair<std::size_t, std::size_t>>& to_measure, const std::vector<Point>& points,
                 const DistanceEngine& engine) {
        Progress progress("placing sites for the draws", points.size());
        // In slices, so the matrix never holds more than a slice's columns.
        constexpr std::size_t slice = 256;
        for (std::size_t from = 0; from < points.size(); from += slice) {
            const std::size_t to = std::min(points.size(), from + slice);
            const std::vector<Point> some(points.begin() + static_cast<std::ptrdiff_t>(from),
                                          points.begin() + static_cast<std::ptrdiff_t>(to));
            std::vector<std::vector<double>> metres;
            if (along_roads_) {
                metres = engine.matrix(families_, some, reach_m_);
            } else {
                metres.assign(families_.size(), std::vector<double>(some.size()));
                for (std::size_t f = 0; f < families_.size(); ++f) {
                    for (std::size_t c = 0; c < some.size(); ++c) {
                        metres[f][c] = straight_line_m(families_[f], some[c]);
                    }
                }
            }
            for (std::size_t c = 0; c < some.size(); ++c) {
                const auto [s, k] = to_measure[from + c];
                auto& reach = placements_[s].reach[k];
                for (std::size_t f = 0; f < families_.size(); ++f) {
                    if (metres[f][c] <= reach_m_) {
                        reach.emplace_back(static_cast<std::uint32_t>(f), metres[f][c]);
                    }
                }
            }
            progress.advance(to - from);
        }
    }

    std::vector<const scenario::ResolvedScenario*> scenarios_;
    const Study& study_;
    const Settings& settings_;
    bool along_roads_;
    metrics::Groupings groupings_;
    std::size_t centres_ = 0;
    std::vector<Point> families_;
    std::vector<std::size_t> area_of_;  // each family point's small area
    double total_under5_ = 0.0;
    std::vector<std::vector<double>> group_under5_;  // [breakdown][group]
    double reach_m_ = 0.0;
    std::vector<SitePlacement> placements_;  // per all_sites index; empty for sites never serving
    std::vector<std::size_t> base_index_;    // per scenario, its base's index (looked up once, not per draw)
    std::size_t sites_drawn_ = 0;
    std::size_t sites_serving_ = 0;
};

}  // namespace draws_detail

namespace {

using draws_detail::Draws;

PageDraws page_draws(const Draws& draws, const Study& study, const Settings& settings) {
    PageDraws page;
    page.along_roads = draws.along_roads();
    page.circuity_drawn = !draws.along_roads() && settings.distance.mode == routing::DistanceMode::estimated_road;
    page.reach_m = draws.reach_m();
    page.circuity = settings.distance.circuity;
    page.spread = settings.distance.spread;
    page.median_spread = routing::default_median_spread();
    const auto sites = study.all_sites();
    page.sites.resize(sites.size());
    for (std::size_t s = 0; s < sites.size(); ++s) {
        const auto& placement = draws.placements()[s];
        if (!sites[s]->location.resolved() || placement.candidates.points.empty()) {
            continue;
        }
        auto& site = page.sites[s];
        site.points = placement.candidates.points;
        site.drawn = placement.drawn;
        site.best = placement.best;
        if (page.along_roads) {
            site.reach = placement.reach;
        }
    }
    return page;
}

Interval interval_of(std::vector<double> values) {
    return {nearest_rank(values, 0.05), nearest_rank(values, 0.95)};
}

}  // namespace

double nearest_rank(std::vector<double>& values, double q) {
    if (values.empty()) {
        return std::numeric_limits<double>::quiet_NaN();
    }
    const auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(values.size())));
    const auto at = values.begin() + static_cast<std::ptrdiff_t>(std::clamp<std::size_t>(rank, 1, values.size()) - 1);
    std::nth_element(values.begin(), at, values.end());
    return *at;
}

using draws_detail::Draws;
using draws_detail::DrawResult;
using draws_detail::DrawState;

struct UncertaintyDraws::State {
    State(std::vector<const scenario::ResolvedScenario*> scenarios, const Study& study, const Settings& settings,
          const DistanceEngine& engine)
        : draws(scenarios, study, settings, engine),
          widened(draws.scenarios()),
          progress("uncertainty draws",
                   draws.draws() * ((draws.scenarios() + scenario_block - 1) / scenario_block)) {
        for (const auto* s : scenarios) {
            name_of.push_back(s->scenario->name.empty() ? s->scenario->id : s->scenario->name);
        }
    }
    Draws draws;
    std::vector<std::vector<std::string>> widened;  // per scenario (file order)
    std::vector<std::string> name_of;               // per scenario: what a person reads (a streamed run keeps no results)
    Progress progress;
};

UncertaintyDraws::UncertaintyDraws(std::vector<const scenario::ResolvedScenario*> scenarios, const Study& study,
                                   const Settings& settings, const DistanceEngine& engine)
    : study_(study), settings_(settings) {
    if (settings.draws > 0 && !scenarios.empty()) {
        state_ = std::make_unique<State>(std::move(scenarios), study, settings, engine);
    }
}

UncertaintyDraws::~UncertaintyDraws() = default;

void UncertaintyDraws::intervals(const std::vector<std::pair<std::size_t, ScenarioResult*>>& block) {
    if (!state_ || block.empty()) {
        return;
    }
    const Draws& draws = state_->draws;
    const std::size_t n = draws.draws();
    // [draw][place in the block]. A draw's figures depend only on (seed, draw, scenario), so how
    // the scenarios are grouped into blocks changes no value.
    std::vector<std::vector<DrawResult>> drawn(n, std::vector<DrawResult>(block.size()));
    tbb::parallel_for(std::size_t{0}, n, [&](std::size_t d) {
        DrawState state;
        for (std::size_t k = 0; k < block.size(); ++k) {
            // Only the first scenario's groups are printed (run's summary tables).
            drawn[d][k] = draws.evaluate(d, block[k].first, state, block[k].first == 0);
        }
        state_->progress.advance();
    });
    // A figure's interval always holds its best-evidence value: when the draws' central 90 %
    // misses it (an option chosen on the best-evidence points looks better there than almost
    // anywhere else its sites could stand), the interval reaches to it and the run says so.
    for (std::size_t k = 0; k < block.size(); ++k) {
        stop_if_interrupted();  // each scenario sorts every figure's draws
        auto& widened = state_->widened[block[k].first];
        auto holding = [&widened](Interval interval, double value, const std::string& what) {
            if (value < interval.low || value > interval.high) {
                if (!what.empty()) {
                    widened.push_back(what);
                }
                interval.low = std::min(interval.low, value);
                interval.high = std::max(interval.high, value);
            }
            return interval;
        };
        ScenarioResult& result = *block[k].second;
        const std::string& id = result.resolved.scenario->id;
        const auto& thresholds_m = result.resolved.thresholds_m;
        const std::size_t thresholds = thresholds_m.size();
        ScenarioIntervals intervals;
        auto column = [&](auto pick) {
            std::vector<double> values;
            for (std::size_t d = 0; d < n; ++d) {
                values.push_back(pick(drawn[d][k]));
            }
            return interval_of(std::move(values));
        };
        for (std::size_t t = 0; t < thresholds; ++t) {
            const std::string within = metrics::threshold_label(thresholds_m[t]);
            intervals.share_within_drawn.push_back(column([t](const DrawResult& r) { return r.share[t]; }));
            intervals.lost_drawn.push_back(column([t](const DrawResult& r) { return r.lost[t]; }));
            intervals.gained_drawn.push_back(column([t](const DrawResult& r) { return r.gained[t]; }));
            intervals.share_within.push_back(holding(intervals.share_within_drawn.back(),
                                                     result.coverage.total.share_covered(t),
                                                     id + ": share within " + within));
            intervals.lost.push_back(holding(intervals.lost_drawn.back(), static_cast<double>(result.changes[t].lost),
                                             id + ": lost within " + within));
            intervals.gained.push_back(holding(intervals.gained_drawn.back(),
                                               static_cast<double>(result.changes[t].gained),
                                               id + ": gained within " + within));
        }
        const auto& shape = drawn[0][k].group_share;
        intervals.group_share_within.resize(shape.size());
        for (std::size_t b = 0; b < shape.size(); ++b) {
            for (std::size_t g = 0; g < shape[b].size(); ++g) {
                auto& group = intervals.group_share_within[b].emplace_back();
                const auto& coverage = result.coverage.breakdowns[b].groups[g];
                for (std::size_t t = 0; t < thresholds; ++t) {
                    group.push_back(holding(column([b, g, t](const DrawResult& r) { return r.group_share[b][g][t]; }),
                                            coverage.share_covered(t), {}));
                }
            }
        }
        result.intervals = std::move(intervals);
    }
}

void UncertaintyDraws::summarise(ScenarioRun& run) {
    if (!state_ || run.results.empty()) {
        return;
    }
    const Study& study = study_;
    const Settings& settings = settings_;
    const Draws& draws = state_->draws;
    const std::size_t n = draws.draws();
    std::vector<std::string> widened;
    std::string first_widened_name;
    for (std::size_t s = 0; s < state_->widened.size(); ++s) {
        if (widened.empty() && !state_->widened[s].empty()) {
            first_widened_name = state_->name_of[s];
        }
        widened.insert(widened.end(), state_->widened[s].begin(), state_->widened[s].end());
    }
    UncertaintySummary summary;
    summary.draws = n;
    summary.seed = settings.seed;
    summary.circuity_drawn = !draws.along_roads() && settings.distance.mode == routing::DistanceMode::estimated_road;
    summary.circuity_from = settings.distance.spread_source;
    summary.circuity_median = settings.distance.circuity;
    summary.circuity_p10 = settings.distance.circuity_at(0.1);
    summary.circuity_p90 = settings.distance.circuity_at(0.9);
    summary.sites_drawn = draws.sites_drawn();
    summary.sites_serving = draws.sites_serving();
    summary.widened = std::move(widened);
    summary.first_widened_name = std::move(first_widened_name);

    // Which address to confirm first: the headline's width with each drawn site of the
    // first scenario fixed at its best-evidence point, against its width now (same draws).
    const double width_now = run.results.front().intervals->share_within.front().width();
    std::vector<std::size_t> headline_sites;
    for (const auto& point : run.results.front().resolved.service_points) {
        const std::size_t s = standing_index(point, draws.centres());
        if (draws.placements()[s].drawn > 1 &&
            std::find(headline_sites.begin(), headline_sites.end(), s) == headline_sites.end()) {
            headline_sites.push_back(s);
        }
    }
    std::vector<std::vector<double>> fixed_shares(n);  // [draw][headline site]
    tbb::parallel_for(std::size_t{0}, n, [&](std::size_t d) {
        stop_if_interrupted();
        DrawState state;
        fixed_shares[d] = draws.shares_with_each_fixed(d, headline_sites, state);
    });
    std::vector<AddressToConfirm> confirm(headline_sites.size());
    for (std::size_t h = 0; h < headline_sites.size(); ++h) {
        const std::size_t s = headline_sites[h];
        std::vector<double> shares;
        for (std::size_t d = 0; d < n; ++d) {
            shares.push_back(fixed_shares[d][h]);
        }
        confirm[h] = {s, draws.placements()[s].candidates.from, width_now, interval_of(std::move(shares)).width()};
    }
    std::stable_sort(confirm.begin(), confirm.end(), [](const AddressToConfirm& a, const AddressToConfirm& b) {
        return a.width_now - a.width_fixed > b.width_now - b.width_fixed;
    });
    constexpr std::size_t most_to_confirm = 5;
    for (const auto& entry : confirm) {
        if (summary.confirm_first.size() < most_to_confirm && entry.width_fixed < entry.width_now) {
            summary.confirm_first.push_back(entry);
        }
    }

    // Unplaced centres open in the first scenario: the headline with each placed at the
    // worst and at the best of its district's postcodes.
    std::vector<double> best_evidence(study.families.points.size(), std::numeric_limits<double>::infinity());
    for (std::size_t f = 0; f < best_evidence.size(); ++f) {
        best_evidence[f] = run.results.front().nearest[f].metres;
    }
    for (const std::size_t c : run.results.front().resolved.open) {
        const Site& centre = study.centres[c];
        const auto& placement = draws.placements()[c];
        if (centre.location.resolved() || placement.candidates.points.empty()) {
            continue;
        }
        UnplacedBound bound;
        bound.site = c;
        bound.placed_among = placement.candidates.from;
        bound.share_within.assign(run.results.front().resolved.thresholds_m.size(),
                                  {std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity()});
        for (std::size_t k = 0; k < placement.reach.size(); ++k) {
            stop_if_interrupted();
            const auto share = draws.share_with_unplaced(c, k, best_evidence);
            for (std::size_t t = 0; t < share.size(); ++t) {
                bound.share_within[t].low = std::min(bound.share_within[t].low, share[t]);
                bound.share_within[t].high = std::max(bound.share_within[t].high, share[t]);
            }
        }
        summary.unplaced.push_back(std::move(bound));
    }
    summary.page = page_draws(draws, study, settings);
    run.uncertainty = std::move(summary);
}

}  // namespace centrecov::analysis
