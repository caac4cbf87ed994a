#include "report/sites_output.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include <fmt/format.h>

#include "geom/geos.hpp"
#include "io/gdal.hpp"
#include "io/writers.hpp"
#include "report/format.hpp"

namespace centrecov::report {

namespace {

std::vector<std::string> attribute_keys(const std::vector<const Site*>& sites) {
    std::vector<std::string> keys;
    for (const auto* site : sites) {
        for (const auto& [key, value] : site->attributes) {
            if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
                keys.push_back(key);
            }
        }
    }
    return keys;
}

io::Value text_or_null(const std::string& value) {
    if (value.empty()) {
        return std::monostate{};
    }
    return value;
}

}  // namespace

std::map<Precision, int> count_precision(const std::vector<Site>& sites, bool skip_duplicates) {
    std::map<Precision, int> counts;
    for (const auto& site : sites) {
        if (skip_duplicates && !site.duplicate_of.empty()) {
            continue;
        }
        ++counts[site.location.precision];
    }
    return counts;
}

std::string centre_precision_sentence(const std::vector<Site>& centres) {
    const auto counts = count_precision(centres, true);
    auto count = [&](const std::vector<Precision>& kinds) {
        int n = 0;
        for (const Precision p : kinds) {
            const auto found = counts.find(p);
            n += found == counts.end() ? 0 : found->second;
        }
        return n;
    };
    const int total = count({Precision::coordinates, Precision::postcode, Precision::host_postcode, Precision::street,
                             Precision::locality, Precision::ward, Precision::unresolved});
    std::vector<std::string> parts;
    const std::vector<std::pair<std::vector<Precision>, const char*>> groups{
        {{Precision::coordinates}, "by coordinates given in the data"},
        {{Precision::postcode}, "by their own postcode"},
        {{Precision::host_postcode}, "by the postcode of the site that hosts them"},
        {{Precision::street}, "only by a named street"},
        {{Precision::locality, Precision::ward}, "only by their town, suburb or ward"},
    };
    for (const auto& [kinds, words] : groups) {
        if (const int n = count(kinds); n > 0) {
            const char* verb = !parts.empty() ? "" : (n == 1 ? " is placed" : " are placed");
            parts.push_back(fmt::format("{}{} {}", n, verb, words));
        }
    }
    std::string sentence = fmt::format("Of the {} distinct centres, ", total);
    if (parts.empty()) {
        sentence += "none is placed";
    } else {
        for (std::size_t i = 0; i < parts.size(); ++i) {
            sentence += (i == 0 ? "" : (i + 1 == parts.size() ? " and " : ", ")) + parts[i];
        }
    }
    if (const int unplaced = count({Precision::unresolved}); unplaced > 0) {
        sentence += fmt::format("; {} could not be placed at all", unplaced);
    }
    return sentence + ".";
}

io::OutputLayer sites_layer(const std::vector<const Site*>& sites, const SiteRole& role) {
    using io::FieldType;
    io::OutputLayer layer;
    layer.name = "sites";
    layer.geometry = io::GeometryKind::point;
    layer.fields = {{"id", FieldType::text},          {"name", FieldType::text},
                    {"kind", FieldType::text},        {"role", FieldType::text},
                    {"district", FieldType::text},    {"precision", FieldType::text},
                    {"uncertainty_m", FieldType::integer}, {"evidence", FieldType::text},
                    {"easting", FieldType::real},     {"northing", FieldType::real},
                    {"street", FieldType::text},      {"locality", FieldType::text},
                    {"ward", FieldType::text},        {"postcode", FieldType::text},
                    {"host_site", FieldType::text},   {"duplicate_of", FieldType::text},
                    {"source_line", FieldType::integer}};
    const auto keys = attribute_keys(sites);
    // An input column named like one of ours (or like the columns added later: fate, longitude,
    // latitude) is carried as input_<name>, so neither hides the other.
    const std::vector<std::string> added_later{"fate", "longitude", "latitude", "geometry"};
    for (const auto& key : keys) {
        std::string name = key;
        auto taken = [&](const std::string& candidate) {
            return std::any_of(layer.fields.begin(), layer.fields.end(),
                               [&](const io::Field& f) { return f.name == candidate; }) ||
                   std::find(added_later.begin(), added_later.end(), candidate) != added_later.end();
        };
        while (taken(name)) {
            name = "input_" + name;
        }
        layer.fields.push_back({name, FieldType::text});
    }
    for (const auto* site : sites) {
        io::OutputFeature feature;
        const auto& location = site->location;
        if (location.point) {
            feature.wkb_bng = geom::to_wkb(geom::make_point(*location.point).get());
        }
        auto& v = feature.values;
        v.emplace_back(site->id);
        v.emplace_back(site->name);
        v.emplace_back(std::string(to_string(site->kind)));
        v.emplace_back(role(*site));
        v.push_back(text_or_null(site->district));
        v.emplace_back(std::string(to_string(location.precision)));
        v.push_back(location.point ? io::Value(static_cast<long long>(std::llround(location.uncertainty_m)))
                                   : io::Value(std::monostate{}));
        v.emplace_back(location.evidence);
        v.push_back(location.point ? io::Value(io::round_to(location.point->x, 1)) : io::Value(std::monostate{}));
        v.push_back(location.point ? io::Value(io::round_to(location.point->y, 1)) : io::Value(std::monostate{}));
        v.push_back(text_or_null(site->street));
        v.push_back(text_or_null(site->locality));
        v.push_back(text_or_null(site->ward));
        v.push_back(text_or_null(site->postcode));
        v.push_back(text_or_null(site->host_site));
        v.push_back(text_or_null(site->duplicate_of));
        v.emplace_back(static_cast<long long>(site->source_line));
        for (const auto& key : keys) {
            const std::string* value = site->attribute(key);
            v.push_back(value != nullptr ? text_or_null(*value) : io::Value(std::monostate{}));
        }
        layer.features.push_back(std::move(feature));
    }
    return layer;
}

void write_sites(const std::filesystem::path& directory, const std::vector<const Site*>& sites, const SiteRole& role) {
    const io::OutputLayer layer = sites_layer(sites, role);
    io::write_geojson(directory / "sites.geojson", layer);

    std::vector<std::string> header = field_names(layer);
    header.insert(header.begin() + 10, {"longitude", "latitude"});
    const io::Transformer& to_wgs84 = io::bng_to_wgs84();
    std::vector<std::vector<io::Value>> rows;
    for (std::size_t i = 0; i < layer.features.size(); ++i) {
        auto row = layer.features[i].values;
        io::Value longitude = std::monostate{};
        io::Value latitude = std::monostate{};
        if (const auto& point = sites[i]->location.point) {
            const Point lonlat = to_wgs84.apply(*point);
            longitude = io::round_to(lonlat.x, 6);
            latitude = io::round_to(lonlat.y, 6);
        }
        row.insert(row.begin() + 10, {longitude, latitude});
        rows.push_back(std::move(row));
    }
    io::write_csv(directory / "sites.csv", header, rows);
}

}  // namespace centrecov::report
