#include "routing/search.hpp"

#include <cmath>

namespace centrecov::routing {

Cost from_units(double units) {
    if (!(units < static_cast<double>(max_cost) / 1000.0)) {
        return max_cost;  // infinity (no cutoff) included
    }
    return units <= 0.0 ? 0 : static_cast<Cost>(std::llround(units * 1000.0));
}

void Search::clear() {
    for (const network::NodeId node : touched_) {
        labels_[node] = Label{};
    }
    touched_.clear();
    queue_.clear();
}

void Search::run(const network::CsrGraph& graph, std::span<const Seed> seeds, Metric metric, Cost cutoff) {
    const std::size_t n = boost::num_vertices(graph);
    if (labels_.size() < n) {
        labels_.resize(n);
    }
    clear();
    cutoff = cutoff > max_cost ? max_cost : cutoff;
    auto label = [&](network::NodeId node, Cost cost, std::uint32_t owner) {
        Label& current = labels_[node];
        if (cost < current.cost || (cost == current.cost && owner < current.owner)) {
            if (current.cost == no_cost) {
                touched_.push_back(node);
            }
            current = {cost, owner};
            queue_.push(cost, node);
        }
    };
    for (const Seed& seed : seeds) {
        if (seed.node < n && seed.cost <= cutoff) {
            label(seed.node, seed.cost, seed.owner);
        }
    }
    while (!queue_.empty()) {
        const std::uint64_t top = queue_.pop();
        const network::NodeId node = RadixHeap::value_of(top);
        const Cost cost = RadixHeap::key_of(top);
        if (cost != labels_[node].cost) {
            continue;  // a stale item
        }
        const std::uint32_t owner = labels_[node].owner;
        const auto [first, last] = boost::out_edges(node, graph);
        for (auto arc = first; arc != last; ++arc) {
            const Cost next = add_costs(cost, arc_cost(graph[*arc], metric));
            if (next <= cutoff) {
                label(boost::target(*arc, graph), next, owner);
            }
        }
    }
}

}  // namespace centrecov::routing
