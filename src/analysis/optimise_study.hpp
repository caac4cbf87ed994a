#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "analysis/distances.hpp"
#include "analysis/study.hpp"
#include "optimise/problem.hpp"

namespace centrecov::analysis {

// Which sites may be chosen, at what cost.
struct CandidateOptions {
    bool with_libraries = false;  // libraries (open in `year`) may host a base
    int year = 0;                 // the year the options are about (Settings::year)
    double centre_cost = 1.0;
    double library_cost = 1.0;    // a base in a library
    std::vector<std::string> force_open;
    std::vector<std::string> force_closed;
    std::optional<double> capacity;                 // under-5s every site can serve
    std::map<std::string, double> capacity_of;      // per site id, over `capacity`
};

// How families count: their under-5s, those in the chosen deprivation deciles
// multiplied by `factor`; with `only`, families outside those deciles count nothing.
struct FamilyWeighting {
    std::string index = "idaci";  // "idaci" or "imd"
    std::set<int> deciles;        // empty: everyone counts the same
    double factor = 1.0;
    bool only = false;

    double weight(const DemandPoint& family) const;
};

struct StudyProblem {
    optimise::Problem problem;
    std::vector<const Site*> sites;  // per candidate
};

// Candidates are the placed, distinct centres (and libraries when asked);
// distances come from the engine; capacities count under-5s (not weights).
// Throws UsageError for an unknown forced or capacity id.
StudyProblem build_problem(const Study& study, const DistanceEngine& engine, const CandidateOptions& candidates,
                           const FamilyWeighting& weighting);

// What an optimisation run is asked: the requests (numbers of sites, budgets,
// or one cover), the k-curve, and which sets of candidates to answer them with.
struct OptimiseSettings {
    optimise::Objective objective = optimise::Objective::max_coverage;
    std::vector<int> sites;
    std::vector<double> budgets;
    bool k_curve = false;
    std::vector<double> k_curve_thresholds_m;  // the run's thresholds
    double threshold_m = 1600.0;
    std::optional<double> cover_share = 1.0;  // set cover; nullopt: every family some candidate reaches
    bool heuristic = false;                    // greedy + interchange instead of the exact solver
    double time_limit_s = 60.0;
    CandidateOptions candidates;
    bool costs_given = false;  // the costs are real money (else each site costs 1: counts)
    FamilyWeighting weighting;
    bool compare_colocation = false;  // every request with centres alone and with library bases
    // Max-min: the groups whose least covered share is raised: "idaci" or "imd" deciles, or "district".
    std::string groups = "idaci";
};

// Max-min's groups: each family's deprivation decile ("IDACI decile 3"; "no IDACI decile") or district.
void assign_groups(optimise::Problem& problem, const Study& study, const std::string& groups);

// One set of candidates: the centres alone, or with libraries as hosts.
struct OptimiseVariant {
    std::string label;      // "centres", "centres and libraries"
    std::string id_suffix;  // "", "-with-libraries"
    StudyProblem built;
};

struct OptimiseAnswer {
    std::size_t variant = 0;  // index into OptimiseRun::variants
    optimise::Request request;
    optimise::Solution solution;
    std::string scenario_id;    // "optimal-7-sites", "optimal-budget-5000000-with-libraries", ...
    std::optional<double> reachable_share;  // the share a cover of "every reachable family" keeps
    std::vector<const Site*> open_centres;
    std::vector<const Site*> library_bases;
};

struct KCurvePoint {
    int sites = 0;
    double threshold_m = 0.0;
    double covered_weight = 0.0;
    double share = 0.0;
    double gap = 0.0;
};

struct OptimiseRun {
    OptimiseSettings settings;
    std::string distance_key;
    std::string distance_label;
    families::FamiliesAt families_at = families::FamiliesAt::centroids;
    std::string measured_from;  // where the families are measured from (families::measured_from)
    std::vector<OptimiseVariant> variants;
    double total_weight = 0.0;  // every family's weight
    std::vector<OptimiseAnswer> answers;  // request by request, each variant in turn
    std::vector<KCurvePoint> k_curve;     // threshold by threshold, k = 1 .. candidates

    // Weight x distance over the weight it is measured on: the families some candidate reaches.
    double mean_distance_m(const optimise::Solution& solution) const;
};

// Builds the problems, answers every request (and the k-curve) and names each
// answer as a scenario. UsageError for settings that cannot go together;
// optimise::InfeasibleRequest when a request cannot be met.
OptimiseRun run_optimise(const Study& study, const DistanceEngine& engine, const OptimiseSettings& settings);

}  // namespace centrecov::analysis
