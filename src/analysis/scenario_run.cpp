#include "analysis/scenario_run.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <limits>
#include <cmath>
#include <numeric>
#include <set>

#include "core/error.hpp"
#include "core/interrupt.hpp"
#include "core/progress.hpp"
#include "core/text.hpp"
#include "analysis/uncertainty.hpp"
#include "scenario/scenario.hpp"

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
    NearestReport report = engine.nearest(families, services);
    result.nearest = std::move(report.origins);
    result.service_point_off_network = std::move(report.destination_off_network);
    result.service_point_off_network.resize(services.size(), false);
    std::vector<Point> outreach;
    for (const auto& point : result.resolved.outreach_points) {
        outreach.push_back(point.point);
    }
    result.nearest_outreach = engine.nearest(families, outreach).origins;
}

// Where a service point stands: the library it is in, else its centre.
const Site& standing_site(const scenario::ServicePoint& point, const Study& study) {
    return point.library ? study.libraries[*point.library] : study.centres[*point.centre];
}

// Distances from every family to every placed centre and library, measured once for the run:
// access scores need them all, within the catchment, in every scenario.
struct SiteMatrix {
    double within_m = 0.0;                    // farther is infinity
    std::vector<std::size_t> centre_column;   // per centre; npos when not placed
    std::vector<std::size_t> library_column;  // per library
    std::vector<std::vector<double>> metres;  // [family][column]
    std::vector<double> centre_capacity;
    std::vector<double> library_capacity;
};

double capacity_of(const Site& site, const Settings& settings) {
    if (const auto found = settings.capacity.find(site.id); found != settings.capacity.end()) {
        return found->second;
    }
    if (const std::string* value = site.attribute("capacity"); value && !value->empty()) {
        if (const auto number = text::parse_number(*value); number && *number >= 0.0 && std::isfinite(*number)) {
            return *number;
        }
        throw InputError(site.source_file, "line " + std::to_string(site.source_line),
                         "capacity '" + *value + "' of '" + site.id + "' is not a number of 0 or more");
    }
    return 1.0;
}

SiteMatrix site_matrix(const Study& study, const Settings& settings, const DistanceEngine& engine,
                       const std::vector<Point>& families) {
    const auto every_site = study.all_sites();
    for (const auto& entry : settings.capacity) {
        const std::string& id = entry.first;  // not a structured binding: clang 14 cannot capture one
        if (std::none_of(every_site.begin(), every_site.end(), [&id](const Site* site) { return site->id == id; })) {
            throw InputError(settings.access_at.file, "line " + std::to_string(settings.access_at.line),
                             "[study.access] capacity names '" + id + "', which is no centre or library");
        }
    }
    SiteMatrix m;
    std::vector<Point> points;
    auto add = [&](const std::vector<Site>& sites, std::vector<std::size_t>& column, std::vector<double>& capacity) {
        for (const auto& site : sites) {
            column.push_back(site.location.point ? points.size() : std::string::npos);
            capacity.push_back(capacity_of(site, settings));
            if (site.location.point) {
                points.push_back(*site.location.point);
            }
        }
    };
    add(study.centres, m.centre_column, m.centre_capacity);
    add(study.libraries, m.library_column, m.library_capacity);
    // Every decay is 0 beyond the catchment, and no threshold is farther than the largest.
    m.within_m = std::max(settings.access.resolved(settings.thresholds_m.back()).catchment_m,
                          settings.thresholds_m.back());
    m.metres = points.empty() ? std::vector<std::vector<double>>(families.size())
                              : engine.matrix(families, points, m.within_m);
    return m;
}

SiteDistances site_distances(const SiteMatrix& matrix) {
    SiteDistances out;
    out.within_m = matrix.within_m;
    // Site numbers in Study::all_sites order: centres, then libraries.
    std::vector<std::pair<std::size_t, std::uint32_t>> columns;  // (column, site)
    for (std::size_t c = 0; c < matrix.centre_column.size(); ++c) {
        if (matrix.centre_column[c] != std::string::npos) {
            columns.emplace_back(matrix.centre_column[c], static_cast<std::uint32_t>(c));
        }
    }
    for (std::size_t l = 0; l < matrix.library_column.size(); ++l) {
        if (matrix.library_column[l] != std::string::npos) {
            columns.emplace_back(matrix.library_column[l],
                                 static_cast<std::uint32_t>(matrix.centre_column.size() + l));
        }
    }
    for (const auto& row : matrix.metres) {
        auto& near = out.near.emplace_back();
        for (const auto& [column, site] : columns) {
            if (row[column] <= matrix.within_m) {
                near.emplace_back(site, row[column]);
            }
        }
    }
    return out;
}

