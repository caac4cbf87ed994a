#include "routing/dissection.hpp"

#include <algorithm>
#include <limits>

namespace centrecov::routing {

namespace {

// Every node's neighbours whichever way the arcs run (a neighbour may appear twice).
struct Neighbours {
    std::vector<std::uint32_t> start;
    std::vector<network::NodeId> node;

    std::span<const network::NodeId> of(network::NodeId n) const {
        return {node.data() + start[n], node.data() + start[n + 1]};
    }
};

Neighbours neighbours_of(const network::CsrGraph& graph) {
    const std::size_t n = boost::num_vertices(graph);
    Neighbours out;
    out.start.assign(n + 1, 0);
    for (network::NodeId u = 0; u < n; ++u) {
        const auto [first, last] = boost::out_edges(u, graph);
        for (auto arc = first; arc != last; ++arc) {
            const network::NodeId v = boost::target(*arc, graph);
            if (v != u) {
                ++out.start[u + 1];
                ++out.start[v + 1];
            }
        }
    }
    for (std::size_t i = 0; i < n; ++i) {
        out.start[i + 1] += out.start[i];
    }
    out.node.resize(out.start[n]);
    std::vector<std::uint32_t> fill(out.start.begin(), out.start.end() - 1);
    for (network::NodeId u = 0; u < n; ++u) {
        const auto [first, last] = boost::out_edges(u, graph);
        for (auto arc = first; arc != last; ++arc) {
            const network::NodeId v = boost::target(*arc, graph);
            if (v != u) {
                out.node[fill[u]++] = v;
                out.node[fill[v]++] = u;
            }
        }
    }
    return out;
}

struct Region {
    std::uint32_t id = 0;
    std::vector<network::NodeId> nodes;
};

constexpr std::uint32_t separated = std::numeric_limits<std::uint32_t>::max();

}  // namespace

std::vector<std::uint32_t> nested_dissection_ranks(const network::CsrGraph& graph, std::span<const Point> places) {
    const std::size_t n = boost::num_vertices(graph);
    const Neighbours neighbours = neighbours_of(graph);
    std::vector<std::uint32_t> rank(n, 0);
    std::vector<std::uint32_t> region(n, 0);  // the region a node is in, or `separated` once ranked
    std::vector<char> in_second_half(n, 0);
    auto next_rank = static_cast<std::uint32_t>(n);  // handed out from the top down
    std::uint32_t next_region = 1;
    auto place = [&](network::NodeId node) {
        rank[node] = --next_rank;
        region[node] = separated;
    };

    // The nodes of one half that touch the other: removing them separates the halves.
    std::vector<network::NodeId> boundary;
    auto boundary_of = [&](const Region& r, char half) {
        boundary.clear();
        for (const network::NodeId node : r.nodes) {
            if (in_second_half[node] != half) {
                continue;
            }
            for (const network::NodeId other : neighbours.of(node)) {
                if (region[other] == r.id && in_second_half[other] != half) {
                    boundary.push_back(node);
                    break;
                }
            }
        }
        return boundary.size();
    };

    std::vector<Region> pending;
    pending.push_back({0, {}});
    pending.back().nodes.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        pending.back().nodes[i] = static_cast<network::NodeId>(i);
    }
    std::vector<network::NodeId> trial;
    std::vector<network::NodeId> best;
    while (!pending.empty()) {
        Region r = std::move(pending.back());
        pending.pop_back();
        if (r.nodes.size() <= 2) {
            for (const network::NodeId node : r.nodes) {
                place(node);
            }
            continue;
        }
        const std::size_t half = r.nodes.size() / 2;
        std::size_t fewest = std::numeric_limits<std::size_t>::max();
        char cut_side = 0;
        for (int direction = 0; direction < 4; ++direction) {
            auto key = [&](network::NodeId node) {
                const Point p = places[node];
                return direction == 0 ? p.x : direction == 1 ? p.y : direction == 2 ? p.x + p.y : p.x - p.y;
            };
            trial = r.nodes;
            std::nth_element(trial.begin(), trial.begin() + static_cast<std::ptrdiff_t>(half), trial.end(),
                             [&](network::NodeId a, network::NodeId b) {
                                 const double ka = key(a);
                                 const double kb = key(b);
                                 return ka < kb || (ka == kb && a < b);
                             });
            for (std::size_t i = 0; i < trial.size(); ++i) {
                in_second_half[trial[i]] = i < half ? 0 : 1;
            }
            const std::size_t first = boundary_of(r, 0);
            const std::size_t second = boundary_of(r, 1);
            if (std::min(first, second) < fewest) {
                fewest = std::min(first, second);
                cut_side = first <= second ? 0 : 1;
                best.swap(trial);
            }
        }
        for (std::size_t i = 0; i < best.size(); ++i) {
            in_second_half[best[i]] = i < half ? 0 : 1;
        }
        boundary_of(r, cut_side);
        for (const network::NodeId node : boundary) {
            place(node);
        }
        Region low{next_region++, {}};
        Region high{next_region++, {}};
        for (const network::NodeId node : best) {
            if (region[node] == r.id) {
                (in_second_half[node] ? high : low).nodes.push_back(node);
            }
        }
        for (Region* child : {&low, &high}) {
            for (const network::NodeId node : child->nodes) {
                region[node] = child->id;
            }
            if (!child->nodes.empty()) {
                pending.push_back(std::move(*child));
            }
        }
    }
    return rank;
}

}  // namespace centrecov::routing
