#pragma once

// Writes a drawn map as an OpenStreetMap XML file, so tests read it through
// GDAL's OSM driver exactly as they would read a real extract.

#include <fmt/format.h>

#include <map>
#include <string>
#include <vector>

#include "io/gdal.hpp"
#include "support/ascii_map.hpp"

namespace centrecov::test {

struct OsmWay {
    std::string nodes;
    std::map<std::string, std::string> tags;
};

inline std::string osm_xml(const AsciiMap& map, const std::vector<OsmWay>& ways) {
    const io::Transformer to_wgs84(io::bng_epsg, io::wgs84_epsg);
    std::string xml = "<?xml version='1.0' encoding='UTF-8'?>\n<osm version='0.6' generator='centrecov-tests'>\n";
    std::map<char, int> ids;
    int next = 1;
    for (const auto& [name, point] : map.points()) {
        ids[name] = next;
        const Point lonlat = to_wgs84.apply(point);
        xml += fmt::format("  <node id='{}' version='1' lat='{:.9f}' lon='{:.9f}'/>\n", next, lonlat.y, lonlat.x);
        ++next;
    }
    int way_id = 1000;
    for (const auto& way : ways) {
        xml += fmt::format("  <way id='{}' version='1'>\n", way_id++);
        for (const char c : way.nodes) {
            xml += fmt::format("    <nd ref='{}'/>\n", ids.at(c));
        }
        for (const auto& [key, value] : way.tags) {
            xml += fmt::format("    <tag k='{}' v='{}'/>\n", key, value);
        }
        xml += "  </way>\n";
    }
    xml += "</osm>\n";
    return xml;
}

}  // namespace centrecov::test
