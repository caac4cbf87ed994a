// Exact models through CBC's C interface. Demand points that see the same
// candidates (coverage) or lie at the same distances (p-median) are merged
// into one row with their weights summed: same optimum, smaller model.

#include <coin/Cbc_C_Interface.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <numeric>

#include "optimise/bound.hpp"
#include "optimise/detail/state.hpp"
#include "optimise/problem.hpp"

namespace centrecov::optimise {

namespace {

struct ModelDeleter {
    void operator()(Cbc_Model* model) const { Cbc_deleteModel(model); }
};
using ModelPtr = std::unique_ptr<Cbc_Model, ModelDeleter>;

struct Group {
    std::vector<int> candidates;     // coverage: the candidates within reach
    std::vector<double> distances;   // p-median: distance to each candidate
    double weight = 0.0;
};

std::vector<Group> coverage_groups(const Problem& problem, double threshold) {
    std::map<std::vector<int>, double> merged;
    for (std::size_t i = 0; i < problem.weights.size(); ++i) {
        std::vector<int> within;
        for (std::size_t j = 0; j < problem.size(); ++j) {
            if (problem.distance[i][j] <= threshold && !problem.candidates[j].forced_closed) {
                within.push_back(static_cast<int>(j));
            }
        }
        if (!within.empty()) {
            merged[within] += problem.weights[i];
        }
    }
    std::vector<Group> groups;
    for (auto& [within, weight] : merged) {
        groups.push_back({within, {}, weight});
    }
    return groups;
}

std::vector<Group> distance_groups(const Problem& problem) {
    std::map<std::vector<double>, double> merged;
    for (std::size_t i = 0; i < problem.weights.size(); ++i) {
        merged[problem.distance[i]] += problem.weights[i];
    }
    std::vector<Group> groups;
    for (auto& [distances, weight] : merged) {
        if (std::any_of(distances.begin(), distances.end(), [](double d) { return std::isfinite(d); })) {
            groups.push_back({{}, distances, weight});
        }
    }
    return groups;
}

// Capacitated models give each family a share of each site within reach
// (coverage) or reachable at all (p-median): columns a_ij in [0, 1], at most
// (coverage) or exactly (p-median) one in all, a_ij <= y_j, and per site
// sum_i population_i a_ij <= capacity_j y_j. Families are not merged: two
// with the same sites may still differ in weight per child.
void add_capacitated(Cbc_Model* model, const Problem& problem, const Request& request, int& column) {
    const int n = static_cast<int>(problem.size());
    const bool median = request.objective == Objective::p_median;
    std::vector<std::vector<int>> site_rows(problem.size());       // share columns per site
    std::vector<std::vector<double>> site_children(problem.size());
    std::vector<int> all_shares;
    std::vector<double> share_weights;
    for (std::size_t i = 0; i < problem.weights.size(); ++i) {
        std::vector<int> shares;
        for (int j = 0; j < n; ++j) {
            const auto uj = static_cast<std::size_t>(j);
            const double d = problem.distance[i][uj];
            const bool usable = median ? std::isfinite(d) : d <= request.threshold_m;
            if (!usable || problem.candidates[uj].forced_closed) {
                continue;
            }
            const double objective = median ? problem.weights[i] * d
                                             : (request.objective == Objective::max_coverage ? problem.weights[i] : 0.0);
            Cbc_addCol(model, "", 0.0, 1.0, objective, 0, 0, nullptr, nullptr);
            const int cols[] = {column, j};
            const double coefs[] = {1.0, -1.0};
            Cbc_addRow(model, "", 2, cols, coefs, 'L', 0.0);
            shares.push_back(column);
            site_rows[uj].push_back(column);
            site_children[uj].push_back(problem.population_at(i));
            all_shares.push_back(column);
            share_weights.push_back(problem.weights[i]);
            ++column;
        }
        if (median && problem.weights[i] > 0.0 && !shares.empty()) {
            // Every family some site reaches is served (one that none reaches counts in no objective).
            const std::vector<double> ones(shares.size(), 1.0);
            Cbc_addRow(model, "", static_cast<int>(shares.size()), shares.data(), ones.data(), 'E', 1.0);
        } else if (!shares.empty()) {
            const std::vector<double> ones(shares.size(), 1.0);
            Cbc_addRow(model, "", static_cast<int>(shares.size()), shares.data(), ones.data(), 'L', 1.0);
        }
    }
    for (int j = 0; j < n; ++j) {
        const auto uj = static_cast<std::size_t>(j);
        const auto& capacity = problem.candidates[uj].capacity;
        if (!capacity || site_rows[uj].empty()) {
            continue;
        }
        std::vector<int> cols = site_rows[uj];
        std::vector<double> coefs = site_children[uj];
        cols.push_back(j);
        coefs.push_back(-*capacity);
        Cbc_addRow(model, "", static_cast<int>(cols.size()), cols.data(), coefs.data(), 'L', 0.0);
    }
    if (request.objective == Objective::set_cover) {
        const double total = std::accumulate(problem.weights.begin(), problem.weights.end(), 0.0);
        Cbc_addRow(model, "share", static_cast<int>(all_shares.size()), all_shares.data(), share_weights.data(), 'G',
                   request.cover_share * total - 1e-9);
    }
    Cbc_setObjSense(model, request.objective == Objective::max_coverage ? -1.0 : 1.0);
}

// Max-min: y_i <= sum of the sites within reach of i; z <= share of group g covered, for every
// group; maximise z, or (second pass) hold z at its floor and maximise all coverage. Points of one
// group that see the same candidates are merged.
void add_max_min(Cbc_Model* model, const Problem& problem, const Request& request, int& column) {
    const std::size_t groups = problem.group_names.size();
    const auto reachable = reachable_families(problem);
    std::vector<double> group_total(groups, 0.0);
    double total = 0.0;
    std::map<std::pair<std::size_t, std::vector<int>>, double> merged;
    for (std::size_t i = 0; i < problem.weights.size(); ++i) {
        if (!reachable[i]) {
            continue;
        }
        group_total[problem.group[i]] += problem.weights[i];
        total += problem.weights[i];
        std::vector<int> within;
        for (std::size_t j = 0; j < problem.size(); ++j) {
            if (problem.distance[i][j] <= request.threshold_m && !problem.candidates[j].forced_closed) {
                within.push_back(static_cast<int>(j));
            }
        }
        if (!within.empty()) {
            merged[{problem.group[i], within}] += problem.weights[i];
        }
    }
    const int z = column++;
    const bool second = request.least_share_floor.has_value();
    Cbc_addCol(model, "least_share", second ? std::max(0.0, *request.least_share_floor - 1e-9) : 0.0, 1.0,
               second ? 0.0 : 1.0, 0, 0, nullptr, nullptr);
    std::vector<std::vector<int>> group_cols(groups);
    std::vector<std::vector<double>> group_coefs(groups);
    for (const auto& [key, weight] : merged) {
        const auto& [g, within] = key;
        Cbc_addCol(model, "", 0.0, 1.0, second && total > 0.0 ? weight / total : 0.0, 0, 0, nullptr, nullptr);
        std::vector<int> cols{column};
        std::vector<double> coefs{1.0};
        for (const int j : within) {
            cols.push_back(j);
            coefs.push_back(-1.0);
        }
        Cbc_addRow(model, "", static_cast<int>(cols.size()), cols.data(), coefs.data(), 'L', 0.0);
        group_cols[g].push_back(column);
        group_coefs[g].push_back(-weight / group_total[g]);
        ++column;
    }
    for (std::size_t g = 0; g < groups; ++g) {
        if (group_total[g] <= 0.0) {
            continue;  // a group with no family any candidate reaches sets no floor
        }
        std::vector<int> cols = group_cols[g];
        std::vector<double> coefs = group_coefs[g];
        cols.push_back(z);
        coefs.push_back(1.0);
        Cbc_addRow(model, "", static_cast<int>(cols.size()), cols.data(), coefs.data(), 'L', 0.0);
    }
    Cbc_setObjSense(model, -1.0);
}

// Builds the model; site columns come first (0 .. n-1).
ModelPtr build(const Problem& problem, const Request& request, bool relax) {
    ModelPtr model(Cbc_newModel());
    Cbc_setLogLevel(model.get(), 0);
    const int n = static_cast<int>(problem.size());
    const char integer = relax ? 0 : 1;
    for (int j = 0; j < n; ++j) {
        const auto& c = problem.candidates[static_cast<std::size_t>(j)];
        const double objective = request.objective == Objective::set_cover ? c.cost : 0.0;
        Cbc_addCol(model.get(), "", c.forced_open ? 1.0 : 0.0, c.forced_closed ? 0.0 : 1.0, objective, integer, 0,
                   nullptr, nullptr);
    }
    std::vector<int> all(static_cast<std::size_t>(n));
    std::iota(all.begin(), all.end(), 0);
    if (request.sites) {
        const std::vector<double> ones(all.size(), 1.0);
        Cbc_addRow(model.get(), "sites", n, all.data(), ones.data(), 'E', *request.sites);
    }
    if (request.budget) {
        std::vector<double> costs;
        for (const auto& c : problem.candidates) {
            costs.push_back(c.cost);
        }
        Cbc_addRow(model.get(), "budget", n, all.data(), costs.data(), 'L', *request.budget);
    }
    int column = n;
    if (request.objective == Objective::max_min) {
        add_max_min(model.get(), problem, request, column);
    } else if (problem.capacitated()) {
        add_capacitated(model.get(), problem, request, column);
    } else if (request.objective == Objective::max_coverage || request.objective == Objective::set_cover) {
        const auto groups = coverage_groups(problem, request.threshold_m);
        const bool share_rows = request.objective == Objective::set_cover;
        std::vector<int> z_columns;
        std::vector<double> z_weights;
        for (const auto& group : groups) {
            // z covers the group only if a site within reach is open: z - sum(y) <= 0.
            const double objective = request.objective == Objective::max_coverage ? group.weight : 0.0;
            Cbc_addCol(model.get(), "", 0.0, 1.0, objective, 0, 0, nullptr, nullptr);
            std::vector<int> cols{column};
            std::vector<double> coefs{1.0};
            for (const int j : group.candidates) {
                cols.push_back(j);
                coefs.push_back(-1.0);
            }
            Cbc_addRow(model.get(), "", static_cast<int>(cols.size()), cols.data(), coefs.data(), 'L', 0.0);
            z_columns.push_back(column);
            z_weights.push_back(group.weight);
            ++column;
        }
        if (share_rows) {
            const double total = std::accumulate(problem.weights.begin(), problem.weights.end(), 0.0);
            Cbc_addRow(model.get(), "share", static_cast<int>(z_columns.size()), z_columns.data(), z_weights.data(),
                       'G', request.cover_share * total - 1e-9);
        }
        Cbc_setObjSense(model.get(), request.objective == Objective::max_coverage ? -1.0 : 1.0);
    } else {
        for (const auto& group : distance_groups(problem)) {
            // A family never goes past a site that is certainly open: farther sites need no column.
            double nearest_forced = unreachable;
            for (int j = 0; j < n; ++j) {
                if (problem.candidates[static_cast<std::size_t>(j)].forced_open) {
                    nearest_forced = std::min(nearest_forced, group.distances[static_cast<std::size_t>(j)]);
                }
            }
            std::vector<int> assign_cols;
            for (int j = 0; j < n; ++j) {
                const double d = group.distances[static_cast<std::size_t>(j)];
                if (!std::isfinite(d) || problem.candidates[static_cast<std::size_t>(j)].forced_closed ||
                    d > nearest_forced) {
                    continue;
                }
                Cbc_addCol(model.get(), "", 0.0, 1.0, group.weight * d, 0, 0, nullptr, nullptr);
                // x_ij <= y_j
                const int cols[] = {column, j};
                const double coefs[] = {1.0, -1.0};
                Cbc_addRow(model.get(), "", 2, cols, coefs, 'L', 0.0);
                assign_cols.push_back(column);
                ++column;
            }
            const std::vector<double> ones(assign_cols.size(), 1.0);
            Cbc_addRow(model.get(), "", static_cast<int>(assign_cols.size()), assign_cols.data(), ones.data(), 'E',
                       1.0);
        }
        Cbc_setObjSense(model.get(), 1.0);
    }
    return model;
}

}  // namespace

double lp_bound(const Problem& problem, const Request& request) {
    ModelPtr model = build(problem, request, true);
    Cbc_solve(model.get());
    return Cbc_getObjValue(model.get());
}

namespace detail {

SharedOut share_out(const Problem& problem, const Request& request, const std::vector<bool>& open) {
    // A family that some candidate reaches but no open site does makes the median infinite.
    const auto reachable = reachable_families(problem);
    bool stranded = false;
    for (std::size_t i = 0; i < problem.weights.size() && !stranded; ++i) {
        if (!reachable[i] || problem.weights[i] <= 0.0) {
            continue;
        }
        stranded = true;
        for (std::size_t j = 0; j < problem.size() && stranded; ++j) {
            stranded = !(open[j] && std::isfinite(problem.distance[i][j]));
        }
    }
    Problem fixed = problem;
    for (std::size_t j = 0; j < fixed.size(); ++j) {
        fixed.candidates[j].forced_open = open[j];
        fixed.candidates[j].forced_closed = !open[j];
    }
    const std::size_t n = problem.size();
    const bool median_sharing = request.objective == Objective::p_median;
    std::vector<double> load(n, 0.0);
    auto solve = [&](Objective objective) {
        Request r;
        r.objective = objective;
        r.threshold_m = request.threshold_m;
        ModelPtr model = build(fixed, r, true);
        Cbc_solve(model.get());
        if (Cbc_isProvenOptimal(model.get()) == 0) {
            return unreachable;
        }
        if ((objective == Objective::p_median) == median_sharing) {
            // Share columns follow the sites, family by family, in the order build() adds them.
            const double* values = Cbc_getColSolution(model.get());
            std::size_t column = n;
            for (std::size_t i = 0; i < fixed.weights.size(); ++i) {
                for (std::size_t j = 0; j < n; ++j) {
                    const double d = fixed.distance[i][j];
                    const bool usable = objective == Objective::p_median ? std::isfinite(d) : d <= request.threshold_m;
                    if (usable && !fixed.candidates[j].forced_closed) {
                        load[j] += values[column] * fixed.population_at(i);
                        ++column;
                    }
                }
            }
        }
        return Cbc_getObjValue(model.get());
    };
    SharedOut out;
    out.covered_weight = solve(Objective::max_coverage);
    if (!std::isfinite(out.covered_weight)) {
        out.covered_weight = 0.0;
    }
    out.weighted_distance = stranded ? unreachable : solve(Objective::p_median);
    out.load = load;
    return out;
}

}  // namespace detail

namespace {

Solution finish(const Problem& problem, const Request& request, Cbc_Model* model) {
    if (Cbc_isProvenInfeasible(model)) {
        throw InfeasibleRequest("no choice of sites meets the request (CBC proved it infeasible)");
    }
    const double* values = Cbc_getColSolution(model);
    if (values == nullptr) {
        throw InfeasibleRequest("CBC found no solution within the time limit");
    }
    std::vector<bool> open(problem.size());
    for (std::size_t j = 0; j < problem.size(); ++j) {
        open[j] = values[j] > 0.5;
    }
    Solution s = evaluate(problem, request, open);
    if (!feasible(problem, request, s)) {
        throw InfeasibleRequest("CBC found no solution that meets the request within the time limit");
    }
    s.method = "exact (CBC)";
    s.bound_method = "branch and bound (CBC)";
    s.proven_optimal = Cbc_isProvenOptimal(model) != 0;
    s.bound = s.proven_optimal ? s.objective : Cbc_getBestPossibleObjValue(model);
    s.gap = relative_gap(s.objective, s.bound);
    return s;
}

// p-median: the interchange heuristic is usually optimal on problems this
// size and the Lagrangian bound usually proves it, far faster than CBC's LP
// on the assignment model. When it does not, the sites the bound settles are
// fixed and CBC finishes from the heuristic's answer.
Solution solve_median(const Problem& problem, const Request& request, double time_limit_s) {
    Solution incumbent = detail::search_without_bound(problem, request);
    LagrangianBound bound = lagrangian_bound(problem, request, incumbent, 3000);
    if (relative_gap(incumbent.objective, bound.bound) > optimality_tolerance && request.sites &&
        !request.budget && bound.site_values.size() == problem.size()) {
        // The relaxation's own choice of sites (the cheapest prices) is often the optimum the
        // greedy start missed: interchange from it too, and keep the better.
        std::vector<std::size_t> order;
        std::vector<bool> start(problem.size(), false);
        std::size_t count = 0;
        for (std::size_t j = 0; j < problem.size(); ++j) {
            if (problem.candidates[j].forced_open) {
                start[j] = true;
                ++count;
            } else if (!problem.candidates[j].forced_closed) {
                order.push_back(j);
            }
        }
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            return bound.site_values[a] < bound.site_values[b];
        });
        for (std::size_t t = 0; t < order.size() && count < static_cast<std::size_t>(*request.sites); ++t, ++count) {
            start[order[t]] = true;
        }
        Solution other = detail::interchange_from(problem, request, start);
        if (feasible(problem, request, other) && better(request, other.objective, incumbent.objective)) {
            incumbent = std::move(other);
            bound = lagrangian_bound(problem, request, incumbent, 3000);
        }
    }
    if (relative_gap(incumbent.objective, bound.bound) <= optimality_tolerance) {
        incumbent.method = "exact (interchange, proven by Lagrangian bound)";
        incumbent.bound_method = "Lagrangian relaxation";
        incumbent.bound = bound.bound;
        incumbent.gap = relative_gap(incumbent.objective, incumbent.bound);
        incumbent.proven_optimal = true;
        return incumbent;
    }
    Problem reduced = problem;
    const auto settled = settle_sites(problem, request, bound, incumbent);
    for (std::size_t j = 0; j < reduced.size(); ++j) {
        if (settled[j]) {
            reduced.candidates[j].forced_open = *settled[j];
            reduced.candidates[j].forced_closed = !*settled[j];
        }
    }
    ModelPtr model = build(reduced, request, false);
    std::vector<int> columns(problem.size());
    std::iota(columns.begin(), columns.end(), 0);
    std::vector<double> start(problem.size());
    for (std::size_t j = 0; j < problem.size(); ++j) {
        start[j] = incumbent.open[j] ? 1.0 : 0.0;
    }
    Cbc_setMIPStartI(model.get(), static_cast<int>(columns.size()), columns.data(), start.data());
    Cbc_setMaximumSeconds(model.get(), time_limit_s);
    Cbc_solve(model.get());
    Solution s = finish(problem, request, model.get());
    if (better(request, incumbent.objective, s.objective)) {
        s = incumbent;  // CBC stopped early with less than it was given
    }
    // Fixing only drops choices that cannot beat the incumbent, so the reduced model's bound holds for all.
    s.bound = Cbc_isProvenOptimal(model.get()) != 0 ? s.objective : std::max(bound.bound, Cbc_getBestPossibleObjValue(model.get()));
    s.gap = relative_gap(s.objective, s.bound);
    s.proven_optimal = s.gap <= optimality_tolerance;
    s.method = "exact (Lagrangian fixing + CBC)";
    s.bound_method = s.proven_optimal ? "branch and bound (CBC)" : "Lagrangian relaxation and CBC";
    return s;
}

}  // namespace

