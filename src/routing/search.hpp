#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "network/graph.hpp"
#include "routing/bucket_queue.hpp"

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

// The bucket width (a power of two, as its exponent) for searches over `graph` by `metric`:
// the largest no more than the cost of the cheapest twentieth of its arcs, so a node is
// seldom taken twice, and wide enough that the dearest arc spans at most 2^16 buckets.
unsigned bucket_shift(const network::CsrGraph& graph, Metric metric);

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
// Its queue is a bucket queue (routing/bucket_queue.hpp): nodes are taken bucket by
// bucket and a node whose label falls after it was taken is taken again, so the labels
// are exactly Dijkstra's while the queue costs next to nothing.
//
// Labels are (cost, owner) pairs compared in that order, so where two seeds
// reach a node at the same cost it goes to the smaller owner, and the labels
// depend only on the inputs (not on the order of arcs or seeds).
class Search {
public:
    Search() = default;

    // Labels every node reachable within `cutoff` (inclusive). `shift` is the queue's bucket
    // width for this graph and metric (bucket_shift): any width gives the same labels, a
    // fitting one gives them soonest. Work it out once per graph, not once per search.
    void run(const network::CsrGraph& graph, std::span<const Seed> seeds, Metric metric, Cost cutoff,
             unsigned shift);
    // The same, working the width out first (a pass over every arc): for one-off searches.
    void run(const network::CsrGraph& graph, std::span<const Seed> seeds, Metric metric, Cost cutoff = max_cost) {
        run(graph, seeds, metric, cutoff, bucket_shift(graph, metric));
    }

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
    BucketQueue queue_;  // nodes by cost; stale entries are skipped
};

}  // namespace centrecov::routing
