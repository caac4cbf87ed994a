#include "routing/network_routes.hpp"

#include <algorithm>

#include <tbb/parallel_for.h>

#include <map>
#include <queue>

namespace centrecov::routing {

Labels shortest_paths(const network::CsrGraph& graph, const std::vector<Seed>& seeds, Metric metric, double cutoff) {
    const std::size_t n = boost::num_vertices(graph);
    Labels labels;
    labels.cost.assign(n, unreachable);
    labels.owner.assign(n, UINT32_MAX);
    using Item = std::pair<double, network::NodeId>;
    std::priority_queue<Item, std::vector<Item>, std::greater<>> queue;
    auto better = [&](network::NodeId node, double cost, std::uint32_t owner) {
        return cost < labels.cost[node] || (cost == labels.cost[node] && owner < labels.owner[node]);
    };
    for (const Seed& seed : seeds) {
        if (seed.cost <= cutoff && better(seed.node, seed.cost, seed.owner)) {
            labels.cost[seed.node] = seed.cost;
            labels.owner[seed.node] = seed.owner;
            queue.emplace(seed.cost, seed.node);
        }
    }
    while (!queue.empty()) {
        const auto [cost, node] = queue.top();
        queue.pop();
        if (cost > labels.cost[node]) {
            continue;  // a stale entry
        }
        const std::uint32_t owner = labels.owner[node];
        const auto [first, last] = boost::out_edges(node, graph);
        for (auto arc = first; arc != last; ++arc) {
            const network::Arc& data = graph[*arc];
            const double next = cost + static_cast<double>(metric == Metric::metres ? data.metres : data.seconds);
            const network::NodeId target = boost::target(*arc, graph);
            if (next <= cutoff && better(target, next, owner)) {
                labels.cost[target] = next;
                labels.owner[target] = owner;
                queue.emplace(next, target);
            }
        }
    }
    return labels;
}

NetworkRouter::NetworkRouter(const network::RoadNetwork& network, const network::Graph& graph)
    : network_(network), graph_(graph) {}

double NetworkRouter::along(std::uint32_t piece, double metres, Metric metric) const {
    // Rounded as the graph's arcs are, so a whole piece costs the same either way.
    if (metric == Metric::metres) {
        return static_cast<double>(static_cast<float>(metres));
    }
    return static_cast<double>(static_cast<float>(metres / (graph_.access[piece].speed_kmh / 3.6)));
}

double NetworkRouter::access(double metres, Metric metric) const {
    return metric == Metric::metres ? metres : metres / (graph_.profile.walking_speed_kmh / 3.6);
}

void NetworkRouter::entry_seeds(const network::Snap& destination, std::uint32_t owner, Metric metric,
                                std::vector<Seed>& seeds) const {
    const auto& piece = network_.pieces[destination.piece];
    const auto& permitted = graph_.access[destination.piece];
    const double leg = access(destination.distance_m, metric);
    if (permitted.forward) {  // arrive along the piece from its start
        seeds.push_back({piece.from, along(destination.piece, destination.offset_m, metric) + leg, owner});
    }
    if (permitted.backward) {  // arrive from its end
        seeds.push_back(
            {piece.to, along(destination.piece, piece.length_m - destination.offset_m, metric) + leg, owner});
    }
}

double NetworkRouter::finish(const network::Snap& origin, const Labels& labels, Metric metric,
                             std::uint32_t& owner) const {
    const auto& piece = network_.pieces[origin.piece];
    const auto& permitted = graph_.access[origin.piece];
    const double leg = access(origin.distance_m, metric);
    double best = unreachable;
    owner = UINT32_MAX;
    auto consider = [&](network::NodeId node, double stretch) {
        if (labels.owner[node] == UINT32_MAX) {
            return;
        }
        const double total = leg + stretch + labels.cost[node];
        if (total < best || (total == best && labels.owner[node] < owner)) {
            best = total;
            owner = labels.owner[node];
        }
    };
    if (permitted.forward) {
        consider(piece.to, along(origin.piece, piece.length_m - origin.offset_m, metric));
    }
    if (permitted.backward) {
        consider(piece.from, along(origin.piece, origin.offset_m, metric));
    }
    return best;
}

double NetworkRouter::same_piece(const network::Snap& origin, const network::Snap& destination, Metric metric) const {
    if (origin.piece != destination.piece) {
        return unreachable;
    }
    const auto& permitted = graph_.access[origin.piece];
    const double legs = access(origin.distance_m, metric) + access(destination.distance_m, metric);
    if (destination.offset_m >= origin.offset_m && permitted.forward) {
        return legs + along(origin.piece, destination.offset_m - origin.offset_m, metric);
    }
    if (destination.offset_m <= origin.offset_m && permitted.backward) {
        return legs + along(origin.piece, origin.offset_m - destination.offset_m, metric);
    }
    return unreachable;
}

std::vector<NetworkRouter::Nearest> NetworkRouter::nearest(
    const std::vector<std::optional<network::Snap>>& origins,
    const std::vector<std::optional<network::Snap>>& destinations, Metric metric) const {
    std::vector<Seed> seeds;
    std::multimap<std::uint32_t, std::uint32_t> destinations_on_piece;
    for (std::size_t d = 0; d < destinations.size(); ++d) {
        if (destinations[d]) {
            entry_seeds(*destinations[d], static_cast<std::uint32_t>(d), metric, seeds);
            destinations_on_piece.emplace(destinations[d]->piece, static_cast<std::uint32_t>(d));
        }
    }
    // Searching backwards from every destination at once labels each node with
    // its cost to the nearest destination.
    const Labels labels = shortest_paths(graph_.reverse, seeds, metric);
    std::vector<Nearest> out(origins.size());
    for (std::size_t o = 0; o < origins.size(); ++o) {
        if (!origins[o]) {
            continue;
        }
        std::uint32_t owner = UINT32_MAX;
        double best = finish(*origins[o], labels, metric, owner);
        const auto [first, last] = destinations_on_piece.equal_range(origins[o]->piece);
        for (auto it = first; it != last; ++it) {
            const double direct = same_piece(*origins[o], *destinations[it->second], metric);
            if (direct < best || (direct == best && it->second < owner)) {
                best = direct;
                owner = it->second;
            }
        }
        if (owner != UINT32_MAX) {
            out[o] = {owner, best};
        }
    }
    return out;
}

std::vector<std::vector<NetworkRouter::Entry>> NetworkRouter::matrix(
    const std::vector<std::optional<network::Snap>>& origins,
    const std::vector<std::optional<network::Snap>>& destinations, Metric metric, double cutoff) const {
    std::vector<std::vector<Entry>> out(destinations.size());
    tbb::parallel_for(std::size_t{0}, destinations.size(), [&](std::size_t d) {
        if (!destinations[d]) {
            return;
        }
        std::vector<Seed> seeds;
        entry_seeds(*destinations[d], 0, metric, seeds);
        const Labels labels = shortest_paths(graph_.reverse, seeds, metric, cutoff);
        for (std::size_t o = 0; o < origins.size(); ++o) {
            if (!origins[o]) {
                continue;
            }
            std::uint32_t owner = UINT32_MAX;
            const double cost = std::min(finish(*origins[o], labels, metric, owner),
                                         same_piece(*origins[o], *destinations[d], metric));
            if (cost <= cutoff) {
                out[d].push_back({static_cast<std::uint32_t>(o), cost});
            }
        }
    });
    return out;
}

double NetworkRouter::cost(const network::Snap& from, const network::Snap& to, Metric metric) const {
    const auto result = nearest({from}, {to}, metric);
    return result[0].found() ? result[0].cost : unreachable;
}

std::vector<NetworkRouter::Stretch> NetworkRouter::reachable(const network::Snap& destination, double cutoff_m) const {
    std::vector<Seed> seeds;
    entry_seeds(destination, 0, Metric::metres, seeds);
    const Labels labels = shortest_paths(graph_.reverse, seeds, Metric::metres, cutoff_m);
    auto left = [&](network::NodeId node) {
        return labels.owner[node] == UINT32_MAX ? -1.0 : cutoff_m - labels.cost[node];
    };
    const double leg = access(destination.distance_m, Metric::metres);
    std::vector<Stretch> out;
    std::vector<std::pair<double, double>> parts;
    for (std::uint32_t p = 0; p < network_.pieces.size(); ++p) {
        const auto& permitted = graph_.access[p];
        if (!permitted.usable()) {
            continue;
        }
        const auto& piece = network_.pieces[p];
        const double length = piece.length_m;
        parts.clear();
        if (permitted.forward && left(piece.to) >= 0.0) {  // travel on to the piece's end, then onwards
            parts.emplace_back(std::max(0.0, length - left(piece.to)), length);
        }
        if (permitted.backward && left(piece.from) >= 0.0) {  // travel back to its start
            parts.emplace_back(0.0, std::min(length, left(piece.from)));
        }
        if (p == destination.piece && cutoff_m - leg >= 0.0) {  // straight along this piece to the destination
            const double spare = cutoff_m - leg;
            if (permitted.forward) {
                parts.emplace_back(std::max(0.0, destination.offset_m - spare), destination.offset_m);
            }
            if (permitted.backward) {
                parts.emplace_back(destination.offset_m, std::min(length, destination.offset_m + spare));
            }
        }
        std::sort(parts.begin(), parts.end());
        for (const auto& [from, to] : parts) {
            if (!out.empty() && out.back().piece == p && from <= out.back().to_m) {
                out.back().to_m = std::max(out.back().to_m, to);
            } else {
                out.push_back({p, from, to});
            }
        }
    }
    return out;
}

}  // namespace centrecov::routing
