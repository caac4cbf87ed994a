#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/demand.hpp"
#include "geocode/gazetteer.hpp"
#include "geom/geos.hpp"
#include "io/study_manifest.hpp"

namespace centrecov::families {

// An area of the study (named by its boundary, centroid or deprivation row) not measured.
struct LeftOutArea {
    std::string code;
    std::string why;
};

// Past this share of the study's areas without a population row, the figures would describe
// another area: loading refuses.
inline constexpr double most_areas_without_population = 0.25;

// What loading read and what it could not join; nothing is dropped unseen.
struct LoadReport {
    std::size_t population_rows = 0;
    std::size_t centroid_rows = 0;
    std::size_t deprivation_rows = 0;
    std::size_t boundary_features = 0;
    std::size_t excluded_areas = 0;     // areas left out: no centroid, or no population row
    long long excluded_under5 = 0;      // their under-5s, where known (an area with no population row has none)
    std::vector<LeftOutArea> left_out;  // each area left out and why, by code
    std::vector<std::string> problems;  // one line per failed join, naming the area code
    // At postcode level: how the postcodes were shared out.
    std::size_t postcodes_read = 0;        // live postcodes with coordinates in the study's file
    std::size_t postcodes_used = 0;        // each in one area
    std::size_t postcodes_near_edge = 0;   // in no area's polygon but within `edge_tolerance_m` of one: that one
    std::size_t postcodes_outside = 0;     // farther from every area: left out (beyond the study area)
    std::size_t areas_without_postcode = 0;  // measured from their centroid
    std::vector<std::string> postcodes_outside_sample;  // the first few, for the log
    std::string postcode_weight;  // the postcode file's weight column; empty: an equal share each
};

// Where each area's families are measured from.
enum class FamiliesAt {
    centroids,  // one point per area, its population-weighted centroid
    postcodes,  // the area's live postcodes, each with its share of the area's under-5s
};
std::string_view to_string(FamiliesAt at);
std::optional<FamiliesAt> families_at_from(std::string_view text);

// A postcode outside every area's polygon but this close to one belongs to it: the
// boundaries are generalised (20 m) and clipped to the coast, and a seafront postcode
// can fall just outside.
inline constexpr double edge_tolerance_m = 250.0;

struct Families {
    FamiliesAt at = FamiliesAt::centroids;
    std::vector<DemandPoint> areas;  // one per small area at its centroid, sorted by LSOA code
    // What distances are measured from: the areas themselves, or their postcodes, grouped by
    // area in the areas' order (postcodes sorted within each); point.area indexes `areas`.
    std::vector<DemandPoint> points;
    std::vector<std::size_t> first_point;  // areas.size() + 1 entries: area a's points are [first_point[a], first_point[a + 1])
    std::map<std::string, geom::Geometry> boundaries;  // LSOA code -> polygon (BNG)
    LoadReport report;

    double total_under5() const;
    std::size_t points_in(std::size_t area) const { return first_point[area + 1] - first_point[area]; }
};

// Loads under-5s per LSOA (ONS mid-year estimates: the manifest's under-5 age
// columns summed), places them at the population-weighted centroids, and joins
// deprivation deciles (the Indices of Deprivation),
// district, ward (by point in polygon) and the LSOA polygons. At postcode level each
// area's under-5s are then shared over the live postcodes inside its polygon (found by
// point in polygon), equally or by the manifest's postcode weight column. Bad values
// throw InputError with file and line; rows that fail to join are listed in the report.
Families load_families(const io::StudyManifest& study, const std::vector<geocode::Ward>& wards,
                       FamiliesAt at = FamiliesAt::centroids, const geocode::PostcodeIndex* postcodes = nullptr);

// Shares each area's under-5s over the postcodes inside its polygon (weights: PostcodeUnit::weight),
// replacing `families.points`; areas with no postcode keep their centroid.
void share_over_postcodes(Families& families, const geocode::PostcodeIndex& postcodes);

// Where distances start, for sentences: "each live postcode of each small area (LSOA), ..."
// or "each small area's (LSOA's) population-weighted centroid".
std::string measured_from(const Families& families);

// The areas as their own points (centroid level): `points` = `areas`.
void measure_from_centroids(Families& families);

}  // namespace centrecov::families
