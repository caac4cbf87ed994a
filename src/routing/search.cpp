#include "routing/search.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>

namespace centrecov::routing {

Cost from_units(double units) {
    if (!(units < static_cast<double>(max_cost) / 1000.0)) {
        return max_cost;  // infinity (no cutoff) included
    }
    return units <= 0.0 ? 0 : static_cast<Cost>(std::llround(units * 1000.0));
}

unsigned bucket_shift(const network::CsrGraph& graph, Metric metric) {
    // Arcs counted by the bit width of their cost: 0 for cost 0, k for costs in [2^(k-1), 2^k).
    std::array<std::size_t, 33> by_width{};
    Cost dearest = 0;
    const auto [first, last] = boost::edges(graph);
    for (auto arc = first; arc != last; ++arc) {
        const Cost cost = arc_cost(graph[*arc], metric);
        ++by_width[static_cast<std::size_t>(std::bit_width(cost))];
        dearest = std::max(dearest, cost);
    }
    const std::size_t arcs = boost::num_edges(graph);
    unsigned shift = 0;
    std::size_t cheaper = by_width[0];
    // Widen while the arcs cheaper than the next width are at most a twentieth.
    while (shift < 31 && (cheaper + by_width[shift + 1]) * 20 <= arcs) {
        cheaper += by_width[shift + 1];
        ++shift;
    }
    while ((dearest >> shift) >= (Cost{1} << 16U)) {
        ++shift;
    }
    return shift;
}

void Search::clear() {
    for (const network::NodeId node : touched_) {
        labels_[node] = Label{};
    }
    touched_.clear();
}

void Search::run(const network::CsrGraph& graph, std::span<const Seed> seeds, Metric metric, Cost cutoff,
                 unsigned shift) {
    const std::size_t n = boost::num_vertices(graph);
    if (labels_.size() < n) {
        labels_.resize(n);
    }
    clear();
    cutoff = cutoff > max_cost ? max_cost : cutoff;
    Cost least = max_cost;
    for (const Seed& seed : seeds) {
        least = std::min(least, seed.cost);
    }
    queue_.reset(shift, least);
    auto label = [&](network::NodeId node, Cost cost, std::uint32_t owner) {
        Label& current = labels_[node];
        if (cost < current.cost || (cost == current.cost && owner < current.owner)) {
            if (current.cost == no_cost) {
                touched_.push_back(node);
            }
            current = {cost, owner};
            queue_.push(cost, node);  // again if it was taken already: its arcs may now give less
        }
    };
    for (const Seed& seed : seeds) {
        if (seed.node < n && seed.cost <= cutoff) {
            label(seed.node, seed.cost, seed.owner);
        }
    }
    queue_.drain([&](network::NodeId node, std::uint64_t bucket) {
        const Cost cost = labels_[node].cost;
        if (queue_.bucket_of(cost) != bucket) {
            return;  // stale: its label has fallen to a lower bucket, where it was taken
        }
        const std::uint32_t owner = labels_[node].owner;
        const auto [first, last] = boost::out_edges(node, graph);
        for (auto arc = first; arc != last; ++arc) {
            const Cost next = add_costs(cost, arc_cost(graph[*arc], metric));
            if (next <= cutoff) {
                label(boost::target(*arc, graph), next, owner);
            }
        }
    });
}

}  // namespace centrecov::routing
