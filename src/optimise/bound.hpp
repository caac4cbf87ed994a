#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "optimise/problem.hpp"

namespace centrecov::optimise {

// A proven bound from Lagrangian relaxation, found by subgradient steps:
// coverage relaxes "a family counts only if a site near it opens", p-median
// relaxes "every family goes to exactly one site". Every set of multipliers
// gives a valid bound, so stopping early only loosens it. Needs only a scan of
// the distances per step, so it works where the LP relaxation is too big.
struct LagrangianBound {
    double bound = 0.0;               // no choice of sites beats this objective
    std::vector<double> multipliers;  // per family, at the best bound
    std::vector<double> site_values;  // per site, at the best bound (the relaxation's price of opening it)
    double constant = 0.0;            // the part of the bound that does not depend on the sites chosen
    std::size_t iterations = 0;
};

// `incumbent` is the best known solution (its objective guides the step
// size). max_iterations = 0 picks a number by problem size. Coverage and
// p-median only; capacities are ignored (the bound stays valid, only looser).
LagrangianBound lagrangian_bound(const Problem& problem, const Request& request, const Solution& incumbent,
                                 std::size_t max_iterations = 0);

// Sites whose state the bound settles: for each site, true (must be open) or
// false (must be closed) when forcing it the other way cannot beat the
// incumbent; nothing when it cannot tell.
std::vector<std::optional<bool>> settle_sites(const Problem& problem, const Request& request,
                                              const LagrangianBound& bound, const Solution& incumbent);

}  // namespace centrecov::optimise
