#pragma once

#include <array>
#include <optional>
#include <string>

#include "network/ways.hpp"

namespace centrecov::network {

inline constexpr std::size_t road_class_count = static_cast<std::size_t>(RoadClass::other) + 1;

// Who may use which road, which way, how fast.
struct Profile {
    std::string name;
    // Speed on each class in km/h; nullopt where the profile may not go.
    std::array<std::optional<double>, road_class_count> speed_kmh{};
    double walking_speed_kmh = 4.8;  // for the leg between a point and its road
    bool respects_oneway = false;
    bool uses_maxspeed = false;
    // Posted limits are not journey speeds: junctions, bends and traffic slow cars.
    double maxspeed_factor = 0.8;

    struct Access {
        bool forward = false;
        bool backward = false;
        double speed_kmh = 0.0;
        bool usable() const { return forward || backward; }
    };
    Access access(const Way& way) const;

    void set_speed(RoadClass road_class, std::optional<double> kmh) {
        speed_kmh[static_cast<std::size_t>(road_class)] = kmh;
    }
};

// Walking, pushing a pram: footways, paths and ordinary roads in both directions;
// never motorways, nor trunk roads unless they have a footway (sidewalk=*) or foot=yes.
Profile walk_profile();
// Driving: roads open to motor vehicles at typical speeds by class, one-way
// streets respected, tagged limits used when present.
Profile drive_profile();
// "walk" or "drive"; throws UsageError for anything else.
Profile profile_named(const std::string& name);

}  // namespace centrecov::network
