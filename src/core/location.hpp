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

// An axis-aligned box in British National Grid metres.
struct Extent {
    double min_x = 0.0;
    double min_y = 0.0;
    double max_x = 0.0;
    double max_y = 0.0;
    bool contains(Point p) const { return p.x >= min_x && p.x <= max_x && p.y >= min_y && p.y <= max_y; }
};

struct Location {
    std::optional<Point> point;
    Precision precision = Precision::unresolved;
    std::string evidence;        // what placed it, or why it could not be placed
    double uncertainty_m = 0.0;  // rough radius within which the real site lies
    // Where the evidence says the site stands when it is less than a postcode: the street's
    // or the locality's box (OS Open Names), or the ward's; the draws of the uncertainty
    // estimate place the site among the postcodes inside it.
    std::optional<Extent> extent;
    std::string ward_code;  // for a site placed by its ward

    bool resolved() const { return point.has_value(); }
};

}  // namespace centrecov
