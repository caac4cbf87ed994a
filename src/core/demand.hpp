#pragma once

#include <cstddef>
#include <string>

#include "core/geometry.hpp"

namespace centrecov {

// Families at one point: a small area (an LSOA) at its population-weighted centroid,
// or one of its postcodes with that postcode's share of the area's under-5s.
struct DemandPoint {
    std::string lsoa_code;
    std::string lsoa_name;
    std::string postcode;  // empty: the area's centroid
    std::size_t area = 0;  // index of the small area in Families::areas
    // Under-5s counted here: the area's, or at postcode level a share of them (fractional:
    // rounding each share to whole children would move families between postcodes).
    double under5 = 0.0;
    int total_population = 0;  // of the whole area
    int imd_decile = 0;    // 1 = most deprived 10 %; 0 = unknown
    int idaci_decile = 0;  // 1 = most deprived 10 %; 0 = unknown
    // England-wide IDACI rank (1 = most deprived): orders families finely enough for the
    // concentration index, where a decile would tie a tenth of England; 0 = unknown.
    int idaci_rank = 0;
    std::string district_code;
    std::string district_name;
    std::string ward_code;
    std::string ward_name;
    Point point;
};

}  // namespace centrecov
