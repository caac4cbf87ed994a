#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "network/topology.hpp"

namespace centrecov::network {

// A 64-bit FNV-1a hash of a file's bytes: the cache's key for "the input is unchanged".
std::uint64_t hash_file(const std::filesystem::path& path);

// The built network as cache bytes: a header (magic, format version, the
// fingerprint of the code that reads and builds networks, the input's hash,
// the payload's size and checksum), then the payload, value by value.
std::string network_cache_bytes(const RoadNetwork& network, std::uint64_t input_hash);
void save_network(const std::filesystem::path& path, const RoadNetwork& network, std::uint64_t input_hash);

struct CacheRead {
    std::optional<RoadNetwork> network;  // only when every check passed
    std::string problem;                 // why not, when there was a cache to read ("damaged (...)")
};

// A cache is used only when it is whole (checksum, every index inside the
// network) and was written by this code from this input; anything else is
// reported and rebuilt by the caller, never trusted.
CacheRead read_network_cache(const std::string& bytes, std::uint64_t input_hash);
CacheRead load_network_cache(const std::filesystem::path& path, std::uint64_t input_hash);

}  // namespace centrecov::network
