#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "network/topology.hpp"

namespace centrecov::network {

struct LoadedNetwork {
    RoadNetwork network;
    std::filesystem::path source;
    bool from_cache = false;
};

// Reads and builds a road network, reusing a cache in `cache_directory` (when
// given) if the input file is unchanged.
LoadedNetwork load_road_network(const std::filesystem::path& path,
                                const std::optional<std::filesystem::path>& cache_directory);

}  // namespace centrecov::network
