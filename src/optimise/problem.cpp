#include "optimise/problem.hpp"

#include "optimise/detail/state.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace centrecov::optimise {

bool Problem::capacitated() const {
    return std::any_of(candidates.begin(), candidates.end(), [](const Candidate& c) { return c.capacity.has_value(); });
}

double relative_gap(double objective, double bound) {
    if (objective == bound) {
        return 0.0;  // also both infinite
    }
    if (!std::isfinite(objective) || !std::isfinite(bound)) {
        return 1.0;
    }
    return std::abs(objective - bound) / std::max(std::abs(objective), 1e-9);
}

std::size_t Solution::open_count() const {
    return static_cast<std::size_t>(std::count(open.begin(), open.end(), true));
}

bool better(const Request& request, double a, double b) {
    const bool maximise = request.objective == Objective::max_coverage || request.objective == Objective::max_min;
    return maximise ? a > b + 1e-9 : a < b - 1e-9;
}

void check_request(const Problem& problem, const Request& request) {
    const std::size_t n = problem.size();
    if (n == 0) {
        throw InfeasibleRequest("there are no candidate sites to choose from");
    }
    if (request.objective == Objective::max_min) {
        if (problem.group.size() != problem.weights.size() || problem.group_names.empty()) {
            throw std::invalid_argument("max-min needs a group for every demand point");
        }
        if (problem.capacitated()) {
            throw InfeasibleRequest("the max-min objective is solved without capacities; drop them");
        }
    }
    std::size_t forced_open = 0;
    std::size_t available = 0;
    double forced_cost = 0.0;
    for (const auto& c : problem.candidates) {
        if (c.forced_open && c.forced_closed) {
            throw InfeasibleRequest("site '" + c.id + "' is both forced open and forced closed");
        }
        forced_open += c.forced_open ? 1 : 0;
        forced_cost += c.forced_open ? c.cost : 0.0;
        available += c.forced_closed ? 0 : 1;
    }
    if (request.sites) {
        const auto k = static_cast<std::size_t>(std::max(0, *request.sites));
        if (*request.sites < 1) {
            throw InfeasibleRequest(fmt::format("asked for {} sites; at least one is needed", *request.sites));
        }
        if (k > available) {
            throw InfeasibleRequest(fmt::format("asked for {} sites but only {} candidates may open ({} of {} are "
                                                "forced closed)",
                                                k, available, n - available, n));
        }
        if (k < forced_open) {
            throw InfeasibleRequest(
                fmt::format("asked for {} sites but {} are forced open", k, forced_open));
        }
    }
    if (request.budget && forced_cost > *request.budget + 1e-6) {
        throw InfeasibleRequest(fmt::format("the budget of {:.0f} is below the {:.0f} that the {} forced-open sites "
                                            "cost",
                                            *request.budget, forced_cost, forced_open));
    }
    if (!problem.population.empty() && problem.population.size() != problem.weights.size()) {
        throw std::invalid_argument("population and weights differ in length");
    }
    for (const auto& c : problem.candidates) {
        if (c.capacity && !(*c.capacity >= 0.0)) {
            throw InfeasibleRequest(fmt::format("site '{}' has a capacity of {}; it must be 0 or more", c.id,
                                                *c.capacity));
        }
    }
    if (request.objective == Objective::p_median && problem.capacitated()) {
        double population = 0.0;
        for (std::size_t i = 0; i < problem.weights.size(); ++i) {
            population += problem.population_at(i);
        }
        std::vector<double> rooms;
        for (const auto& c : problem.candidates) {
            if (!c.forced_closed) {
                rooms.push_back(c.capacity.value_or(unreachable));
            }
        }
        std::sort(rooms.begin(), rooms.end(), std::greater<>());
        if (request.sites) {
            rooms.resize(std::min(rooms.size(), static_cast<std::size_t>(std::max(0, *request.sites))));
        }
        const double room = std::accumulate(rooms.begin(), rooms.end(), 0.0);
        if (room < population - 1e-6) {
            throw InfeasibleRequest(fmt::format("the median model serves every family, but {} hold only {:.0f} of "
                                                "the {:.0f} under-5s",
                                                request.sites ? fmt::format("the {} largest sites", rooms.size())
                                                              : std::string("all the sites that may open"),
                                                room, population));
        }
    }
    if (request.objective != Objective::set_cover && !request.sites && !request.budget) {
        throw InfeasibleRequest("say how many sites (a number) or how much money (a budget) to spend");
    }
    if (request.objective == Objective::set_cover) {
        if (!(request.cover_share > 0.0 && request.cover_share <= 1.0)) {
            throw InfeasibleRequest("the share to cover must be above 0 and at most 1");
        }
        const double total = std::accumulate(problem.weights.begin(), problem.weights.end(), 0.0);
        double coverable = 0.0;
        for (std::size_t i = 0; i < problem.weights.size(); ++i) {
            for (std::size_t j = 0; j < n; ++j) {
                if (!problem.candidates[j].forced_closed && problem.distance[i][j] <= request.threshold_m) {
                    coverable += problem.weights[i];
                    break;
                }
            }
        }
        if (coverable < request.cover_share * total - 1e-6) {
            throw InfeasibleRequest(fmt::format("even with every candidate open only {:.1f} % of the weight lies "
                                                "within {:.0f} m; {:.1f} % was asked for",
                                                100.0 * coverable / total, request.threshold_m,
                                                100.0 * request.cover_share));
        }
    }
}

