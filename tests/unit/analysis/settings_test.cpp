// Settings resolved once: the command line over the scenario file over the
// study manifest over the defaults.

#include <gtest/gtest.h>

#include "analysis/settings.hpp"
#include "core/error.hpp"
#include "support/temp_dir.hpp"

namespace centrecov::analysis {
namespace settings_test {

struct Manifest {
    test::TempDir dir;
    io::StudyManifest study;
    explicit Manifest(bool with_roads = true) {
        study.year = 2018;
        if (with_roads) {
            study.roads = dir.write("roads.osm.pbf", "not read here");
        }
    }
};

TEST(Settings, EachValueComesFromTheHighestLayerThatGivesIt) {
    const Manifest manifest;
    const auto defaults = resolve_settings({}, {}, manifest.study, "out");
    EXPECT_EQ(defaults.thresholds_m, metrics::default_thresholds_m);
    EXPECT_EQ(defaults.year, 2018) << "the manifest's year";
    ASSERT_TRUE(defaults.network.has_value()) << "the manifest's roads, present";
    EXPECT_EQ(defaults.network->file, manifest.study.roads);
    EXPECT_EQ(defaults.network->profile, "walk");
    EXPECT_EQ(defaults.network->cache_directory, std::filesystem::path("out/.cache"));

    SettingsLayer file;
    file.thresholds_m = {3200.0, 800.0, 3200.0};
    file.year = 2019;
    file.profile = "drive";
    const auto from_file = resolve_settings({}, file, manifest.study, "out");
    EXPECT_EQ(from_file.thresholds_m, (std::vector<double>{800.0, 3200.0})) << "sorted and each once";
    EXPECT_EQ(from_file.year, 2019);
    EXPECT_EQ(from_file.network->profile, "drive");

    SettingsLayer cli;
    cli.thresholds_m = {500.0};
    cli.year = 2020;
    cli.profile = "walk";
    const auto from_cli = resolve_settings(cli, file, manifest.study, "out");
    EXPECT_EQ(from_cli.thresholds_m, (std::vector<double>{500.0})) << "--thresholds beats [study] thresholds_m";
    EXPECT_EQ(from_cli.year, 2020);
    EXPECT_EQ(from_cli.network->profile, "walk");
}

TEST(Settings, TheCommandLinesChoiceOfRoadsOrEstimateBeatsTheFiles) {
    const Manifest manifest;
    SettingsLayer estimate_file;
    estimate_file.mode = "straight_line";
    estimate_file.estimate = true;
    estimate_file.circuity = 1.4;
    const auto file_estimate = resolve_settings({}, estimate_file, manifest.study, "out");
    EXPECT_FALSE(file_estimate.network.has_value()) << "the file's estimate beats the manifest's roads";
    EXPECT_EQ(file_estimate.distance.mode, routing::DistanceMode::straight_line);
    EXPECT_DOUBLE_EQ(file_estimate.distance.circuity, 1.4);
    EXPECT_NE(file_estimate.no_network_reason.find("scenario file"), std::string::npos);

    SettingsLayer mode_given;
    mode_given.mode = "estimated_road";
    const auto cli_mode = resolve_settings(mode_given, estimate_file, manifest.study, "out");
    EXPECT_TRUE(cli_mode.network.has_value()) << "--mode on the command line sets the file's distance aside";

    SettingsLayer roads_file;
    roads_file.along_roads = true;
    roads_file.network = "town.osm";
    SettingsLayer no_network;
    no_network.estimate = true;
    const auto cli_estimate = resolve_settings(no_network, roads_file, manifest.study, "out");
    EXPECT_FALSE(cli_estimate.network.has_value()) << "--no-network beats the file's roads";
    EXPECT_NE(cli_estimate.no_network_reason.find("--no-network"), std::string::npos);
    const auto file_roads = resolve_settings({}, roads_file, manifest.study, "out");
    ASSERT_TRUE(file_roads.network.has_value());
    EXPECT_EQ(file_roads.network->file, std::filesystem::path("town.osm")) << "the file's roads beat the manifest's";

    const Manifest without_roads(false);
    const auto none = resolve_settings({}, {}, without_roads.study, "out");
    EXPECT_FALSE(none.network.has_value());
    EXPECT_NE(none.no_network_reason.find("names none"), std::string::npos);
}

TEST(Settings, ValuesOutOfRangeAndContradictionsNameTheOption) {
    const Manifest manifest;
    auto fails_naming = [&](const SettingsLayer& cli, const std::string& option) {
        try {
            (void)resolve_settings(cli, {}, manifest.study, "out");
            ADD_FAILURE() << "expected an error naming " << option;
        } catch (const UsageError& e) {
            EXPECT_NE(std::string(e.what()).find(option), std::string::npos) << e.what();
        }
    };
    SettingsLayer both;
    both.network = "a.osm";
    both.estimate = true;
    fails_naming(both, "--no-network");
    SettingsLayer circuity;
    circuity.circuity = 0.9;
    fails_naming(circuity, "--circuity");
    SettingsLayer thresholds;
    thresholds.thresholds_m = {1600.0, -5.0};
    fails_naming(thresholds, "--thresholds");
    SettingsLayer snap;
    snap.max_snap_m = std::numeric_limits<double>::infinity();
    fails_naming(snap, "--max-snap");
    SettingsLayer mode;
    mode.mode = "as_the_crow_flies";
    fails_naming(mode, "--mode");
    SettingsLayer draws;
    draws.draws = 100001;
    fails_naming(draws, "--draws");
}

TEST(Settings, OptionsThatWouldDoNothingAreRefused) {
    // Regression: --profile bike, --join-near-misses without roads and --draws 1 (a "90 %" range from one
    // draw) were accepted.
    const Manifest manifest;
    const Manifest without_roads(false);
    auto message = [&](const SettingsLayer& cli, const io::StudyManifest& study) {
        try {
            (void)resolve_settings(cli, {}, study, "out");
        } catch (const UsageError& e) {
            return std::string(e.what());
        }
        return std::string();
    };
    SettingsLayer bike;
    bike.profile = "bike";
    EXPECT_NE(message(bike, without_roads.study).find("--profile: unknown travel profile 'bike'"), std::string::npos);
    bike.estimate = true;
    EXPECT_NE(message(bike, manifest.study).find("--profile"), std::string::npos);
    SettingsLayer join;
    join.join_near_misses = true;
    EXPECT_EQ(message(join, manifest.study), "") << "the manifest's roads are there to repair";
    EXPECT_NE(message(join, without_roads.study).find("--join-near-misses repairs a road network, and this run has "
                                                      "none (the study's manifest names no roads)"),
              std::string::npos);
    join.estimate = true;
    EXPECT_NE(message(join, manifest.study).find("none (--no-network)"), std::string::npos);
    for (const std::size_t n : {std::size_t{1}, std::size_t{19}}) {
        SettingsLayer few;
        few.draws = n;
        EXPECT_NE(message(few, manifest.study).find("a 90 % range needs at least 20 draws (or 0 for no ranges)"),
                  std::string::npos)
            << n;
    }
    SettingsLayer enough;
    enough.draws = 20;
    EXPECT_EQ(message(enough, manifest.study), "");
    SettingsLayer gap;
    gap.near_miss_gap_m = 0.0;
    EXPECT_NE(message(gap, manifest.study).find("--near-miss-gap 0 m: the gap must be more than 0 and at most 200 m"),
              std::string::npos);
}

TEST(Settings, TheDrawsAndTheirSeedComeFromTheCommandLine) {
    const Manifest manifest;
    const auto defaults = resolve_settings({}, {}, manifest.study, "out");
    EXPECT_EQ(defaults.draws, Settings::default_draws);
    EXPECT_EQ(defaults.seed, 1U);
    SettingsLayer cli;
    cli.draws = 0;
    cli.seed = 42;
    const auto given = resolve_settings(cli, {}, manifest.study, "out");
    EXPECT_EQ(given.draws, 0U);
    EXPECT_EQ(given.seed, 42U);
}

TEST(Settings, ACalibrationGivesTheFactorAndItsSpread) {
    test::TempDir dir;
    std::string quantiles = "[1.0, 1.1, 1.12, 1.14, 1.16, 1.18, 1.2, 1.22, 1.24, 1.26, 1.28, 1.3, 1.32, 1.34, 1.36, "
                            "1.4, 1.45, 1.5, 1.6, 1.8, 9.5]";
    const auto path = dir.write("cal.json", "{\"circuity\": 1.28, \"quantiles\": " + quantiles + "}");
    const auto model = model_from_calibration(path);
    EXPECT_DOUBLE_EQ(model.circuity, 1.28);
    ASSERT_EQ(model.spread.size(), 21U);
    EXPECT_EQ(model.spread_source, "cal.json");
    EXPECT_DOUBLE_EQ(model.circuity_at(0.5), 1.28);
    EXPECT_DOUBLE_EQ(model.circuity_at(0.9), 1.6);
    EXPECT_DOUBLE_EQ(model.circuity_at(1.0), 9.5);
    // An older file: the 10th and 90th percentiles only.
    const auto old = model_from_calibration(dir.write("old.json", "{\"circuity\": 1.25, \"p10\": 1.1, \"p90\": 1.5}"));
    ASSERT_EQ(old.spread.size(), 3U);
    EXPECT_DOUBLE_EQ(old.circuity_at(0.1), 1.1);
    EXPECT_DOUBLE_EQ(old.circuity_at(0.9), 1.5);
    // Bad spreads name the file and the key.
    const std::string falling = "[2.0" + quantiles.substr(quantiles.find(','));  // 2.0, then 1.1, ...
    for (const std::string& bad : {std::string("{\"circuity\": 1.3, \"quantiles\": [1.1, 1.2]}"),
                                  "{\"circuity\": 1.3, \"quantiles\": " + falling + "}",
                                  std::string("{\"circuity\": 1.3, \"p10\": 1.4, \"p90\": 1.5}")}) {
        const auto file = dir.write("bad.json", bad);
        try {
            (void)model_from_calibration(file);
            ADD_FAILURE() << "accepted " << bad;
        } catch (const InputError& e) {
            EXPECT_NE(e.file().find("bad.json"), std::string::npos);
            EXPECT_FALSE(e.where().empty()) << e.what();
        }
    }
}

}  // namespace settings_test
}  // namespace centrecov::analysis
