// Brute force and the greedy-plus-interchange heuristic.

#include <algorithm>
#include <cmath>
#include <numeric>

#include "optimise/problem.hpp"

namespace centrecov::optimise {

bool feasible(const Problem& problem, const Request& request, const Solution& evaluated) {
    for (std::size_t j = 0; j < problem.size(); ++j) {
        const auto& c = problem.candidates[j];
        if ((c.forced_open && !evaluated.open[j]) || (c.forced_closed && evaluated.open[j])) {
            return false;
        }
    }
    if (request.sites && evaluated.open_count() != static_cast<std::size_t>(*request.sites)) {
        return false;
    }
    if (request.budget && evaluated.cost > *request.budget + 1e-6) {
        return false;
    }
    if (request.objective == Objective::set_cover) {
        const double total = std::accumulate(problem.weights.begin(), problem.weights.end(), 0.0);
        return evaluated.covered_weight >= request.cover_share * total - 1e-6;
    }
    return true;
}

Solution solve_brute_force(const Problem& problem, const Request& request) {
    check_request(problem, request);
    const std::size_t n = problem.size();
    if (n > 24) {
        throw std::invalid_argument("brute force is for at most 24 candidates");
    }
    std::optional<Solution> best;
    for (std::uint32_t mask = 0; mask < (1U << n); ++mask) {
        std::vector<bool> open(n);
        for (std::size_t j = 0; j < n; ++j) {
            open[j] = ((mask >> j) & 1U) != 0;
        }
        Solution s = evaluate(problem, request, open);
        if (feasible(problem, request, s) && (!best || better(request, s.objective, best->objective))) {
            best = std::move(s);
        }
    }
    if (!best) {
        throw InfeasibleRequest("no choice of sites meets the request");
    }
    best->bound = best->objective;
    best->proven_optimal = true;
    best->method = "brute force";
    return *best;
}

namespace {

// The score the heuristic compares: the objective, with unreachable families
// counted at a large distance so that p-median starts from an empty set.
double score(const Request& request, const Solution& s) {
    if (request.objective == Objective::p_median && !std::isfinite(s.objective)) {
        return 1e300;
    }
    return s.objective;
}

bool can_open(const Problem& problem, const Request& request, const std::vector<bool>& open, std::size_t j,
              double cost) {
    if (open[j] || problem.candidates[j].forced_closed) {
        return false;
    }
    const auto count = static_cast<int>(std::count(open.begin(), open.end(), true));
    if (request.sites && count >= *request.sites) {
        return false;
    }
    return !request.budget || cost + problem.candidates[j].cost <= *request.budget + 1e-6;
}

Solution set_cover_heuristic(const Problem& problem, const Request& request, std::vector<bool> open) {
    Solution current = evaluate(problem, request, open);
    while (!feasible(problem, request, current)) {
        std::optional<std::size_t> pick;
        double best_ratio = 0.0;
        for (std::size_t j = 0; j < problem.size(); ++j) {
            if (open[j] || problem.candidates[j].forced_closed) {
                continue;
            }
            open[j] = true;
            const double gain = evaluate(problem, request, open).covered_weight - current.covered_weight;
            open[j] = false;
            const double ratio = gain / std::max(problem.candidates[j].cost, 1e-9);
            if (gain > 1e-9 && ratio > best_ratio + 1e-12) {
                best_ratio = ratio;
                pick = j;
            }
        }
        if (!pick) {
            throw InfeasibleRequest("no choice of sites covers the share asked for");
        }
        open[*pick] = true;
        current = evaluate(problem, request, open);
    }
    // Drop sites that are no longer needed, dearest first.
    std::vector<std::size_t> order(problem.size());
    std::iota(order.begin(), order.end(), 0U);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return problem.candidates[a].cost > problem.candidates[b].cost; });
    for (const std::size_t j : order) {
        if (!open[j] || problem.candidates[j].forced_open) {
            continue;
        }
        open[j] = false;
        Solution without = evaluate(problem, request, open);
        if (feasible(problem, request, without)) {
            current = std::move(without);
        } else {
            open[j] = true;
        }
    }
    return current;
}

}  // namespace

Solution solve_heuristic(const Problem& problem, const Request& request) {
    check_request(problem, request);
    const std::size_t n = problem.size();
    std::vector<bool> open(n, false);
    for (std::size_t j = 0; j < n; ++j) {
        open[j] = problem.candidates[j].forced_open;
    }
    Solution current;
    if (request.objective == Objective::set_cover) {
        current = set_cover_heuristic(problem, request, open);
    } else {
        current = evaluate(problem, request, open);
        // Greedy: the site adding most (per pound, under a budget) until the count or money runs out.
        while (true) {
            std::optional<std::size_t> pick;
            double best_value = 0.0;
            Solution best_next;
            for (std::size_t j = 0; j < n; ++j) {
                if (!can_open(problem, request, open, j, current.cost)) {
                    continue;
                }
                open[j] = true;
                Solution next = evaluate(problem, request, open);
                open[j] = false;
                double gain = request.objective == Objective::max_coverage ? next.objective - current.objective
                                                                           : score(request, current) - score(request, next);
                if (request.budget && !request.sites) {
                    gain /= std::max(problem.candidates[j].cost, 1e-9);
                }
                const bool must_fill = request.sites.has_value();  // a count must be met even without gain
                if ((!pick && (gain > 1e-12 || must_fill)) || (pick && gain > best_value + 1e-12)) {
                    pick = j;
                    best_value = gain;
                    best_next = std::move(next);
                }
            }
            if (!pick) {
                break;
            }
            open[*pick] = true;
            current = std::move(best_next);
        }
        // Teitz-Bart: swap an open site for a closed one while the best swap improves.
        bool improved = true;
        while (improved) {
            improved = false;
            std::optional<std::pair<std::size_t, std::size_t>> best_swap;
            Solution best_solution = current;
            for (std::size_t out = 0; out < n; ++out) {
                if (!open[out] || problem.candidates[out].forced_open) {
                    continue;
                }
                for (std::size_t in = 0; in < n; ++in) {
                    if (open[in] || problem.candidates[in].forced_closed) {
                        continue;
                    }
                    open[out] = false;
                    open[in] = true;
                    Solution trial = evaluate(problem, request, open);
                    open[in] = false;
                    open[out] = true;
                    if (feasible(problem, request, trial) &&
                        better(request, score(request, trial), score(request, best_solution))) {
                        best_solution = std::move(trial);
                        best_swap = std::pair{out, in};
                    }
                }
            }
            if (best_swap) {
                open[best_swap->first] = false;
                open[best_swap->second] = true;
                current = std::move(best_solution);
                improved = true;
            }
        }
    }
    if (!feasible(problem, request, current)) {
        throw InfeasibleRequest("the heuristic found no choice of sites that meets the request");
    }
    current.method = "greedy + interchange";
    current.bound = lp_bound(problem, request);
    const double scale = std::max(std::abs(current.objective), 1e-9);
    current.gap = std::isfinite(current.objective) ? std::abs(current.objective - current.bound) / scale : 1.0;
    current.proven_optimal = current.gap < 1e-9;
    return current;
}

}  // namespace centrecov::optimise
