#include "analysis/optimise_study.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>

#include "core/error.hpp"
#include "core/progress.hpp"
#include "scenario/resolve.hpp"

namespace centrecov::analysis {

double FamilyWeighting::weight(const DemandPoint& family) const {
    if (deciles.empty()) {
        return family.under5;
    }
    const bool deprived = deciles.count(index == "imd" ? family.imd_decile : family.idaci_decile) > 0;
    if (!deprived) {
        return only ? 0.0 : family.under5;
    }
    return family.under5 * factor;
}

StudyProblem build_problem(const Study& study, const DistanceEngine& engine, const CandidateOptions& candidates,
                           const FamilyWeighting& weighting) {
    StudyProblem out;
    for (const auto& centre : study.centres) {
        if (centre.duplicate_of.empty() && centre.location.resolved()) {
            out.sites.push_back(&centre);
            out.problem.candidates.push_back({centre.id, candidates.centre_cost});
        }
    }
    if (candidates.with_libraries) {
        for (const auto& library : study.libraries) {
            if (library.location.resolved() && scenario::open_in(library, candidates.year)) {
                out.sites.push_back(&library);
                out.problem.candidates.push_back({library.id, candidates.library_cost});
            }
        }
    }
    auto mark = [&](const std::vector<std::string>& ids, bool open) {
        for (const auto& id : ids) {
            const auto found = std::find_if(out.problem.candidates.begin(), out.problem.candidates.end(),
                                            [&](const optimise::Candidate& c) { return c.id == id; });
            if (found == out.problem.candidates.end()) {
                throw UsageError("'" + id + "' is not a candidate site (a placed centre" +
                                 (candidates.with_libraries ? std::string(" or library") : std::string()) + ")");
            }
            (open ? found->forced_open : found->forced_closed) = true;
        }
    };
    mark(candidates.force_open, true);
    mark(candidates.force_closed, false);
    for (auto& c : out.problem.candidates) {
        c.capacity = candidates.capacity;
    }
    for (const auto& entry : candidates.capacity_of) {
        const std::string& id = entry.first;  // a plain name: lambdas may not capture bindings (clang)
        const auto found = std::find_if(out.problem.candidates.begin(), out.problem.candidates.end(),
                                        [&](const optimise::Candidate& c) { return c.id == id; });
        if (found == out.problem.candidates.end()) {
            throw UsageError("--capacity-of: '" + id + "' is not a candidate site");
        }
        found->capacity = entry.second;
    }

    std::vector<Point> families;
    for (const auto& family : study.families.points) {
        families.push_back(family.point);
        out.problem.weights.push_back(weighting.weight(family));
        out.problem.population.push_back(static_cast<double>(family.under5));
    }
    std::vector<Point> sites;
    for (const Site* site : out.sites) {
        sites.push_back(*site->location.point);
    }
    out.problem.distance = engine.matrix(families, sites);
    return out;
}

}  // namespace centrecov::analysis

