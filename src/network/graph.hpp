#pragma once

#include <boost/graph/compressed_sparse_row_graph.hpp>

#include <cmath>
#include <cstdint>
#include <vector>

#include "network/profile.hpp"
#include "network/topology.hpp"

namespace centrecov::network {

// Travel costs are whole millimetres and milliseconds: sums are exact (so a
// route costs the same whichever way it is added up) and 4-byte labels and
// 8-byte heap items keep searches compact. 2^32 mm is 4,295 km; 2^32 ms is 49 days.
using Cost = std::uint32_t;

inline Cost millimetres(double metres) { return static_cast<Cost>(std::llround(metres * 1000.0)); }
// Milliseconds to travel `metres` at `kmh`.
inline Cost milliseconds(double metres, double kmh) {
    return static_cast<Cost>(std::llround(metres / (kmh / 3.6) * 1000.0));
}

// One direction of travel along a piece.
struct Arc {
    Cost millimetres = 0;
    Cost milliseconds = 0;
    std::uint32_t piece = 0;
};

using CsrGraph = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, Arc, boost::no_property,
                                                   std::uint32_t, std::uint32_t>;

// The network as one travel profile sees it: arcs in both directions of travel
// (and reversed, for searches towards a destination), and connected components.
struct Graph {
    Profile profile;
    CsrGraph forward;  // arcs as travelled
    CsrGraph reverse;  // the same arcs turned round
    std::vector<Profile::Access> access;  // per piece
    std::vector<std::uint32_t> component;  // per node (weakly connected, over usable pieces)
    std::vector<std::uint32_t> component_nodes;  // nodes per component
    std::uint32_t largest_component = 0;
    std::size_t road_components = 0;  // components holding a usable piece (a node alone is no part of the network)
    std::size_t usable_pieces = 0;
    std::size_t pieces_outside_largest = 0;

    std::size_t node_count() const { return boost::num_vertices(forward); }
    double share_outside_largest() const {
        return usable_pieces ? static_cast<double>(pieces_outside_largest) / static_cast<double>(usable_pieces) : 0.0;
    }
};

Graph build_graph(const RoadNetwork& network, const Profile& profile);

}  // namespace centrecov::network
