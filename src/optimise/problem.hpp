#pragma once

#include <limits>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace centrecov::optimise {

inline constexpr double unreachable = std::numeric_limits<double>::infinity();

struct Candidate {
    Candidate() = default;
    Candidate(std::string id_, double cost_) : id(std::move(id_)), cost(cost_) {}

    std::string id;
    double cost = 1.0;
    bool forced_open = false;
    bool forced_closed = false;
    std::optional<double> capacity;  // under-5s it can serve; none: no limit
};

// Candidate sites, demand weights (under-5s, perhaps weighted by deprivation)
// and the distance from every demand point to every candidate.
struct Problem {
    std::vector<Candidate> candidates;
    std::vector<double> weights;                // per demand point
    std::vector<std::vector<double>> distance;  // [demand][candidate]; unreachable where no route
    // Under-5s per demand point, what capacities count; empty: the weights.
    std::vector<double> population;
    // Max-min: the group of each demand point (index into group_names), e.g. its deprivation decile.
    std::vector<std::size_t> group;
    std::vector<std::string> group_names;

    std::size_t size() const { return candidates.size(); }
    bool capacitated() const;
    double population_at(std::size_t demand) const {
        return population.empty() ? weights[demand] : population[demand];
    }
};

// Below this relative gap a solution counts as proven optimal.
inline constexpr double optimality_tolerance = 1e-9;

// |objective - bound| / |objective|, 0 when both are the same infinity.
double relative_gap(double objective, double bound);

enum class Objective {
    max_coverage,  // MCLP: most weight within the threshold
    p_median,      // least weighted distance to the nearest open site
    set_cover,     // LSCP: least cost covering a share of the weight (cost 1 each: fewest sites)
    max_min,       // the most the least-covered group can have: max min_g (covered weight of g / weight of g)
};


struct Request {
    Objective objective = Objective::max_coverage;
    std::optional<int> sites;        // exactly this many open
    std::optional<double> budget;    // total cost at most this
    double threshold_m = 1600.0;     // coverage distance (MCLP, LSCP)
    double cover_share = 1.0;        // LSCP: share of the weight that must be covered
    // Max-min's second pass: hold the least share at this and cover the most in all (ties broken
    // toward more coverage without trading any of the least share).
    std::optional<double> least_share_floor;
};

struct Solution {
    std::vector<bool> open;
    double objective = 0.0;  // covered weight (MCLP), weighted distance (p-median), cost (LSCP), least share (max-min)
    double bound = 0.0;      // best possible objective proven (LP relaxation or branch and bound)
    double gap = 0.0;        // relative distance between objective and bound
    bool proven_optimal = false;
    std::string method;
    std::string bound_method;  // where the bound comes from
    double covered_weight = 0.0;
    // Weight x distance to the nearest open site over the families some candidate that may open can
    // reach (infinity when one of them reaches no open site): the p-median objective, the one definition.
    double weighted_distance = 0.0;
    double unreachable_weight = 0.0;  // families no candidate that may open can reach: in no distance
    double cost = 0.0;
    std::vector<double> load;  // with capacities: under-5s each site serves (else empty)
    std::vector<double> group_share;  // max-min: each group's covered share (else empty)
    std::size_t open_count() const;
};

// Why a request cannot be met, in words (budget below the forced sites' cost, k larger than the candidates, ...).
class InfeasibleRequest : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Throws InfeasibleRequest when no choice of sites can satisfy the request.
void check_request(const Problem& problem, const Request& request);

// Whether some candidate that may open reaches each family (a finite distance).
std::vector<bool> reachable_families(const Problem& problem);

// The objective's parts for a given choice of open sites. With capacities,
// families are shared out among the open sites by a transport LP: coverage
// counts the weight that can be served within the threshold, p-median the
// least total weighted distance serving everyone (unreachable when the
// capacity falls short).
Solution evaluate(const Problem& problem, const Request& request, const std::vector<bool>& open);

// True when `a` is better than `b` for the objective (max for coverage, min otherwise).
bool better(const Request& request, double a, double b);

// Whether a choice of sites meets the request's count, budget, forced sites and (set cover) share.
bool feasible(const Problem& problem, const Request& request, const Solution& evaluated);

// Every subset, for small problems (tests): at most 24 candidates.
Solution solve_brute_force(const Problem& problem, const Request& request);

// Greedy construction then Teitz-Bart interchange (swap one open site for one
// closed while that improves), with a Lagrangian bound (coverage, p-median) or
// the LP relaxation (set cover) on the gap. Deterministic. Not for capacities.
Solution solve_heuristic(const Problem& problem, const Request& request);

// The exact mixed-integer model, solved with CBC; demand points that see the
// same candidates are merged first. Reports the proven bound and gap.
// p-median without capacities first tries the heuristic and the Lagrangian
// bound: when they meet the answer is proven without CBC; otherwise the
// sites the bound settles are fixed and CBC starts from the heuristic's answer.
Solution solve_exact(const Problem& problem, const Request& request, double time_limit_s = 60.0);

// The LP relaxation's optimum: a bound no choice of sites can beat.
double lp_bound(const Problem& problem, const Request& request);

}  // namespace centrecov::optimise
