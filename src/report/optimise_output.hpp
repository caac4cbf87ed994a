#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "analysis/optimise_study.hpp"

namespace centrecov::report {

// optimised.toml: every answer as a scenario starting from every centre open,
// with the costs only when they are money (--centre-cost or --library-cost),
// and the budget it was asked for. Written with toml++, so any id is quoted right.
std::string optimised_scenarios_toml(const analysis::OptimiseRun& run, const std::string& study_name);

// Writes optimise.md, optimise.json, k_curve.csv (with --k-curve) and
// optimised.toml (when there are answers) into `directory`, each atomically.
void write_optimise_run(const std::filesystem::path& directory, const analysis::OptimiseRun& run,
                        const std::vector<std::pair<int, std::string>>& marks, const std::string& study_name);

}  // namespace centrecov::report
