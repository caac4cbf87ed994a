// Greedy construction and Teitz-Bart interchange, with the work per move kept
// to one scan of the families: each family remembers its nearest and second
// nearest open site (Whitaker's fast interchange), and the greedy step only
// re-scores a site when its stale score could still win (lazy greedy; the
// gains shrink as sites open, so a stale score is an upper bound).

#include <algorithm>
#include <cmath>
#include <numeric>
#include <queue>
#include <stdexcept>

#include "core/interrupt.hpp"
#include "optimise/bound.hpp"
#include "optimise/detail/state.hpp"
#include "optimise/problem.hpp"

namespace centrecov::optimise {

namespace detail {

FamilyCost::FamilyCost(const Problem& problem, const Request& request)
    : weights_(problem.weights),
      coverage_(request.objective != Objective::p_median),
      threshold_(request.threshold_m) {
    double largest = 0.0;
    for (const auto& row : problem.distance) {
        for (const double d : row) {
            if (std::isfinite(d)) {
                largest = std::max(largest, d);
            }
        }
    }
    penalty_ = 10.0 * largest + 1e6;
}

Columns::Columns(const Problem& problem) : families_(problem.weights.size()), values_(families_ * problem.size()) {
    for (std::size_t i = 0; i < families_; ++i) {
        const auto& row = problem.distance[i];
        for (std::size_t j = 0; j < row.size(); ++j) {
            values_[j * families_ + i] = row[j];
        }
    }
}

}  // namespace detail

namespace {

constexpr std::size_t none = static_cast<std::size_t>(-1);

class Search {
public:
    Search(const Problem& problem, const Request& request)
        : problem_(problem),
          request_(request),
          cost_(problem, request),
          columns_(problem),
          families_(problem.weights.size()),
          nearest_(families_, unreachable),
          second_(families_, unreachable),
          nearest_site_(families_, none),
          second_site_(families_, none),
          open_(problem.size(), false),
          loss_(problem.size(), 0.0) {
        for (std::size_t j = 0; j < problem.size(); ++j) {
            if (problem.candidates[j].forced_open) {
                open(j);
            }
        }
    }

    const std::vector<bool>& open_sites() const { return open_; }

    // Sum of the family costs: the objective to minimise.
    double total() const {
        double sum = 0.0;
        for (std::size_t i = 0; i < families_; ++i) {
            sum += cost_(i, nearest_[i]);
        }
        return sum;
    }

    double covered_weight() const {
        double sum = 0.0;
        for (std::size_t i = 0; i < families_; ++i) {
            sum += nearest_[i] <= request_.threshold_m ? problem_.weights[i] : 0.0;
        }
        return sum;
    }

    // Adds sites by best gain (per pound when only a budget limits) until the
    // count or the money runs out; with `must_fill` a count is met even at no
    // gain; `cover_target` stops once that much weight is covered.
    bool greedy(bool must_fill, std::optional<double> cover_target = std::nullopt) {
        struct Entry {
            double value;
            std::size_t site;
            std::size_t round;
        };
        auto lower = [](const Entry& a, const Entry& b) {
            return a.value < b.value || (a.value == b.value && a.site > b.site);
        };
        std::priority_queue<Entry, std::vector<Entry>, decltype(lower)> queue(lower);
        std::size_t round = 0;
        for (std::size_t j = 0; j < problem_.size(); ++j) {
            if (fits(j)) {
                queue.push({value(j), j, round});
            }
        }
        bool added = false;
        while (!queue.empty()) {
            stop_if_interrupted();
            if (cover_target && covered_weight() >= *cover_target - 1e-6) {
                break;
            }
            if (request_.sites && count_ >= static_cast<std::size_t>(*request_.sites)) {
                break;
            }
            const Entry top = queue.top();
            queue.pop();
            if (!fits(top.site)) {
                continue;  // money only shrinks: it will not fit later either
            }
            if (top.round != round) {
                queue.push({value(top.site), top.site, round});
                continue;
            }
            if (top.value <= 1e-12 && !must_fill) {
                break;
            }
            open(top.site);
            added = true;
            ++round;
        }
        return added;
    }

    // Teitz-Bart: for each closed site in turn, the best open site to swap it
    // for; a swap is made when it lowers the total. Repeats until a whole
    // pass finds nothing.
    void interchange() {
        bool improved = true;
        while (improved) {
            improved = false;
            for (std::size_t in = 0; in < problem_.size(); ++in) {
                stop_if_interrupted();
                if (open_[in] || problem_.candidates[in].forced_closed) {
                    continue;
                }
                const double tolerance = 1e-9 * std::max(1.0, std::abs(total_cache()));
                const double* column = columns_.column(in);
                double gain = 0.0;
                for (const std::size_t out : open_list_) {
                    loss_[out] = 0.0;
                }
                for (std::size_t i = 0; i < families_; ++i) {
                    const double d = column[i];
                    const double now = cost_(i, nearest_[i]);
                    if (d < nearest_[i]) {
                        gain += now - cost_(i, d);
                    } else if (nearest_site_[i] != none) {
                        loss_[nearest_site_[i]] += cost_(i, std::min(second_[i], d)) - now;
                    }
                }
                std::size_t best_out = none;
                double best_delta = -tolerance;
                for (const std::size_t out : open_list_) {
                    if (problem_.candidates[out].forced_open) {
                        continue;
                    }
                    if (request_.budget && spent_ - problem_.candidates[out].cost + problem_.candidates[in].cost >
                                               *request_.budget + 1e-6) {
                        continue;
                    }
                    const double delta = loss_[out] - gain;
                    if (delta < best_delta) {
                        best_delta = delta;
                        best_out = out;
                    }
                }
                if (best_out != none) {
                    close(best_out);
                    open(in);
                    total_valid_ = false;
                    improved = true;
                }
            }
        }
    }

