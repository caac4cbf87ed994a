#include "network/graph.hpp"

#include <algorithm>
#include <numeric>
#include <utility>

namespace centrecov::network {

namespace {

class DisjointSets {
public:
    explicit DisjointSets(std::size_t n) : parent_(n) { std::iota(parent_.begin(), parent_.end(), 0U); }
    std::uint32_t find(std::uint32_t x) {
        while (parent_[x] != x) {
            parent_[x] = parent_[parent_[x]];
            x = parent_[x];
        }
        return x;
    }
    void unite(std::uint32_t a, std::uint32_t b) {
        a = find(a);
        b = find(b);
        if (a != b) {
            parent_[std::max(a, b)] = std::min(a, b);
        }
    }

private:
    std::vector<std::uint32_t> parent_;
};

CsrGraph make_csr(std::vector<std::pair<std::uint32_t, std::uint32_t>>& ends, std::vector<Arc>& arcs,
                  std::size_t nodes) {
    // Sort by source, then target, then piece, so the graph is the same whatever the input order.
    std::vector<std::size_t> order(ends.size());
    std::iota(order.begin(), order.end(), 0U);
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return std::tie(ends[a].first, ends[a].second, arcs[a].piece) <
               std::tie(ends[b].first, ends[b].second, arcs[b].piece);
    });
    std::vector<std::pair<std::uint32_t, std::uint32_t>> sorted_ends;
    std::vector<Arc> sorted_arcs;
    sorted_ends.reserve(order.size());
    sorted_arcs.reserve(order.size());
    for (const std::size_t i : order) {
        sorted_ends.push_back(ends[i]);
        sorted_arcs.push_back(arcs[i]);
    }
    return CsrGraph(boost::edges_are_sorted, sorted_ends.begin(), sorted_ends.end(), sorted_arcs.begin(),
                    static_cast<std::uint32_t>(nodes));
}

}  // namespace

Graph build_graph(const RoadNetwork& network, const Profile& profile) {
    Graph graph;
    graph.profile = profile;
    const std::size_t nodes = network.nodes.size();
    std::vector<std::pair<std::uint32_t, std::uint32_t>> forward_ends;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> reverse_ends;
    std::vector<Arc> forward_arcs;
    std::vector<Arc> reverse_arcs;
    DisjointSets sets(nodes);
    graph.access.reserve(network.pieces.size());
    for (std::size_t p = 0; p < network.pieces.size(); ++p) {
        const Piece& piece = network.pieces[p];
        const Profile::Access access = profile.access(network.ways[piece.way]);
        graph.access.push_back(access);
        if (!access.usable()) {
            continue;
        }
        ++graph.usable_pieces;
        sets.unite(piece.from, piece.to);
        const Arc arc{static_cast<float>(piece.length_m),
                      static_cast<float>(piece.length_m / (access.speed_kmh / 3.6)), static_cast<std::uint32_t>(p)};
        if (access.forward) {
            forward_ends.emplace_back(piece.from, piece.to);
            forward_arcs.push_back(arc);
            reverse_ends.emplace_back(piece.to, piece.from);
            reverse_arcs.push_back(arc);
        }
        if (access.backward) {
            forward_ends.emplace_back(piece.to, piece.from);
            forward_arcs.push_back(arc);
            reverse_ends.emplace_back(piece.from, piece.to);
            reverse_arcs.push_back(arc);
        }
    }
    graph.forward = make_csr(forward_ends, forward_arcs, nodes);
    graph.reverse = make_csr(reverse_ends, reverse_arcs, nodes);

    // Components numbered by their smallest node, then renumbered 0.. in node order.
    graph.component.resize(nodes);
    std::vector<std::uint32_t> number(nodes, UINT32_MAX);
    for (std::uint32_t n = 0; n < nodes; ++n) {
        const std::uint32_t root = sets.find(n);
        if (number[root] == UINT32_MAX) {
            number[root] = static_cast<std::uint32_t>(graph.component_nodes.size());
            graph.component_nodes.push_back(0);
        }
        graph.component[n] = number[root];
        ++graph.component_nodes[number[root]];
    }
    // The largest component counts only nodes on usable pieces: isolated nodes are their own components.
    std::vector<std::size_t> pieces_in(graph.component_nodes.size(), 0);
    for (std::size_t p = 0; p < network.pieces.size(); ++p) {
        if (graph.access[p].usable()) {
            ++pieces_in[graph.component[network.pieces[p].from]];
        }
    }
    graph.road_components = static_cast<std::size_t>(
        std::count_if(pieces_in.begin(), pieces_in.end(), [](std::size_t n) { return n > 0; }));
    if (!pieces_in.empty()) {
        graph.largest_component =
            static_cast<std::uint32_t>(std::max_element(pieces_in.begin(), pieces_in.end()) - pieces_in.begin());
        graph.pieces_outside_largest = graph.usable_pieces - pieces_in[graph.largest_component];
    }
    return graph;
}

}  // namespace centrecov::network
