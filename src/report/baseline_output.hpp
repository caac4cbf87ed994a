#pragma once

#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "analysis/study.hpp"
#include "io/layer.hpp"

namespace centrecov::report {

// LSOA polygons with families, deprivation, the nearest centre (and how
// precisely it is placed), the distance and a covered flag per threshold.
io::OutputLayer lsoa_layer(const analysis::Study& study, const analysis::Baseline& baseline);

nlohmann::ordered_json summary_json(const analysis::Study& study, const analysis::Baseline& baseline);
std::string summary_markdown(const analysis::Study& study, const analysis::Baseline& baseline);

// Writes lsoa.geojson, lsoa.csv, sites.geojson, sites.csv, summary.csv,
// summary.json and summary.md into the directory, each atomically.
void write_baseline(const std::filesystem::path& directory, const analysis::Study& study,
                    const analysis::Baseline& baseline);

}  // namespace centrecov::report
