#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/site.hpp"
#include "geocode/gazetteer.hpp"

namespace centrecov::geocode {

// Where a site could stand, as far as its evidence says: the points the uncertainty
// estimate draws its position from. Placed by coordinates or a postcode: that point
// alone. By a street: the live postcodes within the street's box (grown by
// `street_margin_m`, since a unit's point stands back from the road). By a locality:
// the postcodes within its box. By a ward: the postcodes within the ward. Not placed:
// the postcodes of its district (to bound what placing it could change), or none.
// When a box holds no postcode, its centre and corners stand for it. At most `at_most`
// points, spread evenly over the postcode order (which keeps neighbours together).
struct Candidates {
    std::vector<Point> points;
    std::string from;  // "its postcode", "37 postcodes within the street's box", ...
};

inline constexpr double street_margin_m = 100.0;
inline constexpr std::size_t default_candidates = 64;

Candidates placement_candidates(const Site& site, const Gazetteer& gazetteer,
                                std::size_t at_most = default_candidates);

}  // namespace centrecov::geocode