// The nearest site of all, for families with none within reach: one search, not a bigger matrix.
void nearest_beyond(SiteDistances& distances, const Study& study, const DistanceEngine& engine,
                    const std::vector<Point>& families) {
    std::vector<Point> points;
    std::vector<std::uint32_t> site_of;
    const auto sites = study.all_sites();
    for (std::size_t s = 0; s < sites.size(); ++s) {
        if (sites[s]->location.point) {
            points.push_back(*sites[s]->location.point);
            site_of.push_back(static_cast<std::uint32_t>(s));
        }
    }
    distances.beyond.assign(families.size(), {UINT32_MAX, std::numeric_limits<double>::infinity()});
    if (points.empty()) {
        return;
    }
    const auto nearest = engine.nearest(families, points).origins;
    for (std::size_t f = 0; f < families.size(); ++f) {
        if (distances.near[f].empty() && nearest[f].found()) {
            distances.beyond[f] = {site_of[nearest[f].site], nearest[f].metres};
        }
    }
}

void measure_access(ScenarioResult& result, const SiteMatrix& matrix, const Study& study, const Settings& settings) {
    const auto& r = result.resolved;
    std::vector<std::size_t> columns;
    std::vector<double> supply;
    for (std::size_t p = 0; p < r.service_points.size(); ++p) {
        const auto& point = r.service_points[p];
        if (result.service_point_off_network[p]) {
            continue;
        }
        columns.push_back(point.library ? matrix.library_column[*point.library] : matrix.centre_column[*point.centre]);
        supply.push_back(point.centre ? matrix.centre_capacity[*point.centre] : matrix.library_capacity[*point.library]);
    }
    for (const auto& outreach : r.outreach_points) {
        columns.push_back(matrix.library_column[outreach.library]);
        supply.push_back(r.outreach_weight * matrix.library_capacity[outreach.library]);
    }
    std::vector<std::vector<double>> metres(matrix.metres.size());
    for (std::size_t f = 0; f < metres.size(); ++f) {
        for (const std::size_t c : columns) {
            metres[f].push_back(matrix.metres[f][c]);
        }
    }
    std::vector<double> demand;
    for (const auto& family : study.families.points) {
        demand.push_back(family.under5);
    }
    // Filled in from the thresholds unless resolve_settings already did.
    result.access = metrics::access_scores(metres, demand, supply, settings.access.resolved(settings.thresholds_m.back()));
}

EquityIndices equity_of(const ScenarioResult& result, const Study& study) {
    const auto& points = study.families.points;
    EquityIndices e;
    std::vector<double> covered;
    std::vector<double> access;
    std::vector<double> ranked_weight;
    std::vector<double> rank;
    std::vector<double> distance;
    std::vector<double> reached_weight;
    std::vector<std::string> district;
    const double first = result.resolved.thresholds_m.front();
    for (std::size_t f = 0; f < points.size(); ++f) {
        const double d = result.nearest[f].metres;
        if (points[f].idaci_rank >= 1) {
            covered.push_back(d <= first ? 1.0 : 0.0);
            access.push_back(result.access.enhanced[f]);
            ranked_weight.push_back(points[f].under5);
            rank.push_back(points[f].idaci_rank);
        } else {
            e.unranked_under5 += points[f].under5;
        }
        if (std::isfinite(d)) {
            distance.push_back(d);
            reached_weight.push_back(points[f].under5);
            district.push_back(points[f].district_code);
        } else {
            e.unreached_under5 += points[f].under5;
        }
    }
    // Coverage is yes/no, bounded in [0, 1]: the corrected index compares scenarios whose coverage differs.
    e.coverage_erreygers = metrics::erreygers_index(covered, ranked_weight, rank, 0.0, 1.0);
    e.access_concentration = metrics::concentration_index(access, ranked_weight, rank);
    e.distance_gini = metrics::gini(distance, reached_weight);
    e.distance_palma = metrics::palma(distance, reached_weight);
    e.distance_theil = metrics::theil(distance, reached_weight, district);
    return e;
}

