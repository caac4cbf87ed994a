#pragma once

// Catchments: the area each open site serves (reach areas) and the area
// within each distance of it (bands). Geometry in British National Grid.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/demand.hpp"
#include "core/geometry.hpp"
#include "geom/geos.hpp"

namespace centrecov::catchment {

// The small areas whose families have this site as their nearest, dissolved.
struct ReachArea {
    std::size_t site = 0;  // index of the site (service point)
    geom::Geometry area;   // MultiPolygon
    double under5 = 0.0;
    std::size_t lsoas = 0;
};

// Groups the LSOA polygons by each family's nearest site (nullopt: no site
// reachable, in no reach area) and dissolves each group with GEOS. Every LSOA
// with a site lies in exactly one reach area. Sites that are nearest to no
// family get no area. Sorted by site.
std::vector<ReachArea> reach_areas(const std::vector<DemandPoint>& families,
                                   const std::map<std::string, geom::Geometry>& boundaries,
                                   const std::vector<std::optional<std::size_t>>& nearest_site);

// The same for several assignments at once (one per scenario). Scenarios share
// most of their reach areas, so each distinct group of LSOAs is dissolved once,
// the groups in parallel; the result does not depend on the thread count.
// Dissolved groups of small areas kept between calls: most scenarios of a file
// leave most sites' reach areas as their base had them. At most `limit` groups
// are kept (then it starts again), which bounds its memory.
class ReachAreaCache {
public:
    explicit ReachAreaCache(std::size_t limit = 4096) : limit_(limit) {}
    const GEOSGeometry* find(const std::vector<const GEOSGeometry*>& parts) const;
    void add(std::vector<const GEOSGeometry*> parts, geom::Geometry area);

private:
    std::size_t limit_;
    std::map<std::vector<const GEOSGeometry*>, geom::Geometry> areas_;
};

std::vector<std::vector<ReachArea>> reach_areas_of_each(
    const std::vector<DemandPoint>& families, const std::map<std::string, geom::Geometry>& boundaries,
    const std::vector<std::vector<std::optional<std::size_t>>>& nearest_site_of_each,
    ReachAreaCache* cache = nullptr);

// The area within one distance of one site.
struct Band {
    std::size_t site = 0;
    double threshold_m = 0.0;
    geom::Geometry area;  // MultiPolygon
};

// Estimated mode: the area within a road distance T of a site is taken as
// the circle of radius T / circuity (straight-line distance x circuity =
// estimated road distance), clipped to `land` (the study's small areas, so no
// sea or land beyond the study). Bands nest because the circles do.
std::vector<Band> estimated_bands(const std::vector<Point>& sites, const std::vector<double>& thresholds_m,
                                  double circuity, const GEOSGeometry* land);

// Network mode: the area within `roadside_m` of the roads from which the site
// can be reached within each threshold, clipped to `land`. `roads[t]` (thresholds
// ascending) holds only the roads first reached within thresholds_m[t], the reachable
// part of a partly travelled road included: each band is the one before united with
// them widened, so bands nest exactly and no road is widened twice.
std::vector<Band> network_bands(std::size_t site, const std::vector<double>& thresholds_m,
                                const std::vector<std::vector<std::vector<Point>>>& roads, double roadside_m,
                                const GEOSGeometry* land);

// The union of all LSOA polygons: the land the study covers.
geom::Geometry study_land(const std::map<std::string, geom::Geometry>& boundaries);

}  // namespace centrecov::catchment
