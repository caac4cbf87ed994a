#pragma once

// Random road networks for the routing tests.

#include <random>
#include <vector>

#include "network/topology.hpp"

namespace centrecov::test {

// A random road-like graph: points 100 m apart on a jittered grid, each joined to its east and
// north neighbours four times in five, one street in five one-way. The same for a seed and side.
inline network::RoadNetwork random_network(std::uint64_t seed, int side) {
    std::mt19937_64 random(seed);
    std::uniform_real_distribution<double> jitter(-30.0, 30.0);
    std::bernoulli_distribution keep(0.8);
    std::bernoulli_distribution one_way(0.2);
    std::vector<Point> points;
    for (int y = 0; y < side; ++y) {
        for (int x = 0; x < side; ++x) {
            points.push_back({500000.0 + 100.0 * x + jitter(random), 200000.0 + 100.0 * y + jitter(random)});
        }
    }
    std::vector<network::Way> ways;
    auto add = [&](int a, int b) {
        if (!keep(random)) {
            return;
        }
        network::Way way;
        way.line = {points[static_cast<std::size_t>(a)], points[static_cast<std::size_t>(b)]};
        way.road_class = network::RoadClass::residential;
        way.oneway = one_way(random) ? network::OneWay::forward : network::OneWay::no;
        ways.push_back(way);
    };
    for (int y = 0; y < side; ++y) {
        for (int x = 0; x < side; ++x) {
            if (x + 1 < side) {
                add(y * side + x, y * side + x + 1);
            }
            if (y + 1 < side) {
                add(y * side + x, (y + 1) * side + x);
            }
        }
    }
    return network::build_network(std::move(ways));
}

}  // namespace centrecov::test
