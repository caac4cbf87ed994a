#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "analysis/study.hpp"
#include "optimise/problem.hpp"

namespace centrecov::analysis {

// Which sites may be chosen, at what cost.
struct CandidateOptions {
    bool with_libraries = false;  // libraries (open in `year`) may host a base
    int year = 0;                 // the study's year
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

}  // namespace centrecov::analysis
