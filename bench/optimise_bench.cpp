// Optimisation speed on Norfolk (estimated distances): exact MCLP and p-median
// for one k, the whole k-curve, and the heuristic. Figures: bench/README.md.
// Needs the data: CENTRECOV_DATA or ../shared/geodata.

#include <benchmark/benchmark.h>

#include <cstdlib>

#include "analysis/optimise_study.hpp"

namespace centrecov::bench {

const analysis::StudyProblem& norfolk() {
    static const analysis::StudyProblem problem = [] {
        const char* data = std::getenv("CENTRECOV_DATA");
        const analysis::Study study =
            analysis::load_study(analysis::StudyInputs(io::DataFiles{data ? data : "../shared/geodata"}));
        const auto engine = analysis::estimated_engine(routing::DistanceModel{});
        return analysis::build_problem(study, *engine, {}, {});
    }();
    return problem;
}

optimise::Request request(optimise::Objective objective, int k) {
    optimise::Request r;
    r.objective = objective;
    r.sites = k;
    r.threshold_m = 1600.0;
    return r;
}

void BM_NorfolkExactCoverage(benchmark::State& state) {
    const auto& problem = norfolk().problem;
    for (auto _ : state) {
        benchmark::DoNotOptimize(optimise::solve_exact(problem, request(optimise::Objective::max_coverage, 7)));
    }
}
BENCHMARK(BM_NorfolkExactCoverage)->Unit(benchmark::kMillisecond);

void BM_NorfolkExactPMedian(benchmark::State& state) {
    const auto& problem = norfolk().problem;
    for (auto _ : state) {
        benchmark::DoNotOptimize(optimise::solve_exact(problem, request(optimise::Objective::p_median, 7)));
    }
}
BENCHMARK(BM_NorfolkExactPMedian)->Unit(benchmark::kMillisecond)->Iterations(1);

void BM_NorfolkPMedianLpBound(benchmark::State& state) {
    const auto& problem = norfolk().problem;
    for (auto _ : state) {
        benchmark::DoNotOptimize(optimise::lp_bound(problem, request(optimise::Objective::p_median, 7)));
    }
}
BENCHMARK(BM_NorfolkPMedianLpBound)->Unit(benchmark::kMillisecond)->Iterations(1);

void BM_NorfolkKCurve(benchmark::State& state) {
    const auto& problem = norfolk().problem;
    for (auto _ : state) {
        for (const double threshold : {1600.0, 3200.0, 5000.0, 8000.0}) {
            for (int k = 1; k <= static_cast<int>(problem.size()); ++k) {
                auto r = request(optimise::Objective::max_coverage, k);
                r.threshold_m = threshold;
                benchmark::DoNotOptimize(optimise::solve_exact(problem, r));
            }
        }
    }
}
BENCHMARK(BM_NorfolkKCurve)->Unit(benchmark::kMillisecond)->Iterations(1);

void BM_NorfolkHeuristicPMedian(benchmark::State& state) {
    const auto& problem = norfolk().problem;
    double gap = 0.0;
    for (auto _ : state) {
        gap = optimise::solve_heuristic(problem, request(optimise::Objective::p_median, 7)).gap;
    }
    state.counters["gap"] = gap;
}
BENCHMARK(BM_NorfolkHeuristicPMedian)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace centrecov::bench

BENCHMARK_MAIN();
