#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/geometry.hpp"
#include "network/graph.hpp"
#include "routing/search.hpp"

namespace centrecov::routing {

// A customisable contraction hierarchy (Dibbelt, Strasser and Wagner 2016) for one metric,
// queried by elimination-tree PHAST sweeps: the costs from (or to) a set of seeds at every
// node, by a walk up the seeds' ancestors and one pass down through all nodes in order, with
// no heap. For unbounded one-to-all costs from many points (a full matrix).
//
// Built in three steps, each linear or close to it in the size of the result: an order by
// nested dissection on the nodes' places (routing/dissection.hpp); the arcs that contracting
// in that order needs (each node's higher neighbours made a clique), found without looking
// at costs; then the costs, by relaxing every lower triangle once, bottom up.
//
// Measured, not used by the program (bench/README.md): on the Isle of Wight's real roads
// it builds in 14 ms and sweeps 6 times faster than searches, but building it costs more
// than plain searches with a bucket queue take for 100 sources; on the Norfolk-sized grid
// its separators are a whole row of junctions, so it holds 9.3 M arcs and takes 23 s to build.
class CustomisableHierarchy {
public:
    CustomisableHierarchy(const network::CsrGraph& forward, std::span<const Point> places, Metric metric);

    // by_position[position(node)]: the cost from the nearest seed (forward) or to it
    // (towards_seeds); no_cost where there is no way. Resized to the node count. Indexed by
    // position, not node, so a sweep writes its result without a scatter.
    void sweep(std::span<const Seed> seeds, bool towards_seeds, std::vector<Cost>& by_position) const;

    std::uint32_t position(network::NodeId node) const { return position_[node]; }
    std::size_t node_count() const { return position_.size(); }
    // Arcs of the hierarchy, each in both directions (the graph's own and the added ones).
    std::size_t arc_count() const { return arcs_.size(); }

private:
    // An arc from a position to a higher one, with the cost of travelling up it and down it.
    struct Arc {
        std::uint32_t head = 0;
        Cost up = no_cost;
        Cost down = no_cost;
    };
    static constexpr std::uint32_t no_parent = UINT32_MAX;

    std::vector<std::uint32_t> position_;  // node -> position (its rank: 0 contracted first)
    std::vector<std::uint32_t> first_;     // per position, + 1: its arcs in arcs_, by head
    std::vector<Arc> arcs_;
    std::vector<std::uint32_t> parent_;  // per position: its lowest higher neighbour (elimination tree)
};

}  // namespace centrecov::routing
