#pragma once

#include <string>

#include "core/geometry.hpp"

namespace centrecov {

// Families in one small area (an LSOA), placed at its population-weighted centroid.
struct DemandPoint {
    std::string lsoa_code;
    std::string lsoa_name;
    int under5 = 0;
    int total_population = 0;
    int imd_decile = 0;    // 1 = most deprived 10 %; 0 = unknown
    int idaci_decile = 0;  // 1 = most deprived 10 %; 0 = unknown
    std::string district_code;
    std::string district_name;
    std::string ward_code;
    std::string ward_name;
    Point point;
};

}  // namespace centrecov