namespace centrecov::analysis {

namespace {

optimise::Solution solve(const OptimiseSettings& settings, const optimise::Problem& problem,
                         const optimise::Request& request) {
    return settings.heuristic ? optimise::solve_heuristic(problem, request)
                              : optimise::solve_exact(problem, request, settings.time_limit_s);
}

// The share of the weight within the threshold of some candidate that may open.
double reachable_share(const optimise::Problem& problem, double threshold_m, double total_weight) {
    double reached = 0.0;
    for (std::size_t i = 0; i < problem.weights.size(); ++i) {
        for (std::size_t j = 0; j < problem.size(); ++j) {
            if (!problem.candidates[j].forced_closed && problem.distance[i][j] <= threshold_m) {
                reached += problem.weights[i];
                break;
            }
        }
    }
    return total_weight > 0.0 ? reached / total_weight : 1.0;
}

std::string scenario_id(const optimise::Request& request, const std::string& suffix) {
    std::string id = "optimal-cover";
    if (request.sites) {
        id = fmt::format("optimal-{}-sites", *request.sites);
    } else if (request.budget) {
        id = fmt::format("optimal-budget-{}", std::llround(*request.budget));
    }
    return id + suffix;
}

}  // namespace

double OptimiseRun::mean_distance_m(const optimise::Solution& solution) const {
    const double measured = total_weight - solution.unreachable_weight;
    return measured > 0.0 ? solution.weighted_distance / measured : std::numeric_limits<double>::quiet_NaN();
}

void assign_groups(optimise::Problem& problem, const Study& study, const std::string& groups) {
    if (groups != "idaci" && groups != "imd" && groups != "district") {
        throw UsageError("--groups must be idaci, imd or district, not '" + groups + "'");
    }
    std::map<std::string, std::size_t> index;
    std::vector<std::string> names;
    for (const auto& family : study.families.points) {
        std::string name;
        if (groups == "district") {
            name = family.district_name.empty() ? "no district" : family.district_name;
        } else {
            const int decile = groups == "idaci" ? family.idaci_decile : family.imd_decile;
            const std::string index_name = groups == "idaci" ? "IDACI" : "IMD";
            name = decile >= 1 ? fmt::format("{} decile {:02d}", index_name, decile) : "no " + index_name + " decile";
        }
        names.push_back(name);
        index.emplace(name, 0);
    }
    problem.group_names.clear();
    for (auto& [name, i] : index) {  // sorted: decile 01 first
        i = problem.group_names.size();
        problem.group_names.push_back(name);
    }
    problem.group.clear();
    for (const auto& name : names) {
        problem.group.push_back(index.at(name));
    }
}

OptimiseRun run_optimise(const Study& study, const DistanceEngine& engine, const OptimiseSettings& settings) {
    const bool capacitated = settings.candidates.capacity || !settings.candidates.capacity_of.empty();
    if (capacitated && settings.heuristic) {
        throw UsageError("capacities are solved by the exact method only; drop --method heuristic");
    }
    OptimiseRun run;
    run.settings = settings;
    run.distance_key = engine.key();
    run.distance_label = engine.label();
    run.families_at = study.families.at;
    run.measured_from = families::measured_from(study.families);
    auto candidates = settings.candidates;
    if (settings.compare_colocation) {
        candidates.with_libraries = false;
        run.variants.push_back({"centres", "", build_problem(study, engine, candidates, settings.weighting)});
        candidates.with_libraries = true;
        run.variants.push_back(
            {"centres and libraries", "-with-libraries", build_problem(study, engine, candidates, settings.weighting)});
    } else {
        run.variants.push_back({candidates.with_libraries ? "centres and libraries" : "centres", "",
                                build_problem(study, engine, candidates, settings.weighting)});
    }
    if (settings.objective == optimise::Objective::max_min) {
        if (settings.heuristic) {
            throw UsageError("the least-covered objective is solved exactly (CBC) only; drop --method heuristic");
        }
        for (auto& variant : run.variants) {
            assign_groups(variant.built.problem, study, settings.groups);
        }
    }
    const auto& weights = run.variants.front().built.problem.weights;
    run.total_weight = std::accumulate(weights.begin(), weights.end(), 0.0);
    for (const auto& variant : run.variants) {
        spdlog::info("{}: {} candidate sites, {} family areas; distances: {}", variant.label,
                     variant.built.problem.size(), variant.built.problem.weights.size(), run.distance_label);
    }

    std::vector<optimise::Request> requests;
    auto base_request = [&] {
        optimise::Request r;
        r.objective = settings.objective;
        r.threshold_m = settings.threshold_m;
        r.cover_share = settings.cover_share.value_or(1.0);
        return r;
    };
    for (const int k : settings.sites) {
        auto r = base_request();
        r.sites = k;
        requests.push_back(r);
    }
    for (const double b : settings.budgets) {
        auto r = base_request();
        r.budget = b;
        requests.push_back(r);
    }
    if (settings.objective == optimise::Objective::set_cover && settings.sites.empty() && settings.budgets.empty()) {
        requests.push_back(base_request());
    }
    for (const auto& asked : requests) {
        for (std::size_t v = 0; v < run.variants.size(); ++v) {
            const auto& built = run.variants[v].built;
            OptimiseAnswer answer;
            answer.variant = v;
            answer.request = asked;
            if (!settings.cover_share && settings.objective == optimise::Objective::set_cover) {
                answer.reachable_share = reachable_share(built.problem, settings.threshold_m, run.total_weight);
                answer.request.cover_share = *answer.reachable_share;
            }
            answer.solution = solve(settings, built.problem, answer.request);
            answer.scenario_id = scenario_id(asked, run.variants[v].id_suffix);
            for (std::size_t j = 0; j < answer.solution.open.size(); ++j) {
                if (answer.solution.open[j]) {
                    const Site* site = built.sites[j];
                    (site->kind == SiteKind::library ? answer.library_bases : answer.open_centres).push_back(site);
                }
            }
            run.answers.push_back(std::move(answer));
        }
    }
    if (settings.k_curve) {
        const auto& problem = run.variants.front().built.problem;
        Progress progress("k-curve", problem.size() * settings.k_curve_thresholds_m.size());
        for (const double t : settings.k_curve_thresholds_m) {
            for (std::size_t k = 1; k <= problem.size(); ++k) {
                optimise::Request r;
                r.objective = optimise::Objective::max_coverage;
                r.sites = static_cast<int>(k);
                r.threshold_m = t;
                const auto solution = solve(settings, problem, r);
                run.k_curve.push_back({static_cast<int>(k), t, solution.covered_weight,
                                       run.total_weight > 0.0 ? solution.covered_weight / run.total_weight : 0.0,
                                       solution.gap});
                progress.advance();
            }
        }
    }
    return run;
}

}  // namespace centrecov::analysis
