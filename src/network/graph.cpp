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

// Arcs of one direction, gathered then sorted by source in place (boost's histogram
// sort), so building costs about 20 bytes an arc beyond the graph itself.
struct ArcList {
    std::vector<std::uint32_t> sources;
    std::vector<std::uint32_t> targets;
    std::vector<Arc> arcs;
    void add(std::uint32_t from, std::uint32_t to, const Arc& arc) {
        sources.push_back(from);
        targets.push_back(to);
        arcs.push_back(arc);
    }
    void reserve(std::size_t n) {
        sources.reserve(n);
        targets.reserve(n);
        arcs.reserve(n);
    }
};

// Searches give the same labels whatever the order of a node's arcs, so no sort beyond the source is needed.
CsrGraph make_csr(ArcList list, std::size_t nodes) {
    return CsrGraph(boost::construct_inplace_from_sources_and_targets, list.sources, list.targets, list.arcs,
                    static_cast<std::uint32_t>(nodes));
}

}  // namespace

Graph build_graph(const RoadNetwork& network, const Profile& profile) {
    Graph graph;
    graph.profile = profile;
    const std::size_t nodes = network.nodes.size();
    DisjointSets sets(nodes);
    graph.access.reserve(network.pieces.size());
    std::size_t arcs = 0;
    for (const Piece& piece : network.pieces) {
        const Profile::Access access = profile.access(network.ways[piece.way]);
        graph.access.push_back(access);
        arcs += (access.forward ? 1U : 0U) + (access.backward ? 1U : 0U);
        if (access.usable()) {
            ++graph.usable_pieces;
            sets.unite(piece.from, piece.to);
        }
    }
    // One direction at a time, so only one arc list is held beside the finished graphs.
    auto arcs_of = [&](bool reversed) {
        ArcList list;
        list.reserve(arcs);
        for (std::size_t p = 0; p < network.pieces.size(); ++p) {
            const Piece& piece = network.pieces[p];
            const Profile::Access& access = graph.access[p];
            if (!access.usable()) {
                continue;
            }
            const Arc arc{millimetres(piece.length_m), milliseconds(piece.length_m, access.speed_kmh),
                          static_cast<std::uint32_t>(p)};
            if (access.forward) {
                reversed ? list.add(piece.to, piece.from, arc) : list.add(piece.from, piece.to, arc);
            }
            if (access.backward) {
                reversed ? list.add(piece.from, piece.to, arc) : list.add(piece.to, piece.from, arc);
            }
        }
        return list;
    };
    graph.forward = make_csr(arcs_of(false), nodes);
    graph.reverse = make_csr(arcs_of(true), nodes);

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
