#include "network/near_miss.hpp"

#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <iterator>
#include <queue>
#include <set>
#include <string>
#include <tuple>

namespace centrecov::network {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

namespace {

using BgPoint = bg::model::point<double, 2, bg::cs::cartesian>;
using BgBox = bg::model::box<BgPoint>;
using SegmentValue = std::pair<BgBox, std::pair<std::uint32_t, std::uint32_t>>;  // piece, segment

struct OnPiece {
    std::uint32_t piece = 0;
    double offset_m = 0.0;
    Point at;
    double gap_m = std::numeric_limits<double>::infinity();
};

OnPiece nearest_on_segment(const RoadNetwork& network, std::uint32_t piece, std::uint32_t segment, Point p) {
    const auto line = network.line(piece);
    const Point a = line[segment];
    const Point b = line[segment + 1];
    const double t = nearest_fraction(p, a, b);
    OnPiece out;
    out.piece = piece;
    out.at = {a.x + t * (b.x - a.x), a.y + t * (b.y - a.y)};
    out.gap_m = straight_line_m(p, out.at);
    for (std::uint32_t s = 0; s < segment; ++s) {
        out.offset_m += straight_line_m(line[s], line[s + 1]);
    }
    out.offset_m = std::min(out.offset_m + straight_line_m(a, out.at), network.pieces[piece].length_m);
    return out;
}

// Distances along the roads from one node, up to a limit (a small Dijkstra on the pieces).
class BoundedSearch {
public:
    explicit BoundedSearch(const RoadNetwork& network) : network_(network), adjacent_(network.nodes.size()) {
        for (std::uint32_t p = 0; p < network.pieces.size(); ++p) {
            adjacent_[network.pieces[p].from].push_back(p);
            adjacent_[network.pieces[p].to].push_back(p);
        }
    }

    std::size_t degree(NodeId node) const { return adjacent_[node].size(); }
    const std::vector<std::uint32_t>& pieces_at(NodeId node) const { return adjacent_[node]; }

