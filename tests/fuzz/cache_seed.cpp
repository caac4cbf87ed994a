// Writes a real network cache (a small drawn town) for the cache harness to start from.
#include <fstream>

#include "network/cache.hpp"
#include "network/topology.hpp"

int main(int argc, char** argv) {
    using namespace centrecov::network;
    if (argc != 2) {
        return 2;
    }
    std::vector<Way> ways(2);
    ways[0].line = {{600000, 300000}, {600100, 300000}, {600200, 300000}};
    ways[0].road_class = RoadClass::residential;
    ways[1].line = {{600100, 300000}, {600100, 300150}};
    ways[1].road_class = RoadClass::footway;
    ways[1].maxspeed_kmh = 30.0;
    std::ofstream(argv[1], std::ios::binary) << network_cache_bytes(build_network(std::move(ways)), 42);
    return 0;
}
