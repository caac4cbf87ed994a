#include "report/catchment_output.hpp"

#include <fmt/format.h>

#include <map>

#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include "core/progress.hpp"
#include "metrics/coverage.hpp"
#include "scenario/resolve.hpp"

namespace centrecov::report {

std::string band_key(Point site, const std::vector<double>& thresholds_m) {
    return fmt::format("{:.3f},{:.3f}|{}", site.x, site.y, fmt::join(thresholds_m, ","));
}

RunCatchments compute_catchments(const analysis::Study& study, const analysis::ScenarioRun& run,
                                 const analysis::Settings& settings, double roadside_m) {
    RunCatchments out;
    out.land = catchment::study_land(study.families.boundaries);
    const bool on_network = run.engine && run.engine->measured_on_network();
    const double circuity =
        settings.distance.mode == routing::DistanceMode::straight_line ? 1.0 : settings.distance.circuity;
    if (on_network) {
        out.band_method = fmt::format("network: the roads from which a site is reached within the distance (the "
                                      "reachable part of the last road included), widened by {:.0f} m, clipped to "
                                      "the study's land",
                                      roadside_m);
    } else {
        out.band_method = fmt::format("estimate: circles of radius distance / {} (straight line x {} = the estimated "
                                      "road distance), clipped to the study's land; not measured on roads",
                                      circuity, circuity);
    }
    // Each distinct site position (with its thresholds) is drawn once, in parallel.
    std::map<std::string, std::size_t> band_index;  // band_key -> index into `drawn`
    std::vector<std::pair<Point, const std::vector<double>*>> to_draw;
    std::vector<std::vector<std::optional<std::size_t>>> nearest_of_each;
    for (const auto& result : run.results) {
        auto& nearest = nearest_of_each.emplace_back();
        for (const auto& n : result.nearest) {
            nearest.push_back(n.found() ? std::optional<std::size_t>(n.site) : std::nullopt);
        }
        for (const auto& point : result.resolved.service_points) {
            if (band_index.emplace(band_key(point.point, result.resolved.thresholds_m), to_draw.size()).second) {
                to_draw.emplace_back(point.point, &result.resolved.thresholds_m);
            }
        }
    }
    std::vector<std::vector<catchment::Band>> drawn(to_draw.size());
    {
        Progress progress("catchments", to_draw.size());
        // GEOS 3.11 computes a geometry's envelope lazily, on first use: a
        // geometry read by several threads at once needs a copy per thread.
        tbb::enumerable_thread_specific<geom::Geometry> land_of_thread(
            [&] { return geom::clone(out.land.get()); });
        tbb::parallel_for(std::size_t{0}, to_draw.size(), [&](std::size_t k) {
            const auto& [p, thresholds] = to_draw[k];
            if (on_network) {
                if (const auto roads = run.engine->reachable_roads(p, *thresholds)) {
                    drawn[k] = catchment::network_bands(0, *thresholds, *roads, roadside_m, land_of_thread.local().get());
                }
            } else {
                drawn[k] = catchment::estimated_bands({p}, *thresholds, circuity, land_of_thread.local().get());
            }
            progress.advance();
        });
    }
    auto reach = catchment::reach_areas_of_each(study.families.points, study.families.boundaries, nearest_of_each);
    for (std::size_t r = 0; r < run.results.size(); ++r) {
        const auto& result = run.results[r];
        ScenarioCatchments scenario;
        scenario.reach = std::move(reach[r]);
        for (std::size_t s = 0; s < result.resolved.service_points.size(); ++s) {
            const auto& bands =
                drawn[band_index.at(band_key(result.resolved.service_points[s].point, result.resolved.thresholds_m))];
            for (const auto& band : bands) {
                catchment::Band copy;
                copy.site = s;
                copy.threshold_m = band.threshold_m;
                copy.area = geom::clone(band.area.get());
                scenario.bands.push_back(std::move(copy));
            }
        }
        out.scenarios.push_back(std::move(scenario));
    }
    return out;
}

io::OutputLayer reach_layer(const analysis::Study& study, const analysis::ScenarioRun& run,
                            const analysis::ScenarioResult& result, const ScenarioCatchments& catchments) {
    using io::FieldType;
    io::OutputLayer layer;
    layer.name = "reach";
    layer.geometry = io::GeometryKind::polygon;
    layer.fields = {{"site_id", FieldType::text},   {"site_name", FieldType::text}, {"site_kind", FieldType::text},
                    {"precision", FieldType::text}, {"under5", FieldType::integer}, {"lsoas", FieldType::integer},
                    {"area_km2", FieldType::real},  {"distance_mode", FieldType::text}};
    for (const auto& reach : catchments.reach) {
        const auto& point = result.resolved.service_points[reach.site];
        const Site& site = scenario::service_site(point, study.centres, study.libraries);
        io::OutputFeature feature;
        feature.wkb_bng = geom::to_wkb(reach.area.get());
        feature.values = {site.id,
                          site.name,
                          std::string(point.centre ? (point.library ? "centre in a library" : "centre")
                                                   : "library base"),
                          std::string(to_string(site.location.precision)),
                          reach.under5,
                          static_cast<long long>(reach.lsoas),
                          io::round_to(geom::area(reach.area.get()) / 1e6, 3),
                          run.distance_key};
        layer.features.push_back(std::move(feature));
    }
    return layer;
}

io::OutputLayer bands_layer(const analysis::Study& study, const analysis::ScenarioResult& result,
                            const ScenarioCatchments& catchments, const std::string& band_method) {
    using io::FieldType;
    io::OutputLayer layer;
    layer.name = "bands";
    layer.geometry = io::GeometryKind::polygon;
    layer.fields = {{"site_id", FieldType::text},   {"site_name", FieldType::text},
                    {"threshold_m", FieldType::real}, {"band", FieldType::text},
                    {"area_km2", FieldType::real},  {"method", FieldType::text}};
    // Largest first, so that smaller bands draw on top.
    std::vector<const catchment::Band*> order;
    for (const auto& band : catchments.bands) {
        order.push_back(&band);
    }
    std::stable_sort(order.begin(), order.end(), [](const catchment::Band* a, const catchment::Band* b) {
        return a->threshold_m > b->threshold_m;
    });
    for (const auto* band : order) {
        const Site& site =
            scenario::service_site(result.resolved.service_points[band->site], study.centres, study.libraries);
        io::OutputFeature feature;
        feature.wkb_bng = geom::to_wkb(band->area.get());
        feature.values = {site.id,
                          site.name,
                          band->threshold_m,
                          "within " + metrics::threshold_label(band->threshold_m),
                          io::round_to(geom::area(band->area.get()) / 1e6, 3),
                          band_method};
        layer.features.push_back(std::move(feature));
    }
    return layer;
}

io::OutputLayer districts_layer(const analysis::Study& study, const analysis::ScenarioResult& first) {
    using io::FieldType;
    io::OutputLayer layer;
    layer.name = "districts";
    layer.geometry = io::GeometryKind::polygon;
    layer.fields = {{"district", FieldType::text}, {"under5", FieldType::integer}};
    const auto& thresholds = first.resolved.thresholds_m;
    for (const double t : thresholds) {
        layer.fields.push_back({"share_" + metrics::threshold_column(t), FieldType::real});
    }
    struct District {
        std::vector<const GEOSGeometry*> parts;
        long long under5 = 0;
        std::vector<long long> covered;
    };
    std::map<std::string, District> districts;
    for (std::size_t f = 0; f < study.families.points.size(); ++f) {
        const auto& family = study.families.points[f];
        auto& d = districts[family.district_name];
        d.covered.resize(thresholds.size());
        if (const auto found = study.families.boundaries.find(family.lsoa_code);
            found != study.families.boundaries.end()) {
            d.parts.push_back(found->second.get());
        }
        d.under5 += family.under5;
        for (std::size_t t = 0; t < thresholds.size(); ++t) {
            d.covered[t] += first.nearest[f].metres <= thresholds[t] ? family.under5 : 0;
        }
    }
    for (const auto& [name, d] : districts) {
        io::OutputFeature feature;
        if (!d.parts.empty()) {
            feature.wkb_bng = geom::to_wkb(geom::as_multipolygon(geom::dissolve(d.parts)).get());
        }
        feature.values = {name, d.under5};
        for (std::size_t t = 0; t < thresholds.size(); ++t) {
            feature.values.emplace_back(
                io::round_to(d.under5 ? static_cast<double>(d.covered[t]) / static_cast<double>(d.under5) : 0.0, 4));
        }
        layer.features.push_back(std::move(feature));
    }
    return layer;
}

}  // namespace centrecov::report
