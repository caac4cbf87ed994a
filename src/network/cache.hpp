#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>

#include "network/topology.hpp"

namespace centrecov::network {

// A 64-bit FNV-1a hash of a file's bytes: the cache's key for "the input is unchanged".
std::uint64_t hash_file(const std::filesystem::path& path);

// The built network saved in a binary file beside the outputs. A cache file
// is used only when its format version and input hash match; otherwise it is
// ignored (and rebuilt by the caller).
void save_network(const std::filesystem::path& path, const RoadNetwork& network, std::uint64_t input_hash);
std::optional<RoadNetwork> load_network_cache(const std::filesystem::path& path, std::uint64_t input_hash);

}  // namespace centrecov::network