Solution solve_exact(const Problem& problem, const Request& request, double time_limit_s) {
    check_request(problem, request);
    if (request.objective == Objective::p_median && !problem.capacitated()) {
        return solve_median(problem, request, time_limit_s);
    }
    ModelPtr model = build(problem, request, false);
    Cbc_setMaximumSeconds(model.get(), time_limit_s);
    Cbc_solve(model.get());
    Solution s = finish(problem, request, model.get());
    if (request.objective == Objective::max_min && s.proven_optimal && !request.least_share_floor) {
        // Second pass: of the choices that give the least-covered group that much, the one covering most.
        Request second = request;
        second.least_share_floor = s.objective;
        ModelPtr tie_break = build(problem, second, false);
        Cbc_setMaximumSeconds(tie_break.get(), time_limit_s);
        Cbc_solve(tie_break.get());
        if (Cbc_isProvenOptimal(tie_break.get()) != 0) {
            Solution better_covered = finish(problem, request, tie_break.get());
            if (better_covered.objective >= s.objective - 1e-9 && better_covered.covered_weight > s.covered_weight) {
                better_covered.bound = s.bound;
                better_covered.gap = relative_gap(better_covered.objective, better_covered.bound);
                better_covered.proven_optimal = true;
                s = std::move(better_covered);
            }
        }
    }
    return s;
}

}  // namespace centrecov::optimise
