#pragma once

#include <boost/graph/compressed_sparse_row_graph.hpp>

#include <cstdint>
#include <vector>

#include "network/profile.hpp"
#include "network/topology.hpp"

namespace centrecov::network {

// One direction of travel along a piece.
struct Arc {
    float metres = 0.0F;
    float seconds = 0.0F;
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
