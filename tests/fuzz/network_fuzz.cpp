// The road-network reader (OpenStreetMap XML through GDAL's OSM driver), noding and
// the near-miss search: any bytes give a network or an InputError, never a crash.
#include "core/error.hpp"
#include "fuzz/fuzz_support.hpp"
#include "network/near_miss.hpp"
#include "network/topology.hpp"
#include "network/ways.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace centrecov;
    try {
        auto source = network::read_ways(fuzz::input_file(data, size, "n.osm"));
        const auto network = network::build_network(std::move(source.ways));
        const auto misses = network::find_near_misses(network);
        (void)network::join_near_misses(network, misses);
    } catch (const InputError&) {
    }
    return 0;
}
