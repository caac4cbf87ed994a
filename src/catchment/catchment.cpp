#include "catchment/catchment.hpp"

#include <algorithm>

namespace centrecov::catchment {

std::vector<ReachArea> reach_areas(const std::vector<DemandPoint>& families,
                                   const std::map<std::string, geom::Geometry>& boundaries,
                                   const std::vector<std::optional<std::size_t>>& nearest_site) {
    struct Group {
        std::vector<const GEOSGeometry*> parts;
        long long under5 = 0;
    };
    std::map<std::size_t, Group> groups;
    for (std::size_t f = 0; f < families.size(); ++f) {
        if (!nearest_site[f]) {
            continue;
        }
        const auto found = boundaries.find(families[f].lsoa_code);
        if (found == boundaries.end()) {
            continue;
        }
        auto& group = groups[*nearest_site[f]];
        group.parts.push_back(found->second.get());
        group.under5 += families[f].under5;
    }
    std::vector<ReachArea> out;
    for (auto& [site, group] : groups) {
        ReachArea area;
        area.site = site;
        area.lsoas = group.parts.size();
        area.under5 = group.under5;
        area.area = geom::as_multipolygon(geom::dissolve(group.parts));
        out.push_back(std::move(area));
    }
    return out;
}

geom::Geometry study_land(const std::map<std::string, geom::Geometry>& boundaries) {
    std::vector<const GEOSGeometry*> parts;
    for (const auto& [code, polygon] : boundaries) {
        parts.push_back(polygon.get());
    }
    return geom::dissolve(parts);
}

std::vector<Band> network_bands(std::size_t site, const std::vector<double>& thresholds_m,
                                const std::vector<std::vector<std::vector<Point>>>& roads, double roadside_m,
                                const GEOSGeometry* land) {
    std::vector<Band> out;
    for (std::size_t t = 0; t < thresholds_m.size(); ++t) {
        Band band;
        band.site = site;
        band.threshold_m = thresholds_m[t];
        geom::Geometry area = roads[t].empty() ? geom::as_multipolygon(geom::from_wkt("POLYGON EMPTY"))
                                               : geom::intersection(geom::buffer_lines(roads[t], roadside_m).get(), land);
        if (!out.empty()) {
            area = geom::unite(area.get(), out.back().area.get());
        }
        band.area = geom::as_multipolygon(std::move(area));
        out.push_back(std::move(band));
    }
    return out;
}

std::vector<Band> estimated_bands(const std::vector<Point>& sites, const std::vector<double>& thresholds_m,
                                  double circuity, const GEOSGeometry* land) {
    std::vector<double> thresholds = thresholds_m;
    std::sort(thresholds.begin(), thresholds.end());
    std::vector<Band> out;
    for (std::size_t s = 0; s < sites.size(); ++s) {
        for (const double t : thresholds) {
            Band band;
            band.site = s;
            band.threshold_m = t;
            const geom::Geometry circle = geom::buffer(sites[s], t / circuity, 32);
            geom::Geometry area = geom::intersection(circle.get(), land);
            if (!out.empty() && out.back().site == s) {
                area = geom::unite(area.get(), out.back().area.get());  // exact nesting despite rounding
            }
            band.area = geom::as_multipolygon(std::move(area));
            out.push_back(std::move(band));
        }
    }
    return out;
}

}  // namespace centrecov::catchment