std::vector<bool> reachable_families(const Problem& problem) {
    std::vector<bool> reachable(problem.weights.size(), false);
    for (std::size_t i = 0; i < problem.weights.size(); ++i) {
        for (std::size_t j = 0; j < problem.size() && !reachable[i]; ++j) {
            reachable[i] = !problem.candidates[j].forced_closed && std::isfinite(problem.distance[i][j]);
        }
    }
    return reachable;
}

Solution evaluate(const Problem& problem, const Request& request, const std::vector<bool>& open) {
    Solution s;
    s.open = open;
    for (std::size_t j = 0; j < problem.size(); ++j) {
        s.cost += open[j] ? problem.candidates[j].cost : 0.0;
    }
    const auto reachable = reachable_families(problem);
    for (std::size_t i = 0; i < problem.weights.size(); ++i) {
        if (!reachable[i]) {
            s.unreachable_weight += problem.weights[i];
            continue;  // no choice of sites reaches it: it counts in no objective
        }
        if (problem.weights[i] == 0.0) {
            continue;
        }
        double nearest = unreachable;
        for (std::size_t j = 0; j < problem.size(); ++j) {
            if (open[j]) {
                nearest = std::min(nearest, problem.distance[i][j]);
            }
        }
        if (nearest <= request.threshold_m) {
            s.covered_weight += problem.weights[i];
        }
        if (std::isfinite(nearest)) {
            s.weighted_distance += problem.weights[i] * nearest;
        } else {
            s.weighted_distance = unreachable;
        }
    }
    if (problem.capacitated()) {
        const auto shared = detail::share_out(problem, request, open);
        s.covered_weight = shared.covered_weight;
        s.weighted_distance = shared.weighted_distance;
        s.load = shared.load;
    }
    switch (request.objective) {
        case Objective::max_coverage:
            s.objective = s.covered_weight;
            break;
        case Objective::p_median:
            s.objective = s.weighted_distance;
            break;
        case Objective::set_cover:
            s.objective = s.cost;  // give every site cost 1 to count sites
            break;
        case Objective::max_min: {
            std::vector<double> covered(problem.group_names.size(), 0.0);
            std::vector<double> total(problem.group_names.size(), 0.0);
            for (std::size_t i = 0; i < problem.weights.size(); ++i) {
                if (!reachable[i]) {
                    continue;  // as in every objective: a family no candidate reaches counts in none
                }
                total[problem.group[i]] += problem.weights[i];
                double nearest = unreachable;
                for (std::size_t j = 0; j < problem.size(); ++j) {
                    if (open[j]) {
                        nearest = std::min(nearest, problem.distance[i][j]);
                    }
                }
                covered[problem.group[i]] += nearest <= request.threshold_m ? problem.weights[i] : 0.0;
            }
            s.objective = 1.0;
            for (std::size_t g = 0; g < covered.size(); ++g) {
                s.group_share.push_back(total[g] > 0.0 ? covered[g] / total[g] : 1.0);
                if (total[g] > 0.0) {
                    s.objective = std::min(s.objective, s.group_share.back());
                }
            }
            break;
        }
    }
    return s;
}

}  // namespace centrecov::optimise
