#pragma once

// Road-like test networks for benchmarks: a jittered grid of junctions, each
// joined to its east and north neighbours with a chance of a gap (cul-de-sacs,
// fields), a bend in most streets, and some one-way streets. Deterministic for
// a given seed and side.

#include <random>
#include <vector>

#include "network/topology.hpp"

namespace centrecov::bench {

inline network::RoadNetwork road_like_network(int side, std::uint64_t seed = 1) {
    std::mt19937_64 random(seed);
    auto uniform = [&](double lo, double hi) {
        return lo + (hi - lo) * static_cast<double>(random() >> 11) * (1.0 / 9007199254740992.0);
    };
    constexpr double spacing = 120.0;
    std::vector<Point> junctions;
    junctions.reserve(static_cast<std::size_t>(side) * static_cast<std::size_t>(side));
    for (int y = 0; y < side; ++y) {
        for (int x = 0; x < side; ++x) {
            junctions.push_back({100000.0 + spacing * x + uniform(-35, 35), 100000.0 + spacing * y + uniform(-35, 35)});
        }
    }
    std::vector<network::Way> ways;
    ways.reserve(junctions.size() * 2);
    auto join = [&](std::size_t a, std::size_t b) {
        if (uniform(0, 1) < 0.12) {
            return;  // a gap
        }
        network::Way way;
        const Point p = junctions[a];
        const Point q = junctions[b];
        way.line = {p, {(p.x + q.x) / 2 + uniform(-15, 15), (p.y + q.y) / 2 + uniform(-15, 15)}, q};
        const double r = uniform(0, 1);
        way.road_class = r < 0.7   ? network::RoadClass::residential
                         : r < 0.9 ? network::RoadClass::tertiary
                                   : network::RoadClass::primary;
        way.oneway = uniform(0, 1) < 0.05 ? network::OneWay::forward : network::OneWay::no;
        ways.push_back(std::move(way));
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
    return network::build_network(std::move(ways));
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