// What measuring found, said once for the run. A network that misses much of the
// study area would report families as unreached when they are only off the map:
// refuse rather than mislead. Noted scenario by scenario, said at the end.
class MeasuringNotes {
public:
    MeasuringNotes(const Study& study, const Settings& settings) : study_(study), settings_(settings) {}

    void note(const ScenarioResult& result) {
        if (!settings_.network) {
            return;
        }
        // Every site that serves in some scenario, in the order first met; off the network or not.
        const auto& points = result.resolved.service_points;
        for (std::size_t p = 0; p < points.size(); ++p) {
            const Site& site = standing_site(points[p], study_);
            std::string name = fmt::format("{} '{}'", to_string(site.kind), site.id);
            if (seen_.insert(name).second) {
                sites_.emplace_back(std::move(name), result.service_point_off_network[p]);
            }
        }
        if (!families_noted_) {
            families_noted_ = true;
            note_families(result.nearest);
        }
    }

    // Adds the warnings to the run's; throws when the network misses the study area.
    void finish(ScenarioRun& run) const {
        if (!settings_.network || !families_noted_) {
            return;
        }
        const double max_snap_m = settings_.network->max_snap_m;
        std::size_t sites_off = 0;
        for (const auto& [name, off_network] : sites_) {
            if (off_network) {
                ++sites_off;
                run.warnings.push_back(fmt::format("{} is more than {:.0f} m from any usable road; it is left out "
                                                   "of network distances",
                                                   name, max_snap_m));
            }
        }
        run.warnings.insert(run.warnings.end(), family_warnings_.begin(), family_warnings_.end());
        constexpr double most_families_off = 0.10;
        if ((total_ > 0.0 && off_ > most_families_off * total_) || (!sites_.empty() && 2 * sites_off > sites_.size())) {
            throw InputError(settings_.network->file.string(), "",
                             fmt::format("the road network does not cover the study area: {} of {} under-5s and {} "
                                         "of {} sites are more than {:.0f} m from its roads (is it the right area?)",
                                         std::llround(off_), std::llround(total_), sites_off, sites_.size(),
                                         max_snap_m));
        }
    }

private:
    // Families snap to the network the same way in every scenario. Said once per area,
    // whether it is measured from its centroid or from its postcodes.
    void note_families(const std::vector<NearestSite>& nearest) {
        const double max_snap_m = settings_.network->max_snap_m;
        const auto& families = study_.families;
        for (std::size_t a = 0; a < families.areas.size(); ++a) {
            double area_off = 0.0;
            double area_island = 0.0;
            std::size_t points_off = 0;
            for (std::size_t f = families.first_point[a]; f < families.first_point[a + 1]; ++f) {
                const double under5 = families.points[f].under5;
                total_ += under5;
                if (nearest[f].off_network) {
                    area_off += under5;
                    ++points_off;
                } else if (nearest[f].island) {
                    area_island += under5;
                }
            }
            off_ += area_off;
            const auto& area = families.areas[a];
            const std::string where =
                families.points_in(a) > 1
                    ? fmt::format("{} of its {} postcodes are", points_off, families.points_in(a))
                    : std::string(families.at == families::FamiliesAt::postcodes ? "its postcode is"
                                                                                 : "the area's centre is");
            if (area_off > 0.0) {
                family_warnings_.push_back(fmt::format("families of {} ({} under-5s): {} more than {:.0f} m from any "
                                                       "usable road; counted as reaching no centre",
                                                       area.lsoa_code, std::llround(area_off), where, max_snap_m));
            }
            if (area_island > 0.0) {
                family_warnings_.push_back(fmt::format("families of {} ({} under-5s) join the road network on a "
                                                       "detached part; their distances may be missing or too long",
                                                       area.lsoa_code, std::llround(area_island)));
            }
        }
    }

    const Study& study_;
    const Settings& settings_;
    std::set<std::string> seen_;
    std::vector<std::pair<std::string, bool>> sites_;  // "kind 'id'", off
    bool families_noted_ = false;
    std::vector<std::string> family_warnings_;
    double total_ = 0.0;
    double off_ = 0.0;
};

