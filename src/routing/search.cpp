#include "routing/search.hpp"

#include <cmath>

namespace centrecov::routing {

Cost from_units(double units) {
    if (!(units < static_cast<double>(max_cost) / 1000.0)) {
        return max_cost;  // infinity (no cutoff) included
    }
    return units <= 0.0 ? 0 : static_cast<Cost>(std::llround(units * 1000.0));
}

namespace {
constexpr std::uint64_t item(Cost cost, network::NodeId node) { return (std::uint64_t{cost} << 32U) | node; }
constexpr Cost item_cost(std::uint64_t item) { return static_cast<Cost>(item >> 32U); }
constexpr network::NodeId item_node(std::uint64_t item) { return static_cast<network::NodeId>(item & 0xFFFFFFFFU); }
}  // namespace

void Search::clear() {
    for (const network::NodeId node : touched_) {
        labels_[node] = Label{};
    }
    touched_.clear();
    heap_.clear();
}

// A 4-ary heap: shallower than a binary one, and a node's children share a cache line.
void Search::push(std::uint64_t value) {
    std::size_t at = heap_.size();
    heap_.push_back(value);
    while (at > 0) {
        const std::size_t parent = (at - 1) / 4;
        if (heap_[parent] <= value) {
            break;
        }
        heap_[at] = heap_[parent];
        at = parent;
    }
    heap_[at] = value;
}

std::uint64_t Search::pop() {
    const std::uint64_t top = heap_.front();
    const std::uint64_t last = heap_.back();
    heap_.pop_back();
    const std::size_t size = heap_.size();
    if (size == 0) {
        return top;
    }
    std::size_t at = 0;
    while (true) {
        const std::size_t first = 4 * at + 1;
        if (first >= size) {
            break;
        }
        std::size_t best = first;
        const std::size_t end = first + 4 < size ? first + 4 : size;
        for (std::size_t c = first + 1; c < end; ++c) {
            if (heap_[c] < heap_[best]) {
                best = c;
            }
        }
        if (heap_[best] >= last) {
            break;
        }
        heap_[at] = heap_[best];
        at = best;
    }
    heap_[at] = last;
    return top;
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
            push(item(cost, node));
        }
    };
    for (const Seed& seed : seeds) {
        if (seed.node < n && seed.cost <= cutoff) {
            label(seed.node, seed.cost, seed.owner);
        }
    }
    while (!heap_.empty()) {
        const std::uint64_t top = pop();
        const network::NodeId node = item_node(top);
        const Cost cost = item_cost(top);
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
