#pragma once

#include <filesystem>

#include "network/profile.hpp"

namespace centrecov::network {

// Changes a profile from a TOML file, e.g.
//
//   [drive]
//   maxspeed_factor = 0.75
//   [drive.speeds_kmh]      # by road class (OSM highway names)
//   primary = 60
//   residential = 20
//   [walk]
//   walking_speed_kmh = 4.0 # pushing a pram
//
// Only the table named like the profile is read. Unknown keys, unknown road
// classes and speeds outside 1-200 km/h are errors naming the file and line.
void apply_profile_config(Profile& profile, const std::filesystem::path& file);

}  // namespace centrecov::network
