#include <gtest/gtest.h>

#include "core/error.hpp"
#include "network/profile_config.hpp"
#include "support/temp_dir.hpp"

namespace centrecov::network {
namespace profile_config_test {

using test::TempDir;

std::string error_of(Profile profile, const std::filesystem::path& file) {
    try {
        apply_profile_config(profile, file);
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}

TEST(ProfileConfig, OverridesSpeedsForItsOwnProfileOnly) {
    TempDir dir;
    const auto file = dir.write("speeds.toml",
                                "# slower towns\n[drive]\nmaxspeed_factor = 0.7\n[drive.speeds_kmh]\nprimary = 60\n"
                                "residential = 20\n\n[walk]\nwalking_speed_kmh = 4.0\n");
    Profile drive = drive_profile();
    apply_profile_config(drive, file);
    Way way;
    way.road_class = RoadClass::primary;
    EXPECT_DOUBLE_EQ(drive.access(way).speed_kmh, 60.0);
    way.road_class = RoadClass::secondary;
    EXPECT_DOUBLE_EQ(drive.access(way).speed_kmh, 55.0) << "classes not named keep their default";
    EXPECT_DOUBLE_EQ(drive.maxspeed_factor, 0.7);
    EXPECT_DOUBLE_EQ(drive.walking_speed_kmh, 4.8) << "the walk table does not touch driving";

    Profile walk = walk_profile();
    apply_profile_config(walk, file);
    way.road_class = RoadClass::residential;
    EXPECT_DOUBLE_EQ(walk.access(way).speed_kmh, 4.0);
    EXPECT_DOUBLE_EQ(walk.walking_speed_kmh, 4.0);
}

TEST(ProfileConfig, MistakesNameFileAndLine) {
    TempDir dir;
    const auto unknown_class = dir.write("a.toml", "[drive.speeds_kmh]\nprimary = 60\nmotorroad = 90\n");
    EXPECT_NE(error_of(drive_profile(), unknown_class).find("a.toml, line 3: unknown road class 'motorroad'"),
              std::string::npos)
        << error_of(drive_profile(), unknown_class);
    const auto too_fast = dir.write("b.toml", "[drive.speeds_kmh]\nprimary = 900\n");
    EXPECT_NE(error_of(drive_profile(), too_fast).find("line 2"), std::string::npos);
    const auto not_toml = dir.write("c.toml", "[drive\nprimary = 60\n");
    EXPECT_NE(error_of(drive_profile(), not_toml).find("c.toml, line 1"), std::string::npos)
        << error_of(drive_profile(), not_toml);
    const auto unknown_key = dir.write("d.toml", "[walk]\npram = true\n");
    EXPECT_NE(error_of(walk_profile(), unknown_key).find("unknown setting 'pram'"), std::string::npos);
}

}  // namespace profile_config_test
}  // namespace centrecov::network
