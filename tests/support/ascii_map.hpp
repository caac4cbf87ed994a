#pragma once

// Road networks drawn as ASCII maps, after OSRM's and Valhalla's test maps.
// Letters are vertices; everything else is decoration for the reader. One
// character is `spacing` metres; the map's top-left corner sits at `origin`
// (in British National Grid). Ways are listed separately as strings of letters.
//
//     a---b---c        ways: {"abc", "residential"}, {"bd", "residential"}
//         |
//         d

#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "network/ways.hpp"

namespace centrecov::test {

struct DrawnWay {
    std::string nodes;
    std::string highway = "residential";
    network::OneWay oneway = network::OneWay::no;
    network::Permission foot = network::Permission::unknown;
    bool sidewalk = false;
};

class AsciiMap {
public:
    explicit AsciiMap(const std::string& drawing, double spacing = 100.0, Point origin = {500000.0, 200000.0}) {
        std::istringstream lines(drawing);
        std::string line;
        int row = 0;
        while (std::getline(lines, line)) {
            for (std::size_t column = 0; column < line.size(); ++column) {
                const char c = line[column];
                if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
                    points_[c] = {origin.x + spacing * static_cast<double>(column), origin.y - spacing * row};
                }
            }
            ++row;
        }
    }

    Point at(char name) const {
        const auto found = points_.find(name);
        if (found == points_.end()) {
            throw std::invalid_argument(std::string("no node '") + name + "' on the map");
        }
        return found->second;
    }

    std::vector<network::Way> ways(const std::vector<DrawnWay>& drawn) const {
        std::vector<network::Way> out;
        for (const auto& d : drawn) {
            network::Way way;
            for (const char c : d.nodes) {
                way.line.push_back(at(c));
            }
            way.road_class = *network::parse_osm_highway(d.highway);
            way.oneway = d.oneway;
            way.foot = d.foot;
            way.sidewalk = d.sidewalk;
            way.source_id = d.nodes;
            out.push_back(std::move(way));
        }
        return out;
    }

    const std::map<char, Point>& points() const { return points_; }

private:
    std::map<char, Point> points_;
};

}  // namespace centrecov::test
