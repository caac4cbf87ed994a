#include "routing/estimate.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace centrecov::routing {

double DistanceModel::metres(Point a, Point b) const {
    const double crow = straight_line_m(a, b);
    return mode == DistanceMode::straight_line ? crow : crow * circuity;
}

CircuitySpread default_circuity_spread() { return {{0.1, 0.904}, {0.5, 1.0}, {0.9, 1.219}}; }

CircuitySpread default_median_spread() { return {{0.1, 1.2 / 1.3}, {0.5, 1.0}, {0.9, 1.4 / 1.3}}; }

namespace {

// The piecewise-linear quantile function through `spread` at u, continued past its ends.
double quantile_of(const CircuitySpread& spread, double u) {
    if (spread.size() < 2) {
        return spread.empty() ? 1.0 : spread.front().second;
    }
    std::size_t i = 1;
    while (i + 1 < spread.size() && u > spread[i].first) {
        ++i;
    }
    const auto [p0, f0] = spread[i - 1];
    const auto [p1, f1] = spread[i];
    return p1 > p0 ? f0 + (u - p0) * (f1 - f0) / (p1 - p0) : f0;
}

}  // namespace

double DistanceModel::circuity_at(double u) const {
    if (mode == DistanceMode::straight_line) {
        return 1.0;
    }
    return std::max(1.0, circuity * quantile_of(spread, u));
}

double DistanceModel::median_scale_at(double u) const {
    return mode == DistanceMode::straight_line ? 1.0 : quantile_of(default_median_spread(), u);
}

std::string DistanceModel::key() const {
    return mode == DistanceMode::straight_line ? "straight_line" : "estimated_road";
}

std::string DistanceModel::label() const {
    if (mode == DistanceMode::straight_line) {
        return "straight-line distance (as the crow flies)";
    }
    return fmt::format("estimated road distance (straight line x {})", circuity);
}

std::optional<DistanceMode> parse_distance_mode(std::string_view text) {
    if (text == "straight_line" || text == "straight") {
        return DistanceMode::straight_line;
    }
    if (text == "estimated_road" || text == "estimated") {
        return DistanceMode::estimated_road;
    }
    return std::nullopt;
}

std::vector<Nearest> nearest_sites(const std::vector<Point>& points, const std::vector<Point>& sites,
                                   const DistanceModel& model) {
    std::vector<Nearest> nearest(points.size());
    for (std::size_t i = 0; i < points.size(); ++i) {
        for (std::size_t s = 0; s < sites.size(); ++s) {
            const double d = model.metres(points[i], sites[s]);
            if (d < nearest[i].distance_m) {
                nearest[i] = {s, d};
            }
        }
    }
    return nearest;
}

}  // namespace centrecov::routing
