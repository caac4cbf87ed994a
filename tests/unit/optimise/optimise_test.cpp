#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "optimise/bound.hpp"
#include "optimise/problem.hpp"

namespace centrecov::optimise {
namespace optimise_test {

// Candidates and families on a line, distances in metres:
//   families:   A(0, w=10)  B(1000, w=30)  C(2000, w=20)  D(5000, w=40)
//   candidates: s0 at 0, s1 at 1500, s2 at 5000
Problem line() {
    Problem p;
    const double family_x[] = {0, 1000, 2000, 5000};
    const double site_x[] = {0, 1500, 5000};
    p.weights = {10, 30, 20, 40};
    for (const double f : family_x) {
        std::vector<double> row;
        for (const double s : site_x) {
            row.push_back(std::abs(f - s));
        }
        p.distance.push_back(row);
    }
    p.candidates = {{"s0", 100}, {"s1", 100}, {"s2", 250}};
    return p;
}

Request coverage(int sites, double threshold) {
    Request r;
    r.objective = Objective::max_coverage;
    r.sites = sites;
    r.threshold_m = threshold;
    return r;
}

TEST(Optimise, CoverageByHand) {
    // Within 600 m: s0 covers A (10); s1 covers B and C (50); s2 covers D (40).
    const auto best_one = solve_exact(line(), coverage(1, 600));
    EXPECT_EQ(best_one.open, (std::vector<bool>{false, true, false}));
    EXPECT_DOUBLE_EQ(best_one.objective, 50);
    EXPECT_TRUE(best_one.proven_optimal);
    const auto best_two = solve_exact(line(), coverage(2, 600));
    EXPECT_EQ(best_two.open, (std::vector<bool>{false, true, true}));
    EXPECT_DOUBLE_EQ(best_two.objective, 90);
}

TEST(Optimise, PMedianByHand) {
    Request r;
    r.objective = Objective::p_median;
    r.sites = 1;
    // s1: 10*1500 + 30*500 + 20*500 + 40*3500 = 180,000 beats s0 (260,000) and s2 (260,000).
    const auto one = solve_exact(line(), r);
    EXPECT_EQ(one.open, (std::vector<bool>{false, true, false}));
    EXPECT_DOUBLE_EQ(one.objective, 180000);
}

TEST(Optimise, PMedianLeavesOutFamiliesNoSiteReachesAndSaysSo) {
    // Regression: one family that no candidate reaches (off the network) made the objective
    // infinite and still "proven optimal". E reaches nothing; F only s2.
    Problem p = line();
    p.weights.push_back(5);
    p.distance.push_back({unreachable, unreachable, unreachable});
    p.weights.push_back(7);
    p.distance.push_back({unreachable, unreachable, 100});
    Request r;
    r.objective = Objective::p_median;
    r.sites = 2;
    const auto brute = solve_brute_force(p, r);
    // s2 must open (F reaches only it); with s1: 10*1500 + 30*500 + 20*500 + 40*0 + 7*100 = 40,700.
    EXPECT_EQ(brute.open, (std::vector<bool>{false, true, true}));
    EXPECT_DOUBLE_EQ(brute.objective, 40700);
    for (const auto& solved : {solve_exact(p, r), solve_heuristic(p, r)}) {
        EXPECT_TRUE(std::isfinite(solved.objective));
        EXPECT_DOUBLE_EQ(solved.objective, brute.objective) << solved.method;
        EXPECT_DOUBLE_EQ(solved.unreachable_weight, 5) << solved.method;
        EXPECT_LE(solved.bound, solved.objective + 1e-6) << solved.method;
    }
    EXPECT_TRUE(solve_exact(p, r).proven_optimal);
    // A choice that strands F (reachable, but not from what is open) is infinitely bad, not free.
    EXPECT_TRUE(std::isinf(evaluate(p, r, {true, true, false}).objective));
    // With capacities the same definition holds.
    for (auto& c : p.candidates) {
        c.capacity = 1000;
    }
    const auto capacitated = solve_exact(p, r);
    EXPECT_DOUBLE_EQ(capacitated.objective, 40700);
    EXPECT_TRUE(std::isinf(evaluate(p, r, {true, true, false}).objective));
}

TEST(Optimise, BudgetsAndForcedSitesAreRespected) {
    Request r = coverage(2, 600);
    r.sites.reset();
    r.budget = 260;  // s2 (250) alone, or s0 + s1 (200)
    const auto within = solve_exact(line(), r);
    EXPECT_LE(within.cost, 260);
    EXPECT_DOUBLE_EQ(within.objective, 60) << "s0 + s1 cover 60; s2 alone only 40";
    Problem forced = line();
    forced.candidates[2].forced_open = true;
    forced.candidates[1].forced_closed = true;
    const auto f = solve_exact(forced, coverage(2, 600));
    EXPECT_TRUE(f.open[2]);
    EXPECT_FALSE(f.open[1]);
    const auto h = solve_heuristic(forced, coverage(2, 600));
    EXPECT_TRUE(h.open[2]);
    EXPECT_FALSE(h.open[1]);
}

TEST(Optimise, SetCoverFindsTheCheapestCover) {
    Request r;
    r.objective = Objective::set_cover;
    r.threshold_m = 600;
    const auto all = solve_exact(line(), r);
    EXPECT_EQ(all.open, (std::vector<bool>{true, true, true}));
    r.cover_share = 0.85;  // 90 of 100: s1 + s2
    const auto most = solve_exact(line(), r);
    EXPECT_EQ(most.open, (std::vector<bool>{false, true, true}));
    EXPECT_DOUBLE_EQ(most.objective, 350);
    EXPECT_DOUBLE_EQ(solve_heuristic(line(), r).objective, 350);
}

TEST(Optimise, InfeasibleRequestsAreExplained) {
    Problem forced = line();
    forced.candidates[2].forced_open = true;
    Request r = coverage(1, 600);
    r.sites.reset();
    r.budget = 200;
    try {
        (void)solve_exact(forced, r);
        FAIL();
    } catch (const InfeasibleRequest& e) {
        EXPECT_NE(std::string(e.what()).find("budget of 200 is below the 250"), std::string::npos) << e.what();
    }
    try {
        (void)solve_heuristic(line(), coverage(4, 600));
        FAIL();
    } catch (const InfeasibleRequest& e) {
        EXPECT_NE(std::string(e.what()).find("asked for 4 sites but only 3"), std::string::npos) << e.what();
    }
    Request cover;
    cover.objective = Objective::set_cover;
    cover.threshold_m = 100;  // B and C are 500 m from any site
    EXPECT_THROW((void)solve_exact(line(), cover), InfeasibleRequest);
}

Problem random_problem(std::uint64_t seed, std::size_t candidates, std::size_t demands) {
    std::mt19937_64 random(seed);
    std::uniform_real_distribution<double> coordinate(0.0, 10000.0);
    std::uniform_real_distribution<double> weight(1.0, 50.0);
    std::uniform_real_distribution<double> cost(50.0, 150.0);
    std::vector<std::pair<double, double>> sites;
    Problem p;
    for (std::size_t j = 0; j < candidates; ++j) {
        sites.emplace_back(coordinate(random), coordinate(random));
        p.candidates.push_back({"c" + std::to_string(j), std::round(cost(random))});
    }
    for (std::size_t i = 0; i < demands; ++i) {
        const double x = coordinate(random);
        const double y = coordinate(random);
        std::vector<double> row;
        for (const auto& [sx, sy] : sites) {
            row.push_back(std::round(std::hypot(x - sx, y - sy)));
        }
        p.distance.push_back(row);
        p.weights.push_back(std::round(weight(random)));
    }
    return p;
}

TEST(Optimise, ExactMatchesBruteForceAndTheHeuristicNeverBeatsIt) {
    int solved = 0;
    for (std::uint64_t seed = 1; seed <= 12; ++seed) {
        Problem p = random_problem(seed, 9, 40);
        if (seed % 3 == 0) {
            p.candidates[seed % 9].forced_open = true;
            p.candidates[(seed + 4) % 9].forced_closed = true;
        }
        std::vector<Request> requests;
        for (const int k : {1, 3, 5}) {
            requests.push_back(coverage(k, 2500));
            Request median;
            median.objective = Objective::p_median;
            median.sites = k;
            requests.push_back(median);
        }
        Request budget = coverage(1, 2500);
        budget.sites.reset();
        budget.budget = 320;
        requests.push_back(budget);
        Request cover;
        cover.objective = Objective::set_cover;
        cover.threshold_m = 4000;
        cover.cover_share = 0.9;
        requests.push_back(cover);
        for (const auto& request : requests) {
            Solution brute;
            try {
                brute = solve_brute_force(p, request);
            } catch (const InfeasibleRequest&) {
                // Then no solver may claim a solution.
                EXPECT_THROW((void)solve_exact(p, request), InfeasibleRequest);
                EXPECT_THROW((void)solve_heuristic(p, request), InfeasibleRequest);
                continue;
            }
            const auto exact = solve_exact(p, request);
            const auto heuristic = solve_heuristic(p, request);
            const std::string what = "seed " + std::to_string(seed) + " objective " +
                                     std::to_string(static_cast<int>(request.objective));
            EXPECT_NEAR(exact.objective, brute.objective, 1e-6 * std::max(1.0, brute.objective)) << what;
            EXPECT_TRUE(exact.proven_optimal) << what;
            EXPECT_FALSE(better(request, heuristic.objective, exact.objective)) << what;
            // The LP bound is never beaten by any integer solution.
            EXPECT_FALSE(better(request, exact.objective, heuristic.bound + (request.objective == Objective::max_coverage
                                                                                 ? 1e-6
                                                                                 : -1e-6)))
                << what;
            EXPECT_GE(heuristic.gap, 0.0);
            EXPECT_TRUE(feasible(p, request, heuristic)) << what;
            ++solved;
        }
    }
    EXPECT_GE(solved, 90) << "of 96 requests, only the few made infeasible by forced closures may be skipped";
}

TEST(Optimise, LeastCoveredRaisesTheGroupLeftFurthestBehind) {
    // Group A: 10 under-5s by site s1, half of them also by s3; group B: 100 by s2, half also by s3.
    Problem p;
    p.candidates = {{"s1", 1.0}, {"s2", 1.0}, {"s3", 1.0}};
    const double far = unreachable;
    p.distance = {{100, far, 100}, {100, far, far}, {far, 100, 100}, {far, 100, far}};
    p.weights = {5, 5, 50, 50};
    p.group = {0, 0, 1, 1};
    p.group_names = {"A", "B"};
    Request coverage;
    coverage.sites = 1;
    coverage.threshold_m = 500;
    EXPECT_EQ(solve_exact(p, coverage).open, (std::vector<bool>{false, true, false})) << "s2 covers the most";
    Request least = coverage;
    least.objective = Objective::max_min;
    const auto fair = solve_exact(p, least);
    EXPECT_EQ(fair.open, (std::vector<bool>{false, false, true})) << "s3 gives each group half";
    EXPECT_DOUBLE_EQ(fair.objective, 0.5);
    EXPECT_EQ(fair.group_share, (std::vector<double>{0.5, 0.5}));
    EXPECT_TRUE(fair.proven_optimal);
    // Without s3 every choice leaves one group at 0: the tie goes to the one covering most.
    p.candidates[2].forced_closed = true;
    const auto tie = solve_exact(p, least);
    EXPECT_DOUBLE_EQ(tie.objective, 0.0);
    EXPECT_EQ(tie.open, (std::vector<bool>{false, true, false}));
    EXPECT_THROW((void)solve_heuristic(p, least), InfeasibleRequest);
}

TEST(Optimise, LeastCoveredExactMatchesBruteForce) {
    for (std::uint64_t seed = 1; seed <= 10; ++seed) {
        Problem p = random_problem(seed, 9, 40);
        for (std::size_t i = 0; i < p.weights.size(); ++i) {
            p.group.push_back(i % 3);
        }
        p.group_names = {"g0", "g1", "g2"};
        for (const int k : {1, 3, 5}) {
            Request r;
            r.objective = Objective::max_min;
            r.sites = k;
            r.threshold_m = 2500;
            const auto exact = solve_exact(p, r);
            const auto brute = solve_brute_force(p, r);
            EXPECT_NEAR(exact.objective, brute.objective, 1e-9) << "seed " << seed << " k " << k;
            EXPECT_TRUE(exact.proven_optimal);
            // Of the choices with the best least share, none covers more than the exact answer.
            EXPECT_GE(exact.covered_weight, 0.0);
            for (std::uint32_t mask = 0; mask < (1U << p.size()); ++mask) {
                std::vector<bool> open(p.size());
                for (std::size_t j = 0; j < p.size(); ++j) {
                    open[j] = ((mask >> j) & 1U) != 0;
                }
                const auto other = evaluate(p, r, open);
                if (feasible(p, r, other) && other.objective >= exact.objective - 1e-9) {
                    EXPECT_LE(other.covered_weight, exact.covered_weight + 1e-6) << "seed " << seed << " k " << k;
                }
            }
        }
    }
}

TEST(Optimise, MergingIdenticalDemandGivesTheSameAnswer) {
    Problem p = line();
    Problem doubled = p;
    doubled.distance.push_back(p.distance[1]);  // B again, weight split in two
    doubled.weights[1] = 15;
    doubled.weights.push_back(15);
    for (const int k : {1, 2}) {
        EXPECT_DOUBLE_EQ(solve_exact(doubled, coverage(k, 600)).objective, solve_exact(p, coverage(k, 600)).objective);
    }
}

TEST(Optimise, CapacitiesShareFamiliesOut) {
    // s1 alone would cover B and C (50 under-5s) within 600 m but holds 30:
    // s2, covering D (40), is then the best single site.
    Problem p = line();
    p.candidates[1].capacity = 30;
    const auto one = solve_exact(p, coverage(1, 600));
    EXPECT_EQ(one.open, (std::vector<bool>{false, false, true}));
    EXPECT_DOUBLE_EQ(one.objective, 40);
    // Two sites: s1 serves 30 of B and C, s2 serves D: 70.
    const auto two = solve_exact(p, coverage(2, 600));
    EXPECT_EQ(two.open, (std::vector<bool>{false, true, true}));
    EXPECT_NEAR(two.objective, 70, 1e-6);
    ASSERT_EQ(two.load.size(), 3U);
    EXPECT_NEAR(two.load[1], 30, 1e-6);
    EXPECT_NEAR(two.load[2], 40, 1e-6);
    EXPECT_THROW((void)solve_heuristic(p, coverage(1, 600)), std::invalid_argument);

    // p-median must serve all 100: capacities of 30 each fall short.
    for (auto& c : p.candidates) {
        c.capacity = 30;
    }
    Request median;
    median.objective = Objective::p_median;
    median.sites = 3;
    try {
        (void)solve_exact(p, median);
        FAIL();
    } catch (const InfeasibleRequest& e) {
        EXPECT_NE(std::string(e.what()).find("hold only 90 of the 100"), std::string::npos) << e.what();
    }
}

TEST(Optimise, CapacitatedExactMatchesBruteForce) {
    int compared = 0;
    for (std::uint64_t seed = 21; seed <= 23; ++seed) {
        Problem p = random_problem(seed, 7, 25);
        std::mt19937_64 random(seed);
        std::uniform_real_distribution<double> room(60.0, 300.0);
        for (std::size_t j = 0; j < p.size(); ++j) {
            if (j % 2 == 0) {
                p.candidates[j].capacity = std::round(room(random));
            }
        }
        Request median;
        median.objective = Objective::p_median;
        median.sites = 4;
        Request cover;
        cover.objective = Objective::set_cover;
        cover.threshold_m = 4000;
        cover.cover_share = 0.6;
        for (const auto& request : {coverage(2, 3000), coverage(4, 3000), median, cover}) {
            Solution brute;
            try {
                brute = solve_brute_force(p, request);
            } catch (const InfeasibleRequest&) {
                EXPECT_THROW((void)solve_exact(p, request), InfeasibleRequest);
                continue;
            }
            const auto exact = solve_exact(p, request);
            const std::string what = "seed " + std::to_string(seed) + " objective " +
                                     std::to_string(static_cast<int>(request.objective));
            EXPECT_NEAR(exact.objective, brute.objective, 1e-6 * std::max(1.0, brute.objective)) << what;
            EXPECT_TRUE(exact.proven_optimal) << what;
            ASSERT_EQ(exact.load.size(), p.size());
            for (std::size_t j = 0; j < p.size(); ++j) {
                if (!exact.open[j]) {
                    EXPECT_NEAR(exact.load[j], 0.0, 1e-6) << what;
                }
                if (p.candidates[j].capacity) {
                    EXPECT_LE(exact.load[j], *p.candidates[j].capacity + 1e-6) << what << " site " << j;
                }
            }
            ++compared;
        }
    }
    EXPECT_GE(compared, 9);
}

TEST(Optimise, LagrangianBoundsHoldAndTheMedianSolverProvesOptimality) {
    int proven_by_bound = 0;
    int finished_by_cbc = 0;
    for (std::uint64_t seed = 40; seed < 48; ++seed) {
        const Problem p = random_problem(seed, 12, 60);
        for (const int k : {2, 4, 6}) {
            Request median;
            median.objective = Objective::p_median;
            median.sites = k;
            const auto brute = solve_brute_force(p, median);
            const auto exact = solve_exact(p, median);
            EXPECT_NEAR(exact.objective, brute.objective, 1e-6 * brute.objective) << "seed " << seed << " k " << k;
            EXPECT_TRUE(exact.proven_optimal);
            EXPECT_LE(exact.bound, brute.objective * (1 + 1e-9));
            (exact.method.find("Lagrangian bound") != std::string::npos ? proven_by_bound : finished_by_cbc) += 1;
            // Any multipliers give a valid bound, however few steps are taken.
            const auto cover = coverage(k, 2500);
            const auto best_cover = solve_brute_force(p, cover);
            for (const std::size_t steps : {std::size_t{1}, std::size_t{5}, std::size_t{50}}) {
                EXPECT_LE(lagrangian_bound(p, median, exact, steps).bound, brute.objective * (1 + 1e-9));
                EXPECT_GE(lagrangian_bound(p, cover, best_cover, steps).bound, best_cover.objective * (1 - 1e-9));
            }
            // Settled sites agree with the optimum (the optimum here is unique in practice).
            const auto bound = lagrangian_bound(p, median, exact, 3000);
            const auto settled = settle_sites(p, median, bound, exact);
            for (std::size_t j = 0; j < p.size(); ++j) {
                if (settled[j]) {
                    EXPECT_EQ(*settled[j], static_cast<bool>(brute.open[j])) << "seed " << seed << " site " << j;
                }
            }
        }
        Request budget;
        budget.objective = Objective::p_median;
        budget.budget = 350;
        const auto brute = solve_brute_force(p, budget);
        EXPECT_NEAR(solve_exact(p, budget).objective, brute.objective, 1e-6 * brute.objective);
        EXPECT_LE(solve_heuristic(p, budget).bound, brute.objective * (1 + 1e-9));
    }
    // Both routes of the median solver are taken on these instances.
    EXPECT_GT(proven_by_bound, 0);
    EXPECT_GT(finished_by_cbc, 0);
}

}  // namespace optimise_test
}  // namespace centrecov::optimise
