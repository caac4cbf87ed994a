// Outputs that could not be written are refused before any analysis: a GeoPackage area
// layer wider than SQLite's 2,000 columns.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/error.hpp"
#include "report/lsoa_layer.hpp"
#include "report/scenario_output.hpp"

namespace centrecov::report {
namespace check_outputs_test {

std::vector<double> distances(std::size_t count) {
    std::vector<double> out;
    for (std::size_t k = 0; k < count; ++k) {
        out.push_back(100.0 + 10.0 * static_cast<double>(k));
    }
    return out;
}

// The most distances whose area layer (and its geometry column) SQLite holds, from the layer's own columns.
std::size_t most_distances() {
    std::size_t count = 0;
    while (lsoa_fields(distances(count + 1), {}).size() + 1 <= 2000) {
        ++count;
    }
    return count;
}

scenario::ScenarioFile two_scenarios() {
    scenario::ScenarioFile file;
    file.path = "plans.toml";
    file.scenarios.resize(2);
    file.scenarios[0].id = "today";
    file.scenarios[1].id = "wide";
    file.scenarios[1].at = {"plans.toml", 4};
    file.scenarios[1].key_at["thresholds_m"] = {"plans.toml", 7};
    return file;
}

std::string refusal(const scenario::ScenarioFile& file, const analysis::Settings& settings, const RunOutputs& outputs) {
    try {
        check_outputs(file, settings, outputs);
    } catch (const UsageError& e) {
        return e.what();
    }
    return "";
}

TEST(CheckOutputs, AsManyDistancesAsSqliteHoldsAndOneMore) {
    const std::size_t most = most_distances();
    ASSERT_GT(most, 400u);  // four columns a distance
    analysis::Settings settings;
    settings.thresholds_m = distances(most);
    EXPECT_EQ(refusal(two_scenarios(), settings, {}), "");
    settings.thresholds_m = distances(most + 1);
    const std::string message = refusal(two_scenarios(), settings, {});
    EXPECT_NE(message.find("--thresholds"), std::string::npos) << message;
    EXPECT_NE(message.find(std::to_string(most + 1) + " distances"), std::string::npos) << message;
    EXPECT_NE(message.find("more than the 2000 SQLite allows"), std::string::npos) << message;

    RunOutputs without_gpkg;
    without_gpkg.gpkg = false;
    settings.thresholds_m = distances(5000);
    EXPECT_EQ(refusal(two_scenarios(), settings, without_gpkg), "") << "only the GeoPackage has the limit";
}

TEST(CheckOutputs, AScenariosOwnDistancesAreNamedByFileAndLine) {
    analysis::Settings settings;  // the default four
    auto file = two_scenarios();
    file.scenarios[1].thresholds_m = distances(most_distances() + 1);
    const std::string message = refusal(file, settings, {});
    EXPECT_NE(message.find("plans.toml:7: scenario 'wide'"), std::string::npos) << message;
    // Repeated distances count once, as every stage reads them.
    auto repeated = distances(most_distances());
    repeated.push_back(repeated.front());
    file.scenarios[1].thresholds_m = repeated;
    EXPECT_EQ(refusal(file, settings, {}), "");
}

}  // namespace check_outputs_test
}  // namespace centrecov::report
