// The one LSOA layer that `run` and `scenarios` both write, on a drawn town.

#include <gtest/gtest.h>

#include <algorithm>

#include "analysis/baseline.hpp"
#include "report/lsoa_layer.hpp"
#include "support/gurka.hpp"

namespace centrecov::report {
namespace lsoa_layer_test {

using test::gurka::Town;

// "west" is known only to its town (2 km); the library it moves into has a postcode (50 m).
Town town() {
    return test::gurka::loop_town()
        .centre("west", 'a')
        .centre("east", 'c')
        .library("lib", 'e')
        .placed_by("west", Precision::locality, 2000.0)
        .placed_by("lib", Precision::postcode, 50.0)
        .families("B", 'b', 100)
        .families("D", 'd', 20);
}

std::size_t column(const io::OutputLayer& layer, const std::string& name) {
    const auto found = std::find_if(layer.fields.begin(), layer.fields.end(),
                                    [&](const auto& field) { return field.name == name; });
    if (found == layer.fields.end()) {
        throw std::invalid_argument("no column " + name);
    }
    return static_cast<std::size_t>(found - layer.fields.begin());
}

bool has_column(const io::OutputLayer& layer, const std::string& name) {
    return std::any_of(layer.fields.begin(), layer.fields.end(), [&](const auto& f) { return f.name == name; });
}

// The row of a family area, by its code (the first column).
const io::OutputFeature& row(const io::OutputLayer& layer, const std::string& code) {
    for (const auto& feature : layer.features) {
        if (std::get<std::string>(feature.values[0]) == code) {
            return feature;
        }
    }
    throw std::invalid_argument("no row " + code);
}

TEST(LsoaLayer, ACentreMovedIntoALibraryIsPlacedAsTheLibraryIs) {
    const Town t = town();
    const auto run = t.scenarios(R"(
[[scenario]]
id = "today"
[[scenario]]
id = "moved"
start_from = "today"
colocate = [{ centre = "west", library = "lib" }]
)");
    const auto layer = lsoa_layer(t.study(), run.run(), run["moved"].result(), {});
    const auto& d = row(layer, "D");  // now nearest to west, in the library at e
    EXPECT_EQ(std::get<std::string>(d.values[column(layer, "nearest_centre_id")]), "west");
    EXPECT_EQ(std::get<std::string>(d.values[column(layer, "nearest_centre_precision")]), "library (postcode)")
        << "it stands at the library, so it is as precise as the library's postcode, not its old town";
    EXPECT_EQ(std::get<long long>(d.values[column(layer, "nearest_centre_uncertainty_m")]), 50);
    EXPECT_DOUBLE_EQ(std::get<double>(d.values[column(layer, "distance_m")]),
                     std::round(run["moved"].distance_m("D") * 10.0) / 10.0);
    EXPECT_DOUBLE_EQ(std::get<double>(d.values[column(layer, "base_distance_m")]),
                     std::round(run["today"].distance_m("D") * 10.0) / 10.0);

    const auto today = lsoa_layer(t.study(), run.run(), run["today"].result(), {});
    EXPECT_EQ(std::get<std::string>(row(today, "D").values[column(today, "nearest_centre_precision")]), "locality");
    EXPECT_EQ(std::get<long long>(row(today, "D").values[column(today, "nearest_centre_uncertainty_m")]), 2000);
}

TEST(LsoaLayer, TheBaselineHasItsNearestLibraryAndNoBase) {
    const Town t = town();
    const analysis::Baseline baseline = analysis::run_baseline(t.study(), t.settings());
    const auto layer = lsoa_layer(t.study(), baseline.run, baseline.today(),
                                  {.against_base = false, .outreach = false, .nearest_library = &baseline.nearest_library});
    EXPECT_FALSE(has_column(layer, "base_distance_m"));
    EXPECT_FALSE(has_column(layer, "outreach_only_within_500m"));
    EXPECT_TRUE(has_column(layer, "within_500m"));
    EXPECT_EQ(std::get<std::string>(row(layer, "B").values[column(layer, "nearest_library_id")]), "lib");
    EXPECT_DOUBLE_EQ(std::get<double>(row(layer, "D").values[column(layer, "nearest_library_distance_m")]), 800.0);
    EXPECT_EQ(layer.features.size(), 2u);
    for (const auto& feature : layer.features) {
        EXPECT_EQ(feature.values.size(), layer.fields.size());
    }
}

}  // namespace lsoa_layer_test
}  // namespace centrecov::report
