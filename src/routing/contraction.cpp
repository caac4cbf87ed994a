#include "routing/contraction.hpp"

#include <algorithm>
#include <queue>

#include "routing/radix_heap.hpp"

namespace centrecov::routing {

namespace {

struct Edge {
    network::NodeId other = 0;
    Cost cost = 0;
};

// The graph while it is contracted: live arcs out of and into every node.
struct Dynamic {
    std::vector<std::vector<Edge>> out;
    std::vector<std::vector<Edge>> in;
    std::vector<char> contracted;

    // Adds u -> v at `cost`, or lowers an existing one; false when an arc as cheap was there.
    bool add(network::NodeId u, network::NodeId v, Cost cost) {
        for (auto& e : out[u]) {
            if (e.other == v) {
                if (e.cost <= cost) {
                    return false;
                }
                e.cost = cost;
                for (auto& f : in[v]) {
                    if (f.other == u) {
                        f.cost = cost;
                    }
                }
                return true;
            }
        }
        out[u].push_back({v, cost});
        in[v].push_back({u, cost});
        return true;
    }
};

// Dijkstra among live nodes, skipping one, stopping at a cost or a number of settled nodes.
class WitnessSearch {
public:
    explicit WitnessSearch(std::size_t n) : cost_(n, no_cost) {}

