#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/geometry.hpp"
#include "network/graph.hpp"

namespace centrecov::routing {

// An order in which to contract a graph's nodes for a customisable hierarchy, by nested
// dissection on the map (Bauer, Columbus, Rutter and Wagner's idea of cutting road networks
// by geometry, without their flow step): a region is cut at the median of one of four
// directions (east, north and the two diagonals), whichever needs the fewest nodes to
// separate its halves; those nodes come after everything in both halves, and each half is
// cut again. Few nodes separate the parts of a road network, so contracting in this order
// adds few arcs. Deterministic: ties are broken by node id.
//
// rank[node]: 0 is contracted first. `places` holds each node's position (node_count of them).
std::vector<std::uint32_t> nested_dissection_ranks(const network::CsrGraph& graph, std::span<const Point> places);

}  // namespace centrecov::routing
