#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/demand.hpp"
#include "geocode/gazetteer.hpp"
#include "geom/geos.hpp"
#include "io/study_manifest.hpp"

namespace centrecov::families {

// What loading read and what it could not join; nothing is dropped unseen.
struct LoadReport {
    std::size_t population_rows = 0;
    std::size_t centroid_rows = 0;
    std::size_t deprivation_rows = 0;
    std::size_t boundary_features = 0;
    std::size_t excluded_areas = 0;     // areas left out (no centroid)
    long long excluded_under5 = 0;      // their under-5s
    std::vector<std::string> problems;  // one line per failed join, naming the area code
};

struct Families {
    std::vector<DemandPoint> points;                  // sorted by LSOA code
    std::map<std::string, geom::Geometry> boundaries;  // LSOA code -> polygon (BNG)
    LoadReport report;

    long long total_under5() const;
};

// Loads under-5s per LSOA (ONS mid-year estimates: the manifest's under-5 age
// columns summed), places them at the population-weighted centroids, and joins
// deprivation deciles (the Indices of Deprivation),
// district, ward (by point in polygon) and the LSOA polygons. Bad values throw
// InputError with file and line; rows that fail to join are listed in the report.
Families load_families(const io::StudyManifest& study, const std::vector<geocode::Ward>& wards);

}  // namespace centrecov::families
