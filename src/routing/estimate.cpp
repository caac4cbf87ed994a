#include "routing/estimate.hpp"

#include <fmt/format.h>

namespace centrecov::routing {

double DistanceModel::metres(Point a, Point b) const {
    const double crow = straight_line_m(a, b);
    return mode == DistanceMode::straight_line ? crow : crow * circuity;
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
