#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "network/graph.hpp"

namespace centrecov::routing {

// Network distance over straight-line distance, measured on sampled pairs of
// junctions in the network's largest connected part.
struct Calibration {
    std::string profile;
    std::size_t pairs = 0;
    double min_pair_m = 0.0;
    double max_pair_m = 0.0;
    double median = 0.0;
    double mean = 0.0;
    double p10 = 0.0;
    double p90 = 0.0;
    std::vector<double> quantiles;  // every 5th percentile, 0 to 100
};

// Deterministic for a given seed. Throws std::runtime_error when the network is too small to sample.
Calibration calibrate(const network::RoadNetwork& network, const network::Graph& graph, std::size_t pairs,
                      std::uint64_t seed = 1, double min_pair_m = 1000.0, double max_pair_m = 20000.0);

}  // namespace centrecov::routing
