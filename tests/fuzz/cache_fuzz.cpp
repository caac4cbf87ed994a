// The network cache: any bytes are a network that passed every check, or a problem; never a crash.
#include <string>

#include "network/cache.hpp"
#include "network/graph.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace centrecov;
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    const auto read = network::read_network_cache(bytes, 42);
    if (read.network) {
        // What passed the checks must be safe to build a graph from.
        (void)network::build_graph(*read.network, network::walk_profile());
    }
    return 0;
}
