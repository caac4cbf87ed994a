#pragma once

// Road-like test networks for benchmarks: a jittered grid of junctions, each
// joined to its east and north neighbours with a chance of a gap (cul-de-sacs,
// fields), a bend in most streets, and some one-way streets. Deterministic for
// a given seed and side.

#include <random>
#include <vector>

#include "network/topology.hpp"

namespace centrecov::bench {

inline constexpr double road_like_spacing_m = 120.0;

// Calls link(a, b, bend, road_class, oneway) for every street between junctions a and b.
template <typename Link>
std::vector<Point> road_like_layout(int side, std::uint64_t seed, Link link) {
    std::mt19937_64 random(seed);
    auto uniform = [&](double lo, double hi) {
        return lo + (hi - lo) * static_cast<double>(random() >> 11) * (1.0 / 9007199254740992.0);
    };
    std::vector<Point> junctions;
    junctions.reserve(static_cast<std::size_t>(side) * static_cast<std::size_t>(side));
    for (int y = 0; y < side; ++y) {
        for (int x = 0; x < side; ++x) {
            junctions.push_back({100000.0 + road_like_spacing_m * x + uniform(-35, 35),
                                 100000.0 + road_like_spacing_m * y + uniform(-35, 35)});
        }
    }
    auto join = [&](std::size_t a, std::size_t b) {
        if (uniform(0, 1) < 0.12) {
            return;  // a gap
        }
        const Point p = junctions[a];
        const Point q = junctions[b];
        const Point bend{(p.x + q.x) / 2 + uniform(-15, 15), (p.y + q.y) / 2 + uniform(-15, 15)};
        const double r = uniform(0, 1);
        const auto road_class = r < 0.7   ? network::RoadClass::residential
                                : r < 0.9 ? network::RoadClass::tertiary
                                          : network::RoadClass::primary;
        const auto oneway = uniform(0, 1) < 0.05 ? network::OneWay::forward : network::OneWay::no;
        link(a, b, bend, road_class, oneway);
    };
    const auto n = static_cast<std::size_t>(side);
    for (std::size_t y = 0; y < n; ++y) {
        for (std::size_t x = 0; x < n; ++x) {
            if (x + 1 < n) {
                join(y * n + x, y * n + x + 1);
            }
            if (y + 1 < n) {
                join(y * n + x, (y + 1) * n + x);
            }
        }
    }
    return junctions;
}

// Through the program's own path: lines noded by build_network, as real data is.
inline network::RoadNetwork road_like_network(int side, std::uint64_t seed = 1) {
    std::vector<network::Way> ways;
    std::vector<std::pair<std::size_t, std::size_t>> ends;
    std::vector<Point> bends;
    std::vector<network::Way> tags;
    const auto junctions = road_like_layout(
        side, seed, [&](std::size_t a, std::size_t b, Point bend, network::RoadClass road_class, network::OneWay oneway) {
            network::Way way;
            way.road_class = road_class;
            way.oneway = oneway;
            ways.push_back(std::move(way));
            ends.emplace_back(a, b);
            bends.push_back(bend);
        });
    for (std::size_t w = 0; w < ways.size(); ++w) {
        ways[w].line = {junctions[ends[w].first], bends[w], junctions[ends[w].second]};
    }
    return network::build_network(std::move(ways));
}

// Straight into the network's arrays, without noding: junction i is node i and
// every street one piece. For national sizes, where noding 20 million lines'
// vertices is not what is being measured.
inline network::RoadNetwork road_like_network_direct(int side, std::uint64_t seed = 1) {
    network::RoadNetwork network;
    // One tag record per kind of street: class x one-way.
    for (const auto road_class :
         {network::RoadClass::residential, network::RoadClass::tertiary, network::RoadClass::primary}) {
        for (const auto oneway : {network::OneWay::no, network::OneWay::forward}) {
            network::Way way;
            way.road_class = road_class;
            way.oneway = oneway;
            network.ways.push_back(way);
        }
    }
    auto tag_index = [](network::RoadClass road_class, network::OneWay oneway) {
        const std::uint32_t c = road_class == network::RoadClass::residential ? 0 : road_class == network::RoadClass::tertiary ? 1 : 2;
        return 2 * c + (oneway == network::OneWay::no ? 0U : 1U);
    };
    const std::size_t expected = 2 * static_cast<std::size_t>(side) * static_cast<std::size_t>(side);
    network.pieces.reserve(expected);
    network.shape.reserve(3 * expected);
    network.shape_start.reserve(expected + 1);
    network.shape_start.push_back(0);
    std::vector<std::pair<std::uint32_t, std::uint32_t>> ends;
    network.nodes = road_like_layout(
        side, seed, [&](std::size_t a, std::size_t b, Point bend, network::RoadClass road_class, network::OneWay oneway) {
            network.pieces.push_back({static_cast<network::NodeId>(a), static_cast<network::NodeId>(b),
                                      tag_index(road_class, oneway), 0.0});
            network.shape.push_back({});  // the junctions' places are known once the layout is done
            network.shape.push_back(bend);
            network.shape.push_back({});
            network.shape_start.push_back(static_cast<std::uint32_t>(network.shape.size()));
        });
    for (std::size_t p = 0; p < network.pieces.size(); ++p) {
        auto& piece = network.pieces[p];
        const std::size_t s = network.shape_start[p];
        network.shape[s] = network.nodes[piece.from];
        network.shape[s + 2] = network.nodes[piece.to];
        piece.length_m = straight_line_m(network.shape[s], network.shape[s + 1]) +
                         straight_line_m(network.shape[s + 1], network.shape[s + 2]);
    }
    network.stats.pieces = network.pieces.size();
    network.stats.nodes = network.nodes.size();
    return network;
}

// The same `count` source junctions for every tool: spread evenly through the node list.
inline std::vector<network::NodeId> benchmark_sources(std::size_t nodes, std::size_t count) {
    std::vector<network::NodeId> sources;
    for (std::size_t i = 0; i < count; ++i) {
        sources.push_back(static_cast<network::NodeId>((i * nodes) / count + (nodes / count) / 2));
    }
    return sources;
}

}  // namespace centrecov::bench
