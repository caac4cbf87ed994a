#pragma once

// Sites and families for studies drawn by hand in the tests.

#include <string>

#include <vector>

#include "core/demand.hpp"
#include "core/site.hpp"
#include "families/families.hpp"

namespace centrecov::test {

// A site placed exactly where the test says.
inline Site placed_site(const std::string& id, Point p, SiteKind kind = SiteKind::centre) {
    Site site;
    site.id = id;
    site.name = id;
    site.kind = kind;
    site.location.point = p;
    site.location.precision = Precision::coordinates;
    return site;
}

// Families of one area, in one district, at the given deprivation decile (IMD and IDACI alike).
inline DemandPoint families_at(const std::string& code, Point p, int under5, int decile = 1) {
    DemandPoint point;
    point.lsoa_code = code;
    point.under5 = under5;
    point.district_code = "E07000148";
    point.district_name = "Norwich";
    point.imd_decile = decile;
    point.idaci_decile = decile;
    point.idaci_rank = decile;  // same order as the decile
    point.point = p;
    return point;
}

// Gives a drawn study these areas, in this order, each measured from its centroid.
inline void set_areas(families::Families& families, std::vector<DemandPoint> areas) {
    for (std::size_t a = 0; a < areas.size(); ++a) {
        areas[a].area = a;
    }
    families.areas = std::move(areas);
    families::measure_from_centroids(families);
}

}  // namespace centrecov::test