void compare(ScenarioResult& result, const ScenarioResult& base, const Study& study, const DistanceEngine& engine,
             const std::vector<Point>& families, const metrics::Groupings& groupings) {
    const auto& thresholds = result.resolved.thresholds_m;
    result.base_equity = base.equity;
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
            change.lost += lost[f] ? study.families.points[f].under5 : 0.0;
            change.gained += gained[f] ? study.families.points[f].under5 : 0.0;
        }
        change.lost_by = groupings.count(study.families.points, lost);
        change.gained_by = groupings.count(study.families.points, gained);
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
            double left = 0.0;
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
    result.eligible.clear();
    result.eligible_under5 = 0.0;
    std::size_t eligible_count = 0;
    for (std::size_t f = 0; f < points.size(); ++f) {
        distances.push_back(result.nearest[f].metres);
        const bool eligible = r.eligible(points[f]);
        result.eligible.push_back(eligible);
        if (eligible) {
            ++eligible_count;
            result.eligible_under5 += points[f].under5;
        }
    }
    result.coverage = metrics::summarise(points, distances, r.thresholds_m);
    std::vector<std::string> districts;
    for (std::size_t p = 0; p < r.service_points.size(); ++p) {
        if (result.service_point_off_network[p]) {
            continue;
        }
        if (const auto code = study.gazetteer.district_code(standing_site(r.service_points[p], study).district)) {
            districts.push_back(*code);
        }
    }
    result.provision = metrics::provision_by_district(points, districts);
    result.equity = equity_of(result, study);
    if (eligible_count == points.size()) {
        result.eligible_coverage = result.coverage;  // everyone is eligible: the same figures, not worked out twice
    } else {
        std::vector<DemandPoint> eligible_points;
        std::vector<double> eligible_distances;
        for (std::size_t f = 0; f < points.size(); ++f) {
            if (result.eligible[f]) {
                eligible_points.push_back(points[f]);
                eligible_distances.push_back(distances[f]);
            }
        }
        result.eligible_coverage = metrics::summarise(eligible_points, eligible_distances, r.thresholds_m);
    }
    result.outreach_reach.assign(r.thresholds_m.size(), 0.0);
    result.weighted_coverage.assign(r.thresholds_m.size(), 0.0);
    for (std::size_t t = 0; t < r.thresholds_m.size(); ++t) {
        for (std::size_t f = 0; f < points.size(); ++f) {
            if (result.nearest[f].metres <= r.thresholds_m[t]) {
                result.weighted_coverage[t] += points[f].under5;
            } else if (result.reached_only_by_outreach(f, t)) {
                result.outreach_reach[t] += points[f].under5;
                result.weighted_coverage[t] += r.outreach_weight * points[f].under5;
            }
        }
    }
}

}  // namespace

bool ScenarioResult::reached_only_by_outreach(std::size_t family, std::size_t t) const {
    return nearest[family].metres > resolved.thresholds_m[t] &&
           nearest_outreach[family].metres <= resolved.outreach_thresholds_m[t];
}

namespace {

scenario::ResolveContext resolve_context(const Study& study, const Settings& settings, const DistanceEngine& engine,
                                         const std::vector<Point>& families) {
    scenario::ResolveContext context{study.centres, study.libraries, settings.thresholds_m,
                                     settings.year, {}, {}};
    for (const auto& family : study.families.areas) {
        context.lsoa_codes.insert(family.lsoa_code);
    }
    context.measures.matrix = [&engine](const std::vector<Point>& from, const std::vector<Point>& to,
                                        double within_m) {
        return engine.matrix(from, to, within_m);
    };
    context.measures.served = [&engine, &study, &families](const std::vector<Point>& sites) {
        std::vector<double> served(sites.size(), 0.0);
        const auto nearest = engine.nearest(families, sites).origins;
        for (std::size_t f = 0; f < nearest.size(); ++f) {
            if (nearest[f].found()) {
                served[nearest[f].site] += study.families.points[f].under5;
            }
        }
        return served;
    };
    return context;
}

}  // namespace

ScenarioRun run_scenarios(const Study& study, const scenario::ScenarioFile& file, const Settings& settings) {
    return run_scenarios(study, file, settings, std::numeric_limits<std::size_t>::max(), {});
}

