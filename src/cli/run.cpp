// centrecov run: the baseline coverage of families by the centres, written to --out.

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <memory>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "core/error.hpp"
#include "report/baseline_output.hpp"
#include "report/format.hpp"

namespace centrecov::cli {

namespace {

struct RunOptions {
    DataOptions data;
    std::string mode = "estimated_road";
    double circuity = routing::default_circuity;
    std::vector<double> thresholds_m = metrics::default_thresholds_m;
};

analysis::Settings settings_from(const RunOptions& options) {
    analysis::Settings settings;
    const auto mode = routing::parse_distance_mode(options.mode);
    if (!mode) {
        throw UsageError("--mode must be estimated_road or straight_line, not '" + options.mode + "'");
    }
    settings.distance.mode = *mode;
    if (!(options.circuity >= 1.0 && options.circuity <= 3.0)) {
        throw UsageError(fmt::format("--circuity {} is outside 1 to 3; road distance is never shorter than the "
                                     "straight line",
                                     options.circuity));
    }
    settings.distance.circuity = options.circuity;
    settings.thresholds_m = options.thresholds_m;
    if (settings.thresholds_m.empty()) {
        throw UsageError("--thresholds needs at least one distance");
    }
    for (const double t : settings.thresholds_m) {
        if (!(t > 0.0) || t > 200000.0) {
            throw UsageError(fmt::format("--thresholds: {} m is not a distance between 0 and 200 km", t));
        }
    }
    std::sort(settings.thresholds_m.begin(), settings.thresholds_m.end());
    settings.thresholds_m.erase(std::unique(settings.thresholds_m.begin(), settings.thresholds_m.end()),
                                settings.thresholds_m.end());
    return settings;
}

}  // namespace

void add_run_command(CLI::App& app) {
    auto options = std::make_shared<RunOptions>();
    CLI::App* command = app.add_subcommand(
        "run", "Measure how far every family lives from its nearest centre with all centres open, and write maps "
               "and tables to --out");
    options->data.add_to(*command);
    command->add_option("--mode", options->mode,
                        "Distance without a road network: estimated_road (straight line x circuity) or "
                        "straight_line")
        ->capture_default_str();
    command->add_option("--circuity", options->circuity, "Road over straight-line distance for estimated_road")
        ->capture_default_str();
    command->add_option("--thresholds", options->thresholds_m, "Coverage distances in metres")
        ->delimiter(',')
        ->capture_default_str();
    add_version_flag(*command);
    command->callback([options] {
        const analysis::Settings settings = settings_from(*options);
        const analysis::Study study = analysis::load_study(options->data.inputs());
        const analysis::Baseline baseline = analysis::run_baseline(study, settings);
        report::write_baseline(options->data.out, study, baseline);
        log_warnings(study.warnings);

        const auto& total = baseline.coverage.total;
        fmt::print("{} under-5s in {} areas; {} centres placed; distances: {}\n", report::with_commas(total.under5),
                   total.areas, baseline.service_points.size(), settings.distance.label());
        for (std::size_t t = 0; t < settings.thresholds_m.size(); ++t) {
            fmt::print("  within {:>7}: {:>7} under-5s ({})\n", metrics::threshold_label(settings.thresholds_m[t]),
                       report::with_commas(total.covered[t]), report::percent(total.share_covered(t)));
        }
        fmt::print("wrote {}/summary.md and the maps and tables beside it\n", options->data.out);
    });
}

}  // namespace centrecov::cli
