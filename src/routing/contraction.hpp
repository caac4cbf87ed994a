#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "network/graph.hpp"
#include "routing/search.hpp"

namespace centrecov::routing {

// A contraction hierarchy (Geisberger et al. 2008) over one metric, queried by
// PHAST (Delling et al. 2011): costs from seeds to every node by a small upward
// search and one sweep down the hierarchy in rank order, with no heap over the
// whole graph. For unbounded one-to-all costs from many sources (a full matrix).
// The program does not use it yet: its sweeps make a full matrix of 30,000 points
// by 100 sites on 300,000 nodes 4-5.5 times faster, but building it takes far longer than the sweeps it
// saves within one run, with or without a core left uncontracted (bench/README.md); it pays once
// hierarchies are kept with the network or built much faster.
class ContractionHierarchy {
public:
    // Contracts nodes lazily in order of edge difference plus contracted neighbours,
    // adding a shortcut wherever a witness search (bounded by `witness_settle_limit`
    // nodes) finds no path as short; a search stopped by the limit adds the shortcut,
    // which costs speed, never correctness.
    // Contraction stops when `core_nodes` are left: they keep their arcs among themselves
    // and every sweep searches them by Dijkstra. The top of a hierarchy is where contraction
    // costs most (each node there has many neighbours), so a core trades a little sweep
    // time for much less build time.
    ContractionHierarchy(const network::CsrGraph& forward, Metric metric, std::size_t witness_settle_limit = 200,
                         std::size_t core_nodes = 0);

    // costs[node]: the cost from the nearest seed (forward), or to it (towards_seeds).
    // no_cost where there is no way. `costs` is resized to the node count.
    void sweep(std::span<const Seed> seeds, bool towards_seeds, std::vector<Cost>& costs) const;

    std::size_t node_count() const { return rank_.size(); }
    std::size_t arc_count() const { return higher_out_.target.size() + higher_in_.target.size(); }
    std::size_t shortcut_count() const { return shortcuts_; }
    std::size_t core_count() const { return core_; }

private:
    struct Csr {
        std::vector<std::uint32_t> start;  // per position in rank order, + 1
        std::vector<std::uint32_t> target;  // a position (higher rank)
        std::vector<Cost> cost;
    };
    // Nodes are held by position: 0 is the most important (contracted last), so a sweep
    // down the hierarchy reads the arrays front to back.
    std::vector<std::uint32_t> rank_;   // node -> position
    std::vector<network::NodeId> node_;  // position -> node
    Csr higher_out_;  // arcs from a position to more important ones, as travelled
    Csr higher_in_;   // arcs into a position from more important ones (their source)
    std::size_t shortcuts_ = 0;
    std::size_t core_ = 0;  // positions [0, core_) are the uncontracted core
};

}  // namespace centrecov::routing
