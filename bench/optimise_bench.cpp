// Optimisation speed on Norfolk (estimated distances): exact MCLP and p-median
// for one k, the whole k-curve, and the heuristic; and the heuristic on a
// generated problem of England's scale. Figures: bench/README.md.
// Needs the default study's data: $CENTRECOV_DATA or the directory its manifest names.

#include <benchmark/benchmark.h>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <random>

#include "analysis/optimise_study.hpp"

namespace centrecov::bench {

const analysis::StudyProblem& norfolk() {
    static const analysis::StudyProblem problem = [] {
        // The default study's manifest, its data directory as it says ($CENTRECOV_DATA or ../shared/geodata).
        const auto manifest = io::read_study_manifest(io::find_study_manifest(io::default_study_name()));
        const analysis::Study study = analysis::load_study(analysis::StudyInputs(manifest));
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

// Every k from 1 to all candidates: how often the Lagrangian bound alone proves the answer.
void BM_NorfolkPMedianEveryK(benchmark::State& state) {
    const auto& problem = norfolk().problem;
    int by_bound = 0;
    int by_cbc = 0;
    double slowest_ms = 0.0;
    int slowest_k = 0;
    for (auto _ : state) {
        by_bound = by_cbc = 0;
        for (int k = 1; k <= static_cast<int>(problem.size()); ++k) {
            const auto start = std::chrono::steady_clock::now();
            const auto s = optimise::solve_exact(problem, request(optimise::Objective::p_median, k));
            const double ms =
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
            if (ms > slowest_ms) {
                slowest_ms = ms;
                slowest_k = k;
            }
            (s.method.find("Lagrangian bound") != std::string::npos ? by_bound : by_cbc) += 1;
        }
    }
    state.counters["by_bound"] = by_bound;
    state.counters["by_cbc"] = by_cbc;
    state.counters["slowest_ms"] = slowest_ms;
    state.counters["slowest_k"] = slowest_k;
}
BENCHMARK(BM_NorfolkPMedianEveryK)->Unit(benchmark::kMillisecond)->Iterations(1);

// Every site holding at most 1,500 under-5s: families shared out by the assignment model.
void BM_NorfolkCapacitatedCoverage(benchmark::State& state) {
    auto problem = norfolk().problem;
    for (auto& c : problem.candidates) {
        c.capacity = 1500.0;
    }
    for (auto _ : state) {
        benchmark::DoNotOptimize(optimise::solve_exact(problem, request(optimise::Objective::max_coverage, 7)));
    }
}
BENCHMARK(BM_NorfolkCapacitatedCoverage)->Unit(benchmark::kMillisecond)->Iterations(3);

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

// England's scale: 3,000 candidate sites and 35,000 family areas (about the
// number of LSOAs), placed in 60 towns of different sizes over a 600 x 400 km
// box with a rural scatter; estimated road distance (straight line x 1.3).
const optimise::Problem& england_scale() {
    static const optimise::Problem problem = [] {
        std::mt19937_64 random(2018);
        std::uniform_real_distribution<double> east(0.0, 600000.0);
        std::uniform_real_distribution<double> north(0.0, 400000.0);
        std::uniform_real_distribution<double> unit(0.0, 1.0);
        std::vector<std::pair<double, double>> towns;
        for (int t = 0; t < 60; ++t) {
            towns.emplace_back(east(random), north(random));
        }
        auto place = [&] {
            if (unit(random) < 0.25) {
                return std::pair{east(random), north(random)};  // rural
            }
            // Towns by a Zipf-like size: town t gets weight 1 / (t + 1).
            const auto t = static_cast<std::size_t>(std::floor(std::pow(60.0, unit(random)))) - 1;
            const auto& [x, y] = towns[std::min<std::size_t>(t, towns.size() - 1)];
            std::normal_distribution<double> spread(0.0, 4000.0 + 1000.0 * static_cast<double>(t % 5));
            return std::pair{x + spread(random), y + spread(random)};
        };
        optimise::Problem p;
        std::vector<std::pair<double, double>> sites;
        for (int j = 0; j < 3000; ++j) {
            sites.push_back(place());
            p.candidates.emplace_back("site-" + std::to_string(j), 1.0);
        }
        std::uniform_int_distribution<int> children(20, 150);
        p.distance.reserve(35000);
        for (int i = 0; i < 35000; ++i) {
            const auto [x, y] = place();
            std::vector<double> row(sites.size());
            for (std::size_t j = 0; j < sites.size(); ++j) {
                row[j] = 1.3 * std::hypot(x - sites[j].first, y - sites[j].second);
            }
            p.distance.push_back(std::move(row));
            p.weights.push_back(children(random));
        }
        return p;
    }();
    return problem;
}

void BM_EnglandScaleHeuristic(benchmark::State& state) {
    const auto& problem = england_scale();
    const auto objective = state.range(0) == 0 ? optimise::Objective::max_coverage : optimise::Objective::p_median;
    optimise::Solution solution;
    for (auto _ : state) {
        solution = optimise::solve_heuristic(problem, request(objective, static_cast<int>(state.range(1))));
    }
    state.counters["gap_pct"] = 100.0 * solution.gap;
    state.counters["open"] = static_cast<double>(solution.open_count());
}
// (objective: 0 coverage within 1.6 km, 1 p-median; sites)
BENCHMARK(BM_EnglandScaleHeuristic)
    ->Args({0, 300})
    ->Args({1, 300})
    ->Unit(benchmark::kSecond)
    ->Iterations(1);

}  // namespace centrecov::bench

BENCHMARK_MAIN();
