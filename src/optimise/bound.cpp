// Lagrangian bounds by subgradient optimisation (Held, Wolfe and Crowder's
// step rule), and the site fixing they allow.

#include "optimise/bound.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/interrupt.hpp"
#include "optimise/detail/state.hpp"

#include <tbb/parallel_for.h>

namespace centrecov::optimise {

namespace {

constexpr double impossible = std::numeric_limits<double>::infinity();

// The least sum of values over a choice of sites that meets the request's
// count and budget, with the forced sites (and one more forced either way).
// The budget is relaxed to a fractional knapsack, and with both a count and a
// budget each is taken alone and the tighter kept: a relaxation either way, so
// the bound stays valid. `chosen` gets the (possibly fractional) choice.
double cheapest_choice(const Problem& problem, const Request& request, const std::vector<double>& values,
                       std::vector<double>& chosen, std::size_t flip = static_cast<std::size_t>(-1),
                       bool flip_open = false) {
    const std::size_t n = problem.size();
    auto forced_open = [&](std::size_t j) {
        return (j == flip && flip_open) || (problem.candidates[j].forced_open && !(j == flip && !flip_open));
    };
    auto forced_closed = [&](std::size_t j) {
        return (j == flip && !flip_open) || (problem.candidates[j].forced_closed && !(j == flip && flip_open));
    };
    double best = -impossible;
    std::vector<double> choice(n, 0.0);
    auto consider = [&](double value) {
        if (value > best) {
            best = value;
            chosen = choice;
        }
    };
    double base = 0.0;
    double base_cost = 0.0;
    std::size_t base_count = 0;
    std::vector<std::size_t> free;
    for (std::size_t j = 0; j < n; ++j) {
        if (forced_open(j) && forced_closed(j)) {
            chosen.assign(n, 0.0);
            return impossible;
        }
        if (forced_open(j)) {
            base += values[j];
            base_cost += problem.candidates[j].cost;
            ++base_count;
        } else if (!forced_closed(j)) {
            free.push_back(j);
        }
    }
    if (request.sites) {
        const auto k = static_cast<std::size_t>(*request.sites);
        std::fill(choice.begin(), choice.end(), 0.0);
        if (base_count > k || base_count + free.size() < k) {
            chosen.assign(n, 0.0);
            return impossible;
        }
        std::vector<std::size_t> order = free;
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
        double sum = base;
        for (std::size_t j = 0; j < n; ++j) {
            choice[j] = forced_open(j) ? 1.0 : 0.0;
        }
        for (std::size_t t = 0; t < k - base_count; ++t) {
            sum += values[order[t]];
            choice[order[t]] = 1.0;
        }
        consider(sum);
    }
    if (request.budget) {
        double money = *request.budget - base_cost;
        if (money < -1e-6) {
            chosen.assign(n, 0.0);
            return impossible;
        }
        for (std::size_t j = 0; j < n; ++j) {
            choice[j] = forced_open(j) ? 1.0 : 0.0;
        }
        std::vector<std::size_t> order;
        for (const std::size_t j : free) {
            if (values[j] < 0.0) {
                order.push_back(j);
            }
        }
        auto per_pound = [&](std::size_t j) { return values[j] / std::max(problem.candidates[j].cost, 1e-12); };
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return per_pound(a) < per_pound(b); });
        double sum = base;
        for (const std::size_t j : order) {
            const double c = problem.candidates[j].cost;
            const double part = c <= money ? 1.0 : std::max(0.0, money) / c;
            sum += part * values[j];
            choice[j] = part;
            money -= part * c;
            if (part < 1.0) {
                break;
            }
        }
        consider(sum);
    }
    return best;
}

}  // namespace

