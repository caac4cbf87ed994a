#pragma once

// Reference answers for the router's tests: Boost.Graph's own Dijkstra on the
// same arcs (no reused state, no cutoff, 64-bit sums), and point-to-point costs
// built from it with the router's access legs.

#include <boost/graph/dijkstra_shortest_paths.hpp>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

#include "network/graph.hpp"
#include "network/snap.hpp"
#include "routing/network_routes.hpp"

namespace centrecov::test {

inline constexpr std::uint64_t no_way = std::numeric_limits<std::uint64_t>::max();

inline std::vector<std::uint64_t> plain_dijkstra(const network::CsrGraph& graph, network::NodeId source,
                                                 routing::Metric metric) {
    std::vector<std::uint64_t> distance(boost::num_vertices(graph));
    boost::dijkstra_shortest_paths(
        graph, source,
        boost::weight_map(boost::make_transform_value_property_map(
                              [metric](const network::Arc& arc) {
                                  return std::uint64_t{routing::arc_cost(arc, metric)};
                              },
                              boost::get(boost::edge_bundle, graph)))
            .distance_map(
                boost::make_iterator_property_map(distance.begin(), boost::get(boost::vertex_index, graph))));
    return distance;
}

// Cost from each origin to each destination (no_way where there is none): the
// best of leaving the origin's piece at either end, a plain Dijkstra, and
// arriving on the destination's piece from either end, or staying on a shared piece.
inline std::vector<std::vector<std::uint64_t>> plain_matrix(const routing::NetworkRouter& router,
                                                            const network::Graph& graph,
                                                            const std::vector<std::optional<network::Snap>>& origins,
                                                            const std::vector<std::optional<network::Snap>>& destinations,
                                                            routing::Metric metric) {
    std::vector<std::vector<std::uint64_t>> out(origins.size(), std::vector<std::uint64_t>(destinations.size(), no_way));
    for (std::size_t o = 0; o < origins.size(); ++o) {
        if (!origins[o]) {
            continue;
        }
        std::vector<routing::NetworkRouter::Attachment> leave;
        router.leaving(*origins[o], metric, leave);
        std::vector<std::vector<std::uint64_t>> from;
        for (const auto& a : leave) {
            from.push_back(plain_dijkstra(graph.forward, a.node, metric));
        }
        for (std::size_t d = 0; d < destinations.size(); ++d) {
            if (!destinations[d]) {
                continue;
            }
            std::vector<routing::NetworkRouter::Attachment> arrive;
            router.arriving(*destinations[d], metric, arrive);
            std::uint64_t best = no_way;
            for (std::size_t l = 0; l < leave.size(); ++l) {
                for (const auto& b : arrive) {
                    if (from[l][b.node] != no_way) {
                        best = std::min(best, leave[l].cost + from[l][b.node] + b.cost);
                    }
                }
            }
            const auto direct = router.same_piece(*origins[o], *destinations[d], metric);
            if (direct != routing::no_cost) {
                best = std::min<std::uint64_t>(best, direct);
            }
            out[o][d] = best;
        }
    }
    return out;
}

}  // namespace centrecov::test
