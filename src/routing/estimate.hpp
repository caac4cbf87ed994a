#pragma once

#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/geometry.hpp"

namespace centrecov::routing {

// Without a road network, distances are estimates and every output says so.
enum class DistanceMode {
    straight_line,   // as the crow flies
    estimated_road,  // straight line times a circuity factor
};

// Road distance over straight-line distance. Factors reported for national road
// networks mostly lie between about 1.2 and 1.4 (Ballou, Rahardja & Sakai 2002,
// Transportation Research A 36(9)); short trips sit higher, so we take the middle.
// docs/distance.md gives the reasoning; a calibrated factor replaces it once road
// networks are loaded.
inline constexpr double default_circuity = 1.3;

// How the factor varies from one area to another: (probability, factor over the median)
// pairs, probabilities ascending, read as a piecewise-linear quantile function and
// continued past the first and last pair along their slopes. `calibrate` measures it on
// a road network; without one, the spread it measured on a real OS Open Roads network
// (10th percentile 0.904 and 90th 1.219 times the median; docs/distance.md) stands in.
using CircuitySpread = std::vector<std::pair<double, double>>;
CircuitySpread default_circuity_spread();

// How far the median factor itself may be from the study area's own: national networks
// give 1.2 to 1.4 (Ballou, Rahardja & Sakai 2002), taken as the 10th and 90th percentiles
// around the middle. A draw scales every area's factor by one value from this.
CircuitySpread default_median_spread();

struct DistanceModel {
    DistanceMode mode = DistanceMode::estimated_road;
    double circuity = default_circuity;
    CircuitySpread spread = default_circuity_spread();
    std::string spread_source = "default";  // "default", or the calibration file's name

    // The factor at quantile u (0 to 1) of the spread, scaled to this model's circuity; never
    // below 1, since no road is shorter than the straight line. 1 for straight lines.
    double circuity_at(double u) const;
    // The scale of one draw's median at quantile u of default_median_spread(); 1 for straight lines.
    double median_scale_at(double u) const;

    double metres(Point a, Point b) const;
    // Short machine name: "straight_line" or "estimated_road".
    std::string key() const;
    // Sentence for people: "estimated road distance (straight line x 1.3)".
    std::string label() const;
};

std::optional<DistanceMode> parse_distance_mode(std::string_view text);

struct Nearest {
    static constexpr std::size_t none = std::numeric_limits<std::size_t>::max();
    std::size_t site = none;  // index into the site list
    double distance_m = std::numeric_limits<double>::infinity();
    bool found() const { return site != none; }
};

// For every point, the nearest site and its distance. Ties go to the site listed
// first, so the answer does not depend on anything but the inputs.
std::vector<Nearest> nearest_sites(const std::vector<Point>& points, const std::vector<Point>& sites,
                                   const DistanceModel& model);

}  // namespace centrecov::routing