    // Node -> distance, for the nodes within `limit_m` of `from`.
    std::map<NodeId, double> run(NodeId from, double limit_m) const {
        std::map<NodeId, double> settled;
        using Item = std::pair<double, NodeId>;
        std::priority_queue<Item, std::vector<Item>, std::greater<>> queue;
        queue.push({0.0, from});
        while (!queue.empty()) {
            const auto [cost, node] = queue.top();
            queue.pop();
            if (settled.count(node)) {
                continue;
            }
            settled[node] = cost;
            for (const std::uint32_t p : adjacent_[node]) {
                const Piece& piece = network_.pieces[p];
                const NodeId next = piece.from == node ? piece.to : piece.from;
                const double reach = cost + piece.length_m;
                if (reach <= limit_m && !settled.count(next)) {
                    queue.push({reach, next});
                }
            }
        }
        return settled;
    }

private:
    const RoadNetwork& network_;
    std::vector<std::vector<std::uint32_t>> adjacent_;
};

}  // namespace

std::vector<NearMiss> find_near_misses(const RoadNetwork& network, const NearMissRule& rule) {
    std::vector<SegmentValue> values;
    for (std::uint32_t p = 0; p < network.pieces.size(); ++p) {
        const auto line = network.line(p);
        for (std::uint32_t s = 0; s + 1 < line.size(); ++s) {
            BgBox box(BgPoint(std::min(line[s].x, line[s + 1].x), std::min(line[s].y, line[s + 1].y)),
                      BgPoint(std::max(line[s].x, line[s + 1].x), std::max(line[s].y, line[s + 1].y)));
            values.push_back({box, {p, s}});
        }
    }
    const bgi::rtree<SegmentValue, bgi::rstar<16>> tree(values.begin(), values.end());
    const BoundedSearch search(network);

    std::vector<NearMiss> out;
    std::set<std::pair<NodeId, std::uint32_t>> joined;  // (dead end, the piece it joins)
    for (NodeId node = 0; node < network.nodes.size(); ++node) {
        if (search.degree(node) != 1) {
            continue;
        }
        const std::uint32_t own = search.pieces_at(node).front();
        const Point p = network.nodes[node];
        std::vector<SegmentValue> near;
        const BgBox window(BgPoint(p.x - rule.gap_m, p.y - rule.gap_m), BgPoint(p.x + rule.gap_m, p.y + rule.gap_m));
        tree.query(bgi::intersects(window), std::back_inserter(near));
        // The nearest point of each other piece within the gap, nearest first (ties by piece).
        std::map<std::uint32_t, OnPiece> best_per_piece;
        for (const auto& [box, ref] : near) {
            if (ref.first == own) {
                continue;
            }
            const OnPiece on = nearest_on_segment(network, ref.first, ref.second, p);
            auto& best = best_per_piece[ref.first];
            if (on.gap_m < best.gap_m) {
                best = on;
            }
        }
        std::vector<OnPiece> candidates;
        for (const auto& [piece, on] : best_per_piece) {
            if (on.gap_m <= rule.gap_m) {
                candidates.push_back(on);
            }
        }
        if (candidates.empty()) {
            continue;
        }
        std::sort(candidates.begin(), candidates.end(), [](const OnPiece& a, const OnPiece& b) {
            return std::tie(a.gap_m, a.piece) < std::tie(b.gap_m, b.piece);
        });
        // Only the nearest road counts: a dead end whose nearest road is a short way round is a cul-de-sac.
        const OnPiece& on = candidates.front();
        const Piece& target = network.pieces[on.piece];
        const double limit = on.gap_m + rule.min_detour_m;
        auto around_within = [&](double search_limit) {
            const auto reached = search.run(node, search_limit);
            double around = std::numeric_limits<double>::infinity();
            if (const auto f = reached.find(target.from); f != reached.end()) {
                around = std::min(around, f->second + on.offset_m);
            }
            if (const auto t = reached.find(target.to); t != reached.end()) {
                around = std::min(around, t->second + target.length_m - on.offset_m);
            }
            return around;
        };
        if (around_within(limit) <= limit) {
            continue;
        }
        // Two dead ends facing each other across the gap: one connector is enough.
        if (joined.count({target.from, own}) || joined.count({target.to, own})) {
            continue;
        }
        joined.insert({node, on.piece});
        const double around = around_within(rule.search_m);
        out.push_back({node, p, on.piece, on.offset_m, on.at, on.gap_m,
                       around <= rule.search_m ? around : std::numeric_limits<double>::infinity()});
    }
    return out;
}

RoadNetwork join_near_misses(const RoadNetwork& network, const std::vector<NearMiss>& near_misses) {
    // Rebuild from the pieces with explicit node names, splitting each joined piece
    // where a connector meets it; build_network then keeps every junction as it was.
    auto node_name = [](NodeId n) { return "n" + std::to_string(n); };
    std::map<std::uint32_t, std::vector<std::pair<double, std::string>>> splits;  // piece -> (offset, node)
    std::vector<Way> ways;
    std::vector<Way> connectors;
    std::map<NodeId, std::uint32_t> own_way;  // dead end -> the way of its one piece
    for (const NearMiss& miss : near_misses) {
        own_way[miss.dead_end] = 0;
    }
    for (const Piece& piece : network.pieces) {
        for (const NodeId end : {piece.from, piece.to}) {
            if (const auto found = own_way.find(end); found != own_way.end()) {
                found->second = piece.way;
            }
        }
    }
    for (std::size_t i = 0; i < near_misses.size(); ++i) {
        const NearMiss& miss = near_misses[i];
        const Piece& target = network.pieces[miss.piece];
        std::string meets;
        if (miss.offset_m <= node_tolerance_m) {
            meets = node_name(target.from);
        } else if (miss.offset_m >= target.length_m - node_tolerance_m) {
            meets = node_name(target.to);
        } else {
            meets = "j" + std::to_string(i);
            splits[miss.piece].emplace_back(miss.offset_m, meets);
        }
        // The connector takes the tags of the dead end's own road.
        Way connector = network.ways[own_way.at(miss.dead_end)];
        connector.line = {network.nodes[miss.dead_end], miss.at};
        connector.start_node = node_name(miss.dead_end);
        connector.end_node = meets;
        connector.source_id = "joined near miss " + std::to_string(i + 1);
        connectors.push_back(std::move(connector));
    }
    for (std::uint32_t p = 0; p < network.pieces.size(); ++p) {
        const Piece& piece = network.pieces[p];
        const auto line = network.line(p);
        auto cut = splits[p];
        if (cut.empty()) {
            Way way = network.ways[piece.way];
            way.line.assign(line.begin(), line.end());
            way.start_node = node_name(piece.from);
            way.end_node = node_name(piece.to);
            ways.push_back(std::move(way));
            continue;
        }
        std::sort(cut.begin(), cut.end());
        double from_m = 0.0;
        std::string from_node = node_name(piece.from);
        cut.emplace_back(piece.length_m, node_name(piece.to));
        for (const auto& [offset, name] : cut) {
            Way way = network.ways[piece.way];
            way.line = sub_line(line, from_m, offset);
            way.start_node = from_node;
            way.end_node = name;
            ways.push_back(std::move(way));
            from_m = offset;
            from_node = name;
        }
    }
    ways.insert(ways.end(), std::make_move_iterator(connectors.begin()), std::make_move_iterator(connectors.end()));
    RoadNetwork joined = build_network(std::move(ways));
    joined.stats.ways = network.stats.ways;
    joined.stats.zero_length_dropped += network.stats.zero_length_dropped;
    joined.stats.duplicates_dropped += network.stats.duplicates_dropped;
    return joined;
}

}  // namespace centrecov::network
