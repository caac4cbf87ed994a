// centrecov run: the baseline coverage of families by the centres, written to --out.

#include <fmt/format.h>

#include <memory>

#include "analysis/baseline.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/distance_options.hpp"
#include "io/atomic_output.hpp"
#include "report/baseline_output.hpp"
#include "report/format.hpp"
#include "report/uncertainty_output.hpp"

namespace centrecov::cli {

namespace {
struct RunOptions {
    DataOptions data;
    DistanceOptions distance;
};
}  // namespace

void add_run_command(CLI::App& app) {
    auto options = std::make_shared<RunOptions>();
    CLI::App* command = app.add_subcommand(
        "run", "Measure how far every family lives from its nearest centre with all centres open, and write maps "
               "and tables to --out");
    options->data.add_to(*command);
    options->distance.add_to(*command);
    add_version_flag(*command);
    command->callback([options, command] {
        const auto inputs = options->data.inputs({options->distance.network});
        analysis::Settings settings =
            analysis::resolve_settings(options->distance.layer(*command), {}, inputs.study, options->data.out);
        settings.draws_for_planner = false;  // `run` writes no report
        // The output folder first: one that cannot be written to is refused before the work, not after.
        io::OutputTree output({{options->data.out, "run"}});
        const analysis::Study study = analysis::load_study(inputs);
        const analysis::Baseline baseline = analysis::run_baseline(study, settings);
        report::write_baseline(output.staged(options->data.out), study, baseline);
        output.commit();
        std::vector<std::string> warnings = study.warnings;
        warnings.insert(warnings.end(), baseline.warnings.begin(), baseline.warnings.end());
        log_warnings(warnings);

        const auto& total = baseline.coverage().total;
        fmt::print("{} under-5s in {} areas; {} centres placed; distances: {}\n", report::children(total.under5),
                   total.areas, baseline.service_points.size(), baseline.run.distance_label);
        for (std::size_t t = 0; t < settings.thresholds_m.size(); ++t) {
            fmt::print("  within {:>7}: {:>7} under-5s ({})\n", metrics::threshold_label(settings.thresholds_m[t]),
                       report::children(total.covered[t]),
                       report::percent_in(total.share_covered(t), report::share_interval(baseline.today(), t)));
        }
        fmt::print("wrote {}/summary.md and the maps and tables beside it\n", options->data.out);
    });
}

}  // namespace centrecov::cli
