#include "report/catchment_output.hpp"

#include "metrics/areas.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include "core/interrupt.hpp"
#include "core/progress.hpp"
#include "metrics/areas.hpp"
#include "metrics/coverage.hpp"
#include "scenario/resolve.hpp"

namespace centrecov::report {

std::vector<double> band_thresholds(const std::vector<double>& thresholds_m) {
    if (thresholds_m.size() <= max_band_thresholds) {
        return thresholds_m;
    }
    std::vector<double> chosen;
    const std::size_t last = thresholds_m.size() - 1;
    for (std::size_t i = 0; i < max_band_thresholds; ++i) {
        chosen.push_back(thresholds_m[(i * last + (max_band_thresholds - 1) / 2) / (max_band_thresholds - 1)]);
    }
    return chosen;
}

std::string band_key(Point site, const std::vector<double>& thresholds_m) {
    return fmt::format("{:.3f},{:.3f}|{}", site.x, site.y, fmt::join(band_thresholds(thresholds_m), ","));
}

CatchmentDrawer::CatchmentDrawer(const analysis::Study& study, const analysis::ScenarioRun& run,
                                 const analysis::Settings& settings, double roadside_m)
    : study_(study),
      run_(run),
      engine_(run.engine),
      on_network_(run.engine && run.engine->measured_on_network()),
      circuity_(settings.distance.mode == routing::DistanceMode::straight_line ? 1.0 : settings.distance.circuity),
      roadside_m_(roadside_m),
      land_(catchment::study_land(study.families.boundaries)) {
    if (on_network_) {
        band_method_ = fmt::format("network: the roads from which a site is reached within the distance (the "
                                   "reachable part of the last road included), widened by {:.0f} m, clipped to "
                                   "the study's land",
                                   roadside_m);
    } else {
        band_method_ = fmt::format("estimate: circles of radius distance / {} (straight line x {} = the estimated "
                                   "road distance), clipped to the study's land; not measured on roads",
                                   circuity_, circuity_);
    }
    const bool many = run.most_thresholds > max_band_thresholds ||
                      std::any_of(run.results.begin(), run.results.end(), [](const analysis::ScenarioResult& r) {
                          return r.resolved.thresholds_m.size() > max_band_thresholds;
                      });
    if (many) {
        band_method_ += fmt::format("; with more than {0} distances, bands are drawn at {0} of them, evenly spread",
                                    max_band_thresholds);
    }
}

std::vector<ScenarioCatchments> CatchmentDrawer::draw(std::size_t first, std::size_t last) {
    last = std::min(last, run_.results.size());
    std::vector<const analysis::ScenarioResult*> results;
    for (std::size_t r = first; r < last; ++r) {
        results.push_back(&run_.results[r]);
    }
    return draw(results);
}

std::vector<ScenarioCatchments> CatchmentDrawer::draw(const std::vector<const analysis::ScenarioResult*>& results) {
    // Each site position (with its thresholds) not drawn before is drawn once, in parallel.
    std::vector<std::string> new_keys;
    std::vector<std::pair<Point, std::vector<double>>> to_draw;
    std::vector<std::vector<std::optional<std::size_t>>> nearest_of_each;
    for (const analysis::ScenarioResult* of : results) {
        const auto& result = *of;
        // Each area goes to the site nearest to most of its families (at postcode level they may differ).
        std::vector<std::optional<std::size_t>> of_point;
        for (const auto& n : result.nearest) {
            of_point.push_back(n.found() ? std::optional<std::size_t>(n.site) : std::nullopt);
        }
        const metrics::AreaPoints by_area(study_.families.points, study_.families.first_point);
        auto& nearest = nearest_of_each.emplace_back();
        for (std::size_t a = 0; a < by_area.areas(); ++a) {
            nearest.push_back(by_area.main_site(a, of_point));
        }
        for (const auto& point : result.resolved.service_points) {
            auto key = band_key(point.point, result.resolved.thresholds_m);
            if (bands_.emplace(key, std::vector<catchment::Band>{}).second) {
                new_keys.push_back(std::move(key));
                to_draw.emplace_back(point.point, band_thresholds(result.resolved.thresholds_m));
            }
        }
    }
    std::vector<std::vector<catchment::Band>> drawn(to_draw.size());
    if (!to_draw.empty()) {
        // GEOS 3.11 computes a geometry's envelope lazily, on first use: a
        // geometry read by several threads at once needs a copy per thread.
        tbb::enumerable_thread_specific<geom::Geometry> land_of_thread([&] { return geom::clone(land_.get()); });
        tbb::parallel_for(std::size_t{0}, to_draw.size(), [&](std::size_t k) {
            stop_if_interrupted();
            const auto& [p, thresholds] = to_draw[k];
            if (on_network_) {
                if (const auto roads = engine_->reachable_roads(p, thresholds)) {
                    drawn[k] = catchment::network_bands(0, thresholds, *roads, roadside_m_,
                                                        land_of_thread.local().get());
                }
            } else {
                drawn[k] = catchment::estimated_bands({p}, thresholds, circuity_, land_of_thread.local().get());
            }
        });
    }
    for (std::size_t k = 0; k < new_keys.size(); ++k) {
        bands_[new_keys[k]] = std::move(drawn[k]);
    }
    auto reach = catchment::reach_areas_of_each(study_.families.areas, study_.families.boundaries, nearest_of_each,
                                                &reach_cache_);
    std::vector<ScenarioCatchments> out;
    for (std::size_t r = 0; r < results.size(); ++r) {
        const auto& result = *results[r];
        ScenarioCatchments scenario;
        scenario.reach = std::move(reach[r]);
        for (std::size_t s = 0; s < result.resolved.service_points.size(); ++s) {
            const auto& bands =
                bands_.at(band_key(result.resolved.service_points[s].point, result.resolved.thresholds_m));
            for (const auto& band : bands) {
                catchment::Band copy;
                copy.site = s;
                copy.threshold_m = band.threshold_m;
                copy.area = geom::clone(band.area.get());
                scenario.bands.push_back(std::move(copy));
            }
        }
        out.push_back(std::move(scenario));
    }
    return out;
}

RunCatchments compute_catchments(const analysis::Study& study, const analysis::ScenarioRun& run,
                                 const analysis::Settings& settings, double roadside_m) {
    CatchmentDrawer drawer(study, run, settings, roadside_m);
    RunCatchments out;
    out.scenarios = drawer.draw(0, run.results.size());
    out.band_method = drawer.band_method();
    out.land = geom::clone(drawer.land());
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
                          std::llround(reach.under5),
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
        double under5 = 0.0;
        std::vector<double> covered;
    };
    std::map<std::string, District> districts;
    for (const auto& area : study.families.areas) {
        if (const auto found = study.families.boundaries.find(area.lsoa_code); found != study.families.boundaries.end()) {
            districts[area.district_name].parts.push_back(found->second.get());
        }
    }
    for (std::size_t f = 0; f < study.families.points.size(); ++f) {
        const auto& family = study.families.points[f];
        auto& d = districts[family.district_name];
        d.covered.resize(thresholds.size());
        d.under5 += family.under5;
        for (std::size_t t = 0; t < thresholds.size(); ++t) {
            d.covered[t] += first.nearest[f].metres <= thresholds[t] ? family.under5 : 0.0;
        }
    }
    for (const auto& [name, d] : districts) {
        io::OutputFeature feature;
        if (!d.parts.empty()) {
            feature.wkb_bng = geom::to_wkb(geom::as_multipolygon(geom::dissolve(d.parts)).get());
        }
        feature.values = {name, std::llround(d.under5)};
        for (std::size_t t = 0; t < thresholds.size(); ++t) {
            feature.values.emplace_back(io::round_to(d.under5 > 0.0 ? d.covered[t] / d.under5 : 0.0, 4));
        }
        layer.features.push_back(std::move(feature));
    }
    return layer;
}

}  // namespace centrecov::report
