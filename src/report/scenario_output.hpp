#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analysis/scenario_run.hpp"
#include "report/html_report.hpp"
#include "scenario/scenario.hpp"

namespace centrecov::report {

// Writes, under `directory`: one folder per scenario (lsoa.geojson/.csv with
// the change from its base, sites.geojson/.csv with each site's fate,
// summary.json), and for the whole run comparison.csv, comparison.json,
// comparison.md and run.json (version, settings, a hash of every input file).
// What a scenario does to a site: the fate (its key is the 'fate' column and the style
// category) and the role in words, with names: "moved to <library>", "same site as <id>".
struct SiteFate {
    scenario::Fate fate = scenario::Fate::open;
    std::string role;
};
SiteFate site_fate(const analysis::ScenarioResult& result, const analysis::Study& study, const Site& site);

// Which outputs to write; summaries (JSON, Markdown) always are.
struct RunOutputs {
    bool geojson = true;  // per-scenario layers as GeoJSON
    bool csv = true;      // per-scenario layers as CSV
    bool gpkg = true;     // centrecov.gpkg: every layer, catchments, QGIS styles
    bool html = true;     // report.html: one self-contained file
    std::filesystem::path report_directory;  // for report.html and centrecov.gpkg; empty: the run's directory
    std::optional<KCurve> k_curve;           // drawn in the report when given
    // Scenarios drawn in centrecov.gpkg and report.html: the first this many (every
    // scenario has its folder and its row in the comparison).
    std::size_t maps_for = 100;
};

// Reads a --format list ("geojson,csv,gpkg,html"); UsageError for an unknown name.
RunOutputs outputs_named(const std::vector<std::string>& formats);

// Refuses outputs that could not be written, before any work (UsageError): a GeoPackage
// whose area layer would have more columns than SQLite allows (four per distance).
void check_outputs(const scenario::ScenarioFile& file, const analysis::Settings& settings, const RunOutputs& outputs);

// Also, as asked: reach areas and distance bands per scenario (reach.geojson,
// bands.geojson), centrecov.gpkg and report.html.
void write_scenario_run(const std::filesystem::path& directory, const analysis::Study& study,
                        const analysis::StudyInputs& inputs, const scenario::ScenarioFile& file,
                        const analysis::Settings& settings, const analysis::ScenarioRun& run,
                        const RunOutputs& outputs = {});

// The same, as the run is worked out (analysis::run_scenarios with a sink): each block's
// folders are written when the block is done, keeping of each scenario only its comparison
// row and text (and, for the first maps_for, what centrecov.gpkg and report.html draw); then
// finish writes the comparison, run.json, centrecov.gpkg and report.html.
class ScenarioWriter {
public:
    ScenarioWriter(std::filesystem::path directory, const analysis::Study& study, const analysis::StudyInputs& inputs,
                   const scenario::ScenarioFile& file, const analysis::Settings& settings, RunOutputs outputs);
    ~ScenarioWriter();
    ScenarioWriter(const ScenarioWriter&) = delete;
    ScenarioWriter& operator=(const ScenarioWriter&) = delete;

    // How many scenarios' whole results the run must keep for finish(): those the GeoPackage and
    // the report draw, and at least the first (the comparison's columns).
    std::size_t results_to_keep() const;
    void add(const analysis::ScenarioRun& run, const analysis::ScenarioBlock& block);
    // With the finished run: its results hold at least the first results_to_keep() scenarios.
    void finish(const analysis::ScenarioRun& run);

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace centrecov::report
