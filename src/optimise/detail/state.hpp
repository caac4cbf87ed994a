#pragma once

// What the heuristic and the Lagrangian bound share: every objective written
// as a cost per family to minimise, and distances by candidate in one block
// so that a scan over all families for one candidate reads memory in order.

#include <cmath>
#include <vector>

#include "optimise/problem.hpp"

namespace centrecov::optimise::detail {

// Cost of one family at distance d from its nearest open site:
// coverage and set cover count the weight left uncovered; p-median counts
// weight x distance, with a finite penalty for "no open site reachable" so
// that adding the first reachable site is always a gain.
class FamilyCost {
public:
    FamilyCost(const Problem& problem, const Request& request);

    double operator()(std::size_t family, double d) const {
        const double w = weights_[family];
        if (coverage_) {
            return d <= threshold_ ? 0.0 : w;
        }
        return w * (std::isfinite(d) ? d : penalty_);
    }

private:
    const std::vector<double>& weights_;
    bool coverage_;
    double threshold_;
    double penalty_ = 0.0;
};

// distance(j, i) for candidate j, family i, stored candidate by candidate.
class Columns {
public:
    explicit Columns(const Problem& problem);
    const double* column(std::size_t candidate) const { return values_.data() + candidate * families_; }

private:
    std::size_t families_;
    std::vector<double> values_;
};

}  // namespace centrecov::optimise::detail

namespace centrecov::optimise::detail {

// Greedy + interchange without the bound (the exact solver starts from it).
Solution search_without_bound(const Problem& problem, const Request& request);

// Teitz-Bart interchange from a given set of open sites (forced ones added).
Solution interchange_from(const Problem& problem, const Request& request, const std::vector<bool>& start);

}  // namespace centrecov::optimise::detail

namespace centrecov::optimise::detail {

// Families shared out among the open sites within their capacities, by LP.
struct SharedOut {
    double covered_weight = 0.0;     // most weight servable within the threshold
    double weighted_distance = 0.0;  // least weighted distance serving everyone; unreachable if it cannot
    std::vector<double> load;        // under-5s each site serves, in the request objective's sharing
};
SharedOut share_out(const Problem& problem, const Request& request, const std::vector<bool>& open);

}  // namespace centrecov::optimise::detail
