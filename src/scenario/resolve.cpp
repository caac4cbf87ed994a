#include "scenario/resolve.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "core/error.hpp"
#include "core/interrupt.hpp"
#include "core/text.hpp"

namespace centrecov::scenario {

std::string_view to_string(Fate fate) {
    switch (fate) {
        case Fate::open:
            return "open";
        case Fate::moved:
            return "moved";
        case Fate::closed:
            return "closed";
        case Fate::not_placed:
            return "not_placed";
        case Fate::same_site:
            return "same_site";
        case Fate::hosts_centre:
            return "hosts_centre";
        case Fate::library_base:
            return "library_base";
        case Fate::outreach:
            return "outreach";
        case Fate::candidate:
            return "candidate";
    }
    return "open";
}

namespace {

[[noreturn]] void fail(const SourceRef& at, const std::string& problem) {
    throw InputError(at.file, "line " + std::to_string(at.line), problem);
}

std::size_t centre_index(const std::vector<Site>& centres, const std::string& id, const SourceRef& at,
                         const char* where) {
    for (std::size_t i = 0; i < centres.size(); ++i) {
        if (centres[i].id == id) {
            return i;
        }
    }
    fail(at, std::string("unknown centre id '") + id + "' in '" + where + "'");
}

std::size_t library_index(const std::vector<Site>& libraries, const std::vector<Site>& centres,
                          const std::string& id, const SourceRef& at, const char* where) {
    for (std::size_t i = 0; i < libraries.size(); ++i) {
        if (libraries[i].id == id) {
            return i;
        }
    }
    for (const auto& centre : centres) {
        if (centre.id == id) {
            fail(at, std::string("'") + id + "' in '" + where + "' is a children's centre, not a library");
        }
    }
    fail(at, std::string("unknown library id '") + id + "' in '" + where + "'");
}



}  // namespace

bool open_in(const Site& library, int year) {
    const std::string* opened = library.attribute("year_opened");
    const std::string* closed = library.attribute("year_closed");
    const auto from = opened ? text::parse_integer(*opened) : std::nullopt;
    const auto to = closed ? text::parse_integer(*closed) : std::nullopt;
    return (!from || *from <= year) && (!to || *to > year);
}

bool ResolvedScenario::eligible(const DemandPoint& family) const {
    if (target.empty()) {
        return true;
    }
    return target.imd_deciles.count(family.imd_decile) > 0 || target.idaci_deciles.count(family.idaci_decile) > 0 ||
           target.lsoas.count(family.lsoa_code) > 0;
}

Fate ResolvedScenario::centre_fate(std::size_t centre, const Site& site) const {
    if (!site.duplicate_of.empty()) {
        return Fate::same_site;
    }
    if (std::find(open.begin(), open.end(), centre) == open.end()) {
        return Fate::closed;
    }
    if (moved.count(centre)) {
        return Fate::moved;
    }
    return site.location.resolved() ? Fate::open : Fate::not_placed;
}

Fate ResolvedScenario::library_fate(std::size_t library) const {
    for (const auto& [centre, into] : moved) {
        if (into == library && std::find(open.begin(), open.end(), centre) != open.end()) {
            return Fate::hosts_centre;
        }
    }
    if (std::binary_search(library_bases.begin(), library_bases.end(), library)) {
        return Fate::library_base;
    }
    return std::find(outreach.begin(), outreach.end(), library) != outreach.end() ? Fate::outreach : Fate::candidate;
}

std::optional<double> library_base_cost(const ResolvedScenario& resolved, const Site& library) {
    if (const auto found = resolved.costs.per_site.find(library.id); found != resolved.costs.per_site.end()) {
        return found->second;
    }
    if (resolved.costs.library_base) {
        return resolved.costs.library_base;
    }
    if (resolved.costs.centre) {
        return *resolved.costs.centre * (1.0 - resolved.costs.colocation_saving.value_or(0.0));
    }
    return std::nullopt;
}

const Site& service_site(const ServicePoint& point, const std::vector<Site>& centres, const std::vector<Site>& libraries) {
    return point.centre ? centres[*point.centre] : libraries[point.library.value()];
}

std::optional<double> centre_cost(const ResolvedScenario& resolved, const Site& centre, bool moved) {
    std::optional<double> cost;
    if (const auto found = resolved.costs.per_site.find(centre.id); found != resolved.costs.per_site.end()) {
        cost = found->second;
    } else {
        cost = resolved.costs.centre;
    }
    if (cost && moved) {
        *cost *= 1.0 - resolved.costs.colocation_saving.value_or(0.0);
    }
    return cost;
}

std::optional<double> outreach_cost(const ResolvedScenario& resolved, const Site& library) {
    const auto found = resolved.costs.per_site.find(library.id);
    return found != resolved.costs.per_site.end() ? std::optional<double>(found->second) : resolved.costs.outreach;
}

void refresh(ResolvedScenario& resolved, const std::vector<Site>& centres, const std::vector<Site>& libraries) {
    resolved.service_points.clear();
    std::optional<double> cost = 0.0;
    for (const std::size_t c : resolved.open) {
        const auto move = resolved.moved.find(c);
        const bool moved = move != resolved.moved.end();
        const auto& location = moved ? libraries[move->second].location : centres[c].location;
        if (location.point) {
            resolved.service_points.push_back(
                {c, moved ? std::optional<std::size_t>(move->second) : std::nullopt, *location.point});
        }
        const auto one = centre_cost(resolved, centres[c], moved);
        cost = cost && one ? std::optional<double>(*cost + *one) : std::nullopt;
    }
    for (const std::size_t l : resolved.library_bases) {
        if (libraries[l].location.point) {
            resolved.service_points.push_back({std::nullopt, l, *libraries[l].location.point});
        }
        const auto one = library_base_cost(resolved, libraries[l]);
        cost = cost && one ? std::optional<double>(*cost + *one) : std::nullopt;
    }
    resolved.outreach_points.clear();
    for (const std::size_t l : resolved.outreach) {
        if (libraries[l].location.point) {
            resolved.outreach_points.push_back({l, *libraries[l].location.point});
        }
        const auto one = outreach_cost(resolved, libraries[l]);
        cost = cost && one ? std::optional<double>(*cost + *one) : std::nullopt;
    }
    // With no site and no cost stated at all, the cost is unknown, not zero.
    const auto& c = resolved.costs;
    const bool stated = c.centre || c.outreach || c.library_base || !c.per_site.empty();
    resolved.cost = stated ? cost : std::nullopt;
}

std::vector<double> sorted_thresholds(std::vector<double> thresholds_m) {
    std::sort(thresholds_m.begin(), thresholds_m.end());
    thresholds_m.erase(std::unique(thresholds_m.begin(), thresholds_m.end()), thresholds_m.end());
    return thresholds_m;
}

namespace {

// Outreach reaches `outreach[t]` at `thresholds[t]`: one value for every
// threshold, or one per threshold of the scenario's own (paired before sorting).
std::vector<double> pair_outreach_thresholds(const std::vector<double>& given_thresholds,
                                             const std::vector<double>& given_outreach,
                                             const std::vector<double>& sorted, const SourceRef& at) {
    if (given_outreach.empty()) {
        return sorted;
    }
    if (given_outreach.size() == 1) {
        return std::vector<double>(sorted.size(), given_outreach.front());
    }
    if (given_outreach.size() != given_thresholds.size() || sorted.size() != given_thresholds.size()) {
        fail(at, "outreach.thresholds_m has " + std::to_string(given_outreach.size()) +
                     " values; give one for all thresholds, or one for each of the scenario's " +
                     std::to_string(sorted.size()) + " thresholds_m");
    }
    std::vector<double> out(sorted.size());
    for (std::size_t i = 0; i < given_thresholds.size(); ++i) {
        const auto at_sorted = std::lower_bound(sorted.begin(), sorted.end(), given_thresholds[i]) - sorted.begin();
        out[static_cast<std::size_t>(at_sorted)] = given_outreach[i];
    }
    return out;
}

// Each open centre moves to the nearest library open in the scenario's year
// within the distance, measured as the study measures.
void apply_colocation_rule(ResolvedScenario& r, std::set<std::size_t>& open, const CoLocationRule& rule,
                           const ResolveContext& context) {
    const auto& centres = context.centres;
    const auto& libraries = context.libraries;
    std::vector<std::size_t> movable;
    std::vector<Point> from;
    for (const std::size_t c : open) {
        if (!r.moved.count(c) && centres[c].location.point) {
            movable.push_back(c);
            from.push_back(*centres[c].location.point);
        }
    }
    std::vector<std::size_t> hosts;
    std::vector<Point> to;
    for (std::size_t l = 0; l < libraries.size(); ++l) {
        if (libraries[l].location.point && open_in(libraries[l], r.year)) {
            hosts.push_back(l);
            to.push_back(*libraries[l].location.point);
        }
    }
    const auto metres = from.empty() || to.empty() ? std::vector<std::vector<double>>(from.size())
                                                   : context.measures.matrix(from, to, rule.within_m);
    for (std::size_t i = 0; i < movable.size(); ++i) {
        std::optional<std::size_t> nearest;
        double best = rule.within_m;
        for (std::size_t h = 0; h < hosts.size(); ++h) {
            if (metres[i][h] <= best) {
                best = metres[i][h];
                nearest = hosts[h];
            }
        }
        if (nearest) {
            r.moved[movable[i]] = *nearest;
        } else if (rule.otherwise_close) {
            open.erase(movable[i]);
        }
    }
    r.rule_notes.push_back(fmt::format(
        "The co-location rule moves each placed centre into the nearest library open in {} within {}, measured as "
        "this run measures every distance (along the roads, or the straight line times the circuity factor in the "
        "estimate); a centre with none that near {}.",
        r.year, fmt::format("{:g} km", rule.within_m / 1000.0), rule.otherwise_close ? "closes" : "stays where it is"));
}

// Keeps the centres that serve the most under-5s (as their nearest) while the
// budget lasts. Outreach, library bases and centres that cannot be placed (whose
// reach is unknown, so the rule cannot judge them) are paid for first.
void apply_budget_rule(ResolvedScenario& r, const BudgetRule& rule, const ResolveContext& context) {
    if (!r.costs.centre) {
        fail(rule.at, "keep_by_budget needs a cost per centre ([costs] centre = ...)");
    }
    const auto& centres = context.centres;
    const auto& libraries = context.libraries;
    std::vector<Point> points;
    for (const auto& point : r.service_points) {
        points.push_back(point.point);
    }
    const std::vector<double> served_by_point =
        points.empty() ? std::vector<double>{} : context.measures.served(points);
    std::map<std::size_t, double> served;  // placed centre -> under-5s for whom it is nearest
    for (std::size_t p = 0; p < r.service_points.size(); ++p) {
        if (const auto centre = r.service_points[p].centre) {
            served[*centre] += served_by_point[p];
        }
    }
    double spent = 0.0;
    for (const std::size_t l : r.outreach) {
        spent += outreach_cost(r, libraries[l]).value_or(0.0);
    }
    for (const std::size_t l : r.library_bases) {
        spent += library_base_cost(r, libraries[l]).value_or(0.0);
    }
    std::vector<std::size_t> kept;
    std::vector<std::size_t> ranked;
    std::size_t unplaced = 0;
    for (const std::size_t c : r.open) {
        if (served.count(c)) {
            ranked.push_back(c);
        } else {
            kept.push_back(c);
            spent += *centre_cost(r, centres[c], r.moved.count(c) > 0);
            ++unplaced;
        }
    }
    std::stable_sort(ranked.begin(), ranked.end(), [&](std::size_t a, std::size_t b) { return served[a] > served[b]; });
    std::size_t placed_kept = 0;
    for (const std::size_t c : ranked) {
        const double cost = *centre_cost(r, centres[c], r.moved.count(c) > 0);
        if (spent + cost <= rule.budget + 1e-6) {
            spent += cost;
            kept.push_back(c);
            ++placed_kept;
        }
    }
    if (placed_kept == 0 && !ranked.empty()) {
        fail(rule.at, "a budget of " + text::pounds(rule.budget) + " pays for no placed centre (" +
                          text::pounds(spent) + " goes first to outreach, library bases and centres "
                          "that cannot be placed)");
    }
    if (unplaced > 0) {
        r.rule_notes.push_back("The budget rule keeps the " + std::to_string(unplaced) +
                          " open centres that cannot be placed on the map (their reach is unknown, so it cannot rank "
                          "them) and pays for them first.");
    }
    std::sort(kept.begin(), kept.end());
    r.open = kept;
    r.budget = r.budget.value_or(rule.budget);
}

}  // namespace

std::map<std::string, ResolvedScenario> resolve_all(const ScenarioFile& file, const ResolveContext& context) {
    const auto& centres = context.centres;
    const auto& libraries = context.libraries;
    std::map<std::string, ResolvedScenario> resolved;
    for (const Scenario* s : in_dependency_order(file)) {
        stop_if_interrupted();
        ResolvedScenario r;
        if (s->start_from) {
            r = resolved.at(*s->start_from);  // its final state, budget rule included
            r.base_id = *s->start_from;
            r.base_name = r.scenario->name.empty() ? r.base_id : r.scenario->name;
        } else {
            r.base_id = s->id;
            r.base_name = s->name.empty() ? s->id : s->name;
            r.thresholds_m = sorted_thresholds(context.thresholds_m);
            r.outreach_thresholds_m = r.thresholds_m;
            r.costs = file.study.costs;
            r.year = context.year;
            for (std::size_t c = 0; c < centres.size(); ++c) {
                if (centres[c].duplicate_of.empty()) {  // one building counted once
                    r.open.push_back(c);
                }
            }
        }
        r.scenario = s;
        r.rule_notes.clear();
        r.keep_by_budget.reset();
        r.budget = s->budget;
        r.costs = merged_costs(r.costs, s->costs);
        if (s->year) {
            r.year = *s->year;
        }
        const bool own_thresholds = !s->thresholds_m.empty();
        if (own_thresholds) {
            r.thresholds_m = sorted_thresholds(s->thresholds_m);
        }
        r.notes.insert(r.notes.end(), s->notes.begin(), s->notes.end());
        std::set<std::size_t> open(r.open.begin(), r.open.end());

        if (s->keep_only) {
            std::set<std::size_t> only;
            for (const auto& id : *s->keep_only) {
                only.insert(centre_index(centres, id, s->where("keep_only"), "keep_only"));
            }
            std::erase_if(open, [&](std::size_t c) { return !only.count(c); });
        }
        if (!s->keep_where.empty()) {
            for (const auto& entry : s->keep_where) {
                const std::string& key = entry.first;  // a plain name: lambdas may not capture bindings (C++20, clang)
                if (std::none_of(centres.begin(), centres.end(), [&](const Site& c) { return c.attribute(key); })) {
                    fail(s->where("keep_where"), "keep_where: the centres have no column '" + key + "'");
                }
            }
            for (const auto& [key, value] : s->keep_where) {
                // A value no centre has (a typo) would close every centre: say so instead.
                std::set<std::string> values;
                for (const auto& centre : centres) {
                    if (const std::string* v = centre.attribute(key)) {
                        values.insert(*v);
                    }
                }
                if (!values.count(value)) {
                    std::string list;
                    for (const auto& v : values) {
                        list += (list.empty() ? "'" : ", '") + v + "'";
                    }
                    fail(s->where("keep_where"), "keep_where: no centre has " + key + " = '" + value +
                                                     "'; its values are " + list);
                }
            }
            std::erase_if(open, [&](std::size_t c) {
                return std::any_of(s->keep_where.begin(), s->keep_where.end(), [&](const auto& kv) {
                    const std::string* value = centres[c].attribute(kv.first);
                    return value == nullptr || *value != kv.second;
                });
            });
        }
        for (const auto& id : s->close) {
            open.erase(centre_index(centres, id, s->where("close"), "close"));
        }
        for (const auto& id : s->keep) {
            const std::size_t c = centre_index(centres, id, s->where("keep"), "keep");
            if (!centres[c].duplicate_of.empty()) {
                fail(s->where("keep"), "'" + id + "' in 'keep' is the same site as '" + centres[c].duplicate_of +
                                "'; keep that one instead");
            }
            open.insert(c);
        }
        std::set<std::size_t> paired;
        for (const auto& move : s->colocate) {
            const std::size_t c = centre_index(centres, move.centre, move.at, "colocate");
            if (!paired.insert(c).second) {
                fail(move.at, "centre '" + move.centre + "' is in two co-location pairs; move it into one library");
            }
            r.moved[c] = library_index(libraries, centres, move.library, move.at, "colocate");
            open.insert(c);
        }
        if (s->colocate_rule) {
            apply_colocation_rule(r, open, *s->colocate_rule, context);
        }
        r.open.assign(open.begin(), open.end());
        if (s->library_bases) {
            std::set<std::size_t> bases;
            for (const auto& id : *s->library_bases) {
                bases.insert(library_index(libraries, centres, id, s->where("library_bases"), "library_bases"));
            }
            r.library_bases.assign(bases.begin(), bases.end());
        }
        if (s->outreach) {
            r.outreach.clear();
            std::set<std::size_t> sites;
            if (s->outreach->all_libraries) {
                for (std::size_t l = 0; l < libraries.size(); ++l) {
                    if (open_in(libraries[l], r.year)) {
                        sites.insert(l);
                    }
                }
            }
            for (const auto& id : s->outreach->sites) {
                sites.insert(library_index(libraries, centres, id, s->outreach->at, "outreach.sites"));
            }
            r.outreach.assign(sites.begin(), sites.end());
            r.outreach_weight = s->outreach->weight;
            r.outreach_thresholds_m = pair_outreach_thresholds(
                own_thresholds ? s->thresholds_m : r.thresholds_m, s->outreach->thresholds_m, r.thresholds_m,
                s->outreach->at);
        } else if (own_thresholds) {
            // New thresholds: inherited outreach reaches as far as each threshold unless it said otherwise.
            r.outreach_thresholds_m = r.thresholds_m;
        }
        if (!s->target.empty()) {
            if (!context.lsoa_codes.empty()) {
                for (const auto& code : s->target.lsoas) {
                    if (!context.lsoa_codes.count(code)) {
                        fail(s->target.at, "target: '" + code + "' is not an area (LSOA) of the study");
                    }
                }
            }
            r.target = s->target;
        }
        for (const auto* costs : {&s->costs, &file.study.costs}) {
            for (const auto& entry : costs->per_site) {
                const std::string& id = entry.first;
                const bool known = std::any_of(centres.begin(), centres.end(), [&](const Site& c) { return c.id == id; }) ||
                                   std::any_of(libraries.begin(), libraries.end(), [&](const Site& l) { return l.id == id; });
                if (!known) {
                    fail(costs->sites_at, "costs.sites: '" + id + "' is not a centre or library id");
                }
            }
        }
        refresh(r, centres, libraries);
        if (s->keep_by_budget) {
            r.keep_by_budget = s->keep_by_budget;
            apply_budget_rule(r, *s->keep_by_budget, context);
            refresh(r, centres, libraries);
        }
        resolved[s->id] = std::move(r);
    }
    return resolved;
}

}  // namespace centrecov::scenario
