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
#include "core/text.hpp"
#include "metrics/coverage.hpp"
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
};

// One set of candidates: the centres alone, or with libraries as hosts.
struct Variant {
    std::string label;
    std::string id_suffix;
    analysis::StudyProblem built;
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

nlohmann::ordered_json solution_json(const Variant& variant, const optimise::Request& request,
                                     const optimise::Solution& solution, double total_weight) {
    const auto& study_problem = variant.built;
    nlohmann::ordered_json out;
    out["candidates"] = variant.label;
    out["id_suffix"] = variant.id_suffix;
    out["sites"] = request.sites ? nlohmann::ordered_json(*request.sites) : nlohmann::ordered_json(nullptr);
    out["budget"] = request.budget ? nlohmann::ordered_json(*request.budget) : nlohmann::ordered_json(nullptr);
    out["method"] = solution.method;
    out["bound_method"] = solution.bound_method;
    nlohmann::ordered_json open = nlohmann::ordered_json::array();
    nlohmann::ordered_json bases = nlohmann::ordered_json::array();
    for (std::size_t j = 0; j < solution.open.size(); ++j) {
        if (solution.open[j]) {
            const Site& site = *study_problem.sites[j];
            (site.kind == SiteKind::library ? bases : open).push_back(site.id);
        }
    }
    out["open"] = open;
    out["library_bases"] = bases;
    out["open_count"] = solution.open_count();
    if (!solution.load.empty()) {
        nlohmann::ordered_json loads = nlohmann::ordered_json::object();
        for (std::size_t j = 0; j < solution.open.size(); ++j) {
            if (solution.open[j]) {
                const auto& capacity = study_problem.problem.candidates[j].capacity;
                loads[study_problem.sites[j]->id] = {
                    {"under5_served", io::round_to(solution.load[j], 1)},
                    {"capacity", capacity ? nlohmann::ordered_json(*capacity) : nlohmann::ordered_json(nullptr)}};
            }
        }
        out["load"] = loads;
    }
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

std::string toml_list(const nlohmann::ordered_json& ids) {
    std::string out = "[";
    bool first = true;
    for (const auto& id : ids) {
        out += (first ? "\"" : ", \"") + id.get<std::string>() + "\"";
        first = false;
    }
    return out + "]";
}

std::string scenario_toml(const std::vector<nlohmann::ordered_json>& results, const std::string& objective,
                          double threshold_m, double centre_cost, double library_cost) {
    std::string toml = fmt::format(
        "# Written by centrecov optimise ({}, threshold {} m). Run: centrecov scenarios THIS_FILE\n\n"
        "[costs]\ncentre = {}\nlibrary_base = {}\n\n[[scenario]]\nid = \"baseline\"\nname = \"Every centre "
        "open\"\n",
        objective, threshold_m, centre_cost, library_cost);
    for (const auto& result : results) {
        std::string id = "optimal-cover";
        if (!result["sites"].is_null()) {
            id = fmt::format("optimal-{}-sites", result["sites"].get<int>());
        } else if (!result["budget"].is_null()) {
            id = fmt::format("optimal-budget-{}", result["budget"].get<double>());
        }
        id += result["id_suffix"].get<std::string>();
        const std::size_t bases = result["library_bases"].size();
        const std::string what =
            bases == 0 ? fmt::format("{} centres", result["open"].size())
                       : fmt::format("{} centres and {} library bases", result["open"].size(), bases);
        toml += fmt::format("\n[[scenario]]\nid = \"{}\"\nname = \"Best {} ({})\"\nstart_from = \"baseline\"\n"
                            "keep_only = {}\n",
                            id, what, objective, toml_list(result["open"]));
        if (bases > 0) {
            toml += "library_bases = " + toml_list(result["library_bases"]) + "\n";
        }
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
    command->add_flag("--compare-colocation", options->compare_colocation,
                      "Answer every request twice, with centres only and with library bases too");
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
        const auto marks = parse_marks(options->marks);
        if (options->sites.empty() && options->budgets.empty() && !options->k_curve &&
            objective != optimise::Objective::set_cover) {
            throw UsageError("say --sites K, --budget B or --k-curve");
        }

        const auto inputs = options->data.inputs();
        const analysis::Settings settings = options->distance.settings(inputs.study, options->data.out);
        const analysis::Study study = analysis::load_study(inputs);
        std::optional<analysis::NetworkSummary> network;
        const auto engine = analysis::make_engine(settings.network, settings.distance, network);
        auto candidates = options->candidates;
        candidates.year = study.year;
        for (const auto& entry : options->capacity_of) {
            const auto at = entry.find('=');
            const auto value = at == std::string::npos ? std::nullopt : text::parse_number(entry.substr(at + 1));
            if (!value || *value < 0.0) {
                throw UsageError("--capacity-of wants ID=N with N under-5s (0 or more), not '" + entry + "'");
            }
            candidates.capacity_of[entry.substr(0, at)] = *value;
        }
        candidates.capacity = options->capacity;
        if (candidates.capacity && *candidates.capacity < 0.0) {
            throw UsageError("--capacity must be 0 or more");
        }
        const bool capacitated = candidates.capacity || !candidates.capacity_of.empty();
        if (capacitated && options->method == "heuristic") {
            throw UsageError("capacities are solved by the exact method only; drop --method heuristic");
        }
        std::vector<Variant> variants;
        if (options->compare_colocation) {
            candidates.with_libraries = false;
            variants.push_back({"centres", "", analysis::build_problem(study, *engine, candidates, weighting)});
            candidates.with_libraries = true;
            variants.push_back(
                {"centres and libraries", "-with-libraries", analysis::build_problem(study, *engine, candidates, weighting)});
        } else {
            variants.push_back({candidates.with_libraries ? "centres and libraries" : "centres", "",
                                analysis::build_problem(study, *engine, candidates, weighting)});
        }
        const auto& built = variants.front().built;
        const double total_weight = std::accumulate(built.problem.weights.begin(), built.problem.weights.end(), 0.0);
        for (const auto& variant : variants) {
            spdlog::info("{}: {} candidate sites, {} family areas; distances: {}", variant.label,
                         variant.built.problem.size(), variant.built.problem.weights.size(), engine->label());
        }

        std::vector<optimise::Request> requests;
        auto base_request = [&] {
            optimise::Request r;
            r.objective = objective;
            r.threshold_m = options->threshold_m;
            if (options->share != "reachable") {
                const auto share = text::parse_number(options->share);
                if (!share) {
                    throw UsageError("--share must be a number from 0 to 1 or 'reachable', not '" + options->share +
                                     "'");
                }
                r.cover_share = *share;
            }
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
        std::string md = fmt::format("# Optimised sites\n\nObjective: {}; threshold {}; distances: {}.\n",
                                     options->objective, metrics::threshold_label(options->threshold_m),
                                     engine->label());
        for (const auto& variant : variants) {
            md += fmt::format("Candidates ({}): {} sites.\n", variant.label, variant.built.problem.size());
        }
        if (capacitated) {
            md += "Capacities: each site serves at most its capacity in under-5s; covered counts the under-5s "
                  "the open sites can serve within the threshold.\n";
        }
        md += "\n| request | candidates | centres | library bases | cost | covered | mean distance | gap | method "
              "|\n|---|---|---:|---:|---:|---:|---:|---:|---|\n";
        // The share within the threshold of some candidate, for --share reachable.
        auto reachable_share = [&](const optimise::Problem& problem) {
            double reached = 0.0;
            for (std::size_t i = 0; i < problem.weights.size(); ++i) {
                for (std::size_t j = 0; j < problem.size(); ++j) {
                    if (!problem.candidates[j].forced_closed && problem.distance[i][j] <= options->threshold_m) {
                        reached += problem.weights[i];
                        break;
                    }
                }
            }
            return total_weight > 0.0 ? reached / total_weight : 1.0;
        };
        std::string notes;
        for (const auto& asked : requests) {
            for (const auto& variant : variants) {
                auto request = asked;
                if (options->share == "reachable" && objective == optimise::Objective::set_cover) {
                    request.cover_share = reachable_share(variant.built.problem);
                    notes += fmt::format("\n{}: {} of the weight lies within {} of some candidate; the cover keeps all "
                                      "of it.\n",
                                      variant.label, report::percent(request.cover_share),
                                      metrics::threshold_label(options->threshold_m));
                }
                const auto solution = solve(*options, variant.built.problem, request);
                auto json = solution_json(variant, request, solution, total_weight);
                md += fmt::format("| {} | {} | {} | {} | {} | {} | {} | {:.4f} % | {} |\n",
                                  request.sites ? fmt::format("{} sites", *request.sites)
                                  : request.budget ? fmt::format("budget {}", report::with_commas(std::llround(*request.budget)))
                                                   : std::string("cover"),
                                  variant.label, json["open"].size(), json["library_bases"].size(),
                                  report::with_commas(std::llround(solution.cost)),
                                  report::percent(solution.covered_weight / total_weight),
                                  std::isfinite(solution.weighted_distance)
                                      ? report::kilometres(solution.weighted_distance / total_weight)
                                      : std::string("-"),
                                  100.0 * solution.gap, solution.method);
                results.push_back(std::move(json));
            }
        }
        md += notes;

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
                for (const auto& [marked, text] : marks) {
                    if (marked == static_cast<int>(k)) {
                        label += " **(" + text + ")**";
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
        if (!results.empty()) {
            md += "\nEvery answer above is a scenario in optimised.toml (library bases as `library_bases`); run it "
                  "with `centrecov scenarios` for the same outputs and comparison with today as any option.\n";
        }
        md += "\n" + std::string(report::attribution);
        const std::filesystem::path dir = options->data.out;
        io::write_text_file(dir / "optimise.json", out.dump(2) + "\n");
        io::write_text_file(dir / "optimise.md", md);
        if (!results.empty()) {
            io::write_text_file(dir / "optimised.toml",
                                scenario_toml(results, options->objective, options->threshold_m,
                                              options->candidates.centre_cost, options->candidates.library_cost));
        }
        log_warnings(study.warnings);
        for (const auto& result : results) {
            fmt::print("{} sites ({}), cost {}: covers {} (gap {}) by {}\n", result["open_count"].get<std::size_t>(),
                       result["candidates"].get<std::string>(),
                       result["cost"].get<double>(), report::percent(result["covered_share"].get<double>()),
                       result["gap"].get<double>(), result["method"].get<std::string>());
        }
        fmt::print("wrote {}/optimise.md{}\n", options->data.out,
                   results.empty() ? "" : " and optimised.toml (run it with centrecov scenarios)");
    });
}

}  // namespace centrecov::cli
