// Optimisation on the real Norfolk data.

#include <gtest/gtest.h>

#include "support/studies.hpp"
#include "support/study_facts.hpp"

#include "analysis/optimise_study.hpp"

namespace centrecov {
namespace norfolk_optimise_test {

struct NorfolkProblem {
    analysis::Study study = analysis::load_study(analysis::StudyInputs(test::norfolk_manifest()));
    std::unique_ptr<analysis::DistanceEngine> engine = analysis::estimated_engine(routing::DistanceModel{});
    analysis::StudyProblem built = analysis::build_problem(study, *engine, {}, {});
};

const NorfolkProblem& norfolk() {
    static const NorfolkProblem instance;
    return instance;
}

optimise::Request coverage(int k, double threshold) {
    optimise::Request r;
    r.sites = k;
    r.threshold_m = threshold;
    return r;
}

TEST(NorfolkOptimise, CandidatesAreThePlacedDistinctCentres) {
    std::size_t placed_distinct = 0;
    for (const auto& centre : norfolk().study.centres) {
        placed_distinct += centre.duplicate_of.empty() && centre.location.resolved() ? 1u : 0u;
    }
    EXPECT_EQ(norfolk().built.problem.size(), placed_distinct);
    double total = 0.0;
    for (const double w : norfolk().built.problem.weights) {
        total += w;
    }
    EXPECT_NEAR(total, static_cast<double>(test::facts_of(test::norfolk_manifest()).under5), 1e-6);
}

TEST(NorfolkOptimise, TheBestSevenBeatTheSevenProposedAndTheHeuristicIsClose) {
    const auto& problem = norfolk().built.problem;
    const auto exact = optimise::solve_exact(problem, coverage(7, 1600));
    EXPECT_TRUE(exact.proven_optimal);
    const auto heuristic = optimise::solve_heuristic(problem, coverage(7, 1600));
    EXPECT_LE(heuristic.objective, exact.objective + 1e-6);
    EXPECT_LT((exact.objective - heuristic.objective) / exact.objective, 0.05);
    EXPECT_GE(heuristic.bound, exact.objective - 1e-6);
    // The proposal's bases that can be placed, as one choice of sites: never better than the best.
    std::vector<bool> proposal(problem.size(), false);
    for (std::size_t j = 0; j < problem.size(); ++j) {
        const std::string* status = norfolk().built.sites[j]->attribute("status_2018_proposal");
        proposal[j] = status != nullptr && *status == "base";
    }
    const auto council = optimise::evaluate(problem, coverage(7, 1600), proposal);
    EXPECT_LE(council.objective, exact.objective);
}

TEST(NorfolkOptimise, TheKCurveRisesWithSitesAndDistance) {
    const auto& problem = norfolk().built.problem;
    double previous = 0.0;
    for (int k = 1; k <= 12; ++k) {
        const double covered = optimise::solve_exact(problem, coverage(k, 1600)).objective;
        EXPECT_GE(covered, previous) << k;
        EXPECT_LE(covered, optimise::solve_exact(problem, coverage(k, 3200)).objective) << k;
        previous = covered;
    }
}

TEST(NorfolkOptimise, PMedianAndForcedSites) {
    // The first 15 candidates keep the test quick; full-size timings belong to the benchmarks.
    auto problem = norfolk().built.problem;
    problem.candidates.resize(15);
    for (auto& row : problem.distance) {
        row.resize(15);
    }
    problem.candidates[0].forced_open = true;
    problem.candidates[1].forced_closed = true;
    optimise::Request median;
    median.objective = optimise::Objective::p_median;
    median.sites = 5;
    const auto exact = optimise::solve_exact(problem, median);
    const auto heuristic = optimise::solve_heuristic(problem, median);
    EXPECT_TRUE(exact.open[0]);
    EXPECT_FALSE(exact.open[1]);
    EXPECT_TRUE(heuristic.open[0]);
    EXPECT_FALSE(heuristic.open[1]);
    EXPECT_GE(heuristic.objective, exact.objective - 1e-6);
}

}  // namespace norfolk_optimise_test
}  // namespace centrecov
