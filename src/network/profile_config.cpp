#include "network/profile_config.hpp"

#include <toml++/toml.h>

#include <string>

#include "core/error.hpp"

namespace centrecov::network {

namespace {

std::string where(const toml::node& node) {
    return "line " + std::to_string(node.source().begin.line);
}

double speed(const std::filesystem::path& file, const toml::node& node, const std::string& key) {
    const auto value = node.value<double>();
    if (!value || *value < 1.0 || *value > 200.0) {
        throw InputError(file.string(), where(node), "'" + key + "' must be a speed between 1 and 200 km/h");
    }
    return *value;
}

}  // namespace

void apply_profile_config(Profile& profile, const std::filesystem::path& file) {
    require_regular_file(file);
    toml::table config;
    try {
        config = toml::parse_file(file.string());
    } catch (const toml::parse_error& e) {
        throw InputError(file.string(), "line " + std::to_string(e.source().begin.line), std::string(e.description()));
    }
    const toml::table* table = config[profile.name].as_table();
    if (table == nullptr) {
        return;
    }
    for (const auto& [key, node] : *table) {
        const std::string name(key.str());
        if (name == "walking_speed_kmh") {
            const double kmh = speed(file, node, name);
            // Walking roads move with the walking speed unless set on their own.
            for (auto& class_speed : profile.speed_kmh) {
                if (profile.name == "walk" && class_speed && *class_speed == profile.walking_speed_kmh) {
                    class_speed = kmh;
                }
            }
            profile.walking_speed_kmh = kmh;
        } else if (name == "maxspeed_factor") {
            const auto value = node.value<double>();
            if (!value || *value <= 0.0 || *value > 1.5) {
                throw InputError(file.string(), where(node), "'maxspeed_factor' must be between 0 and 1.5");
            }
            profile.maxspeed_factor = *value;
        } else if (name == "speeds_kmh") {
            const toml::table* speeds = node.as_table();
            if (speeds == nullptr) {
                throw InputError(file.string(), where(node), "'speeds_kmh' must be a table of road class = km/h");
            }
            for (const auto& [class_key, class_node] : *speeds) {
                const auto road_class = parse_osm_highway(class_key.str());
                if (!road_class) {
                    throw InputError(file.string(), where(class_node),
                                     "unknown road class '" + std::string(class_key.str()) +
                                         "' (use OpenStreetMap highway names: primary, residential, footway, ...)");
                }
                profile.set_speed(*road_class, speed(file, class_node, std::string(class_key.str())));
            }
        } else {
            throw InputError(file.string(), where(node),
                             "unknown setting '" + name + "' for profile '" + profile.name +
                                 "' (expected walking_speed_kmh, maxspeed_factor or speeds_kmh)");
        }
    }
}

}  // namespace centrecov::network
