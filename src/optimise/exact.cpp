// Exact models through CBC's C interface. Demand points that see the same
// candidates (coverage) or lie at the same distances (p-median) are merged
// into one row with their weights summed: same optimum, smaller model.

#include <coin/Cbc_C_Interface.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <numeric>

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
    if (request.objective == Objective::max_coverage || request.objective == Objective::set_cover) {
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
            std::vector<int> assign_cols;
            for (int j = 0; j < n; ++j) {
                const double d = group.distances[static_cast<std::size_t>(j)];
                if (!std::isfinite(d) || problem.candidates[static_cast<std::size_t>(j)].forced_closed) {
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

Solution solve_exact(const Problem& problem, const Request& request, double time_limit_s) {
    check_request(problem, request);
    ModelPtr model = build(problem, request, false);
    Cbc_setMaximumSeconds(model.get(), time_limit_s);
    Cbc_solve(model.get());
    if (Cbc_isProvenInfeasible(model.get())) {
        throw InfeasibleRequest("no choice of sites meets the request (CBC proved it infeasible)");
    }
    const double* values = Cbc_getColSolution(model.get());
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
    s.proven_optimal = Cbc_isProvenOptimal(model.get()) != 0;
    s.bound = s.proven_optimal ? s.objective : Cbc_getBestPossibleObjValue(model.get());
    const double scale = std::max(std::abs(s.objective), 1e-9);
    s.gap = std::abs(s.objective - s.bound) / scale;
    return s;
}

}  // namespace centrecov::optimise
