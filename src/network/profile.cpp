#include "network/profile.hpp"

#include <algorithm>

#include "core/error.hpp"

namespace centrecov::network {

Profile::Access Profile::access(const Way& way) const {
    Access out;
    const auto& base = speed_kmh[static_cast<std::size_t>(way.road_class)];
    bool allowed = base.has_value();
    if (name == "walk") {
        if (way.foot == Permission::no) {
            allowed = false;
        } else if (way.foot == Permission::yes || way.sidewalk) {
            const bool motorway = way.road_class == RoadClass::motorway || way.road_class == RoadClass::motorway_link;
            allowed = !motorway;
        }
    } else if (way.motor == Permission::no) {
        allowed = false;
    }
    if (!allowed) {
        return out;
    }
    out.speed_kmh = base.value_or(walking_speed_kmh);
    if (uses_maxspeed && way.maxspeed_kmh) {
        out.speed_kmh = *way.maxspeed_kmh * maxspeed_factor;
    }
    out.forward = true;
    out.backward = true;
    if (respects_oneway) {
        out.forward = way.oneway != OneWay::backward;
        out.backward = way.oneway != OneWay::forward;
    }
    return out;
}

Profile walk_profile() {
    Profile profile;
    profile.name = "walk";
    const double walk = profile.walking_speed_kmh;
    for (const RoadClass c :
         {RoadClass::primary, RoadClass::primary_link, RoadClass::secondary, RoadClass::secondary_link,
          RoadClass::tertiary, RoadClass::tertiary_link, RoadClass::unclassified, RoadClass::residential,
          RoadClass::living_street, RoadClass::service, RoadClass::track, RoadClass::pedestrian, RoadClass::footway,
          RoadClass::path, RoadClass::cycleway, RoadClass::bridleway, RoadClass::other}) {
        profile.set_speed(c, walk);
    }
    profile.set_speed(RoadClass::steps, walk / 2.0);  // a pram is carried up steps
    return profile;
}

Profile drive_profile() {
    Profile profile;
    profile.name = "drive";
    profile.respects_oneway = true;
    profile.uses_maxspeed = true;
    const std::pair<RoadClass, double> speeds[] = {
        {RoadClass::motorway, 100},      {RoadClass::motorway_link, 60}, {RoadClass::trunk, 80},
        {RoadClass::trunk_link, 50},     {RoadClass::primary, 65},       {RoadClass::primary_link, 45},
        {RoadClass::secondary, 55},      {RoadClass::secondary_link, 40}, {RoadClass::tertiary, 45},
        {RoadClass::tertiary_link, 35},  {RoadClass::unclassified, 40},  {RoadClass::residential, 25},
        {RoadClass::living_street, 10},  {RoadClass::service, 15},       {RoadClass::other, 30},
    };
    for (const auto& [road_class, kmh] : speeds) {
        profile.set_speed(road_class, kmh);
    }
    return profile;
}

Profile profile_named(const std::string& name) {
    if (name == "walk") {
        return walk_profile();
    }
    if (name == "drive") {
        return drive_profile();
    }
    throw UsageError("unknown travel profile '" + name + "': use walk or drive");
}

}  // namespace centrecov::network
