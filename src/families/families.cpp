#include "families/families.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <set>

#include "core/error.hpp"
#include "io/features.hpp"
#include "io/gdal.hpp"
#include "io/table.hpp"

namespace centrecov::families {

namespace {

struct Deprivation {
    int imd = 0;
    int idaci = 0;
    int idaci_rank = 0;
    std::string district_code;
    std::string district_name;
};

int read_decile(const io::Table& table, const io::Table::Row& row, std::size_t column) {
    const long long value = table.integer(row, column);
    if (value < 1 || value > 10) {
        table.fail(row, "decile " + std::to_string(value) + " in '" + table.columns()[column] + "' is outside 1 to 10");
    }
    return static_cast<int>(value);
}

const geocode::Ward* ward_containing(const std::vector<geocode::Ward>& wards, Point p) {
    for (const auto& ward : wards) {
        if (ward.box.contains(p) && geom::covers(ward.area.get(), p)) {
            return &ward;
        }
    }
    return nullptr;
}

}  // namespace

double Families::total_under5() const {
    double total = 0.0;
    for (const auto& area : areas) {
        total += area.under5;
    }
    return total;
}

std::string_view to_string(FamiliesAt at) { return at == FamiliesAt::postcodes ? "postcodes" : "centroids"; }

std::optional<FamiliesAt> families_at_from(std::string_view text) {
    if (text == "postcodes") {
        return FamiliesAt::postcodes;
    }
    if (text == "centroids") {
        return FamiliesAt::centroids;
    }
    return std::nullopt;
}

std::string measured_from(const families::Families& families) {
    if (families.at != FamiliesAt::postcodes) {
        return "each small area's (LSOA's) population-weighted centroid";
    }
    const auto& r = families.report;
    std::string text = fmt::format("each live postcode of each small area (LSOA), which carries {} of the area's under-5s",
                                   r.postcode_weight.empty() ? std::string("an equal share")
                                                             : "a share by its '" + r.postcode_weight + "'");
    if (r.areas_without_postcode > 0) {
        text += fmt::format(" ({} areas with no postcode inside: from their population-weighted centroid)",
                            r.areas_without_postcode);
    }
    return text;
}

void measure_from_centroids(Families& families) {
    families.at = FamiliesAt::centroids;
    families.points = families.areas;
    families.first_point.resize(families.areas.size() + 1);
    for (std::size_t a = 0; a <= families.areas.size(); ++a) {
        families.first_point[a] = a;
    }
}

namespace {

// The areas whose polygon's box, grown by the edge tolerance, touches each square of a grid:
// a postcode is tested only against the few areas of its square.
class AreaGrid {
public:
    static constexpr double cell_m = 2000.0;

