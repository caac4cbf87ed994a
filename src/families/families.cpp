#include "families/families.hpp"

#include <algorithm>
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

long long Families::total_under5() const {
    long long total = 0;
    for (const auto& point : points) {
        total += point.under5;
    }
    return total;
}

Families load_families(const io::StudyManifest& study, const std::vector<geocode::Ward>& wards) {
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
        point.under5 = static_cast<int>(under5);
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
            report.problems.push_back(code + ": has a centroid but no population row (ignored)");
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
    for (const auto& row : iod.rows()) {
        Deprivation d;
        d.imd = read_decile(iod, row, iod.column(d_columns.imd_decile));
        d.idaci = read_decile(iod, row, iod.column(d_columns.idaci_decile));
        d.district_code = iod.text(row, iod.column(d_columns.district_code));
        d.district_name = iod.text(row, iod.column(d_columns.district_name));
        const std::string code = iod.text(row, iod.column(d_columns.code));
        if (!by_code.count(code)) {
            report.problems.push_back(code + ": has deprivation deciles but no population row (ignored)");
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
            report.problems.push_back(code + ": has a boundary but no population row (ignored)");
            continue;
        }
        families.boundaries[code] = std::move(feature.geometry);
    }

    for (auto& [code, point] : by_code) {
        if (!placed.count(code)) {
            report.problems.push_back(code + " (" + point.lsoa_name + "): no population-weighted centroid; its " +
                                      std::to_string(point.under5) + " under-5s are left out");
            ++report.excluded_areas;
            report.excluded_under5 += point.under5;
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
        families.points.push_back(point);
    }
    if (families.points.empty()) {
        throw InputError(study.population.string(), "",
                         "no small area could be used (each needs a population row and a centroid): nothing to measure");
    }
    return families;
}

}  // namespace centrecov::families
