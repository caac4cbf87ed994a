// centrecov scenarios: evaluate remodelling options from a TOML file, each against its base.

#include <fmt/format.h>

#include <memory>

#include "analysis/scenario_run.hpp"
#include "cli/commands.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "io/atomic_output.hpp"
#include "cli/common.hpp"
#include "cli/distance_options.hpp"
#include "report/format.hpp"
#include "report/uncertainty_output.hpp"
#include "report/scenario_output.hpp"
#include "scenario/scenario.hpp"

namespace centrecov::cli {

namespace {
struct ScenariosOptions {
    std::string file;
    DataOptions data;
    DistanceOptions distance;
    std::vector<std::string> formats{"geojson", "csv", "gpkg", "html"};
    std::string report_directory;
    std::string k_curve;
    std::vector<std::string> marks;
    bool open = false;
    std::size_t maps_for = 100;
    std::vector<std::string> added;  // more scenario files (an optimiser's answers), run and reported with it
    std::string added_start;         // what their scenarios start from (default: the file's first)
};
}  // namespace

void add_scenarios_command(CLI::App& app) {
    auto options = std::make_shared<ScenariosOptions>();
    CLI::App* command = app.add_subcommand(
        "scenarios", "Evaluate the scenarios of a TOML file (closures, co-location, outreach, targeting, budgets) "
                     "and compare each with the one it starts from");
    command->add_option("file", options->file, "Scenario file (TOML; see geodata/scenarios)")->required();
    options->data.add_to(*command);
    options->data.out = "out/scenarios";
    command->get_option("--out")->default_str("out/scenarios");
    options->distance.add_to(*command);
    command->add_option("--format", options->formats,
                        "Outputs: geojson and csv (layers per scenario), gpkg (centrecov.gpkg, styled for QGIS), html "
                        "(report.html, one file that works offline)")
        ->delimiter(',')
        ->capture_default_str();
    command->add_option("--report-dir", options->report_directory,
                        "Where report.html and centrecov.gpkg go (default: --out)");
    auto* k_curve = command->add_option("--k-curve", options->k_curve, "An optimise k_curve.csv to chart in the report")
                        ->check(CLI::ExistingFile);
    command->add_option("--mark", options->marks, "Mark a number of sites on the k-curve: 7=\"the proposal\"")
        ->needs(k_curve);
    command->add_option("--maps-for", options->maps_for,
                        "Draw the first N scenarios in centrecov.gpkg and report.html (every scenario still has its "
                        "folder and its row in the comparison)")
        ->capture_default_str()
        ->check(whole_number(1, 100000));
    auto* add = command->add_option("--add", options->added,
                        "Another scenario file to run and report with this one, such as optimise's optimised.toml "
                        "(repeat for more); its roots that change nothing are dropped and what started from them "
                        "starts from --add-start")
        ->check(CLI::ExistingFile);
    command->add_option("--add-start", options->added_start,
                        "The scenario of FILE that added scenarios start from (default: its first)")
        ->needs(add);
    command->add_flag("--open", options->open, "Print the report's path (to open it in a browser)");
    add_version_flag(*command);
    command->callback([options, command] {
        scenario::ScenarioFile file = scenario::read_scenario_file(options->file);
        for (const auto& added : options->added) {
            scenario::add_scenarios(file, scenario::read_scenario_file(added),
                                    options->added_start.empty() ? file.scenarios.front().id : options->added_start);
        }
        if (file.study.study && command->get_option("--study")->count() == 0) {
            // A manifest path in the file is relative to the file; a bare name is looked up.
            const std::filesystem::path named = *file.study.study;
            const bool path = named.extension() == ".toml" || named.has_parent_path();
            options->data.study =
                path && named.is_relative() ? (std::filesystem::path(options->file).parent_path() / named).string()
                                            : named.string();
        }
        if (file.study.data && command->get_option("--data")->count() == 0) {
            // A relative path in the file is relative to the file.
            const std::filesystem::path data = *file.study.data;
            options->data.data_directory =
                (data.is_relative() ? std::filesystem::path(options->file).parent_path() / data : data).string();
        }
        std::vector<std::filesystem::path> input_files{options->file, options->k_curve, options->distance.network};
        input_files.insert(input_files.end(), options->added.begin(), options->added.end());
        const auto inputs = options->data.inputs(input_files);
        analysis::Settings settings = analysis::resolve_settings(
            options->distance.layer(*command), analysis::file_layer(file.study), inputs.study, options->data.out);
        report::RunOutputs outputs = report::outputs_named(options->formats);
        report::check_outputs(file, settings, outputs);
        settings.draws_for_planner = outputs.html;
        const std::filesystem::path report_directory =
            options->report_directory.empty() ? options->data.out : options->report_directory;
        // The output folders first: one that cannot be written to is refused before the work, not after.
        io::OutputTree output({{options->data.out, "scenarios"}, {report_directory, "report"}});
        const analysis::Study study = analysis::load_study(inputs);
        outputs.report_directory = output.staged(report_directory);
        outputs.maps_for = options->maps_for;
        if (!options->k_curve.empty()) {
            report::KCurve curve;
            curve.points = report::read_k_curve(options->k_curve);
            curve.marks = parse_marks(options->marks);
            outputs.k_curve = std::move(curve);
        }
        // Streamed: each block of scenarios is written as soon as it is known and then released,
        // keeping of each only its line here and its warnings (and the first --maps-for whole,
        // for the GeoPackage and the report).
        report::ScenarioWriter writer(output.staged(options->data.out), study, inputs, file, settings, outputs);
        std::vector<std::string> line_of(file.scenarios.size());
        std::vector<std::vector<std::string>> warnings_of(file.scenarios.size());
        const analysis::ScenarioRun run = analysis::run_scenarios(
            study, file, settings, writer.results_to_keep(),
            [&](const analysis::ScenarioRun& so_far, const analysis::ScenarioBlock& block) {
                writer.add(so_far, block);
                for (const auto& [index, result] : block) {
                    const auto& r = result->resolved;
                    warnings_of[index] = result->warnings;
                    line_of[index] = fmt::format(
                        "  {:<28} {:>3} centres  within {}: {:>20}  lose {:>22}  gain {:>20}  cost {}\n",
                        r.scenario->id, r.open.size(), metrics::threshold_label(r.thresholds_m.front()),
                        report::percent_in(result->coverage.total.share_covered(0),
                                           report::share_interval(*result, 0)),
                        report::count_in(result->changes.front().lost, report::lost_interval(*result, 0)),
                        report::count_in(result->changes.front().gained, report::gained_interval(*result, 0)),
                        r.cost ? text::pounds(*r.cost) : "n/a");
                }
            });
        writer.finish(run);
        output.commit();
        std::vector<std::string> warnings = study.warnings;
        for (std::size_t index = 0; index < file.scenarios.size(); ++index) {
            for (const auto& warning : warnings_of[index]) {
                warnings.push_back("scenario '" + file.scenarios[index].id + "': " + warning);
            }
        }
        log_warnings(warnings);
        fmt::print("{} scenarios; distances: {}\n", file.scenarios.size(), run.distance_label);
        for (const auto& line : line_of) {
            fmt::print("{}", line);
        }
        fmt::print("wrote {}/comparison.md and a folder per scenario\n", options->data.out);
        if ((outputs.gpkg || outputs.html) && file.scenarios.size() > options->maps_for) {
            fmt::print("the GeoPackage and the report draw the first {} of the {} scenarios (--maps-for)\n",
                       options->maps_for, file.scenarios.size());
        }
        if (outputs.gpkg) {
            fmt::print("wrote {} (open it in QGIS: layers come styled)\n",
                       (report_directory / "centrecov.gpkg").string());
        }
        if (outputs.html) {
            const auto report = std::filesystem::absolute(report_directory / "report.html").lexically_normal();
            if (options->open) {
                fmt::print("open file://{}\n", report.string());
            } else {
                fmt::print("wrote {}\n", report.string());
            }
        }
    });
}

}  // namespace centrecov::cli
