// centrecov optimise: which sites to keep, for a number of bases or a budget.

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <memory>

#include "analysis/optimise_study.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "io/atomic_output.hpp"
#include "cli/distance_options.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "io/layer.hpp"
#include "report/format.hpp"
#include "report/optimise_output.hpp"

namespace centrecov::cli {

namespace {

struct OptimiseOptions {
    DataOptions data;
    DistanceOptions distance;
    std::string objective = "coverage";
    std::vector<int> sites;
    std::vector<double> budgets;
    bool k_curve = false;
    std::vector<std::string> marks;  // "7=the proposal"
    double threshold_m = 1600.0;
    std::string share = "1";  // a number, or "reachable": all that any candidate reaches
    std::string method = "exact";
    double time_limit_s = 60.0;
    analysis::CandidateOptions candidates;
    std::string weight_index = "idaci";
    std::vector<int> weight_deciles;
    double weight_factor = 1.0;
    bool only_deprived = false;
    std::optional<double> capacity;
    std::vector<std::string> capacity_of;  // ID=N
    bool compare_colocation = false;
    std::string groups = "idaci";
};

optimise::Objective objective_named(const std::string& name) {
    if (name == "coverage") {
        return optimise::Objective::max_coverage;
    }
    if (name == "median") {
        return optimise::Objective::p_median;
    }
    if (name == "cover") {
        return optimise::Objective::set_cover;
    }
    if (name == "least-covered") {
        return optimise::Objective::max_min;
    }
    throw UsageError("--objective must be coverage, median, cover or least-covered, not '" + name + "'");
}

}  // namespace

void add_optimise_command(CLI::App& app) {
    auto options = std::make_shared<OptimiseOptions>();
    CLI::App* command = app.add_subcommand(
        "optimise", "Choose the sites that serve families best for a number of bases or a budget (exact, CBC; or "
                    "greedy + interchange), and write them as scenarios");
    options->data.add_to(*command);
    options->data.out = "out/optimise";
    command->get_option("--out")->default_str("out/optimise");
    options->distance.add_to(*command);
    // Accepted so that one set of distance options serves every command (the main job's script
    // passes its arguments to all); the answers get their ranges when run as scenarios.
    command->get_option("--draws")->description(
        "No effect here: the answers get their ranges in centrecov scenarios (--add optimised.toml)");
    command->get_option("--seed")->description("No effect here (see --draws)");
    command->add_option("--objective", options->objective,
                        "coverage (most under-5s within --threshold), median (least mean distance), cover (fewest "
                        "sites or least cost covering --share) or least-covered (the highest share within "
                        "--threshold for the least-covered of --groups)")
        ->capture_default_str();
    command->add_option("--sites", options->sites, "How many sites to open (several: 7,15)")->delimiter(',');
    command->add_option("--budget", options->budgets, "Money to spend (several: 5000000,5750000)")->delimiter(',');
    auto* k_curve =
        command->add_flag("--k-curve", options->k_curve, "Best coverage for every number of sites, at every threshold");
    command->add_option("--mark", options->marks, "Mark a number of sites on the k-curve: 7=\"the proposal\"")
        ->needs(k_curve);
    command->add_option("--threshold", options->threshold_m, "Coverage distance in metres")->capture_default_str();
    command->add_option("--share", options->share,
                        "Share of under-5s to cover (cover): a number from 0 to 1, or 'reachable' for every one "
                        "within the threshold of some candidate")
        ->capture_default_str();
    command->add_option("--method", options->method, "exact or heuristic")->capture_default_str();
    command->add_option("--time-limit", options->time_limit_s, "Seconds the exact solver may take per problem")
        ->capture_default_str();
    command->add_flag("--with-libraries", options->candidates.with_libraries, "Libraries may host a base too");
    command->add_option("--centre-cost", options->candidates.centre_cost, "Cost of a centre")->capture_default_str();
    command->add_option("--library-cost", options->candidates.library_cost, "Cost of a base in a library")
        ->capture_default_str();
    command->add_option("--force-open", options->candidates.force_open, "Sites that must stay open")->delimiter(',');
    command->add_option("--force-closed", options->candidates.force_closed, "Sites that must close")->delimiter(',');
    command->add_option("--deprivation-index", options->weight_index, "idaci or imd")->capture_default_str();
    command->add_option("--deprived-deciles", options->weight_deciles, "Deciles weighted (e.g. 1,2,3)")
        ->delimiter(',');
    command->add_option("--deprived-weight", options->weight_factor, "Weight of a family in those deciles")
        ->capture_default_str();
    command->add_flag("--only-deprived", options->only_deprived, "Count only the families in those deciles");
    command->add_option("--capacity", options->capacity, "Under-5s each site can serve (exact method only)");
    command->add_option("--capacity-of", options->capacity_of, "Under-5s one site can serve: ID=N (repeatable)");
    command->add_option("--groups", options->groups,
                        "least-covered: the groups to raise the least of: idaci or imd deciles, or district")
        ->capture_default_str();
    command->add_flag("--compare-colocation", options->compare_colocation,
                      "Answer every request twice, with centres only and with library bases too");
    add_version_flag(*command);

    command->callback([options, command] {
        analysis::OptimiseSettings settings;
        settings.objective = objective_named(options->objective);
        settings.groups = options->groups;
        if (options->method != "exact" && options->method != "heuristic") {
            throw UsageError("--method must be exact or heuristic");
        }
        settings.heuristic = options->method == "heuristic";
        if (options->weight_index != "idaci" && options->weight_index != "imd") {
            throw UsageError("--deprivation-index must be idaci or imd");
        }
        auto& weighting = settings.weighting;
        weighting.index = options->weight_index;
        for (const int d : options->weight_deciles) {
            if (d < 1 || d > 10) {
                throw UsageError(fmt::format("--deprived-deciles: {} is not a decile from 1 to 10", d));
            }
            weighting.deciles.insert(d);
        }
        weighting.factor = options->weight_factor;
        weighting.only = options->only_deprived;
        if ((weighting.only || weighting.factor != 1.0) && weighting.deciles.empty()) {
            throw UsageError("--only-deprived and --deprived-weight need --deprived-deciles");
        }
        const auto marks = parse_marks(options->marks);
        for (const auto& id : options->candidates.force_open) {
            const auto& closed = options->candidates.force_closed;
            if (std::find(closed.begin(), closed.end(), id) != closed.end()) {
                throw UsageError("--force-open and --force-closed both name '" + id + "': a site cannot be both");
            }
        }
        if (options->sites.empty() && options->budgets.empty() && !options->k_curve &&
            settings.objective != optimise::Objective::set_cover) {
            throw UsageError("say --sites K, --budget B or --k-curve");
        }
        if (options->share == "reachable") {
            settings.cover_share.reset();
        } else {
            settings.cover_share = text::parse_number(options->share);
            if (!settings.cover_share) {
                throw UsageError("--share must be a number from 0 to 1 or 'reachable', not '" + options->share + "'");
            }
        }
        settings.candidates = options->candidates;
        for (const auto& entry : options->capacity_of) {
            const auto at = entry.find('=');
            const auto value = at == std::string::npos ? std::nullopt : text::parse_number(entry.substr(at + 1));
            if (!value || *value < 0.0) {
                throw UsageError("--capacity-of wants ID=N with N under-5s (0 or more), not '" + entry + "'");
            }
            settings.candidates.capacity_of[entry.substr(0, at)] = *value;
        }
        settings.candidates.capacity = options->capacity;
        if (settings.candidates.capacity && *settings.candidates.capacity < 0.0) {
            throw UsageError("--capacity must be 0 or more");
        }
        settings.costs_given =
            command->get_option("--centre-cost")->count() > 0 || command->get_option("--library-cost")->count() > 0;
        constexpr double max_money = 1e12;
        for (const int k : options->sites) {
            checked_number(k, "--sites", 1, 100000);
        }
        for (const double b : options->budgets) {
            checked_number(b, "--budget", 0, max_money);
        }
        checked_number(settings.candidates.centre_cost, "--centre-cost", 0, max_money);
        checked_number(settings.candidates.library_cost, "--library-cost", 0, max_money);
        checked_number(weighting.factor, "--deprived-weight", 0.001, 1000);
        if (settings.cover_share) {
            checked_number(*settings.cover_share, "--share", 1e-9, 1);
        }
        if (settings.candidates.capacity) {
            checked_number(*settings.candidates.capacity, "--capacity", 0, 1e9);
        }
        for (const auto& [id, capacity] : settings.candidates.capacity_of) {
            checked_number(capacity, "--capacity-of " + id, 0, 1e9);
        }
        settings.sites = options->sites;
        settings.budgets = options->budgets;
        settings.k_curve = options->k_curve;
        settings.threshold_m = checked_number(options->threshold_m, "--threshold", 1, 200000);
        settings.time_limit_s = checked_number(options->time_limit_s, "--time-limit", 0.001, 86400);
        settings.compare_colocation = options->compare_colocation;

        auto inputs = options->data.inputs({options->distance.network});
        const bool capacitated = settings.candidates.capacity || !settings.candidates.capacity_of.empty();
        if (capacitated && command->get_option("--families-at")->count() == 0) {
            // The capacitated model has a variable per family point and site: at postcode level
            // millions. Its families are the areas' centroids unless --families-at says otherwise.
            inputs.families_at = families::FamiliesAt::centroids;
            spdlog::info("capacities: families measured from each area's centroid (--families-at postcodes to "
                         "measure from postcodes, a far larger model)");
        }
        const analysis::Settings distances =
            analysis::resolve_settings(options->distance.layer(*command), {}, inputs.study, options->data.out);
        settings.k_curve_thresholds_m = distances.thresholds_m;
        settings.candidates.year = distances.year;
        // The output folder first: one that cannot be written to is refused before the work, not after.
        io::OutputTree output({{options->data.out, "optimise"}});
        const analysis::Study study = analysis::load_study(inputs);
        std::optional<analysis::NetworkSummary> network;
        const auto engine = analysis::make_engine(distances.network, distances.distance, network);
        const analysis::OptimiseRun run = analysis::run_optimise(study, *engine, settings);
        report::write_optimise_run(output.staged(options->data.out), run, marks, inputs.study.name);
        output.commit();

        log_warnings(study.warnings);
        for (const auto& answer : run.answers) {
            const auto& solution = answer.solution;
            fmt::print("{} sites ({}), cost {}: covers {} (gap {}) by {}\n", solution.open_count(),
                       run.variants[answer.variant].label,
                       settings.costs_given ? text::pounds(solution.cost)
                                            : fmt::format("{} (no costs given: one per site)", std::llround(solution.cost)),
                       report::percent(run.total_weight > 0 ? solution.covered_weight / run.total_weight : 0.0),
                       io::round_to(solution.gap, 6), solution.method);
        }
        fmt::print("wrote {}/optimise.md{}\n", options->data.out,
                   run.answers.empty() ? "" : " and optimised.toml (run it with centrecov scenarios)");
    });
}

}  // namespace centrecov::cli