    // Areas without a polygon (`polygon[a]` null) are in no square.
    AreaGrid(const std::vector<geom::Envelope>& boxes, const std::vector<const GEOSGeometry*>& polygon) {
        for (std::size_t a = 0; a < boxes.size(); ++a) {
            if (polygon[a] == nullptr) {
                continue;
            }
            const geom::Envelope& b = boxes[a];
            for (long long cx = cell(b.min_x - edge_tolerance_m); cx <= cell(b.max_x + edge_tolerance_m); ++cx) {
                for (long long cy = cell(b.min_y - edge_tolerance_m); cy <= cell(b.max_y + edge_tolerance_m); ++cy) {
                    cells_[{cx, cy}].push_back(a);
                }
            }
        }
    }
    const std::vector<std::size_t>& near(Point p) const {
        static const std::vector<std::size_t> none;
        const auto found = cells_.find({cell(p.x), cell(p.y)});
        return found == cells_.end() ? none : found->second;
    }

private:
    static long long cell(double v) { return static_cast<long long>(std::floor(v / cell_m)); }
    std::map<std::pair<long long, long long>, std::vector<std::size_t>> cells_;
};

}  // namespace

void share_over_postcodes(Families& families, const geocode::PostcodeIndex& postcodes) {
    LoadReport& report = families.report;
    const std::size_t area_count = families.areas.size();
    std::vector<const GEOSGeometry*> polygon(area_count, nullptr);
    std::vector<geom::Envelope> boxes(area_count);
    for (std::size_t a = 0; a < area_count; ++a) {
        if (const auto found = families.boundaries.find(families.areas[a].lsoa_code);
            found != families.boundaries.end()) {
            polygon[a] = found->second.get();
            boxes[a] = geom::envelope(polygon[a]);
        }
    }
    const AreaGrid grid(boxes, polygon);
    // Tens of thousands of postcodes each asked of a few areas: indexed tests, not a walk round
    // every edge each time.
    std::vector<std::unique_ptr<geom::PreparedGeometry>> prepared(area_count);
    for (std::size_t a = 0; a < area_count; ++a) {
        if (polygon[a] != nullptr) {
            prepared[a] = std::make_unique<geom::PreparedGeometry>(polygon[a]);
        }
    }
    const std::vector<std::size_t> no_areas;
    // Postcode order, so that every tie and every sum comes out the same on any machine.
    const auto units = postcodes.select([](const geocode::PostcodeUnit&) { return true; });
    report.postcodes_read = units.size();
    std::vector<std::vector<std::pair<std::string, const geocode::PostcodeUnit*>>> of_area(area_count);
    for (const auto& [code, unit] : units) {
        const Point p = unit->point;
        std::optional<std::size_t> inside;
        for (const std::size_t a : grid.near(p)) {
            if (boxes[a].contains(p) && prepared[a]->covers(p)) {
                inside = a;  // areas do not overlap; on a shared edge the first in code order keeps it
                break;
            }
        }
        std::optional<std::size_t> nearest;
        double nearest_m = edge_tolerance_m;
        for (const std::size_t a : inside ? no_areas : grid.near(p)) {
            const double d = geom::distance(polygon[a], p);
            if (d <= nearest_m && (!nearest || d < nearest_m)) {
                nearest = a;
                nearest_m = d;
            }
        }
        if (!inside && nearest) {
            ++report.postcodes_near_edge;
            inside = nearest;
        }
        if (!inside) {
            ++report.postcodes_outside;
            if (report.postcodes_outside_sample.size() < 5) {
                report.postcodes_outside_sample.push_back(code);
            }
            continue;
        }
        ++report.postcodes_used;
        of_area[*inside].emplace_back(code, unit);
    }

    families.at = FamiliesAt::postcodes;
    families.points.clear();
    families.first_point.assign(area_count + 1, 0);
    for (std::size_t a = 0; a < area_count; ++a) {
        families.first_point[a] = families.points.size();
        const DemandPoint& area = families.areas[a];
        double total_weight = 0.0;
        for (const auto& entry : of_area[a]) {
            total_weight += entry.second->weight;
        }
        if (of_area[a].empty() || total_weight <= 0.0) {
            ++report.areas_without_postcode;
            report.problems.push_back(area.lsoa_code + " (" + area.lsoa_name + "): " +
                                      (of_area[a].empty() ? "no live postcode inside its boundary"
                                                          : "its postcodes all weigh 0") +
                                      "; its families are measured from its centroid");
            families.points.push_back(area);
            continue;
        }
        for (const auto& [code, unit] : of_area[a]) {
            if (unit->weight <= 0.0) {
                continue;  // no families there
            }
            DemandPoint point = area;
            point.postcode = code;
            point.point = unit->point;
            point.under5 = area.under5 * (unit->weight / total_weight);
            families.points.push_back(std::move(point));
        }
    }
    families.first_point[area_count] = families.points.size();
}

Families load_families(const io::StudyManifest& study, const std::vector<geocode::Ward>& wards, FamiliesAt at,
                       const geocode::PostcodeIndex* postcodes) {
    Families families;
    LoadReport& report = families.report;
    const auto& columns = study.columns;

    // Population: under-5s per LSOA.
    const std::vector<std::string>& age_columns = columns.population.under5;
    std::vector<std::string> required{columns.population.code, columns.population.name, columns.population.total};
    required.insert(required.end(), age_columns.begin(), age_columns.end());
    const auto population = io::Table::read(study.population, required);
    report.population_rows = population.rows().size();
    std::map<std::string, DemandPoint> by_code;
    for (const auto& row : population.rows()) {
        DemandPoint point;
        point.lsoa_code = population.text(row, population.column(columns.population.code));
        point.lsoa_name = population.text(row, population.column(columns.population.name));
        if (point.lsoa_code.empty()) {
            population.fail(row, "empty " + columns.population.code);
        }
        long long under5 = 0;
        for (const auto& age : age_columns) {
            const long long count = population.integer(row, population.column(age));
            if (count < 0 || count > 1000000) {
                population.fail(row, "count " + std::to_string(count) + " in column '" + age +
                                         "' is not a plausible number of children in one small area");
            }
            under5 += count;
        }
        const long long total = population.integer(row, population.column(columns.population.total));
        if (total < under5) {
            population.fail(row, columns.population.total + " " + std::to_string(total) + " is less than the under-5s (" +
                                     std::to_string(under5) + ")");
        }
        // One small area holds about 1,500 people; a count past a million is a mistake, and past
        // 2^31 it would wrap round silently.
        constexpr long long most_in_one_area = 1000000;
        if (total > most_in_one_area) {
            population.fail(row, columns.population.total + " " + std::to_string(total) +
                                     " is not a plausible count for one small area (at most " +
                                     std::to_string(most_in_one_area) + ")");
        }
        point.under5 = static_cast<double>(under5);
        point.total_population = static_cast<int>(total);
        if (!by_code.emplace(point.lsoa_code, point).second) {
            population.fail(row, "duplicate LSOA " + point.lsoa_code);
        }
    }

    // Population-weighted centroids (longitude/latitude, or British National Grid).
    const auto& c = columns.centroids;
    const auto centroids = io::Table::read(study.lsoa_centroids, {c.x, c.y, c.code});
    report.centroid_rows = centroids.rows().size();
    const bool geographic = c.epsg == io::wgs84_epsg;
    const io::Transformer to_bng(io::wgs84_epsg, io::bng_epsg);
    std::set<std::string> placed;
    // Areas the other files name that the population file lacks: left out, and counted as such.
    std::set<std::string> without_population;
    for (const auto& row : centroids.rows()) {
        const std::string code = centroids.text(row, centroids.column(c.code));
        const double x = centroids.number(row, centroids.column(c.x));
        const double y = centroids.number(row, centroids.column(c.y));
        if (geographic && (x < -180.0 || x > 180.0 || y < -90.0 || y > 90.0)) {
            centroids.fail(row, c.x + "/" + c.y + " are not longitude/latitude");
        }
        const Point point = geographic ? to_bng.apply({x, y}) : Point{x, y};
        const Point swapped = geographic ? to_bng.apply({y, x}) : Point{y, x};
        if (!plausible_bng(point) && !plausible_bng(swapped)) {
            centroids.fail(row, c.x + "/" + c.y + " fall outside Great Britain's national grid");
        }
        if (const auto problem = geocode::implausible_point(wards, point, swapped); !problem.empty()) {
            centroids.fail(row, "the centroid of " + code + ": " + problem);
        }
        auto found = by_code.find(code);
        if (found == by_code.end()) {
            without_population.insert(code);
            continue;
        }
        if (!placed.insert(code).second) {
            centroids.fail(row, "second centroid for " + code);
        }
        found->second.point = point;
    }

    // Deprivation deciles and district.
    const auto& d_columns = columns.deprivation;
    const auto iod = io::Table::read(study.deprivation, {d_columns.code, d_columns.district_code, d_columns.district_name,
                                                         d_columns.imd_decile, d_columns.idaci_decile});
    report.deprivation_rows = iod.rows().size();
    std::map<std::string, Deprivation> deprivation;
    const auto rank_column = iod.find_column(d_columns.idaci_rank);
    if (!rank_column) {
        report.problems.push_back("the deprivation file has no column '" + d_columns.idaci_rank +
                                  "': the concentration indices, which rank families by it, are n/a");
    }
    for (const auto& row : iod.rows()) {
        Deprivation d;
        d.imd = read_decile(iod, row, iod.column(d_columns.imd_decile));
        d.idaci = read_decile(iod, row, iod.column(d_columns.idaci_decile));
        if (rank_column) {
            const long long rank = iod.integer(row, *rank_column);
            if (rank < 1 || rank > std::numeric_limits<int>::max()) {
                iod.fail(row, "IDACI rank " + std::to_string(rank) + " is not a rank (1 = most deprived)");
            }
            d.idaci_rank = static_cast<int>(rank);
        }
        d.district_code = iod.text(row, iod.column(d_columns.district_code));
        d.district_name = iod.text(row, iod.column(d_columns.district_name));
        const std::string code = iod.text(row, iod.column(d_columns.code));
        if (!by_code.count(code)) {
            without_population.insert(code);
        }
        if (!deprivation.emplace(code, d).second) {
            iod.fail(row, "duplicate LSOA " + code);
        }
    }

    // Polygons, for maps.
    auto boundaries = io::read_features(study.lsoa_boundaries, {columns.lsoa_boundaries.code});
    report.boundary_features = boundaries.size();
    for (auto& feature : boundaries) {
        const std::string code = feature.attribute(columns.lsoa_boundaries.code);
        if (!by_code.count(code)) {
            without_population.insert(code);
            continue;
        }
        if (!families.boundaries.emplace(code, std::move(feature.geometry)).second) {
            // The second would replace the first unseen, and postcodes would be shared over one of them.
            throw InputError(study.lsoa_boundaries.string(), "feature " + std::to_string(feature.index),
                             "a second boundary for " + code + "; each area has one");
        }
    }

    for (auto& [code, point] : by_code) {
        if (!placed.count(code)) {
            report.problems.push_back(code + " (" + point.lsoa_name + "): no population-weighted centroid; its " +
                                      std::to_string(std::llround(point.under5)) + " under-5s are left out");
            ++report.excluded_areas;
            report.excluded_under5 += std::llround(point.under5);
            report.left_out.push_back({code, "no population-weighted centroid"});
            continue;
        }
        const geocode::Ward* ward = ward_containing(wards, point.point);
        if (ward != nullptr) {
            point.ward_code = ward->code;
            point.ward_name = ward->name;
        } else {
            report.problems.push_back(code + ": centroid lies in no ward");
        }
        if (const auto found = deprivation.find(code); found != deprivation.end()) {
            point.imd_decile = found->second.imd;
            point.idaci_decile = found->second.idaci;
            point.idaci_rank = found->second.idaci_rank;
            point.district_code = found->second.district_code;
            point.district_name = found->second.district_name;
        } else {
            report.problems.push_back(code + ": no IMD/IDACI deciles (shown as unknown)");
            if (ward != nullptr) {
                point.district_code = ward->district_code;
                point.district_name = ward->district_name;
            }
        }
        if (!families.boundaries.count(code)) {
            report.problems.push_back(code + ": no boundary polygon (mapped without a shape)");
        }
        point.area = families.areas.size();
        families.areas.push_back(point);
    }
    if (!without_population.empty()) {
        const std::size_t study_areas = by_code.size() + without_population.size();
        std::string sample;
        std::size_t listed = 0;
        for (const auto& code : without_population) {
            if (listed++ < 5) {
                sample += (sample.empty() ? "" : ", ") + code;
            }
        }
        if (static_cast<double>(without_population.size()) >
            most_areas_without_population * static_cast<double>(study_areas)) {
            throw InputError(study.population.string(), "",
                             fmt::format("no population row for {} of the study's {} small areas (named by its "
                                         "boundaries, centroids or deprivation file; e.g. {}): more than {:.0f} % "
                                         "missing, so the figures would describe another area. Is the file cut short "
                                         "or of another area?",
                                         without_population.size(), study_areas, sample,
                                         100.0 * most_areas_without_population));
        }
        for (const auto& code : without_population) {
            report.problems.push_back(code + ": no population row; left out (its under-5s are unknown)");
            report.left_out.push_back({code, "no population row"});
        }
        report.excluded_areas += without_population.size();
        std::sort(report.left_out.begin(), report.left_out.end(),
                  [](const LeftOutArea& a, const LeftOutArea& b) { return a.code < b.code; });
    }
    if (families.areas.empty()) {
        throw InputError(study.population.string(), "",
                         "no small area could be used (each needs a population row and a centroid): nothing to measure");
    }
    if (families.total_under5() <= 0.0) {
        std::string columns_named;
        for (const auto& age : age_columns) {
            columns_named += (columns_named.empty() ? "'" : ", '") + age + "'";
        }
        throw InputError(study.population.string(), "",
                         fmt::format("every one of the {} small areas used has 0 under-5s (columns {}): there are no "
                                     "under-5s to measure, so no share of them can be given",
                                     families.areas.size(), columns_named));
    }
    if (at == FamiliesAt::postcodes && postcodes != nullptr) {
        share_over_postcodes(families, *postcodes);
        report.postcode_weight = columns.postcodes.weight;
    } else {
        measure_from_centroids(families);
    }
    return families;
}

}  // namespace centrecov::families
