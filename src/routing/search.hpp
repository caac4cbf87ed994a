#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "network/graph.hpp"
#include "routing/radix_heap.hpp"

namespace centrecov::routing {

enum class Metric { metres, seconds };

using network::Cost;
// No label: the node was not reached (or lies beyond the cutoff).
inline constexpr Cost no_cost = UINT32_MAX;
// The most a label can hold; a route that would cost more is treated as having no way
// (4,295 km or 49 days, beyond any trip this program measures).
inline constexpr Cost max_cost = UINT32_MAX - 1;
inline constexpr std::uint32_t no_owner = UINT32_MAX;

// Adds without wrapping round: a sum past max_cost is no_cost.
inline Cost add_costs(Cost a, Cost b) {
    const std::uint64_t sum = std::uint64_t{a} + std::uint64_t{b};
    return sum > max_cost ? no_cost : static_cast<Cost>(sum);
}

inline Cost arc_cost(const network::Arc& arc, Metric metric) {
    return metric == Metric::metres ? arc.millimetres : arc.milliseconds;
}

// Metres or seconds from a cost.
inline double to_units(Cost cost) { return static_cast<double>(cost) / 1000.0; }
// The cost of `units` metres or seconds, rounded to the millimetre or millisecond; past max_cost is max_cost.
Cost from_units(double units);

// Where a search starts: a node reached at `cost` on behalf of source `owner`.
struct Seed {
    network::NodeId node = 0;
    Cost cost = 0;
    std::uint32_t owner = 0;
};

// Dijkstra's algorithm from one or many seeds over a CSR graph, keeping its
// arrays between runs: each run first clears only the labels the previous one
// set, so a search bounded by a cutoff costs what it reaches, not the size of
// the graph. One Search per thread; it is not safe to share.
//
// Labels are (cost, owner) pairs compared in that order, so where two seeds
// reach a node at the same cost it goes to the smaller owner, and the labels
// depend only on the inputs (not on the order of arcs or seeds).
class Search {
public:
    Search() = default;

    // Labels every node reachable within `cutoff` (inclusive).
    void run(const network::CsrGraph& graph, std::span<const Seed> seeds, Metric metric, Cost cutoff = max_cost);

    bool reached(network::NodeId node) const { return node < labels_.size() && labels_[node].cost != no_cost; }
    Cost cost(network::NodeId node) const { return node < labels_.size() ? labels_[node].cost : no_cost; }
    std::uint32_t owner(network::NodeId node) const { return node < labels_.size() ? labels_[node].owner : no_owner; }
    // Every node the last run labelled, each once.
    std::span<const network::NodeId> reached_nodes() const { return touched_; }

private:
    void clear();

    // Cost and owner side by side: one cache line read per arc relaxed, which is most
    // of a search's time on a large graph.
    struct Label {
        Cost cost = no_cost;
        std::uint32_t owner = no_owner;
    };
    std::vector<Label> labels_;
    std::vector<network::NodeId> touched_;
    RadixHeap queue_;  // (cost, node); stale items are skipped
};

}  // namespace centrecov::routing
