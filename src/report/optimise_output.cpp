#include "report/optimise_output.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <sstream>

#include "io/atomic_output.hpp"
#include "io/layer.hpp"
#include "io/writers.hpp"
#include "metrics/coverage.hpp"
#include "report/format.hpp"

namespace centrecov::report {

namespace {

using nlohmann::ordered_json;

const char* objective_name(optimise::Objective objective) {
    switch (objective) {
        case optimise::Objective::max_coverage:
            return "coverage";
        case optimise::Objective::p_median:
            return "median";
        case optimise::Objective::set_cover:
            return "cover";
        case optimise::Objective::max_min:
            return "least-covered";
    }
    return "coverage";
}

ordered_json ids(const std::vector<const Site*>& sites) {
    ordered_json out = ordered_json::array();
    for (const Site* site : sites) {
        out.push_back(site->id);
    }
    return out;
}

ordered_json answer_json(const analysis::OptimiseRun& run, const analysis::OptimiseAnswer& answer) {
    const auto& variant = run.variants[answer.variant];
    const auto& solution = answer.solution;
    ordered_json out;
    out["scenario_id"] = answer.scenario_id;
    out["candidates"] = variant.label;
    out["id_suffix"] = variant.id_suffix;
    out["sites"] = answer.request.sites ? ordered_json(*answer.request.sites) : ordered_json(nullptr);
    out["budget"] = answer.request.budget ? ordered_json(*answer.request.budget) : ordered_json(nullptr);
    out["method"] = solution.method;
    out["bound_method"] = solution.bound_method;
    out["open"] = ids(answer.open_centres);
    out["library_bases"] = ids(answer.library_bases);
    out["open_count"] = solution.open_count();
    if (!solution.load.empty()) {
        ordered_json loads = ordered_json::object();
        for (std::size_t j = 0; j < solution.open.size(); ++j) {
            if (solution.open[j]) {
                const auto& capacity = variant.built.problem.candidates[j].capacity;
                loads[variant.built.sites[j]->id] = {
                    {"under5_served", io::round_to(solution.load[j], 1)},
                    {"capacity", capacity ? ordered_json(*capacity) : ordered_json(nullptr)}};
            }
        }
        out["load"] = loads;
    }
    out["objective"] = json_number(solution.objective, 3);
    out["bound"] = json_number(solution.bound, 3);
    out["gap"] = json_number(solution.gap, 6);
    out["proven_optimal"] = solution.proven_optimal;
    out["cost"] = io::round_to(solution.cost, 2);
    out["covered_weight"] = io::round_to(solution.covered_weight, 3);
    out["covered_share"] = io::round_to(run.total_weight > 0 ? solution.covered_weight / run.total_weight : 0.0, 4);
    out["weighted_mean_distance_m"] = json_number(run.mean_distance_m(solution), 1);
    out["unreachable_weight"] = io::round_to(solution.unreachable_weight, 3);
    if (!solution.group_share.empty()) {
        ordered_json groups = ordered_json::object();
        const auto& names = variant.built.problem.group_names;
        for (std::size_t g = 0; g < names.size(); ++g) {
            groups[names[g]] = io::round_to(solution.group_share[g], 4);
        }
        out["covered_share_by_group"] = groups;
    }
    return out;
}

std::string request_label(const optimise::Request& request, bool costs_given) {
    if (request.sites) {
        return fmt::format("{} sites", *request.sites);
    }
    if (request.budget) {
        // Without costs each site costs 1, so a "budget" counts sites.
        return costs_given ? "budget " + text::pounds(*request.budget)
                           : fmt::format("budget of {} sites", with_commas(std::llround(*request.budget)));
    }
    return "cover";
}

// What an answer is, for a person: "Best 26 centres for £5,000,000 a year (most under-5s within
// 1.6 km)"; its id ("optimal-budget-5000000") is for files.
std::string answer_name(const analysis::OptimiseAnswer& answer, const analysis::OptimiseSettings& settings) {
    auto count = [](std::size_t n, const char* one, const char* many) {
        return fmt::format("{} {}", n, n == 1 ? one : many);
    };
    std::string what = count(answer.open_centres.size(), "centre", "centres");
    if (!answer.library_bases.empty()) {
        what += " and " + count(answer.library_bases.size(), "library base", "library bases");
    }
    const std::string money = answer.request.budget && settings.costs_given
                                  ? " for " + text::pounds(*answer.request.budget) + " a year"
                                  : std::string();
    const std::string within = metrics::threshold_label(settings.threshold_m);
    std::string aim;
    switch (settings.objective) {
        case optimise::Objective::max_coverage:
            aim = "most under-5s within " + within;
            break;
        case optimise::Objective::p_median:
            aim = "least mean distance";
            break;
        case optimise::Objective::set_cover:
            aim = settings.cover_share
                      ? fmt::format("fewest sites with {} of under-5s within {}", percent(*settings.cover_share), within)
                      : "fewest sites with everyone some site could reach within " + within;
            break;
        case optimise::Objective::max_min:
            aim = "the least-covered group's share within " + within + " highest";
            break;
    }
    if (!settings.weighting.deciles.empty()) {
        aim += settings.weighting.only ? ", deprived areas only" : ", deprived areas counting more";
    }
    return fmt::format("Best {}{} ({})", what, money, aim);
}

std::string optimise_markdown(const analysis::OptimiseRun& run, const std::vector<std::pair<int, std::string>>& marks) {
    const auto& settings = run.settings;
    std::string md = fmt::format("# Optimised sites\n\nObjective: {}; threshold {}; distances: {}, from {}.\n",
                                 objective_name(settings.objective), metrics::threshold_label(settings.threshold_m),
                                 run.distance_label, run.measured_from);
    for (const auto& variant : run.variants) {
        md += fmt::format("Candidates ({}): {} sites.\n", variant.label, variant.built.problem.size());
    }
    if (settings.candidates.capacity || !settings.candidates.capacity_of.empty()) {
        md += "Capacities: each site serves at most its capacity in under-5s; covered counts the under-5s "
              "the open sites can serve within the threshold.\n";
    }
    if (!settings.costs_given) {
        md += "Costs: none given (--centre-cost, --library-cost), so every site costs 1 and a cost counts sites.\n";
    }
    std::string notes;
    if (!run.answers.empty()) {
        md += "\n| request | candidates | centres | library bases | cost | covered | mean distance | gap | method "
              "|\n|---|---|---:|---:|---:|---:|---:|---:|---|\n";
        for (const auto& answer : run.answers) {
            const auto& solution = answer.solution;
            const double mean = run.mean_distance_m(solution);
            md += fmt::format("| {} | {} | {} | {} | {} | {} | {} | {:.4f} % | {} |\n",
                              request_label(answer.request, settings.costs_given), run.variants[answer.variant].label, answer.open_centres.size(),
                              answer.library_bases.size(),
                              settings.costs_given ? text::pounds(solution.cost) : with_commas(std::llround(solution.cost)),
                              percent(run.total_weight > 0 ? solution.covered_weight / run.total_weight : 0.0),
                              std::isfinite(mean) ? kilometres(mean) : std::string("-"), 100.0 * solution.gap,
                              solution.method);
            if (!solution.group_share.empty()) {
                const auto& names = run.variants[answer.variant].built.problem.group_names;
                std::string shares;
                std::size_t least = 0;
                for (std::size_t g = 0; g < names.size(); ++g) {
                    shares += fmt::format("{}{} {}", g == 0 ? "" : ", ", names[g], percent(solution.group_share[g]));
                    least = solution.group_share[g] < solution.group_share[least] ? g : least;
                }
                notes += fmt::format("\n{} ({}): the least-covered group, {}, has {} of its weight within {}; by "
                                     "group: {}.\n",
                                     request_label(answer.request, settings.costs_given),
                                     run.variants[answer.variant].label, names[least],
                                     percent(solution.group_share[least]),
                                     metrics::threshold_label(settings.threshold_m), shares);
            }
            if (answer.reachable_share) {
                notes += fmt::format("\n{}: {} of the weight lies within {} of some candidate; the cover keeps all "
                                     "of it.\n",
                                     run.variants[answer.variant].label, percent(*answer.reachable_share),
                                     metrics::threshold_label(settings.threshold_m));
            }
        }
        const double unreachable = run.answers.front().solution.unreachable_weight;
        if (unreachable > 0.0) {
            notes += fmt::format("\nA weight of {:.0f} ({}) lies where no candidate reaches; it is in no mean "
                                 "distance above.\n",
                                 unreachable, percent(unreachable / run.total_weight));
        }
    }
    md += notes;
    if (!run.k_curve.empty()) {
        const auto& thresholds = settings.k_curve_thresholds_m;
        md += "\n## Best coverage for each number of sites\n\n| sites |";
        for (const double t : thresholds) {
            md += " within " + metrics::threshold_label(t) + " |";
        }
        md += "\n|---:|";
        for (std::size_t t = 0; t < thresholds.size(); ++t) {
            md += "---:|";
        }
        md += "\n";
        const std::size_t n = run.k_curve.size() / std::max<std::size_t>(thresholds.size(), 1);
        for (std::size_t k = 1; k <= n; ++k) {
            std::string label = std::to_string(k);
            for (const auto& [marked, text] : marks) {
                if (marked == static_cast<int>(k)) {
                    label += " **(" + escape_markdown(text) + ")**";
                }
            }
            md += "| " + label + " |";
            for (std::size_t t = 0; t < thresholds.size(); ++t) {
                md += " " + percent(run.k_curve[t * n + (k - 1)].share) + " |";
            }
            md += "\n";
        }
    }
    if (!run.answers.empty()) {
        md += "\nEvery answer above is a scenario in optimised.toml (library bases as `library_bases`); run it "
              "with `centrecov scenarios` for the same outputs and comparison with today as any option, each "
              "figure with its range.\n";
    }
    md += "\nThe figures here are on the best evidence alone: each site where its evidence places it. Sites known only "
          "to a town may stand elsewhere in it, and an answer chosen for those points looks better there than almost "
          "anywhere else; `centrecov scenarios` gives each figure the range of its uncertainty draws "
          "(docs/uncertainty.md).\n";
    return md + "\n" + std::string(attribution);
}

toml::array toml_ids(const std::vector<const Site*>& sites) {
    toml::array out;
    for (const Site* site : sites) {
        out.push_back(site->id);
    }
    return out;
}

}  // namespace

std::string optimised_scenarios_toml(const analysis::OptimiseRun& run, const std::string& study_name) {
    const auto& settings = run.settings;
    toml::table root;
    root.insert("study", toml::table{{"study", study_name}});
    if (settings.costs_given) {
        root.insert("costs", toml::table{{"centre", settings.candidates.centre_cost},
                                         {"library_base", settings.candidates.library_cost}});
    }
    toml::array scenarios;
    scenarios.push_back(toml::table{{"id", "baseline"}, {"name", "Every centre open"}});
    for (const auto& answer : run.answers) {
        toml::table scenario{{"id", answer.scenario_id},
                             {"name", answer_name(answer, settings)},
                             {"start_from", "baseline"},
                             {"keep_only", toml_ids(answer.open_centres)}};
        if (!answer.library_bases.empty()) {
            scenario.insert("library_bases", toml_ids(answer.library_bases));
        }
        if (answer.request.budget && settings.costs_given) {
            scenario.insert("budget", *answer.request.budget);
        }
        scenarios.push_back(std::move(scenario));
    }
    root.insert("scenario", std::move(scenarios));
    std::ostringstream out;
    out << "# Written by centrecov optimise (" << objective_name(settings.objective) << ", threshold "
        << metrics::threshold_label(settings.threshold_m) << "). Run: centrecov scenarios THIS_FILE\n\n"
        << root << "\n";
    return out.str();
}

void write_optimise_run(const std::filesystem::path& directory, const analysis::OptimiseRun& run,
                        const std::vector<std::pair<int, std::string>>& marks, const std::string& study_name) {
    ordered_json out;
    out["objective"] = objective_name(run.settings.objective);
    out["threshold_m"] = run.settings.threshold_m;
    out["distance"] = {{"mode", run.distance_key}, {"label", run.distance_label}};
    out["families_at"] = std::string(families::to_string(run.families_at));
    out["candidates"] = run.variants.front().built.problem.size();
    out["costs_given"] = run.settings.costs_given;
    ordered_json results = ordered_json::array();
    for (const auto& answer : run.answers) {
        results.push_back(answer_json(run, answer));
    }
    out["results"] = results;
    if (!run.k_curve.empty()) {
        std::vector<std::vector<io::Value>> rows;
        ordered_json curve = ordered_json::array();
        for (const auto& point : run.k_curve) {
            rows.push_back({static_cast<long long>(point.sites), point.threshold_m,
                            io::round_to(point.covered_weight, 1), io::round_to(point.share, 4),
                            io::round_to(point.gap, 6)});
            curve.push_back({{"sites", point.sites},
                             {"threshold_m", point.threshold_m},
                             {"covered_share", io::round_to(point.share, 4)},
                             {"gap", io::round_to(point.gap, 6)}});
        }
        io::write_csv(directory / "k_curve.csv", {"sites", "threshold_m", "covered_weight", "covered_share", "gap"},
                      rows);
        out["k_curve"] = curve;
    }
    io::write_text_file(directory / "optimise.json", out.dump(2) + "\n");
    io::write_text_file(directory / "optimise.md", optimise_markdown(run, marks));
    if (!run.answers.empty()) {
        io::write_text_file(directory / "optimised.toml", optimised_scenarios_toml(run, study_name));
    }
}

}  // namespace centrecov::report