    // Opens a site outside the greedy order (a given starting point).
    void open_site(std::size_t j) {
        if (!open_[j]) {
            open(j);
        }
    }

    void close(std::size_t j) {
        open_[j] = false;
        spent_ -= problem_.candidates[j].cost;
        --count_;
        open_list_.erase(std::find(open_list_.begin(), open_list_.end(), j));
        for (std::size_t i = 0; i < families_; ++i) {
            if (nearest_site_[i] == j || second_site_[i] == j) {
                recompute(i);
            }
        }
        total_valid_ = false;
    }

private:
    bool fits(std::size_t j) const {
        const auto& c = problem_.candidates[j];
        return !open_[j] && !c.forced_closed && (!request_.sites || count_ < static_cast<std::size_t>(*request_.sites)) &&
               (!request_.budget || spent_ + c.cost <= *request_.budget + 1e-6);
    }

    double value(std::size_t j) const {
        const double* column = columns_.column(j);
        double gain = 0.0;
        for (std::size_t i = 0; i < families_; ++i) {
            if (column[i] < nearest_[i]) {
                gain += cost_(i, nearest_[i]) - cost_(i, column[i]);
            }
        }
        const bool per_pound = request_.objective == Objective::set_cover || (request_.budget && !request_.sites);
        return per_pound ? gain / std::max(problem_.candidates[j].cost, 1e-9) : gain;
    }

    double total_cache() {
        if (!total_valid_) {
            total_value_ = total();
            total_valid_ = true;
        }
        return total_value_;
    }

    void open(std::size_t j) {
        open_[j] = true;
        spent_ += problem_.candidates[j].cost;
        ++count_;
        open_list_.insert(std::lower_bound(open_list_.begin(), open_list_.end(), j), j);
        const double* column = columns_.column(j);
        for (std::size_t i = 0; i < families_; ++i) {
            insert(i, column[i], j);
        }
        total_valid_ = false;
    }

    void insert(std::size_t i, double d, std::size_t j) {
        if (d < nearest_[i]) {
            second_[i] = nearest_[i];
            second_site_[i] = nearest_site_[i];
            nearest_[i] = d;
            nearest_site_[i] = j;
        } else if (d < second_[i]) {
            second_[i] = d;
            second_site_[i] = j;
        }
    }

    void recompute(std::size_t i) {
        nearest_[i] = second_[i] = unreachable;
        nearest_site_[i] = second_site_[i] = none;
        for (const std::size_t j : open_list_) {
            insert(i, problem_.distance[i][j], j);
        }
    }

    const Problem& problem_;
    const Request& request_;
    detail::FamilyCost cost_;
    detail::Columns columns_;
    std::size_t families_;
    std::vector<double> nearest_;
    std::vector<double> second_;
    std::vector<std::size_t> nearest_site_;
    std::vector<std::size_t> second_site_;
    std::vector<bool> open_;
    std::vector<std::size_t> open_list_;  // ascending
    std::vector<double> loss_;            // per open site, reused by interchange
    std::size_t count_ = 0;
    double spent_ = 0.0;
    bool total_valid_ = false;
    double total_value_ = 0.0;
};

// Drops sites a cover no longer needs, dearest first.
Solution prune_cover(const Problem& problem, const Request& request, std::vector<bool> open) {
    Solution current = evaluate(problem, request, open);
    std::vector<std::size_t> order(problem.size());
    std::iota(order.begin(), order.end(), 0U);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return problem.candidates[a].cost > problem.candidates[b].cost;
    });
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

namespace detail {

Solution search_without_bound(const Problem& problem, const Request& request) {
    if (problem.capacitated()) {
        throw std::invalid_argument("the heuristic does not handle site capacities; use the exact solver");
    }
    check_request(problem, request);
    Search search(problem, request);
    Solution current;
    if (request.objective == Objective::set_cover) {
        const double total = std::accumulate(problem.weights.begin(), problem.weights.end(), 0.0);
        search.greedy(false, request.cover_share * total);
        current = prune_cover(problem, request, search.open_sites());
    } else {
        search.greedy(request.sites.has_value());
        search.interchange();
        // Under a budget a swap may free money for one more site.
        while (request.budget && !request.sites && search.greedy(false)) {
            search.interchange();
        }
        current = evaluate(problem, request, search.open_sites());
    }
    if (!feasible(problem, request, current)) {
        throw InfeasibleRequest("the heuristic found no choice of sites that meets the request");
    }
    current.method = "greedy + interchange";
    return current;
}

Solution interchange_from(const Problem& problem, const Request& request, const std::vector<bool>& start) {
    Search search(problem, request);
    for (std::size_t j = 0; j < problem.size(); ++j) {
        if (start[j] && !problem.candidates[j].forced_closed) {
            search.open_site(j);
        }
    }
    search.interchange();
    Solution s = evaluate(problem, request, search.open_sites());
    s.method = "interchange";
    return s;
}

}  // namespace detail

Solution solve_heuristic(const Problem& problem, const Request& request) {
    if (request.objective == Objective::max_min) {
        throw InfeasibleRequest("the max-min objective is solved exactly (CBC) only; drop --method heuristic");
    }
    Solution current = detail::search_without_bound(problem, request);
    if (request.objective == Objective::set_cover) {
        current.bound = lp_bound(problem, request);
        current.bound_method = "LP relaxation";
    } else {
        current.bound = lagrangian_bound(problem, request, current).bound;
        current.bound_method = "Lagrangian relaxation";
    }
    current.gap = relative_gap(current.objective, current.bound);
    current.proven_optimal = current.gap <= optimality_tolerance;
    return current;
}

}  // namespace centrecov::optimise
