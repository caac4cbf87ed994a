#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/geometry.hpp"

namespace centrecov::network {

// Road classes common to OpenStreetMap and OS Open Roads, most important first.
enum class RoadClass : std::uint8_t {
    motorway,
    motorway_link,
    trunk,
    trunk_link,
    primary,
    primary_link,
    secondary,
    secondary_link,
    tertiary,
    tertiary_link,
    unclassified,
    residential,
    living_street,
    service,
    track,
    pedestrian,
    footway,
    path,
    cycleway,
    bridleway,
    steps,
    other,  // a road of unknown kind ("road")
};

std::string_view to_string(RoadClass road_class);
std::optional<RoadClass> parse_osm_highway(std::string_view highway);

enum class OneWay : std::uint8_t { no, forward, backward };
enum class Permission : std::uint8_t { unknown, yes, no };

// One line of the source network with the tags that decide who may use it.
struct Way {
    std::vector<Point> line;  // BNG
    RoadClass road_class = RoadClass::other;
    OneWay oneway = OneWay::no;
    std::optional<double> maxspeed_kmh;
    Permission foot = Permission::unknown;
    Permission motor = Permission::unknown;  // access / motor_vehicle
    bool sidewalk = false;                   // a footway alongside (OSM sidewalk=*)
    // Explicit topology (OS Open Roads startNode/endNode); empty for OSM, which is noded by shared vertices.
    std::string start_node;
    std::string end_node;
    std::string source_id;  // osm_id or identifier, for messages
};

enum class SourceKind { openstreetmap, os_open_roads, generic };

struct WaySource {
    SourceKind kind = SourceKind::generic;
    std::string layer;
    std::size_t features_read = 0;
    std::size_t not_roads = 0;         // lines that are not roads (railways, rivers, untagged)
    std::size_t without_geometry = 0;  // empty or unreadable line geometry
    std::size_t multi_part = 0;        // lines in several parts, each part kept as a road
    std::size_t parts_from_multi_part = 0;
    std::vector<Way> ways;
};

// Reads the road lines of an OGR data source: an OpenStreetMap file (.osm.pbf,
// .osm, through GDAL's OSM driver, layer 'lines'), OS Open Roads (GeoPackage or
// Shapefile, layer with roadFunction/formOfWay), or any line layer with a
// 'highway' field. Coordinates are transformed to British National Grid.
// Throws InputError naming the file when it has no line layer, no reference
// system, or no roads.
WaySource read_ways(const std::filesystem::path& path);

// Parses an OSM maxspeed value: "30 mph", "50", "20mph"; nullopt for others ("signals", "national").
std::optional<double> parse_maxspeed_kmh(std::string_view value);

}  // namespace centrecov::network
