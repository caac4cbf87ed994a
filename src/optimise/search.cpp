// Feasibility and brute force (the yardstick for tests).

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

}  // namespace centrecov::optimise
