#include "io/site_files.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/text.hpp"
#include "io/gdal.hpp"
#include "io/table.hpp"

namespace centrecov::io {

namespace {

// Both pairs of coordinate columns, when a row fills both, must name the same place within this:
// a metre or so from the conversion, tens of metres from rounding the degrees, never kilometres.
constexpr double given_pairs_agree_within_m = 250.0;

// Reads the optional pairs of coordinate columns; in each pair both or neither must be filled,
// and when both pairs are filled they must agree (easting/northing is then used).
std::optional<Point> read_given_point(const Table& table, const Table::Row& row) {
    struct Pair {
        const char* x;
        const char* y;
        bool geographic;
    };
    std::optional<Point> chosen;
    for (const Pair pair : {Pair{"easting", "northing", false}, Pair{"longitude", "latitude", true}}) {
        const auto x_column = table.find_column(pair.x);
        const auto y_column = table.find_column(pair.y);
        if (!x_column || !y_column) {
            continue;
        }
        const auto x = table.optional_number(row, *x_column);
        const auto y = table.optional_number(row, *y_column);
        if (!x && !y) {
            continue;
        }
        if (!x || !y) {
            table.fail(row, std::string("only one of '") + pair.x + "' and '" + pair.y + "' is given");
        }
        Point point{*x, *y};
        if (pair.geographic) {
            if (*x < -180.0 || *x > 180.0 || *y < -90.0 || *y > 90.0) {
                table.fail(row, "longitude/latitude out of range");
            }
            point = Transformer(wgs84_epsg, bng_epsg).apply(point);
        }
        if (!plausible_bng(point)) {
            table.fail(row, "coordinates fall outside Great Britain's national grid");
        }
        if (!chosen) {
            chosen = point;
            continue;
        }
        const double apart = std::hypot(point.x - chosen->x, point.y - chosen->y);
        if (apart > given_pairs_agree_within_m) {
            table.fail(row, fmt::format("easting/northing and longitude/latitude are {:.1f} km apart (more than {:.0f} m); "
                                        "one of them is wrong. Give one pair, or correct the other",
                                        apart / 1000.0, given_pairs_agree_within_m));
        }
    }
    return chosen;
}

}  // namespace

std::vector<Site> read_centres(const std::filesystem::path& path) {
    const std::vector<std::string> known{"id",       "name",     "district",  "street",       "locality",
                                         "ward",     "postcode", "host_site", "duplicate_of", "easting",
                                         "northing", "longitude", "latitude"};
    const auto table = Table::read(path, {"id", "name", "district", "street", "locality", "ward", "postcode",
                                          "host_site", "duplicate_of"});
    std::vector<std::size_t> attribute_columns;
    for (std::size_t i = 0; i < table.columns().size(); ++i) {
        if (std::find(known.begin(), known.end(), table.columns()[i]) == known.end()) {
            attribute_columns.push_back(i);
        }
    }
    std::vector<Site> sites;
    std::map<std::string, std::size_t> line_of_id;
    for (const auto& row : table.rows()) {
        Site site;
        site.kind = SiteKind::centre;
        site.source_file = table.file();
        site.source_line = row.line;
        site.id = table.text(row, table.column("id"));
        site.name = table.text(row, table.column("name"));
        if (site.id.empty()) {
            table.fail(row, "empty id");
        }
        if (const auto problem = site_id_problem(site.id)) {
            table.fail(row, *problem);
        }
        if (site.name.empty()) {
            table.fail(row, "centre '" + site.id + "' has an empty name");
        }
        if (const auto [it, inserted] = line_of_id.emplace(site.id, row.line); !inserted) {
            table.fail(row, "duplicate id '" + site.id + "' (first on line " + std::to_string(it->second) + ")");
        }
        site.district = table.text(row, table.column("district"));
        site.street = table.text(row, table.column("street"));
        site.locality = table.text(row, table.column("locality"));
        site.ward = table.text(row, table.column("ward"));
        site.postcode = table.text(row, table.column("postcode"));
        site.host_site = table.text(row, table.column("host_site"));
        site.duplicate_of = table.text(row, table.column("duplicate_of"));
        site.given_point = read_given_point(table, row);
        for (const auto column : attribute_columns) {
            site.attributes.emplace_back(table.columns()[column], table.text(row, column));
        }
        sites.push_back(std::move(site));
    }
    for (const auto& site : sites) {
        if (site.duplicate_of.empty()) {
            continue;
        }
        const auto target = line_of_id.find(site.duplicate_of);
        if (site.duplicate_of == site.id || target == line_of_id.end()) {
            throw InputError(table.file(), line_ref(site.source_line),
                             "duplicate_of '" + site.duplicate_of + "' does not name another centre");
        }
        const auto& original = *std::find_if(sites.begin(), sites.end(),
                                             [&](const Site& s) { return s.id == site.duplicate_of; });
        if (!original.duplicate_of.empty()) {
            throw InputError(table.file(), line_ref(site.source_line),
                             "duplicate_of '" + site.duplicate_of + "' is itself a duplicate; name the original");
        }
    }
    return sites;
}

std::vector<Site> read_libraries(const std::filesystem::path& path) {
    const auto table =
        Table::read(path, {"Library name", "Address 1", "Address 2", "Postcode", "Year opened", "Year closed"});
    const auto name = table.column("Library name");
    const auto address1 = table.column("Address 1");
    const auto address2 = table.column("Address 2");
    const auto postcode = table.column("Postcode");
    const auto opened = table.column("Year opened");
    const auto closed = table.column("Year closed");
    const std::vector<std::pair<std::string, std::string>> carried{
        {"Type of library", "type"}, {"Statutory", "statutory"}, {"Co-located", "co_located"},
        {"Co-located with", "co_located_with"}};

    std::vector<Site> sites;
    std::map<std::string, int> name_count;
    for (const auto& row : table.rows()) {
        ++name_count[text::slug(table.text(row, name))];
    }
    std::set<std::string> ids;
    for (const auto& row : table.rows()) {
        Site site;
        site.kind = SiteKind::library;
        site.source_file = table.file();
        site.source_line = row.line;
        site.name = table.text(row, name);
        if (site.name.empty()) {
            table.fail(row, "empty library name");
        }
        site.street = table.text(row, address1);
        site.locality = table.text(row, address2);
        site.postcode = table.text(row, postcode);
        site.id = text::slug(site.name);
        if (name_count[site.id] > 1) {
            // Appended in two steps: GCC 12 at -O3 warns falsely (-Wrestrict) on "-" + string.
            site.id += '-';
            site.id += text::slug(site.street);
        }
        if (const auto problem = site_id_problem(site.id)) {
            table.fail(row, *problem);  // cannot happen for a slug; the rule holds for every reader alike
        }
        if (!ids.insert(site.id).second) {
            table.fail(row, "two libraries named '" + site.name + "' at the same address '" + site.street + "'");
        }
        const auto year_opened = table.optional_integer(row, opened);
        const auto year_closed = table.optional_integer(row, closed);
        site.attributes.emplace_back("address", site.street + (site.locality.empty() ? "" : ", " + site.locality));
        site.attributes.emplace_back("year_opened", year_opened ? std::to_string(*year_opened) : "");
        site.attributes.emplace_back("year_closed", year_closed ? std::to_string(*year_closed) : "");
        for (const auto& [column, key] : carried) {
            if (const auto index = table.find_column(column)) {
                site.attributes.emplace_back(key, table.text(row, *index));
            }
        }
        sites.push_back(std::move(site));
    }
    return sites;
}

}  // namespace centrecov::io
