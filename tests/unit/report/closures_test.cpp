// Which closures the outputs list: never ones that leave nobody out of reach.

#include <gtest/gtest.h>

#include "report/format.hpp"
#include "support/gurka.hpp"

namespace centrecov::report {
namespace closures_test {

// West (and its twin) at a, east at c, a library at e; families at b (100), f (50), d (20). 500 m and 1 km.
test::gurka::Town town() {
    return test::gurka::loop_town()
        .centre("west", 'a')
        .centre("east", 'c')
        .centre("twin", 'a')  // a second centre where west stands
        .library("lib-e", 'e')
        .families("B", 'b', 100)
        .families("F", 'f', 50)
        .families("D", 'd', 20);
}

const char* const closures_file = R"(
[[scenario]]
id = "today"
[[scenario]]
id = "no-east"
start_from = "today"
close = ["east"]
[[scenario]]
id = "base-in-library"
start_from = "no-east"
library_bases = ["lib-e"]
[[scenario]]
id = "base-dropped"
start_from = "base-in-library"
library_bases = []
[[scenario]]
id = "no-twin"
start_from = "today"
close = ["twin"]
)";

TEST(WorstClosures, ListedAtTheFirstDistanceWhereAClosureLeavesSomeone) {
    const auto t = town();
    const auto run = t.scenarios(closures_file);
    const auto no_east = worst_closures(run["no-east"].result());
    EXPECT_EQ(no_east.threshold, 0u);
    ASSERT_EQ(no_east.sites.size(), 1u);
    EXPECT_EQ(no_east.sites[0]->left_beyond[0], 50);
    EXPECT_EQ(no_east.heading.rfind("Closures that leave the most under-5s beyond 500 m", 0), 0u) << no_east.heading;

    // Dropping the base at e leaves F 1.8 km from west: beyond 1 km, but beyond 500 m it was already.
    const auto dropped = worst_closures(run["base-dropped"].result());
    EXPECT_EQ(dropped.threshold, 1u);
    ASSERT_EQ(dropped.sites.size(), 1u);
    EXPECT_EQ(dropped.sites[0]->left_beyond[1], 50);
    EXPECT_EQ(dropped.heading.rfind("No closure leaves anyone beyond 500 m. Closures that leave the most under-5s "
                                    "beyond 1 km",
                                    0),
              0u)
        << dropped.heading;

    const auto twin = worst_closures(run["no-twin"].result());
    EXPECT_TRUE(twin.sites.empty()) << "west stands where twin stood: nobody is left out";
    EXPECT_EQ(twin.heading.rfind("No closure leaves anyone beyond 500 m or any farther distance measured", 0), 0u)
        << twin.heading;

    EXPECT_TRUE(worst_closures(run["today"].result()).heading.empty()) << "nothing closed, nothing said";
}

TEST(Settings, RunJsonAndSummaryJsonRecordWhereFamiliesAreMeasuredFrom) {
    // Regression: --families-at was not among the recorded settings.
    const analysis::Settings settings;
    EXPECT_EQ(settings_json(settings, families::FamiliesAt::centroids)["families_at"], "centroids");
    EXPECT_EQ(settings_json(settings, families::FamiliesAt::postcodes)["families_at"], "postcodes");
}

TEST(Money, IsFormattedOnceToThePound) {
    // Regression: a budget warning printed "5566030" (rounded another way) beside "£5,566,031".
    EXPECT_EQ(text::pounds(5566030.5), "\u00a35,566,031");
    EXPECT_EQ(text::pounds(188679.0), "\u00a3188,679");
}

}  // namespace closures_test
}  // namespace centrecov::report