ScenarioRun run_scenarios(const Study& study, const scenario::ScenarioFile& file, const Settings& settings,
                          std::size_t keep_first, const ScenarioSink& sink) {
    if (settings.year < 1) {
        // A year of 0 would quietly count no library that has an opening year.
        throw std::invalid_argument("run_scenarios: Settings::year is not set (resolve the settings first)");
    }
    ScenarioRun run;
    const std::shared_ptr<const DistanceEngine> engine = make_engine(settings.network, settings.distance, run.network);
    run.engine = engine;
    run.distance_key = engine->key();
    run.distance_label = engine->label();
    const auto families = family_points(study);
    const metrics::Groupings groupings(study.families.points);
    const auto resolved = scenario::resolve_all(file, resolve_context(study, settings, *engine, families));
    const SiteMatrix matrix = site_matrix(study, settings, *engine, families);
    run.site_distances = site_distances(matrix);
    nearest_beyond(run.site_distances, study, *engine, families);

    const std::size_t count = file.scenarios.size();
    run.scenario_count = count;
    keep_first = std::clamp<std::size_t>(keep_first, 1, std::max<std::size_t>(count, 1));
    std::map<std::string, std::size_t> file_index;
    std::vector<const scenario::ResolvedScenario*> in_file_order;
    std::map<std::string, std::size_t> dependants;  // scenarios still to be compared with each
    for (const auto& s : file.scenarios) {
        file_index.emplace(s.id, in_file_order.size());
        const auto& r = resolved.at(s.id);
        in_file_order.push_back(&r);
        run.most_thresholds = std::max(run.most_thresholds, r.thresholds_m.size());
        if (r.base_id != s.id) {
            ++dependants[r.base_id];
        }
    }
    if (!in_file_order.empty()) {
        run.first_thresholds_m = in_file_order.front()->thresholds_m;
    }
    UncertaintyDraws draws(in_file_order, study, settings, *engine);
    MeasuringNotes notes(study, settings);
    std::vector<std::shared_ptr<ScenarioResult>> kept(std::min(keep_first, count));
    std::map<std::string, std::shared_ptr<ScenarioResult>> bases;  // measured, with dependants still to come

    const auto order = scenario::in_dependency_order(file);
    Progress progress("scenarios", order.size());
    for (std::size_t first = 0; first < order.size(); first += scenario_block) {
        const std::size_t last = std::min(order.size(), first + scenario_block);
        std::vector<std::shared_ptr<ScenarioResult>> block;
        std::map<std::string, std::size_t> in_block;
        for (std::size_t k = first; k < last; ++k) {
            const scenario::Scenario* s = order[k];
            spdlog::debug("scenario {}: {}", s->id, s->name);
            auto result = std::make_shared<ScenarioResult>();
            result->resolved = resolved.at(s->id);
            measure(*result, *engine, families);
            measure_access(*result, matrix, study, settings);
            summarise(*result, study);
            const auto& r = result->resolved;
            if (r.cost && r.budget && *r.cost > *r.budget + 0.5) {
                result->warnings.push_back(fmt::format("costs {} a year, {} over its budget of {}",
                                                       text::pounds(*r.cost), text::pounds(*r.cost - *r.budget),
                                                       text::pounds(*r.budget)));
            }
            notes.note(*result);
            in_block.emplace(s->id, block.size());
            block.push_back(std::move(result));
            progress.advance();
        }
        // Each base comes before its dependants: earlier in this block, or held from an earlier one.
        std::vector<std::pair<std::size_t, ScenarioResult*>> for_draws;
        ScenarioBlock done;
        for (const auto& result : block) {
            stop_if_interrupted();
            const std::string& base_id = result->resolved.base_id;
            const auto here = in_block.find(base_id);
            const ScenarioResult& base = here != in_block.end() ? *block[here->second] : *bases.at(base_id);
            compare(*result, base, study, *engine, families, groupings);
            const std::size_t index = file_index.at(result->resolved.scenario->id);
            for_draws.emplace_back(index, result.get());
            done.emplace_back(index, result.get());
        }
        draws.intervals(for_draws);
        if (sink) {
            sink(run, done);
        }
        for (const auto& result : block) {
            const std::string& id = result->resolved.scenario->id;
            const std::string& base_id = result->resolved.base_id;
            if (const std::size_t index = file_index.at(id); index < kept.size()) {
                kept[index] = result;
            }
            if (const auto found = dependants.find(id); found != dependants.end() && found->second > 0) {
                bases.emplace(id, result);
            }
            if (base_id != id && --dependants.at(base_id) == 0) {
                bases.erase(base_id);  // its last dependant is done
            }
        }
    }
    notes.finish(run);
    for (auto& result : kept) {
        run.results.push_back(std::move(*result));
    }
    kept.clear();
    draws.summarise(run);
    return run;
}

}  // namespace centrecov::analysis
