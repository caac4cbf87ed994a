#include "metrics/equity.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <stdexcept>

namespace centrecov::metrics {

namespace {

void check_sizes(std::size_t a, std::size_t b) {
    if (a != b) {
        throw std::invalid_argument("equity index: one weight per value");
    }
}

// Indices of the values in ascending order (stable, so the same inputs give the same answer).
std::vector<std::size_t> ascending(const std::vector<double>& values) {
    std::vector<std::size_t> order(values.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
    return order;
}

// The Lorenz curve of values weighted by weight, as (cumulative weight share, cumulative value share) points.
struct Lorenz {
    std::vector<double> p{0.0};
    std::vector<double> l{0.0};
    // L(q) by straight lines between the points (a unit's weight spread evenly over its value).
    double at(double q) const {
        const auto it = std::lower_bound(p.begin(), p.end(), q);
        if (it == p.begin()) {
            return 0.0;
        }
        if (it == p.end()) {
            return 1.0;
        }
        const std::size_t i = static_cast<std::size_t>(it - p.begin());
        const double span = p[i] - p[i - 1];
        return span > 0.0 ? l[i - 1] + (l[i] - l[i - 1]) * (q - p[i - 1]) / span : l[i];
    }
};

std::optional<Lorenz> lorenz(const std::vector<double>& values, const std::vector<double>& weight) {
    check_sizes(values.size(), weight.size());
    double total_weight = 0.0;
    double total_value = 0.0;
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (!std::isfinite(values[i]) || values[i] < 0.0 || weight[i] < 0.0) {
            throw std::invalid_argument("equity index: values must be finite and not negative");
        }
        total_weight += weight[i];
        total_value += weight[i] * values[i];
    }
    if (!(total_weight > 0.0) || !(total_value > 0.0)) {
        return std::nullopt;
    }
    Lorenz curve;
    double w = 0.0;
    double v = 0.0;
    for (const std::size_t i : ascending(values)) {
        w += weight[i];
        v += weight[i] * values[i];
        curve.p.push_back(w / total_weight);
        curve.l.push_back(v / total_value);
    }
    return curve;
}

}  // namespace

namespace {

// The weighted mean of h and cov(h, r), r the fractional rank of rank_key ascending: the weight
// ranked below plus half of the tied group's, over the total (O'Donnell et al. 2008, ch. 8).
struct RankCovariance {
    double mean = 0.0;
    double covariance = 0.0;
};

std::optional<RankCovariance> rank_covariance(const std::vector<double>& h, const std::vector<double>& weight,
                                              const std::vector<double>& rank_key) {
    check_sizes(h.size(), weight.size());
    check_sizes(h.size(), rank_key.size());
    const double total = std::accumulate(weight.begin(), weight.end(), 0.0);
    if (!(total > 0.0)) {
        return std::nullopt;
    }
    RankCovariance out;
    for (std::size_t i = 0; i < h.size(); ++i) {
        out.mean += weight[i] * h[i];
    }
    out.mean /= total;
    std::vector<double> rank(h.size());
    const auto order = ascending(rank_key);
    double below = 0.0;
    for (std::size_t k = 0; k < order.size();) {
        std::size_t end = k;
        double tied = 0.0;
        while (end < order.size() && rank_key[order[end]] == rank_key[order[k]]) {
            tied += weight[order[end]];
            ++end;
        }
        for (std::size_t j = k; j < end; ++j) {
            rank[order[j]] = (below + tied / 2.0) / total;
        }
        below += tied;
        k = end;
    }
    double mean_rank = 0.0;
    for (std::size_t i = 0; i < h.size(); ++i) {
        mean_rank += weight[i] * rank[i];
    }
    mean_rank /= total;
    for (std::size_t i = 0; i < h.size(); ++i) {
        out.covariance += weight[i] * (h[i] - out.mean) * (rank[i] - mean_rank);
    }
    out.covariance /= total;
    return out;
}

}  // namespace

std::optional<double> concentration_index(const std::vector<double>& h, const std::vector<double>& weight,
                                          const std::vector<double>& rank_key) {
    const auto rc = rank_covariance(h, weight, rank_key);
    if (!rc || rc->mean == 0.0) {
        return std::nullopt;
    }
    return 2.0 * rc->covariance / rc->mean;
}

std::optional<double> erreygers_index(const std::vector<double>& h, const std::vector<double>& weight,
                                      const std::vector<double>& rank_key, double lower, double upper) {
    if (!(upper > lower)) {
        throw std::invalid_argument("Erreygers index: the upper bound must exceed the lower");
    }
    for (const double v : h) {
        if (!(v >= lower && v <= upper)) {
            throw std::invalid_argument("Erreygers index: a value lies outside its bounds");
        }
    }
    const auto rc = rank_covariance(h, weight, rank_key);
    if (!rc) {
        return std::nullopt;
    }
    // 4 mean / (upper - lower) x 2 cov / mean, written without dividing by a mean that may be 0.
    return 8.0 * rc->covariance / (upper - lower);
}

std::optional<double> gini(const std::vector<double>& values, const std::vector<double>& weight) {
    const auto curve = lorenz(values, weight);
    if (!curve) {
        return std::nullopt;
    }
    // One minus twice the area under the Lorenz curve (trapezia).
    double area = 0.0;
    for (std::size_t i = 1; i < curve->p.size(); ++i) {
        area += (curve->p[i] - curve->p[i - 1]) * (curve->l[i] + curve->l[i - 1]) / 2.0;
    }
    return std::max(0.0, 1.0 - 2.0 * area);
}

std::optional<double> palma(const std::vector<double>& values, const std::vector<double>& weight) {
    const auto curve = lorenz(values, weight);
    if (!curve) {
        return std::nullopt;
    }
    const double bottom = curve->at(0.4);
    const double top = 1.0 - curve->at(0.9);
    if (!(bottom > 0.0)) {
        return std::nullopt;
    }
    return top / bottom;
}

std::optional<TheilT> theil(const std::vector<double>& values, const std::vector<double>& weight,
                            const std::vector<std::string>& group) {
    check_sizes(values.size(), weight.size());
    check_sizes(values.size(), group.size());
    struct Sums {
        double weight = 0.0;
        double value = 0.0;
    };
    Sums all;
    std::map<std::string, Sums> groups;
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (!std::isfinite(values[i]) || values[i] < 0.0) {
            throw std::invalid_argument("equity index: values must be finite and not negative");
        }
        all.weight += weight[i];
        all.value += weight[i] * values[i];
        groups[group[i]].weight += weight[i];
        groups[group[i]].value += weight[i] * values[i];
    }
    if (!(all.weight > 0.0) || !(all.value > 0.0)) {
        return std::nullopt;
    }
    const double mean = all.value / all.weight;
    auto term = [](double x, double m) { return x > 0.0 ? (x / m) * std::log(x / m) : 0.0; };  // x ln x -> 0
    TheilT t;
    for (std::size_t i = 0; i < values.size(); ++i) {
        t.total += weight[i] / all.weight * term(values[i], mean);
    }
    std::map<std::string, double> within_group;
    for (std::size_t i = 0; i < values.size(); ++i) {
        const auto& g = groups[group[i]];
        if (g.value > 0.0) {
            within_group[group[i]] += weight[i] / g.weight * term(values[i], g.value / g.weight);
        }
    }
    for (const auto& [name, g] : groups) {
        if (g.weight > 0.0 && g.value > 0.0) {
            const double group_mean = g.value / g.weight;
            t.between += g.weight / all.weight * term(group_mean, mean);
            t.within += (g.value / all.value) * within_group[name];
        }
    }
    return t;
}

}  // namespace centrecov::metrics
