// centrecov optimise: which sites to keep, for a number of bases or a budget.

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <numeric>

#include "analysis/optimise_study.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/distance_options.hpp"
#include "core/error.hpp"
#include "core/progress.hpp"
#include "io/atomic_output.hpp"
#include "io/writers.hpp"
#include "report/format.hpp"

namespace centrecov::cli {

namespace {

struct OptimiseOptions {
    DataOptions data;
    DistanceOptions distance;
    std::string objective = "coverage";
    std::vector<int> sites;
    std::vector<double> budgets;
    bool k_curve = false;
    std::vector<std::string> marks;  // "7=Sept 2018 proposal"
    double threshold_m = 1600.0;
    double share = 1.0;
    std::string method = "exact";
    double time_limit_s = 60.0;
    analysis::CandidateOptions candidates;
    std::string weight_index = "idaci";
    std::vector<int> weight_deciles;
    double weight_factor = 1.0;
    bool only_deprived = false;
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
    throw UsageError("--objective must be coverage, median or cover, not '" + name + "'");
}

optimise::Solution solve(const OptimiseOptions& options, const optimise::Problem& problem,
                         const optimise::Request& request) {
    if (options.method == "heuristic") {
        return optimise::solve_heuristic(problem, request);
    }
    return optimise::solve_exact(problem, request, options.time_limit_s);
}

nlohmann::ordered_json solution_json(const analysis::StudyProblem& study_problem, const optimise::Request& request,
                                     const optimise::Solution& solution, double total_weight) {
    nlohmann::ordered_json out;
    out["sites"] = request.sites ? nlohmann::ordered_json(*request.sites) : nlohmann::ordered_json(nullptr);
    out["budget"] = request.budget ? nlohmann::ordered_json(*request.budget) : nlohmann::ordered_json(nullptr);
    out["method"] = solution.method;
    nlohmann::ordered_json open = nlohmann::ordered_json::array();
    for (std::size_t j = 0; j < solution.open.size(); ++j) {
        if (solution.open[j]) {
            open.push_back(study_problem.sites[j]->id);
        }
    }
    out["open"] = open;
    out["open_count"] = solution.open_count();
    out["objective"] = io::round_to(solution.objective, 3);
    out["bound"] = io::round_to(solution.bound, 3);
    out["gap"] = io::round_to(solution.gap, 6);
    out["proven_optimal"] = solution.proven_optimal;
    out["cost"] = io::round_to(solution.cost, 2);
    out["covered_weight"] = io::round_to(solution.covered_weight, 3);
    out["covered_share"] = io::round_to(total_weight > 0 ? solution.covered_weight / total_weight : 0.0, 4);
    out["weighted_mean_distance_m"] =
        std::isfinite(solution.weighted_distance) ? nlohmann::ordered_json(io::round_to(
                                                        solution.weighted_distance / total_weight, 1))
                                                  : nlohmann::ordered_json(nullptr);
    return out;
}

std::string scenario_toml(const std::vector<nlohmann::ordered_json>& results, const std::string& objective,
                          double threshold_m, double centre_cost) {
    std::string toml = fmt::format(
        "# Written by centrecov optimise ({}, threshold {} m). Run: centrecov scenarios THIS_FILE\n\n"
        "[costs]\ncentre = {}\n\n[[scenario]]\nid = \"baseline\"\nname = \"Every centre open\"\n",
        objective, threshold_m, centre_cost);
    for (const auto& result : results) {
        std::string id = "optimal-cover";
        if (!result["sites"].is_null()) {
            id = fmt::format("optimal-{}-sites", result["sites"].get<int>());
        } else if (!result["budget"].is_null()) {
            id = fmt::format("optimal-budget-{}", result["budget"].get<double>());
        }
        toml += fmt::format("\n[[scenario]]\nid = \"{}\"\nname = \"Best {} centres ({})\"\nstart_from = \"baseline\"\n"
                            "keep_only = [",
                            id, result["open_count"].get<std::size_t>(), objective);
        bool first = true;
        for (const auto& site : result["open"]) {
            toml += (first ? "\"" : ", \"") + site.get<std::string>() + "\"";
            first = false;
        }
        toml += "]\n";
    }
    return toml;
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
    command->add_option("--objective", options->objective,
                        "coverage (most under-5s within --threshold), median (least mean distance) or cover (fewest "
                        "sites or least cost covering --share)")
        ->capture_default_str();
    command->add_option("--sites", options->sites, "How many sites to open (several: 7,15)")->delimiter(',');
    command->add_option("--budget", options->budgets, "Money to spend (several: 5000000,5750000)")->delimiter(',');
    command->add_flag("--k-curve", options->k_curve, "Best coverage for every number of sites, at every threshold");
    command->add_option("--mark", options->marks, "Mark a number of sites on the k-curve: 7=\"Sept 2018 proposal\"");
    command->add_option("--threshold", options->threshold_m, "Coverage distance in metres")->capture_default_str();
    command->add_option("--share", options->share, "Share of under-5s to cover (cover)")->capture_default_str();
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
    add_version_flag(*command);

    command->callback([options] {
        const auto objective = objective_named(options->objective);
        if (options->method != "exact" && options->method != "heuristic") {
            throw UsageError("--method must be exact or heuristic");
        }
        if (options->weight_index != "idaci" && options->weight_index != "imd") {
            throw UsageError("--deprivation-index must be idaci or imd");
        }
        analysis::FamilyWeighting weighting;
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
        if (options->sites.empty() && options->budgets.empty() && !options->k_curve &&
            objective != optimise::Objective::set_cover) {
            throw UsageError("say --sites K, --budget B or --k-curve");
        }

        const auto inputs = options->data.inputs();
        const analysis::Settings settings = options->distance.settings(inputs.files, options->data.out);
        const analysis::Study study = analysis::load_study(inputs);
        std::optional<analysis::NetworkSummary> network;
        const auto engine = analysis::make_engine(settings.network, settings.distance, network);
        const auto built = analysis::build_problem(study, *engine, options->candidates, weighting);
        const double total_weight = std::accumulate(built.problem.weights.begin(), built.problem.weights.end(), 0.0);
        spdlog::info("{} candidate sites, {} family areas; distances: {}", built.problem.size(),
                     built.problem.weights.size(), engine->label());

        std::vector<optimise::Request> requests;
        auto base_request = [&] {
            optimise::Request r;
            r.objective = objective;
            r.threshold_m = options->threshold_m;
            r.cover_share = options->share;
            return r;
        };
        for (const int k : options->sites) {
            auto r = base_request();
            r.sites = k;
            requests.push_back(r);
        }
        for (const double b : options->budgets) {
            auto r = base_request();
            r.budget = b;
            requests.push_back(r);
        }
        if (objective == optimise::Objective::set_cover && options->sites.empty() && options->budgets.empty()) {
            requests.push_back(base_request());
        }
        std::vector<nlohmann::ordered_json> results;
        std::string md = fmt::format("# Optimised sites\n\nObjective: {}; distances: {}; {} candidate sites.\n\n",
                                     options->objective, engine->label(), built.problem.size());
        md += "| request | sites | cost | covered | mean distance | gap | method |\n|---|---:|---:|---:|---:|---:|---|\n";
        for (const auto& request : requests) {
            const auto solution = solve(*options, built.problem, request);
            auto json = solution_json(built, request, solution, total_weight);
            md += fmt::format("| {} | {} | {} | {} | {} | {:.4f} % | {} |\n",
                              request.sites ? fmt::format("{} sites", *request.sites)
                                            : request.budget ? fmt::format("budget {:.0f}", *request.budget)
                                                             : std::string("cover"),
                              solution.open_count(), report::with_commas(std::llround(solution.cost)),
                              report::percent(solution.covered_weight / total_weight),
                              report::kilometres(solution.weighted_distance / total_weight), 100.0 * solution.gap,
                              solution.method);
            results.push_back(std::move(json));
        }

        nlohmann::ordered_json out;
        out["objective"] = options->objective;
        out["threshold_m"] = options->threshold_m;
        out["distance"] = {{"mode", engine->key()}, {"label", engine->label()}};
        out["candidates"] = built.problem.size();
        out["results"] = results;

        if (options->k_curve) {
            const std::size_t n = built.problem.size();
            std::vector<std::vector<io::Value>> rows;
            nlohmann::ordered_json curve = nlohmann::ordered_json::array();
            Progress progress("k-curve", n * settings.thresholds_m.size());
            md += "\n## Best coverage for each number of sites\n\n| sites |";
            for (const double t : settings.thresholds_m) {
                md += " within " + metrics::threshold_label(t) + " |";
            }
            md += "\n|---:|";
            for (std::size_t t = 0; t < settings.thresholds_m.size(); ++t) {
                md += "---:|";
            }
            md += "\n";
            std::vector<std::string> lines(n);
            for (std::size_t k = 1; k <= n; ++k) {
                std::string label = std::to_string(k);
                for (const auto& mark : options->marks) {
                    const auto at = mark.find('=');
                    if (std::atoi(mark.substr(0, at).c_str()) == static_cast<int>(k)) {
                        label += " **(" + (at == std::string::npos ? std::string("marked") : mark.substr(at + 1)) +
                                 ")**";
                    }
                }
                lines[k - 1] = "| " + label + " |";
            }
            for (const double t : settings.thresholds_m) {
                for (std::size_t k = 1; k <= n; ++k) {
                    optimise::Request r;
                    r.objective = optimise::Objective::max_coverage;
                    r.sites = static_cast<int>(k);
                    r.threshold_m = t;
                    const auto solution = solve(*options, built.problem, r);
                    const double share = solution.covered_weight / total_weight;
                    rows.push_back({static_cast<long long>(k), t, io::round_to(solution.covered_weight, 1),
                                    io::round_to(share, 4), io::round_to(solution.gap, 6)});
                    curve.push_back({{"sites", k}, {"threshold_m", t}, {"covered_share", io::round_to(share, 4)},
                                     {"gap", io::round_to(solution.gap, 6)}});
                    lines[k - 1] += " " + report::percent(share) + " |";
                    progress.advance();
                }
            }
            for (const auto& line : lines) {
                md += line + "\n";
            }
            io::write_csv(std::filesystem::path(options->data.out) / "k_curve.csv",
                          {"sites", "threshold_m", "covered_weight", "covered_share", "gap"}, rows);
            out["k_curve"] = curve;
        }
        if (options->candidates.with_libraries) {
            md += "\nBases in libraries cannot yet be written as a scenario (a scenario moves named centres into "
                  "libraries), so no optimised.toml is written; optimise.json lists the chosen sites.\n";
        }
        md += "\n" + std::string(report::attribution);
        const std::filesystem::path dir = options->data.out;
        io::write_text_file(dir / "optimise.json", out.dump(2) + "\n");
        io::write_text_file(dir / "optimise.md", md);
        if (!options->candidates.with_libraries && !results.empty()) {
            io::write_text_file(dir / "optimised.toml", scenario_toml(results, options->objective, options->threshold_m, options->candidates.centre_cost));
        }
        log_warnings(study.warnings);
        for (const auto& result : results) {
            fmt::print("{} sites, cost {}: covers {} (gap {}) by {}\n", result["open_count"].get<std::size_t>(),
                       result["cost"].get<double>(), report::percent(result["covered_share"].get<double>()),
                       result["gap"].get<double>(), result["method"].get<std::string>());
        }
        fmt::print("wrote {}/optimise.md{}\n", options->data.out,
                   options->candidates.with_libraries ? "" : " and optimised.toml (run it with centrecov scenarios)");
    });
}

}  // namespace centrecov::cli
