#include "analysis/scenario_run.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/error.hpp"

namespace centrecov::analysis {

namespace {

std::vector<Point> family_points(const Study& study) {
    std::vector<Point> points;
    for (const auto& family : study.families.points) {
        points.push_back(family.point);
    }
    return points;
}

void measure(ScenarioResult& result, const DistanceEngine& engine, const std::vector<Point>& families) {
    std::vector<Point> services;
    for (const auto& point : result.resolved.service_points) {
        services.push_back(point.point);
    }
    result.nearest = engine.nearest(families, services).origins;
    std::vector<Point> outreach;
    for (const auto& point : result.resolved.outreach_points) {
        outreach.push_back(point.point);
    }
    result.nearest_outreach = engine.nearest(families, outreach).origins;
}

// Keeps the centres that serve the most under-5s (as nearest centre) while the budget lasts.
void apply_budget_rule(ScenarioResult& result, const Study& study, const DistanceEngine& engine,
                       const std::vector<Point>& families) {
    auto& resolved = result.resolved;
    if (!resolved.keep_by_budget) {
        return;
    }
    if (!resolved.costs.centre) {
        throw InputError(resolved.keep_by_budget->at.file, "line " + std::to_string(resolved.keep_by_budget->at.line),
                         "keep_by_budget needs a cost per centre ([costs] centre = ...)");
    }
    measure(result, engine, families);
    std::map<std::size_t, long long> served;  // centre -> under-5s for whom it is nearest
    for (std::size_t f = 0; f < families.size(); ++f) {
        if (result.nearest[f].found()) {
            if (const auto centre = resolved.service_points[result.nearest[f].site].centre) {
                served[*centre] += study.families.points[f].under5;
            }
        }
    }
    std::vector<std::size_t> ranked = resolved.open;
    std::stable_sort(ranked.begin(), ranked.end(), [&](std::size_t a, std::size_t b) { return served[a] > served[b]; });
    // Outreach sessions and library bases are paid for first; the centres share what is left.
    double spent = static_cast<double>(resolved.outreach.size()) * resolved.costs.outreach.value_or(0.0);
    for (const std::size_t l : resolved.library_bases) {
        spent += scenario::library_base_cost(resolved, study.libraries[l]).value_or(0.0);
    }
    std::vector<std::size_t> kept;
    for (const std::size_t c : ranked) {
        const double cost = *scenario::centre_cost(resolved, study.centres[c], resolved.moved.count(c) > 0);
        if (spent + cost <= resolved.keep_by_budget->budget + 1e-6) {
            spent += cost;
            kept.push_back(c);
        }
    }
    if (kept.empty() && !ranked.empty()) {
        throw InputError(resolved.keep_by_budget->at.file, "line " + std::to_string(resolved.keep_by_budget->at.line),
                         fmt::format("a budget of {:.0f} pays for no centre at {:.0f} each", resolved.keep_by_budget->budget,
                                     *resolved.costs.centre));
    }
    std::sort(kept.begin(), kept.end());
    resolved.open = kept;
    resolved.budget = resolved.budget.value_or(resolved.keep_by_budget->budget);
    scenario::refresh(resolved, study.centres, study.libraries);
}

std::vector<metrics::Breakdown> breakdown_of(const Study& study, const std::vector<bool>& who) {
    // Reuse the coverage summary: a family "within" means it is in the group of interest.
    std::vector<double> distances;
    for (std::size_t f = 0; f < who.size(); ++f) {
        distances.push_back(who[f] ? 0.0 : 1.0);
    }
    auto report = metrics::summarise(study.families.points, distances, {0.5});
    return report.breakdowns;
}

void compare(ScenarioResult& result, const ScenarioResult& base, const Study& study, const DistanceEngine& engine,
             const std::vector<Point>& families) {
    const auto& thresholds = result.resolved.thresholds_m;
    result.base_distance_m.clear();
    for (const auto& nearest : base.nearest) {
        result.base_distance_m.push_back(nearest.metres);
    }
    result.changes.clear();
    for (const double t : thresholds) {
        CoverageChange change;
        change.threshold_m = t;
        std::vector<bool> lost(families.size());
        std::vector<bool> gained(families.size());
        for (std::size_t f = 0; f < families.size(); ++f) {
            const bool before = base.nearest[f].metres <= t;
            const bool after = result.nearest[f].metres <= t;
            lost[f] = before && !after;
            gained[f] = after && !before;
            change.lost += lost[f] ? study.families.points[f].under5 : 0;
            change.gained += gained[f] ? study.families.points[f].under5 : 0;
        }
        change.lost_by = breakdown_of(study, lost);
        change.gained_by = breakdown_of(study, gained);
        result.changes.push_back(std::move(change));
    }
    // Each centre open in the base but not here: whom would it alone bring back?
    result.closed.clear();
    for (const auto& point : base.resolved.service_points) {
        const auto& open = result.resolved.open;
        const auto& bases = result.resolved.library_bases;
        const bool still_open = point.centre ? std::find(open.begin(), open.end(), *point.centre) != open.end()
                                             : std::binary_search(bases.begin(), bases.end(), *point.library);
        if (still_open) {
            continue;
        }
        const auto to_site = engine.nearest(families, {point.point}).origins;
        ClosedSite closed;
        closed.point = point;
        for (const double t : thresholds) {
            long long left = 0;
            for (std::size_t f = 0; f < families.size(); ++f) {
                if (to_site[f].metres <= t && result.nearest[f].metres > t) {
                    left += study.families.points[f].under5;
                }
            }
            closed.left_beyond.push_back(left);
        }
        result.closed.push_back(std::move(closed));
    }
}

void summarise(ScenarioResult& result, const Study& study) {
    const auto& points = study.families.points;
    const auto& r = result.resolved;
    std::vector<double> distances;
    std::vector<DemandPoint> eligible_points;
    std::vector<double> eligible_distances;
    result.eligible.clear();
    result.eligible_under5 = 0;
    for (std::size_t f = 0; f < points.size(); ++f) {
        distances.push_back(result.nearest[f].metres);
        const bool eligible = r.eligible(points[f]);
        result.eligible.push_back(eligible);
        if (eligible) {
            eligible_points.push_back(points[f]);
            eligible_distances.push_back(result.nearest[f].metres);
            result.eligible_under5 += points[f].under5;
        }
    }
    result.coverage = metrics::summarise(points, distances, r.thresholds_m);
    result.eligible_coverage = metrics::summarise(eligible_points, eligible_distances, r.thresholds_m);
    result.outreach_reach.assign(r.thresholds_m.size(), 0.0);
    result.weighted_coverage.assign(r.thresholds_m.size(), 0.0);
    for (std::size_t t = 0; t < r.thresholds_m.size(); ++t) {
        const double outreach_t = r.outreach_thresholds_m.size() == r.thresholds_m.size() ? r.outreach_thresholds_m[t]
                                                                                         : r.outreach_thresholds_m.front();
        for (std::size_t f = 0; f < points.size(); ++f) {
            const bool centre = result.nearest[f].metres <= r.thresholds_m[t];
            const bool outreach = result.nearest_outreach[f].metres <= outreach_t;
            if (centre) {
                result.weighted_coverage[t] += points[f].under5;
            } else if (outreach) {
                result.outreach_reach[t] += points[f].under5;
                result.weighted_coverage[t] += r.outreach_weight * points[f].under5;
            }
        }
    }
}

}  // namespace

ScenarioRun run_scenarios(const Study& study, const scenario::ScenarioFile& file, const Settings& settings) {
    ScenarioRun run;
    const std::shared_ptr<const DistanceEngine> engine = make_engine(settings.network, settings.distance, run.network);
    run.engine = engine;
    run.distance_key = engine->key();
    run.distance_label = engine->label();
    const auto families = family_points(study);
    auto resolved = scenario::resolve_all(file, study.centres, study.libraries, settings.thresholds_m);

    std::map<std::string, std::size_t> index_of;
    for (const scenario::Scenario* s : scenario::in_dependency_order(file)) {
        spdlog::info("scenario {}: {}", s->id, s->name);
        ScenarioResult result;
        result.resolved = resolved.at(s->id);
        apply_budget_rule(result, study, *engine, families);
        resolved[s->id] = result.resolved;  // scenarios starting from this one see the budget's choice
        measure(result, *engine, families);
        summarise(result, study);
        index_of[s->id] = run.results.size();
        run.results.push_back(std::move(result));
    }
    for (auto& result : run.results) {
        const auto& base = run.results[index_of.at(result.resolved.base_id)];
        compare(result, base, study, *engine, families);
    }
    // Back to file order.
    std::vector<ScenarioResult> ordered;
    for (const auto& s : file.scenarios) {
        ordered.push_back(std::move(run.results[index_of.at(s.id)]));
    }
    run.results = std::move(ordered);
    return run;
}

}  // namespace centrecov::analysis
