#include <gtest/gtest.h>

#include "report/optimise_output.hpp"
#include "scenario/scenario.hpp"
#include "support/drawn_study.hpp"
#include "support/temp_dir.hpp"

namespace centrecov::report {
namespace optimise_output_test {

// An answer keeping a centre whose id holds a quote and a backslash, and one library base.
struct Answered {
    Site centre = test::placed_site("o'brien \"north\" \\ hub", {0.0, 0.0});
    Site library = test::placed_site("library-1", {100.0, 0.0}, SiteKind::library);
    analysis::OptimiseRun run;

    explicit Answered(bool costs_given) {
        run.settings.objective = optimise::Objective::set_cover;
        run.settings.costs_given = costs_given;
        run.settings.candidates.centre_cost = 188679;
        run.settings.candidates.library_cost = 94340;
        analysis::OptimiseAnswer answer;
        answer.scenario_id = "optimal-budget-5000000";
        answer.request.budget = 5000000;
        answer.open_centres = {&centre};
        answer.library_bases = {&library};
        run.answers.push_back(answer);
    }
};

TEST(OptimisedScenarios, AnyIdIsQuotedRightAndTheFileReadsBack) {
    const Answered answered(true);
    test::TempDir dir;
    const auto path = dir.write("optimised.toml", optimised_scenarios_toml(answered.run, "somewhere"));
    const auto file = scenario::read_scenario_file(path);
    ASSERT_EQ(file.scenarios.size(), 2u);
    const auto& best = file.scenarios[1];
    EXPECT_EQ(best.id, "optimal-budget-5000000");
    ASSERT_TRUE(best.keep_only);
    EXPECT_EQ(best.keep_only->front(), answered.centre.id);
    ASSERT_TRUE(best.library_bases);
    EXPECT_EQ(best.library_bases->front(), "library-1");
    EXPECT_EQ(file.study.study, "somewhere");
    EXPECT_EQ(file.study.costs.centre, 188679.0);
    EXPECT_EQ(file.study.costs.library_base, 94340.0);
    EXPECT_EQ(best.budget, 5000000.0);
}

TEST(OptimisedScenarios, WithoutMoneyTheFileCarriesNoCosts) {
    // Regression: a fewest-sites answer (every site costing 1) was written with centre = 1,
    // so running it reported costs of "£47".
    const Answered answered(false);
    test::TempDir dir;
    const auto file = scenario::read_scenario_file(dir.write("optimised.toml", optimised_scenarios_toml(answered.run, "x")));
    EXPECT_FALSE(file.study.costs.centre);
    EXPECT_FALSE(file.study.costs.library_base);
    EXPECT_FALSE(file.scenarios[1].budget) << "a budget counted in sites is not money";
}

TEST(OptimisedScenarios, TheNameSaysWhatTheAnswerIsNotHowItWasFound) {
    Answered answered(true);
    answered.run.settings.objective = optimise::Objective::max_coverage;
    answered.run.settings.threshold_m = 1600.0;
    test::TempDir dir;
    auto read = [&] {
        return scenario::read_scenario_file(dir.write("optimised.toml", optimised_scenarios_toml(answered.run, "x")));
    };
    // Was "Best 1 centres and 1 library bases (coverage)": no money, no distance.
    EXPECT_EQ(read().scenarios[1].name,
              "Best 1 centre and 1 library base for £5,000,000 a year (most under-5s within 1.6 km)");
    answered.run.answers[0].library_bases.clear();
    answered.run.settings.objective = optimise::Objective::p_median;
    EXPECT_EQ(read().scenarios[1].name, "Best 1 centre for £5,000,000 a year (least mean distance)");
    // Without costs a budget counts sites, so it is no money.
    answered.run.settings.costs_given = false;
    EXPECT_EQ(read().scenarios[1].name, "Best 1 centre (least mean distance)");
}

}  // namespace optimise_output_test
}  // namespace centrecov::report
