#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "analysis/baseline.hpp"
#include "io/layer.hpp"

namespace centrecov::report {

// What the road file's near misses are and whether they were joined (with the
// coverage without the repair, when measured), as a paragraph of Markdown.
std::string near_miss_markdown(const analysis::NetworkSummary& network, const metrics::CoverageReport& coverage,
                               const std::optional<metrics::CoverageReport>& without_repair);

nlohmann::ordered_json summary_json(const analysis::Study& study, const analysis::Baseline& baseline);
std::string summary_markdown(const analysis::Study& study, const analysis::Baseline& baseline);

// Writes lsoa.geojson, lsoa.csv, sites.geojson, sites.csv, summary.csv,
// summary.json and summary.md into the directory, each atomically.
void write_baseline(const std::filesystem::path& directory, const analysis::Study& study,
                    const analysis::Baseline& baseline);

}  // namespace centrecov::report
