#include "metrics/areas.hpp"

#include <cmath>
#include <limits>
#include <map>
#include <utility>

#include "metrics/coverage.hpp"

namespace centrecov::metrics {

double AreaPoints::share(std::size_t area, const std::vector<bool>& holds) const {
    double all = 0.0;
    double yes = 0.0;
    for (std::size_t f = begin(area); f < end(area); ++f) {
        all += points_[f].under5;
        if (holds[f]) {
            yes += points_[f].under5;
        }
    }
    return all > 0.0 ? yes / all : 0.0;
}

double AreaPoints::share_within(std::size_t area, std::span<const double> metres, double threshold_m) const {
    double all = 0.0;
    double within = 0.0;
    for (std::size_t f = begin(area); f < end(area); ++f) {
        all += points_[f].under5;
        if (metres[f] <= threshold_m) {
            within += points_[f].under5;
        }
    }
    return all > 0.0 ? within / all : 0.0;
}

double AreaPoints::median(std::size_t area, std::span<const double> value) const {
    if (end(area) - begin(area) == 1) {
        return value[begin(area)];  // one point: its own value, whatever its weight
    }
    std::vector<std::pair<double, double>> value_weight;
    for (std::size_t f = begin(area); f < end(area); ++f) {
        if (!std::isnan(value[f])) {
            value_weight.emplace_back(value[f], points_[f].under5);
        }
    }
    return weighted_quantile(std::move(value_weight), 0.5);
}

double AreaPoints::mean(std::size_t area, std::span<const double> value) const {
    if (end(area) - begin(area) == 1) {
        return value[begin(area)];
    }
    double weight = 0.0;
    double sum = 0.0;
    for (std::size_t f = begin(area); f < end(area); ++f) {
        weight += points_[f].under5;
        sum += points_[f].under5 * value[f];
    }
    return weight > 0.0 ? sum / weight : std::numeric_limits<double>::quiet_NaN();
}

std::optional<std::size_t> AreaPoints::main_site(std::size_t area,
                                                 std::span<const std::optional<std::size_t>> site) const {
    std::map<std::size_t, double> under5_of;
    for (std::size_t f = begin(area); f < end(area); ++f) {
        if (site[f]) {
            under5_of[*site[f]] += points_[f].under5;
        }
    }
    std::optional<std::size_t> best;
    double most = -1.0;
    for (const auto& [s, under5] : under5_of) {  // ascending: a tie keeps the lower index
        if (under5 > most) {
            best = s;
            most = under5;
        }
    }
    return best;
}

}  // namespace centrecov::metrics
