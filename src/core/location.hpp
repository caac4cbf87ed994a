#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/geometry.hpp"

namespace centrecov {

// How a site was placed, best first. The order is the order of evidence the
// geocoder tries; it is carried to every output so nobody mistakes a town
// centre for a front door.
enum class Precision {
    coordinates,    // coordinates given in the input
    postcode,       // the site's own postcode (Code-Point Open unit centroid)
    host_postcode,  // the postcode of the site that hosts it (e.g. a school)
    street,         // a named road within the locality (OS Open Names)
    locality,       // a town, village or suburb (OS Open Names, or mobile-library stops)
    ward,           // an interior point of the electoral ward
    unresolved,     // not placed; never given a made-up point
};

std::string_view to_string(Precision precision);
std::optional<Precision> parse_precision(std::string_view text);

struct Location {
    std::optional<Point> point;
    Precision precision = Precision::unresolved;
    std::string evidence;        // what placed it, or why it could not be placed
    double uncertainty_m = 0.0;  // rough radius within which the real site lies

    bool resolved() const { return point.has_value(); }
};

}  // namespace centrecov
