#pragma once

#include <CLI/CLI.hpp>

namespace centrecov::cli {

// Each subcommand lives in its own file and registers itself here.
void add_geocode_command(CLI::App& app);
void add_run_command(CLI::App& app);
void add_calibrate_command(CLI::App& app);
void add_scenarios_command(CLI::App& app);
void add_optimise_command(CLI::App& app);

}  // namespace centrecov::cli
