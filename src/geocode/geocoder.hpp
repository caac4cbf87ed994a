#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/location.hpp"
#include "core/site.hpp"
#include "geocode/gazetteer.hpp"

namespace centrecov::geocode {

// Where a named place (town, village, suburb) is, and from what.
struct Anchor {
    Point point;
    double uncertainty_m = 0.0;
    Extent extent;  // the place's box (of its kept stops, for mobile-library stops)
    std::string evidence;
};

// Finds a locality by name in Open Names, then among mobile-library stop communities.
// `district` (a name, may be empty) breaks ties between places of the same name.
std::optional<Anchor> find_locality(const Gazetteer& gazetteer, const std::string& locality,
                                    const std::string& district);

// Places a site from the best evidence it has, in this order: coordinates given,
// its own postcode, its host site's postcode (a school found in the register),
// a named street within its locality, the locality, the ward. A site none of
// these place stays unresolved, with the reasons in `evidence`.
Location locate(const Site& site, const Gazetteer& gazetteer);

// Geocodes every site in place; returns how many are unresolved.
std::size_t locate_all(std::vector<Site>& sites, const Gazetteer& gazetteer);

}  // namespace centrecov::geocode
