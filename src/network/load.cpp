#include "network/load.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "network/cache.hpp"

namespace centrecov::network {

LoadedNetwork load_road_network(const std::filesystem::path& path,
                                const std::optional<std::filesystem::path>& cache_directory) {
    LoadedNetwork loaded;
    loaded.source = path;
    std::optional<std::filesystem::path> cache_file;
    std::uint64_t hash = 0;
    if (cache_directory) {
        hash = hash_file(path);
        cache_file = *cache_directory / fmt::format("network-{:016x}.bin", hash);
        auto cached = load_network_cache(*cache_file, hash);
        if (cached.network) {
            spdlog::info("road network: reusing {} (input unchanged)", cache_file->string());
            loaded.network = std::move(*cached.network);
            loaded.from_cache = true;
            return loaded;
        }
        if (!cached.problem.empty()) {
            spdlog::warn("road network: the cache {} is {}; rebuilding it", cache_file->string(), cached.problem);
        }
    }
    spdlog::info("road network: reading {}", path.string());
    WaySource source = read_ways(path);
    spdlog::info("road network: {} roads of {} lines; building the graph", source.ways.size(), source.features_read);
    if (source.multi_part > 0) {
        spdlog::info("road network: lines in several parts, each part kept as a road: {} lines, {} roads",
                     source.multi_part, source.parts_from_multi_part);
    }
    loaded.network = build_network(std::move(source.ways));
    if (cache_file) {
        save_network(*cache_file, loaded.network, hash);
    }
    return loaded;
}

}  // namespace centrecov::network
