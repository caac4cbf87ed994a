#pragma once

// The family areas of one scenario as a layer (lsoa.geojson, lsoa.csv and the
// GeoPackage): who lives there, the site nearest to most of them and how precisely
// it is placed, their median distance, and per threshold the share of them within
// it (0 or 1 when measured from the centroid, partial from postcodes). `run` and
// `scenarios` write it with the same code; a scenario adds its base and outreach,
// the baseline each area's nearest library. At postcode level the GeoPackage also
// gets the postcodes themselves.

#include <vector>

#include "analysis/scenario_run.hpp"
#include "io/layer.hpp"

namespace centrecov::report {

struct LsoaColumns {
    bool against_base = true;  // base_distance_m, change_m, base_within_*, change_within_*
    bool outreach = true;      // outreach_only_within_*
    // Each area's nearest library (parallel to the families): nearest_library_id and _distance_m.
    const std::vector<analysis::NearestSite>* nearest_library = nullptr;
};

io::OutputLayer lsoa_layer(const analysis::Study& study, const analysis::ScenarioRun& run,
                           const analysis::ScenarioResult& result, const LsoaColumns& columns);

// The columns lsoa_layer writes for these thresholds, known before any analysis.
std::vector<io::Field> lsoa_fields(const std::vector<double>& thresholds_m, const LsoaColumns& columns);

// The postcodes families are measured from: each one's share of its area's under-5s, its
// nearest site and distance, and a 0/1 column per threshold. Empty at centroid level.
io::OutputLayer postcode_layer(const analysis::Study& study, const analysis::ScenarioRun& run,
                               const analysis::ScenarioResult& result);

}  // namespace centrecov::report
