#include "catchment/catchment.hpp"

#include <algorithm>

#include <tbb/parallel_for.h>

namespace centrecov::catchment {

std::vector<ReachArea> reach_areas(const std::vector<DemandPoint>& families,
                                   const std::map<std::string, geom::Geometry>& boundaries,
                                   const std::vector<std::optional<std::size_t>>& nearest_site) {
    return std::move(reach_areas_of_each(families, boundaries, {nearest_site}).front());
}

const GEOSGeometry* ReachAreaCache::find(const std::vector<const GEOSGeometry*>& parts) const {
    const auto found = areas_.find(parts);
    return found == areas_.end() ? nullptr : found->second.get();
}

void ReachAreaCache::add(std::vector<const GEOSGeometry*> parts, geom::Geometry area) {
    if (areas_.size() >= limit_) {
        areas_.clear();
    }
    areas_.emplace(std::move(parts), std::move(area));
}

std::vector<std::vector<ReachArea>> reach_areas_of_each(
    const std::vector<DemandPoint>& families, const std::map<std::string, geom::Geometry>& boundaries,
    const std::vector<std::vector<std::optional<std::size_t>>>& nearest_site_of_each, ReachAreaCache* cache) {
    struct Group {
        std::vector<const GEOSGeometry*> parts;  // in family order, so equal groups have equal keys
        double under5 = 0.0;
    };
    std::map<std::vector<const GEOSGeometry*>, std::size_t> distinct;  // parts -> index into `dissolved`
    std::vector<const std::vector<const GEOSGeometry*>*> to_dissolve;
    struct Pending {
        std::size_t site = 0;
        std::size_t lsoas = 0;
        double under5 = 0.0;
        std::size_t dissolved = 0;
    };
    std::vector<std::vector<Pending>> pending;
    for (const auto& nearest_site : nearest_site_of_each) {
        std::map<std::size_t, Group> groups;
        for (std::size_t f = 0; f < families.size() && f < nearest_site.size(); ++f) {
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
        auto& scenario = pending.emplace_back();
        for (auto& [site, group] : groups) {
            const std::size_t lsoas = group.parts.size();
            const auto [at, added] = distinct.emplace(std::move(group.parts), to_dissolve.size());
            if (added) {
                to_dissolve.push_back(&at->first);
            }
            scenario.push_back({site, lsoas, group.under5, at->second});
        }
    }
    std::vector<geom::Geometry> dissolved(to_dissolve.size());
    tbb::parallel_for(std::size_t{0}, to_dissolve.size(), [&](std::size_t g) {
        const GEOSGeometry* known = cache != nullptr ? cache->find(*to_dissolve[g]) : nullptr;
        dissolved[g] = known != nullptr ? geom::clone(known) : geom::as_multipolygon(geom::dissolve(*to_dissolve[g]));
    });
    if (cache != nullptr) {
        for (std::size_t g = 0; g < to_dissolve.size(); ++g) {
            if (cache->find(*to_dissolve[g]) == nullptr) {
                cache->add(*to_dissolve[g], geom::clone(dissolved[g].get()));
            }
        }
    }
    std::vector<std::vector<ReachArea>> out;
    for (const auto& scenario : pending) {
        auto& areas = out.emplace_back();
        for (const auto& p : scenario) {
            ReachArea area;
            area.site = p.site;
            area.lsoas = p.lsoas;
            area.under5 = p.under5;
            area.area = geom::clone(dissolved[p.dissolved].get());
            areas.push_back(std::move(area));
        }
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
