#pragma once

#include <filesystem>

#include "analysis/scenario_run.hpp"
#include "scenario/scenario.hpp"

namespace centrecov::report {

// Writes, under `directory`: one folder per scenario (lsoa.geojson/.csv with
// the change from its base, sites.geojson/.csv with each site's fate,
// summary.json), and for the whole run comparison.csv, comparison.json,
// comparison.md and run.json (version, settings, a hash of every input file).
void write_scenario_run(const std::filesystem::path& directory, const analysis::Study& study,
                        const analysis::StudyInputs& inputs, const scenario::ScenarioFile& file,
                        const analysis::Settings& settings, const analysis::ScenarioRun& run);

}  // namespace centrecov::report
