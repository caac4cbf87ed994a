#include "report/lsoa_layer.hpp"

#include <cmath>

#include "metrics/areas.hpp"
#include "scenario/resolve.hpp"

namespace centrecov::report {

namespace {

io::Value metres_value(double value) {
    return std::isfinite(value) ? io::Value(io::round_to(value, 1)) : io::Value(std::monostate{});
}

io::Value scaled(double value, double scale, int decimals) {
    return std::isfinite(value) ? io::Value(io::round_to(value * scale, decimals)) : io::Value(std::monostate{});
}

io::Value flag(bool value) { return static_cast<long long>(value ? 1 : 0); }

io::Value decile(int value) { return value >= 1 ? io::Value(static_cast<long long>(value)) : io::Value(std::monostate{}); }

}  // namespace

std::vector<io::Field> lsoa_fields(const std::vector<double>& thresholds_m, const LsoaColumns& columns) {
    using io::FieldType;
    std::vector<io::Field> fields = {{"lsoa11cd", FieldType::text},
                                    {"lsoa11nm", FieldType::text},
                                    {"district_code", FieldType::text},
                                    {"district_name", FieldType::text},
                                    {"ward_code", FieldType::text},
                                    {"ward_name", FieldType::text},
                                    {"under5", FieldType::integer},
                                    {"total_population", FieldType::integer},
                                    {"imd_decile", FieldType::integer},
                                    {"idaci_decile", FieldType::integer},
                                    // How many postcodes its families are measured from (0: from its centroid).
                                    {"postcodes", FieldType::integer},
                                    {"eligible", FieldType::integer},
                                    {"nearest_centre_id", FieldType::text},
                                    {"nearest_centre_name", FieldType::text},
                                    {"nearest_centre_precision", FieldType::text},
                                    {"nearest_centre_uncertainty_m", FieldType::integer},
                                    // At postcode level: the median over its under-5s (each postcode weighted by its share).
                                    {"distance_m", FieldType::real},
                                    {"travel_time_min", FieldType::real},
                                    {"distance_mode", FieldType::text},
                                    {"access_m", FieldType::real},
                                    // Shares of its under-5s (0 or 1 from a centroid).
                                    {"off_network", FieldType::real},
                                    {"on_island", FieldType::real},
                                    // Accessibility scores (metrics/access): competition for each site counted.
                                    {"access_2sfca", FieldType::real},
                                    {"access_e2sfca", FieldType::real},
                                    {"access_gravity", FieldType::real}};
    if (columns.against_base) {
        fields.push_back({"base_distance_m", FieldType::real});
        fields.push_back({"change_m", FieldType::real});
    }
    for (const double t : thresholds_m) {
        const std::string column = metrics::threshold_column(t);
        // The share of the area's under-5s within the distance: 0 or 1 from a centroid, partial
        // from postcodes.
        fields.push_back({column, FieldType::real});
        if (columns.against_base) {
            fields.push_back({"base_" + column, FieldType::real});
            fields.push_back({"change_" + column, FieldType::real});
        }
        if (columns.outreach) {
            // The share outreach alone reaches at this threshold (summary.json's outreach_only_under5 sums these).
            fields.push_back({"outreach_only_" + column, FieldType::real});
        }
    }
    if (columns.nearest_library) {
        fields.push_back({"nearest_library_id", FieldType::text});
        fields.push_back({"nearest_library_distance_m", FieldType::real});
    }
    return fields;
}

io::OutputLayer lsoa_layer(const analysis::Study& study, const analysis::ScenarioRun& run,
                           const analysis::ScenarioResult& result, const LsoaColumns& columns) {
    io::OutputLayer layer;
    layer.name = "lsoa";
    layer.geometry = io::GeometryKind::polygon;
    layer.fields = lsoa_fields(result.resolved.thresholds_m, columns);
    const auto& r = result.resolved;
    const auto& thresholds = r.thresholds_m;

    // Per point (an area's centroid, or each of its postcodes), then per area.
    const auto& families = study.families;
    const metrics::AreaPoints by_area(families.points, families.first_point);
    const std::size_t n = families.points.size();
    std::vector<double> metres(n);
    std::vector<double> seconds(n);
    std::vector<double> access_m(n);
    std::vector<bool> off_network(n);
    std::vector<bool> island(n);
    std::vector<std::optional<std::size_t>> site(n);
    std::vector<std::optional<std::size_t>> library(n);
    std::vector<double> library_m(n);
    for (std::size_t f = 0; f < n; ++f) {
        const auto& nearest = result.nearest[f];
        metres[f] = nearest.metres;
        seconds[f] = nearest.seconds;
        access_m[f] = nearest.access_m;
        off_network[f] = nearest.off_network;
        island[f] = nearest.island;
        site[f] = nearest.found() ? std::optional<std::size_t>(nearest.site) : std::nullopt;
        if (columns.nearest_library) {
            const auto& l = (*columns.nearest_library)[f];
            library[f] = l.found() ? std::optional<std::size_t>(l.site) : std::nullopt;
            library_m[f] = l.metres;
        }
    }
    std::vector<std::vector<bool>> outreach_only(thresholds.size(), std::vector<bool>(n));
    for (std::size_t t = 0; t < thresholds.size() && columns.outreach; ++t) {
        for (std::size_t f = 0; f < n; ++f) {
            outreach_only[t][f] = result.reached_only_by_outreach(f, t);
        }
    }

    for (std::size_t a = 0; a < families.areas.size(); ++a) {
        const auto& area = families.areas[a];
        io::OutputFeature feature;
        if (const auto found = families.boundaries.find(area.lsoa_code); found != families.boundaries.end()) {
            feature.wkb_bng = geom::to_wkb(found->second.get());
        }
        auto& v = feature.values;
        v.emplace_back(area.lsoa_code);
        v.emplace_back(area.lsoa_name);
        v.emplace_back(area.district_code);
        v.emplace_back(area.district_name);
        v.emplace_back(area.ward_code);
        v.emplace_back(area.ward_name);
        v.emplace_back(std::llround(area.under5));
        v.emplace_back(static_cast<long long>(area.total_population));
        v.push_back(decile(area.imd_decile));
        v.push_back(decile(area.idaci_decile));
        v.emplace_back(families.points[by_area.begin(a)].postcode.empty() ? 0LL
                                                                         : static_cast<long long>(families.points_in(a)));
        v.push_back(flag(result.eligible[by_area.begin(a)]));  // eligibility is the area's
        if (const auto main = by_area.main_site(a, site)) {
            const auto& point = r.service_points[*main];
            // Named as the centre (or the library of a new base); placed where it stands, which
            // for a centre moved into a library is the library.
            const Site& named = scenario::service_site(point, study.centres, study.libraries);
            const Site& standing = point.library ? study.libraries[*point.library] : named;
            const std::string precision(to_string(standing.location.precision));
            v.emplace_back(named.id);
            v.emplace_back(named.name);
            v.emplace_back(point.library ? std::string("library") + (point.centre ? "" : " base") + " (" + precision + ")"
                                         : precision);
            v.emplace_back(static_cast<long long>(std::llround(standing.location.uncertainty_m)));
        } else {
            v.insert(v.end(), std::size_t{4}, io::Value(std::monostate{}));
        }
        const double median_m = by_area.median(a, metres);
        v.push_back(metres_value(median_m));
        v.push_back(scaled(by_area.median(a, seconds), 1.0 / 60.0, 1));
        v.emplace_back(run.distance_key);
        v.push_back(scaled(by_area.median(a, access_m), 1.0, 1));
        v.emplace_back(io::round_to(by_area.share(a, off_network), 3));
        v.emplace_back(io::round_to(by_area.share(a, island), 3));
        v.push_back(scaled(by_area.mean(a, result.access.two_step), 1.0, 3));
        v.push_back(scaled(by_area.mean(a, result.access.enhanced), 1.0, 3));
        v.push_back(scaled(by_area.mean(a, result.access.gravity), 1.0, 3));
        if (columns.against_base) {
            const double base_m = by_area.median(a, result.base_distance_m);
            v.push_back(metres_value(base_m));
            v.push_back(metres_value(median_m - base_m));
        }
        for (std::size_t t = 0; t < thresholds.size(); ++t) {
            const double now = by_area.share_within(a, metres, thresholds[t]);
            v.emplace_back(io::round_to(now, 4));
            if (columns.against_base) {
                const double before = by_area.share_within(a, result.base_distance_m, thresholds[t]);
                v.emplace_back(io::round_to(before, 4));
                v.emplace_back(io::round_to(now - before, 4));
            }
            if (columns.outreach) {
                v.emplace_back(io::round_to(by_area.share(a, outreach_only[t]), 4));
            }
        }
        if (columns.nearest_library) {
            if (const auto main = by_area.main_site(a, library)) {
                v.emplace_back(study.libraries[*main].id);
            } else {
                v.emplace_back(std::monostate{});
            }
            v.push_back(metres_value(by_area.median(a, library_m)));
        }
        layer.features.push_back(std::move(feature));
    }
    return layer;
}

io::OutputLayer postcode_layer(const analysis::Study& study, const analysis::ScenarioRun& run,
                               const analysis::ScenarioResult& result) {
    using io::FieldType;
    io::OutputLayer layer;
    layer.name = "postcodes";
    layer.geometry = io::GeometryKind::point;
    layer.fields = {{"postcode", FieldType::text},     {"lsoa11cd", FieldType::text},
                    {"district_name", FieldType::text}, {"under5", FieldType::real},
                    {"imd_decile", FieldType::integer}, {"idaci_decile", FieldType::integer},
                    {"nearest_centre_id", FieldType::text}, {"distance_m", FieldType::real},
                    {"distance_mode", FieldType::text}};
    const auto& r = result.resolved;
    for (const double t : r.thresholds_m) {
        layer.fields.push_back({metrics::threshold_column(t), FieldType::integer});
    }
    const auto& families = study.families;
    for (std::size_t f = 0; f < families.points.size(); ++f) {
        const auto& family = families.points[f];
        if (family.postcode.empty()) {
            continue;  // an area measured from its centroid has no postcode to show
        }
        const auto& nearest = result.nearest[f];
        io::OutputFeature feature;
        feature.wkb_bng = geom::to_wkb(geom::make_point(family.point).get());
        auto& v = feature.values;
        v.emplace_back(family.postcode);
        v.emplace_back(family.lsoa_code);
        v.emplace_back(family.district_name);
        v.emplace_back(io::round_to(family.under5, 3));
        v.push_back(decile(family.imd_decile));
        v.push_back(decile(family.idaci_decile));
        if (nearest.found()) {
            v.emplace_back(scenario::service_site(r.service_points[nearest.site], study.centres, study.libraries).id);
        } else {
            v.emplace_back(std::monostate{});
        }
        v.push_back(metres_value(nearest.metres));
        v.emplace_back(run.distance_key);
        for (const double t : r.thresholds_m) {
            v.push_back(flag(nearest.metres <= t));
        }
        layer.features.push_back(std::move(feature));
    }
    return layer;
}

}  // namespace centrecov::report