    void run(const Dynamic& g, network::NodeId from, network::NodeId skip, Cost limit, std::size_t settle_limit) {
        for (const auto node : touched_) {
            cost_[node] = no_cost;
        }
        touched_.clear();
        using Item = std::pair<Cost, network::NodeId>;
        std::priority_queue<Item, std::vector<Item>, std::greater<>> heap;
        cost_[from] = 0;
        touched_.push_back(from);
        heap.emplace(0, from);
        std::size_t settled = 0;
        while (!heap.empty()) {
            const auto [cost, node] = heap.top();
            heap.pop();
            if (cost != cost_[node]) {
                continue;
            }
            if (cost > limit || ++settled > settle_limit) {
                break;
            }
            for (const auto& e : g.out[node]) {
                if (e.other == skip || g.contracted[e.other]) {
                    continue;
                }
                const Cost next = add_costs(cost, e.cost);
                if (next < cost_[e.other]) {
                    if (cost_[e.other] == no_cost) {
                        touched_.push_back(e.other);
                    }
                    cost_[e.other] = next;
                    heap.emplace(next, e.other);
                }
            }
        }
    }
    Cost cost(network::NodeId node) const { return cost_[node]; }

private:
    std::vector<Cost> cost_;
    std::vector<network::NodeId> touched_;
};

// Shortcuts contracting v would add (added when `apply`), given witness searches.
std::size_t contract(Dynamic& g, network::NodeId v, WitnessSearch& witness, std::size_t settle_limit, bool apply) {
    std::size_t shortcuts = 0;
    Cost longest_out = 0;
    for (const auto& e : g.out[v]) {
        if (!g.contracted[e.other]) {
            longest_out = std::max(longest_out, e.cost);
        }
    }
    for (const auto& in : g.in[v]) {
        const network::NodeId u = in.other;
        if (g.contracted[u]) {
            continue;
        }
        witness.run(g, u, v, add_costs(in.cost, longest_out), settle_limit);
        for (const auto& out : g.out[v]) {
            const network::NodeId x = out.other;
            if (g.contracted[x] || x == u) {
                continue;
            }
            const Cost via = add_costs(in.cost, out.cost);
            if (via == no_cost || witness.cost(x) <= via) {
                continue;  // a path as short avoids v (or the sum is past what a cost holds)
            }
            ++shortcuts;
            if (apply) {
                g.add(u, x, via);
            }
        }
    }
    return shortcuts;
}

// Importance: the shortcuts contracting v would add less the arcs it would remove, plus how many
// neighbours are gone (spreads contraction over the graph). Estimated with short witness searches.
long priority(Dynamic& g, network::NodeId v, WitnessSearch& witness, const std::vector<std::uint32_t>& contracted_neighbours) {
    constexpr std::size_t estimate_settle_limit = 32;
    long live = 0;
    for (const auto* list : {&g.out[v], &g.in[v]}) {
        for (const auto& e : *list) {
            live += g.contracted[e.other] ? 0 : 1;
        }
    }
    const auto added = static_cast<long>(contract(g, v, witness, estimate_settle_limit, false));
    return added - live + 2 * static_cast<long>(contracted_neighbours[v]);
}

}  // namespace

ContractionHierarchy::ContractionHierarchy(const network::CsrGraph& forward, Metric metric,
                                           std::size_t witness_settle_limit, std::size_t core_nodes) {
    const std::size_t n = boost::num_vertices(forward);
    Dynamic g;
    g.out.resize(n);
    g.in.resize(n);
    g.contracted.assign(n, 0);
    for (network::NodeId u = 0; u < n; ++u) {
        const auto [first, last] = boost::out_edges(u, forward);
        for (auto arc = first; arc != last; ++arc) {
            const network::NodeId v = boost::target(*arc, forward);
            if (v != u) {
                g.add(u, v, arc_cost(forward[*arc], metric));
            }
        }
    }
    WitnessSearch witness(n);
    std::vector<std::uint32_t> contracted_neighbours(n, 0);
    using Item = std::pair<long, network::NodeId>;
    std::priority_queue<Item, std::vector<Item>, std::greater<>> queue;
    for (network::NodeId v = 0; v < n; ++v) {
        queue.emplace(priority(g, v, witness, contracted_neighbours), v);
    }
    // Positions are given from the back: the first contracted is the least important.
    rank_.assign(n, 0);
    node_.assign(n, 0);
    std::vector<std::vector<Edge>> up_out(n);  // by node, to nodes contracted later
    std::vector<std::vector<Edge>> up_in(n);
    std::size_t next = n;
    while (!queue.empty() && next > core_nodes) {
        const auto [stale, v] = queue.top();
        queue.pop();
        if (g.contracted[v]) {
            continue;
        }
        const long now = priority(g, v, witness, contracted_neighbours);
        if (!queue.empty() && now > queue.top().first) {
            queue.emplace(now, v);  // lazy update: no longer the least important
            continue;
        }
        shortcuts_ += contract(g, v, witness, witness_settle_limit, true);
        for (const auto& e : g.out[v]) {
            if (!g.contracted[e.other]) {
                up_out[v].push_back(e);
                ++contracted_neighbours[e.other];
            }
        }
        for (const auto& e : g.in[v]) {
            if (!g.contracted[e.other]) {
                up_in[v].push_back(e);
                ++contracted_neighbours[e.other];
            }
        }
        g.contracted[v] = 1;
        --next;
        rank_[v] = static_cast<std::uint32_t>(next);
        node_[next] = v;
    }
    // The core: what is left uncontracted keeps all its arcs among itself, searched by Dijkstra
    // in every sweep, in node order ahead of the contracted nodes.
    core_ = next;
    std::size_t position = 0;
    for (network::NodeId v = 0; v < n; ++v) {
        if (g.contracted[v]) {
            continue;
        }
        for (const auto& e : g.out[v]) {
            if (!g.contracted[e.other]) {
                up_out[v].push_back(e);
            }
        }
        for (const auto& e : g.in[v]) {
            if (!g.contracted[e.other]) {
                up_in[v].push_back(e);
            }
        }
        rank_[v] = static_cast<std::uint32_t>(position);
        node_[position] = v;
        ++position;
    }
    auto pack = [&](const std::vector<std::vector<Edge>>& lists, Csr& csr) {
        csr.start.assign(n + 1, 0);
        for (std::size_t p = 0; p < n; ++p) {
            csr.start[p + 1] = csr.start[p] + static_cast<std::uint32_t>(lists[node_[p]].size());
        }
        csr.target.reserve(csr.start[n]);
        csr.cost.reserve(csr.start[n]);
        for (std::size_t p = 0; p < n; ++p) {
            for (const auto& e : lists[node_[p]]) {
                csr.target.push_back(rank_[e.other]);
                csr.cost.push_back(e.cost);
            }
        }
    };
    pack(up_out, higher_out_);
    pack(up_in, higher_in_);
}

void ContractionHierarchy::sweep(std::span<const Seed> seeds, bool towards_seeds, std::vector<Cost>& costs) const {
    const std::size_t n = rank_.size();
    std::vector<Cost> at(n, no_cost);  // by position
    // Upward: from the seeds to more important nodes only (into them, searching towards the seeds).
    const Csr& up = towards_seeds ? higher_in_ : higher_out_;
    RadixHeap heap;
    for (const Seed& seed : seeds) {
        const std::uint32_t p = rank_[seed.node];
        if (seed.cost < at[p]) {
            at[p] = seed.cost;
            heap.push(seed.cost, p);
        }
    }
    while (!heap.empty()) {
        const std::uint64_t top = heap.pop();
        const std::uint32_t p = RadixHeap::value_of(top);
        const Cost cost = RadixHeap::key_of(top);
        if (cost != at[p]) {
            continue;
        }
        for (std::uint32_t k = up.start[p]; k < up.start[p + 1]; ++k) {
            const Cost next = add_costs(cost, up.cost[k]);
            if (next < at[up.target[k]]) {
                at[up.target[k]] = next;
                heap.push(next, up.target[k]);
            }
        }
    }
    // Down: every node in order of importance takes the best over its arcs from (or to) more
    // important ones, which are final by then.
    const Csr& down = towards_seeds ? higher_out_ : higher_in_;
    for (auto p = static_cast<std::uint32_t>(core_); p < n; ++p) {
        Cost best = at[p];
        for (std::uint32_t k = down.start[p]; k < down.start[p + 1]; ++k) {
            best = std::min(best, add_costs(at[down.target[k]], down.cost[k]));
        }
        at[p] = best;
    }
    costs.resize(n);
    for (std::size_t v = 0; v < n; ++v) {
        costs[v] = at[rank_[v]];
    }
}

}  // namespace centrecov::routing
