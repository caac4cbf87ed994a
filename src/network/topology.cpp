#include "network/topology.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <unordered_map>
#include <utility>

#include "core/progress.hpp"

namespace centrecov::network {

namespace {

struct GridKey {
    std::int64_t x;
    std::int64_t y;
    friend bool operator==(const GridKey&, const GridKey&) = default;
};

struct GridKeyHash {
    std::size_t operator()(const GridKey& key) const noexcept {
        const auto h = static_cast<std::uint64_t>(key.x) * 0x9E3779B97F4A7C15ULL ^
                       (static_cast<std::uint64_t>(key.y) + 0x632BE59BD9B4E019ULL + (static_cast<std::uint64_t>(key.x) << 6));
        return static_cast<std::size_t>(h);
    }
};

GridKey grid_key(Point p) {
    return {static_cast<std::int64_t>(std::llround(p.x / node_tolerance_m)),
            static_cast<std::int64_t>(std::llround(p.y / node_tolerance_m))};
}

double length_of(std::span<const Point> line) {
    double length = 0.0;
    for (std::size_t i = 1; i < line.size(); ++i) {
        length += straight_line_m(line[i - 1], line[i]);
    }
    return length;
}

// Drops repeated consecutive vertices (same 1 cm cell).
void remove_repeats(std::vector<Point>& line) {
    std::vector<Point> out;
    out.reserve(line.size());
    for (const Point& p : line) {
        if (out.empty() || !(grid_key(out.back()) == grid_key(p))) {
            out.push_back(p);
        }
    }
    line = std::move(out);
}

class Builder {
public:
    Builder(RoadNetwork& network, const std::vector<Way>& ways) : network_(network), ways_(ways) {
        by_grid_.reserve(ways.size() + 1);
        network_.pieces.reserve(ways.size());
    }

    NodeId node_at(Point p) {
        const auto [it, inserted] = by_grid_.emplace(grid_key(p), static_cast<NodeId>(network_.nodes.size()));
        if (inserted) {
            network_.nodes.push_back(p);
        }
        return it->second;
    }

    NodeId node_named(const std::string& name, Point p) {
        const auto [it, inserted] = by_name_.emplace(name, static_cast<NodeId>(network_.nodes.size()));
        if (inserted) {
            network_.nodes.push_back(p);
        }
        return it->second;
    }

    void add_piece(NodeId from, NodeId to, std::uint32_t way, std::span<const Point> line) {
        const double length = length_of(line);
        if (length < node_tolerance_m) {
            ++network_.stats.zero_length_dropped;
            return;
        }
        // The same road twice (a way drawn twice, or both directions of one link as two
        // features): keep the first.
        const auto key = std::pair{std::min(from, to), std::max(from, to)};
        const auto [first, last] = between_.equal_range(key);
        for (auto it = first; it != last; ++it) {
            const Piece& other = network_.pieces[it->second];
            if (std::abs(other.length_m - length) < 0.5 &&
                ways_[other.way].road_class == ways_[way].road_class) {
                ++network_.stats.duplicates_dropped;
                return;
            }
        }
        between_.emplace(key, network_.pieces.size());
        network_.pieces.push_back({from, to, way, length});
        network_.shape.insert(network_.shape.end(), line.begin(), line.end());
        network_.shape_start.push_back(static_cast<std::uint32_t>(network_.shape.size()));
    }

private:
    RoadNetwork& network_;
    const std::vector<Way>& ways_;
    std::unordered_map<GridKey, NodeId, GridKeyHash> by_grid_;
    std::unordered_map<std::string, NodeId> by_name_;
    std::multimap<std::pair<NodeId, NodeId>, std::size_t> between_;
};

}  // namespace

RoadNetwork build_network(std::vector<Way> ways) {
    RoadNetwork network;
    network.stats.ways = ways.size();
    for (auto& way : ways) {
        remove_repeats(way.line);
    }

    // A vertex becomes a node when a line ends there, when two lines share it, or
    // when one line passes it twice. Lines that cross without a shared vertex stay apart.
    std::size_t vertices = 0;
    for (const auto& way : ways) {
        vertices += way.line.size();
    }
    std::unordered_map<GridKey, std::uint32_t, GridKeyHash> uses;
    uses.reserve(vertices);
    for (const auto& way : ways) {
        if (!way.start_node.empty()) {
            continue;  // explicit topology
        }
        for (std::size_t i = 0; i < way.line.size(); ++i) {
            const bool end = i == 0 || i + 1 == way.line.size();
            uses[grid_key(way.line[i])] += end ? 2 : 1;
        }
    }

    network.shape_start.push_back(0);
    Builder builder(network, ways);
    Progress progress("building the road graph", ways.size());
    for (std::size_t w = 0; w < ways.size(); ++w) {
        progress.advance();
        Way& way = ways[w];
        const auto way_index = static_cast<std::uint32_t>(w);
        if (way.line.size() < 2) {
            ++network.stats.zero_length_dropped;
        } else if (!way.start_node.empty() && !way.end_node.empty()) {
            const NodeId from = builder.node_named(way.start_node, way.line.front());
            const NodeId to = builder.node_named(way.end_node, way.line.back());
            builder.add_piece(from, to, way_index, way.line);
        } else {
            std::size_t start = 0;
            NodeId from = builder.node_at(way.line.front());
            for (std::size_t i = 1; i < way.line.size(); ++i) {
                const bool last = i + 1 == way.line.size();
                if (last || uses[grid_key(way.line[i])] > 1) {
                    const NodeId to = builder.node_at(way.line[i]);
                    builder.add_piece(from, to, way_index,
                                      std::span<const Point>(way.line.data() + start, i - start + 1));
                    from = to;
                    start = i;
                }
            }
        }
        way.line.clear();
        way.line.shrink_to_fit();
    }
    network.ways = std::move(ways);
    network.stats.pieces = network.pieces.size();
    network.stats.nodes = network.nodes.size();
    return network;
}

std::vector<Point> sub_line(std::span<const Point> line, double from_m, double to_m) {
    std::vector<Point> out;
    if (line.size() < 2 || to_m < from_m) {
        return out;
    }
    double walked = 0.0;
    auto at = [](Point a, Point b, double t) { return Point{a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t}; };
    for (std::size_t k = 0; k + 1 < line.size(); ++k) {
        const Point a = line[k];
        const Point b = line[k + 1];
        const double length = std::hypot(b.x - a.x, b.y - a.y);
        const double start = walked;
        const double end = walked + length;
        walked = end;
        if (end < from_m || length <= 0.0) {
            continue;
        }
        if (out.empty()) {
            out.push_back(at(a, b, std::clamp((from_m - start) / length, 0.0, 1.0)));
        }
        if (end >= to_m) {
            out.push_back(at(a, b, std::clamp((to_m - start) / length, 0.0, 1.0)));
            return out;
        }
        out.push_back(b);
    }
    if (out.empty()) {
        out.push_back(line.back());
    }
    if (out.size() == 1) {
        out.push_back(out.front());
    }
    return out;
}

}  // namespace centrecov::network
