#include "analysis/optimise_study.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "scenario/resolve.hpp"

namespace centrecov::analysis {

double FamilyWeighting::weight(const DemandPoint& family) const {
    if (deciles.empty()) {
        return family.under5;
    }
    const bool deprived = deciles.count(index == "imd" ? family.imd_decile : family.idaci_decile) > 0;
    if (!deprived) {
        return only ? 0.0 : family.under5;
    }
    return family.under5 * factor;
}

StudyProblem build_problem(const Study& study, const DistanceEngine& engine, const CandidateOptions& candidates,
                           const FamilyWeighting& weighting) {
    StudyProblem out;
    for (const auto& centre : study.centres) {
        if (centre.duplicate_of.empty() && centre.location.resolved()) {
            out.sites.push_back(&centre);
            out.problem.candidates.push_back({centre.id, candidates.centre_cost});
        }
    }
    if (candidates.with_libraries) {
        for (const auto& library : study.libraries) {
            if (library.location.resolved() && scenario::open_in(library, candidates.year)) {
                out.sites.push_back(&library);
                out.problem.candidates.push_back({library.id, candidates.library_cost});
            }
        }
    }
    auto mark = [&](const std::vector<std::string>& ids, bool open) {
        for (const auto& id : ids) {
            const auto found = std::find_if(out.problem.candidates.begin(), out.problem.candidates.end(),
                                            [&](const optimise::Candidate& c) { return c.id == id; });
            if (found == out.problem.candidates.end()) {
                throw UsageError("'" + id + "' is not a candidate site (a placed centre" +
                                 (candidates.with_libraries ? std::string(" or library") : std::string()) + ")");
            }
            (open ? found->forced_open : found->forced_closed) = true;
        }
    };
    mark(candidates.force_open, true);
    mark(candidates.force_closed, false);
    for (auto& c : out.problem.candidates) {
        c.capacity = candidates.capacity;
    }
    for (const auto& [id, capacity] : candidates.capacity_of) {
        const auto found = std::find_if(out.problem.candidates.begin(), out.problem.candidates.end(),
                                        [&](const optimise::Candidate& c) { return c.id == id; });
        if (found == out.problem.candidates.end()) {
            throw UsageError("--capacity-of: '" + id + "' is not a candidate site");
        }
        found->capacity = capacity;
    }

    std::vector<Point> families;
    for (const auto& family : study.families.points) {
        families.push_back(family.point);
        out.problem.weights.push_back(weighting.weight(family));
        out.problem.population.push_back(static_cast<double>(family.under5));
    }
    std::vector<Point> sites;
    for (const Site* site : out.sites) {
        sites.push_back(*site->location.point);
    }
    out.problem.distance = engine.matrix(families, sites);
    return out;
}

}  // namespace centrecov::analysis
