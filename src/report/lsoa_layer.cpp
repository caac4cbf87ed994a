#include "report/lsoa_layer.hpp"

#include <cmath>

#include "scenario/resolve.hpp"

namespace centrecov::report {

namespace {

io::Value metres(double value) {
    return std::isfinite(value) ? io::Value(io::round_to(value, 1)) : io::Value(std::monostate{});
}

io::Value scaled(double value, double scale, int decimals) {
    return std::isfinite(value) ? io::Value(io::round_to(value * scale, decimals)) : io::Value(std::monostate{});
}

io::Value flag(bool value) { return static_cast<long long>(value ? 1 : 0); }

io::Value decile(int value) { return value >= 1 ? io::Value(static_cast<long long>(value)) : io::Value(std::monostate{}); }

}  // namespace

io::OutputLayer lsoa_layer(const analysis::Study& study, const analysis::ScenarioRun& run,
                           const analysis::ScenarioResult& result, const LsoaColumns& columns) {
    using io::FieldType;
    io::OutputLayer layer;
    layer.name = "lsoa";
    layer.geometry = io::GeometryKind::polygon;
    layer.fields = {{"lsoa11cd", FieldType::text},
                    {"lsoa11nm", FieldType::text},
                    {"district_code", FieldType::text},
                    {"district_name", FieldType::text},
                    {"ward_code", FieldType::text},
                    {"ward_name", FieldType::text},
                    {"under5", FieldType::integer},
                    {"total_population", FieldType::integer},
                    {"imd_decile", FieldType::integer},
                    {"idaci_decile", FieldType::integer},
                    {"eligible", FieldType::integer},
                    {"nearest_centre_id", FieldType::text},
                    {"nearest_centre_name", FieldType::text},
                    {"nearest_centre_precision", FieldType::text},
                    {"nearest_centre_uncertainty_m", FieldType::integer},
                    {"distance_m", FieldType::real},
                    {"travel_time_min", FieldType::real},
                    {"distance_mode", FieldType::text},
                    {"access_m", FieldType::real},
                    {"off_network", FieldType::integer},
                    {"on_island", FieldType::integer},
                    // Accessibility scores (metrics/access): competition for each site counted.
                    {"access_2sfca", FieldType::real},
                    {"access_e2sfca", FieldType::real},
                    {"access_gravity", FieldType::real}};
    if (columns.against_base) {
        layer.fields.push_back({"base_distance_m", FieldType::real});
        layer.fields.push_back({"change_m", FieldType::real});
    }
    const auto& r = result.resolved;
    const auto& thresholds = r.thresholds_m;
    for (const double t : thresholds) {
        const std::string column = metrics::threshold_column(t);
        layer.fields.push_back({column, FieldType::integer});
        if (columns.against_base) {
            layer.fields.push_back({"base_" + column, FieldType::integer});
            layer.fields.push_back({"change_" + column, FieldType::integer});
        }
        if (columns.outreach) {
            // 1 when outreach alone reaches the area at this threshold (summary.json's outreach_only_under5 sums these).
            layer.fields.push_back({"outreach_only_" + column, FieldType::integer});
        }
    }
    if (columns.nearest_library) {
        layer.fields.push_back({"nearest_library_id", FieldType::text});
        layer.fields.push_back({"nearest_library_distance_m", FieldType::real});
    }

    for (std::size_t f = 0; f < study.families.points.size(); ++f) {
        const auto& family = study.families.points[f];
        const auto& nearest = result.nearest[f];
        io::OutputFeature feature;
        if (const auto found = study.families.boundaries.find(family.lsoa_code);
            found != study.families.boundaries.end()) {
            feature.wkb_bng = geom::to_wkb(found->second.get());
        }
        auto& v = feature.values;
        v.emplace_back(family.lsoa_code);
        v.emplace_back(family.lsoa_name);
        v.emplace_back(family.district_code);
        v.emplace_back(family.district_name);
        v.emplace_back(family.ward_code);
        v.emplace_back(family.ward_name);
        v.emplace_back(static_cast<long long>(family.under5));
        v.emplace_back(static_cast<long long>(family.total_population));
        v.push_back(decile(family.imd_decile));
        v.push_back(decile(family.idaci_decile));
        v.push_back(flag(result.eligible[f]));
        if (nearest.found()) {
            const auto& point = r.service_points[nearest.site];
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
        v.push_back(metres(nearest.metres));
        v.push_back(scaled(nearest.seconds, 1.0 / 60.0, 1));
        v.emplace_back(run.distance_key);
        v.push_back(scaled(nearest.access_m, 1.0, 1));
        v.push_back(flag(nearest.off_network));
        v.push_back(flag(nearest.island));
        v.emplace_back(io::round_to(result.access.two_step[f], 3));
        v.emplace_back(io::round_to(result.access.enhanced[f], 3));
        v.emplace_back(io::round_to(result.access.gravity[f], 3));
        if (columns.against_base) {
            v.push_back(metres(result.base_distance_m[f]));
            v.push_back(metres(nearest.metres - result.base_distance_m[f]));
        }
        for (std::size_t t = 0; t < thresholds.size(); ++t) {
            const bool now = nearest.metres <= thresholds[t];
            v.push_back(flag(now));
            if (columns.against_base) {
                const bool before = result.base_distance_m[f] <= thresholds[t];
                v.push_back(flag(before));
                v.emplace_back(static_cast<long long>(now) - static_cast<long long>(before));
            }
            if (columns.outreach) {
                v.push_back(flag(result.reached_only_by_outreach(f, t)));
            }
        }
        if (columns.nearest_library) {
            const auto& library = (*columns.nearest_library)[f];
            if (library.found()) {
                v.emplace_back(study.libraries[library.site].id);
            } else {
                v.emplace_back(std::monostate{});
            }
            v.push_back(metres(library.metres));
        }
        layer.features.push_back(std::move(feature));
    }
    return layer;
}

}  // namespace centrecov::report
