#include "routing/customisable_hierarchy.hpp"

#include <algorithm>

#include "routing/dissection.hpp"

namespace centrecov::routing {

CustomisableHierarchy::CustomisableHierarchy(const network::CsrGraph& forward, std::span<const Point> places,
                                             Metric metric)
    : position_(nested_dissection_ranks(forward, places)) {
    const std::size_t n = position_.size();

    // Which arcs: every arc of the graph, held by its lower end; then, lowest position first,
    // a node's higher neighbours made a clique by handing all but the lowest of them to the
    // lowest (its parent), which makes them its neighbours too.
    std::vector<std::vector<std::uint32_t>> higher(n);
    for (network::NodeId u = 0; u < n; ++u) {
        const auto [first, last] = boost::out_edges(u, forward);
        for (auto arc = first; arc != last; ++arc) {
            const std::uint32_t a = position_[u];
            const std::uint32_t b = position_[boost::target(*arc, forward)];
            if (a != b) {
                higher[std::min(a, b)].push_back(std::max(a, b));
            }
        }
    }
    parent_.assign(n, no_parent);
    first_.assign(n + 1, 0);
    for (std::size_t p = 0; p < n; ++p) {
        auto& list = higher[p];
        std::sort(list.begin(), list.end());
        list.erase(std::unique(list.begin(), list.end()), list.end());
        first_[p + 1] = first_[p] + static_cast<std::uint32_t>(list.size());
        if (!list.empty()) {
            parent_[p] = list.front();
            auto& above = higher[list.front()];
            above.insert(above.end(), list.begin() + 1, list.end());
        }
    }
    arcs_.resize(first_[n]);
    for (std::size_t p = 0; p < n; ++p) {
        for (std::size_t i = 0; i < higher[p].size(); ++i) {
            arcs_[first_[p] + i].head = higher[p][i];
        }
        std::vector<std::uint32_t>().swap(higher[p]);
    }

    // The arc from position a up to b (it exists: both ends of every lower triangle are joined).
    auto find = [&](std::uint32_t a, std::uint32_t b, std::uint32_t from) {
        const auto end = arcs_.begin() + first_[a + 1];
        return static_cast<std::uint32_t>(
            std::lower_bound(arcs_.begin() + from, end, b, [](const Arc& arc, std::uint32_t head) {
                return arc.head < head;
            }) - arcs_.begin());
    };

    // Costs: the graph's own arcs (the cheapest of parallel ones) ...
    for (network::NodeId u = 0; u < n; ++u) {
        const auto [first, last] = boost::out_edges(u, forward);
        for (auto arc = first; arc != last; ++arc) {
            const std::uint32_t a = position_[u];
            const std::uint32_t b = position_[boost::target(*arc, forward)];
            const Cost cost = arc_cost(forward[*arc], metric);
            if (a < b) {
                Arc& held = arcs_[find(a, b, first_[a])];
                held.up = std::min(held.up, cost);
            } else if (b < a) {
                Arc& held = arcs_[find(b, a, first_[b])];
                held.down = std::min(held.down, cost);
            }
        }
    }
    // ... then every way round a lower triangle, lowest node first, so the two arcs
    // of a triangle through p are final before they are used: x -> p -> y and y -> p -> x.
    for (std::size_t p = 0; p < n; ++p) {
        for (std::uint32_t i = first_[p]; i < first_[p + 1]; ++i) {
            const Arc to_x = arcs_[i];
            std::uint32_t from = first_[to_x.head];
            for (std::uint32_t j = i + 1; j < first_[p + 1]; ++j) {
                const Arc& to_y = arcs_[j];
                from = find(to_x.head, to_y.head, from);
                Arc& x_y = arcs_[from];
                x_y.up = std::min(x_y.up, add_costs(to_x.down, to_y.up));
                x_y.down = std::min(x_y.down, add_costs(to_y.down, to_x.up));
            }
        }
    }
}

void CustomisableHierarchy::sweep(std::span<const Seed> seeds, bool towards_seeds,
                                  std::vector<Cost>& by_position) const {
    const std::size_t n = position_.size();
    by_position.assign(n, no_cost);
    // Up: the seeds' ancestors, lowest first; every higher neighbour of a node is one of them.
    std::vector<std::uint32_t> climb;
    for (const Seed& seed : seeds) {
        if (seed.node >= n) {
            continue;
        }
        const std::uint32_t p = position_[seed.node];
        by_position[p] = std::min(by_position[p], seed.cost);
        for (std::uint32_t a = p; a != no_parent; a = parent_[a]) {
            climb.push_back(a);
        }
    }
    std::sort(climb.begin(), climb.end());
    climb.erase(std::unique(climb.begin(), climb.end()), climb.end());
    for (const std::uint32_t p : climb) {
        const Cost here = by_position[p];
        if (here == no_cost) {
            continue;
        }
        for (std::uint32_t i = first_[p]; i < first_[p + 1]; ++i) {
            const Arc& arc = arcs_[i];
            Cost& there = by_position[arc.head];
            there = std::min(there, add_costs(here, towards_seeds ? arc.down : arc.up));
        }
    }
    // Down: every node from the top, from its higher neighbours, which are final by then.
    for (std::size_t p = n; p-- > 0;) {
        Cost best = by_position[p];
        const Arc* arc = arcs_.data() + first_[p];
        const Arc* const end = arcs_.data() + first_[p + 1];
        if (towards_seeds) {
            for (; arc != end; ++arc) {
                best = std::min(best, add_costs(by_position[arc->head], arc->up));
            }
        } else {
            for (; arc != end; ++arc) {
                best = std::min(best, add_costs(by_position[arc->head], arc->down));
            }
        }
        by_position[p] = best;
    }
}

}  // namespace centrecov::routing
