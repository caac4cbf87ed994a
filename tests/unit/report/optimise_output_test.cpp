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

}  // namespace optimise_output_test
}  // namespace centrecov::report