LagrangianBound lagrangian_bound(const Problem& problem, const Request& request, const Solution& incumbent,
                                 std::size_t max_iterations) {
    LagrangianBound out;
    const bool median = request.objective == Objective::p_median;
    if (!median && request.objective != Objective::max_coverage) {
        throw std::invalid_argument("the Lagrangian bound is for coverage and p-median");
    }
    const double sign = median ? 1.0 : -1.0;  // p-median: bound = constant + min; coverage: constant + max
    const std::size_t families = problem.weights.size();
    const std::size_t sites = problem.size();
    if (median && !std::isfinite(incumbent.objective)) {
        out.bound = incumbent.objective;
        return out;
    }
    const detail::Columns columns(problem);
    const double threshold = request.threshold_m;

    // Families that can matter: some weight and some site that may open within reach.
    std::vector<char> active(families, 0);
    for (std::size_t i = 0; i < families; ++i) {
        if (problem.weights[i] <= 0.0) {
            continue;
        }
        for (std::size_t j = 0; j < sites && !active[i]; ++j) {
            const double d = problem.distance[i][j];
            active[i] = !problem.candidates[j].forced_closed && (median ? std::isfinite(d) : d <= threshold);
        }
    }
    std::vector<double> lambda(families, 0.0);
    for (std::size_t i = 0; i < families; ++i) {
        if (!active[i]) {
            continue;
        }
        if (median) {
            // Start from each family's cost in the incumbent: the savings are then the gains of opening a site.
            double nearest = impossible;
            for (std::size_t j = 0; j < sites; ++j) {
                if (incumbent.open[j]) {
                    nearest = std::min(nearest, problem.distance[i][j]);
                }
            }
            lambda[i] = problem.weights[i] * (std::isfinite(nearest) ? nearest : 0.0);
        } else {
            lambda[i] = 0.5 * problem.weights[i];
        }
    }
    if (max_iterations == 0) {
        const double work = static_cast<double>(std::max<std::size_t>(1, families * sites));
        max_iterations = static_cast<std::size_t>(std::clamp(1.2e10 / work, 30.0, 3000.0));
    }
    const double target = incumbent.objective;
    const double scale = std::max(1.0, std::abs(target));
    std::vector<double> values(sites, 0.0);
    std::vector<double> chosen;
    std::vector<double> subgradient(families, 0.0);
    double best = median ? -impossible : impossible;
    double step_scale = 2.0;
    std::size_t since_better = 0;
    for (std::size_t iteration = 0; iteration < max_iterations; ++iteration) {
        stop_if_interrupted();  // thousands of iterations on a national problem
        out.iterations = iteration + 1;
        double constant = 0.0;
        for (std::size_t i = 0; i < families; ++i) {
            if (active[i]) {
                constant += median ? lambda[i] : std::max(0.0, problem.weights[i] - lambda[i]);
            }
        }
        // Each site's price is independent of the others: computed in parallel, deterministic.
        tbb::parallel_for(std::size_t{0}, sites, [&](std::size_t j) {
            const double* column = columns.column(j);
            double v = 0.0;
            if (!problem.candidates[j].forced_closed) {
                for (std::size_t i = 0; i < families; ++i) {
                    if (!active[i]) {
                        continue;
                    }
                    if (median) {
                        if (std::isfinite(column[i])) {
                            v += std::min(0.0, problem.weights[i] * column[i] - lambda[i]);
                        }
                    } else if (column[i] <= threshold) {
                        v -= lambda[i];
                    }
                }
            }
            values[j] = v;
        });
        const double choice = cheapest_choice(problem, request, values, chosen);
        const double bound = constant + sign * choice;
        const bool improved = median ? bound > best + 1e-12 * scale : bound < best - 1e-12 * scale;
        if (improved) {
            best = bound;
            out.multipliers = lambda;
            out.site_values = values;
            out.constant = constant;
            since_better = 0;
        } else if (++since_better >= 20) {
            step_scale /= 2.0;
            since_better = 0;
        }
        if (relative_gap(target, best) <= optimality_tolerance || step_scale < 1e-6) {
            break;
        }
        // Subgradient: p-median 1 - (sites the family would go to); coverage (sites near it) - (counted or not).
        std::fill(subgradient.begin(), subgradient.end(), 0.0);
        for (std::size_t i = 0; i < families; ++i) {
            if (active[i]) {
                subgradient[i] = median ? 1.0 : -(problem.weights[i] - lambda[i] > 0.0 ? 1.0 : 0.0);
            }
        }
        for (std::size_t j = 0; j < sites; ++j) {
            if (chosen[j] <= 0.0) {
                continue;
            }
            const double* column = columns.column(j);
            for (std::size_t i = 0; i < families; ++i) {
                if (!active[i]) {
                    continue;
                }
                if (median) {
                    if (std::isfinite(column[i]) && problem.weights[i] * column[i] - lambda[i] < 0.0) {
                        subgradient[i] -= chosen[j];
                    }
                } else if (column[i] <= threshold) {
                    subgradient[i] += chosen[j];
                }
            }
        }
        const double norm = std::inner_product(subgradient.begin(), subgradient.end(), subgradient.begin(), 0.0);
        if (norm <= 1e-18) {
            break;  // the relaxation's optimum is reached
        }
        const double step = step_scale * std::abs(bound - target) / norm;
        if (step <= 0.0) {
            break;
        }
        for (std::size_t i = 0; i < families; ++i) {
            if (!active[i]) {
                continue;
            }
            if (median) {
                lambda[i] += step * subgradient[i];
            } else {
                lambda[i] = std::max(0.0, lambda[i] - step * subgradient[i]);
            }
        }
    }
    // Rounding must not let the bound pass a solution that exists.
    out.bound = median ? std::min(best, target) : std::max(best, target);
    return out;
}

std::vector<std::optional<bool>> settle_sites(const Problem& problem, const Request& request,
                                              const LagrangianBound& bound, const Solution& incumbent) {
    std::vector<std::optional<bool>> settled(problem.size());
    if (bound.site_values.size() != problem.size()) {
        return settled;
    }
    const bool median = request.objective == Objective::p_median;
    const double tolerance = optimality_tolerance * std::max(1.0, std::abs(incumbent.objective));
    std::vector<double> chosen;
    for (std::size_t j = 0; j < problem.size(); ++j) {
        const auto& c = problem.candidates[j];
        if (c.forced_open || c.forced_closed) {
            settled[j] = c.forced_open;
            continue;
        }
        const bool keep = incumbent.open[j];
        const double choice = cheapest_choice(problem, request, bound.site_values, chosen, j, !keep);
        if (!std::isfinite(choice)) {
            settled[j] = keep;
            continue;
        }
        const double flipped = median ? bound.constant + choice : bound.constant - choice;
        const bool cannot_beat = median ? flipped >= incumbent.objective - tolerance
                                        : flipped <= incumbent.objective + tolerance;
        if (cannot_beat) {
            settled[j] = keep;
        }
    }
    return settled;
}

}  // namespace centrecov::optimise
