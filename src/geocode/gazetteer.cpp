#include "geocode/gazetteer.hpp"

#include <map>

#include <tbb/task_group.h>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/error.hpp"
#include "core/text.hpp"
#include "geocode/names.hpp"
#include "io/features.hpp"
#include "io/gdal.hpp"
#include "io/table.hpp"

namespace centrecov::geocode {

PostcodeIndex PostcodeIndex::load(const std::filesystem::path& path, const std::string& weight_column) {
    std::vector<std::string> required{"Postcode", "Positional_quality_indicator", "Eastings", "Northings",
                                      "Admin_district_code"};
    if (!weight_column.empty()) {
        required.push_back(weight_column);
    }
    const auto table = io::Table::read(path, required);
    const auto postcode = table.column("Postcode");
    const auto quality = table.column("Positional_quality_indicator");
    const auto easting = table.column("Eastings");
    const auto northing = table.column("Northings");
    const auto district = table.column("Admin_district_code");
    PostcodeIndex index;
    std::map<std::string, std::size_t> line_of;  // a second row would replace the first unseen
    for (const auto& row : table.rows()) {
        const std::string code = text::normalise_postcode(table.text(row, postcode));
        if (code.empty()) {
            table.fail(row, "'" + table.text(row, postcode) + "' is not a postcode");
        }
        if (const auto [it, inserted] = line_of.emplace(code, row.line); !inserted) {
            table.fail(row, "postcode " + code + " is listed twice (first on line " + std::to_string(it->second) +
                                "); which place is meant?");
        }
        PostcodeUnit unit;
        unit.quality = static_cast<int>(table.integer(row, quality));
        unit.point = {table.number(row, easting), table.number(row, northing)};
        unit.district_code = table.text(row, district);
        if (!weight_column.empty()) {
            unit.weight = table.number(row, table.column(weight_column));
            if (!std::isfinite(unit.weight) || unit.weight < 0.0) {
                table.fail(row, "weight " + table.text(row, table.column(weight_column)) + " in '" + weight_column +
                                    "' is not a number of families (0 or more)");
            }
        }
        if (unit.quality >= 90 || !plausible_bng(unit.point)) {
            continue;  // Code-Point's "no coordinates" rows place nothing
        }
        index.add(code, unit);
    }
    return index;
}

void PostcodeIndex::add(const std::string& postcode, PostcodeUnit unit) {
    units_[text::normalise_postcode(postcode)] = std::move(unit);
}

const PostcodeUnit* PostcodeIndex::find(std::string_view postcode) const {
    const auto it = units_.find(text::normalise_postcode(postcode));
    return it == units_.end() ? nullptr : &it->second;
}

namespace {
geom::Envelope read_box(const io::Table& table, const io::Table::Row& row) {
    return {table.number(row, table.column("MBR_XMIN")), table.number(row, table.column("MBR_YMIN")),
            table.number(row, table.column("MBR_XMAX")), table.number(row, table.column("MBR_YMAX"))};
}
}  // namespace

OpenNames OpenNames::load(const std::filesystem::path& path) {
    const auto table = io::Table::read(path, {"ID", "NAME1", "TYPE", "LOCAL_TYPE", "GEOMETRY_X", "GEOMETRY_Y",
                                              "MBR_XMIN", "MBR_YMIN", "MBR_XMAX", "MBR_YMAX", "POPULATED_PLACE",
                                              "DISTRICT_BOROUGH"});
    const auto id = table.column("ID");
    const auto name = table.column("NAME1");
    const auto type = table.column("TYPE");
    const auto local_type = table.column("LOCAL_TYPE");
    const auto x = table.column("GEOMETRY_X");
    const auto y = table.column("GEOMETRY_Y");
    const auto populated_place = table.column("POPULATED_PLACE");
    const auto district = table.column("DISTRICT_BOROUGH");
    OpenNames names;
    for (const auto& row : table.rows()) {
        const std::string kind = table.text(row, type);
        const Point point{table.number(row, x), table.number(row, y)};
        if (kind == "populatedPlace") {
            NamedPlace place;
            place.id = table.text(row, id);
            place.name = table.text(row, name);
            place.key = normalise_place(place.name);
            place.alias = place_alias(place.name);
            place.kind = table.text(row, local_type);
            place.district = table.text(row, district);
            place.point = point;
            place.box = read_box(table, row);
            names.places.push_back(std::move(place));
        } else if (kind == "transportNetwork") {
            NamedRoad road;
            road.id = table.text(row, id);
            road.name = table.text(row, name);
            road.key = normalise_road(road.name);
            road.place = table.text(row, populated_place);
            road.place_key = normalise_place(road.place);
            road.district = table.text(row, district);
            road.point = point;
            road.box = read_box(table, row);
            names.roads.push_back(std::move(road));
        }
    }
    return names;
}

double distance_outside(const std::vector<Ward>& wards, Point p) {
    double nearest = std::numeric_limits<double>::infinity();
    for (const auto& ward : wards) {
        const auto& b = ward.box;
        // The box's distance is a lower bound on the ward's: skip wards that cannot be nearer.
        const double dx = std::max({b.min_x - p.x, 0.0, p.x - b.max_x});
        const double dy = std::max({b.min_y - p.y, 0.0, p.y - b.max_y});
        if (std::hypot(dx, dy) >= nearest) {
            continue;
        }
        nearest = std::min(nearest, geom::distance(ward.area.get(), p));
        if (nearest == 0.0) {
            break;
        }
    }
    return nearest;
}

std::string implausible_point(const std::vector<Ward>& wards, Point p, std::optional<Point> swapped) {
    if (wards.empty()) {
        return "";
    }
    const double outside = distance_outside(wards, p);
    if (outside <= study_area_margin_m) {
        return "";
    }
    std::string problem = fmt::format("the point (easting {:.0f}, northing {:.0f}) lies {:.1f} km outside the study "
                                      "area (more than {:.0f} km from any of its wards)",
                                      p.x, p.y, outside / 1000.0, study_area_margin_m / 1000.0);
    if (distance_outside(wards, swapped.value_or(Point{p.y, p.x})) <= study_area_margin_m) {
        problem += "; the two coordinates look swapped (read the other way round, the point lies in the study area)";
    }
    return problem;
}

std::vector<Ward> load_wards(const std::filesystem::path& path, const io::StudyColumns::Wards& columns) {
    auto features = io::read_features(path, {columns.code, columns.name, columns.district_code, columns.district_name});
    std::vector<Ward> wards;
    wards.reserve(features.size());
    for (auto& feature : features) {
        Ward ward;
        ward.code = feature.attribute(columns.code);
        ward.name = feature.attribute(columns.name);
        ward.key = normalise_place(ward.name);
        ward.district_code = feature.attribute(columns.district_code);
        ward.district_name = feature.attribute(columns.district_name);
        ward.area = std::move(feature.geometry);
        ward.box = geom::envelope(ward.area.get());
        ward.interior = geom::interior_point(ward.area.get());
        ward.farthest_m = geom::farthest_distance(ward.area.get(), ward.interior);
        wards.push_back(std::move(ward));
    }
    std::sort(wards.begin(), wards.end(), [](const Ward& a, const Ward& b) { return a.code < b.code; });
    return wards;
}

std::vector<School> load_schools(const std::filesystem::path& schools, const std::filesystem::path& addresses) {
    const auto address_table = io::Table::read(addresses, {"address", "town", "postcode"});
    std::map<std::string, std::pair<std::string, std::string>> address_of;  // uprn -> town, postcode
    {
        const auto uprn = address_table.column("address");
        const auto town = address_table.column("town");
        const auto postcode = address_table.column("postcode");
        for (const auto& row : address_table.rows()) {
            address_of[address_table.text(row, uprn)] = {address_table.text(row, town), address_table.text(row, postcode)};
        }
    }
    const auto table = io::Table::read(schools, {"school", "name", "end-date", "address"});
    const auto urn = table.column("school");
    const auto name = table.column("name");
    const auto end_date = table.column("end-date");
    const auto address = table.column("address");
    std::vector<School> out;
    for (const auto& row : table.rows()) {
        const auto found = address_of.find(table.text(row, address));
        if (found == address_of.end() || found->second.second.empty()) {
            continue;  // a school with no address gives no postcode
        }
        School school;
        school.urn = table.text(row, urn);
        school.name = table.text(row, name);
        school.town = found->second.first;
        school.postcode = found->second.second;
        school.closed = !table.text(row, end_date).empty();
        out.push_back(std::move(school));
    }
    return out;
}

MobileStops MobileStops::load(const std::filesystem::path& path) {
    const auto table = io::Table::read(path, {"community", "geox", "geoy"});
    const auto community = table.column("community");
    const auto lon = table.column("geox");
    const auto lat = table.column("geoy");
    const io::Transformer to_bng(io::wgs84_epsg, io::bng_epsg);
    MobileStops stops;
    for (const auto& row : table.rows()) {
        const auto x = table.optional_number(row, lon);
        const auto y = table.optional_number(row, lat);
        if (!x || !y) {
            continue;  // a stop with no coordinates places nothing
        }
        stops.by_community[normalise_place(table.text(row, community))].push_back(to_bng.apply({*x, *y}));
    }
    return stops;
}

Gazetteer Gazetteer::load(const io::StudyManifest& study) {
    // The files are independent: read them at once (an error in any is rethrown by wait()).
    Gazetteer gazetteer;
    tbb::task_group readers;
    readers.run([&] { gazetteer.postcodes = PostcodeIndex::load(study.postcodes, study.columns.postcodes.weight); });
    readers.run([&] { gazetteer.names = OpenNames::load(study.open_names); });
    readers.run([&] { gazetteer.wards = load_wards(study.wards, study.columns.wards); });
    if (!study.schools.empty()) {
        readers.run([&] { gazetteer.schools = load_schools(study.schools, study.school_addresses); });
    }
    if (!study.mobile_library_stops.empty()) {
        readers.run([&] { gazetteer.stops = MobileStops::load(study.mobile_library_stops); });
    }
    readers.wait();
    gazetteer.index_districts();
    return gazetteer;
}

void Gazetteer::index_districts() {
    district_names.clear();
    for (const auto& ward : wards) {
        district_names[ward.district_code] = ward.district_name;
    }
}

std::optional<std::string> Gazetteer::district_code(std::string_view name) const {
    const std::string key = normalise_place(name);
    for (const auto& [code, district] : district_names) {
        if (normalise_place(district) == key) {
            return code;
        }
    }
    return std::nullopt;
}

const Ward* Gazetteer::ward_at(Point p) const {
    for (const auto& ward : wards) {
        if (ward.box.contains(p) && geom::covers(ward.area.get(), p)) {
            return &ward;
        }
    }
    return nullptr;
}

}  // namespace centrecov::geocode
