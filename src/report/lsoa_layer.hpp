#pragma once

// The family areas of one scenario as a layer (lsoa.geojson, lsoa.csv and the
// GeoPackage): who lives there, the nearest open site and how precisely it is
// placed, the distance, and a 0/1 column per threshold. `run` and `scenarios`
// write it with the same code; a scenario adds its base and outreach, the
// baseline each area's nearest library.

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

}  // namespace centrecov::report
