#include "routing/network_routes.hpp"

#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <algorithm>

namespace centrecov::routing {

namespace {

using Snaps = std::vector<std::optional<network::Snap>>;

// The points of one side of a matrix by the nodes they attach to (a CSR list per node).
struct NodeIndex {
    std::vector<std::uint32_t> start;
    std::vector<std::pair<std::uint32_t, Cost>> points;  // (point, cost between point and node)

    std::span<const std::pair<std::uint32_t, Cost>> at(network::NodeId node) const {
        return {points.data() + start[node], points.data() + start[node + 1]};
    }
};

using AttachmentList = std::vector<std::pair<network::NodeId, std::pair<std::uint32_t, Cost>>>;

// Every (node, (point, cost)) by which the points join the graph.
template <typename Attach>
AttachmentList attachments_of(const Snaps& snaps, Attach attach) {
    AttachmentList all;
    std::vector<NetworkRouter::Attachment> attachments;
    for (std::size_t p = 0; p < snaps.size(); ++p) {
        if (!snaps[p]) {
            continue;
        }
        attachments.clear();
        attach(*snaps[p], attachments);
        for (const auto& a : attachments) {
            all.push_back({a.node, {static_cast<std::uint32_t>(p), a.cost}});
        }
    }
    return all;
}

NodeIndex index_by_node(std::size_t nodes, const AttachmentList& all) {
    NodeIndex index;
    index.start.assign(nodes + 1, 0);
    for (const auto& entry : all) {
        ++index.start[entry.first + 1];
    }
    for (std::size_t n = 0; n < nodes; ++n) {
        index.start[n + 1] += index.start[n];
    }
    index.points.resize(all.size());
    std::vector<std::uint32_t> fill(index.start.begin(), index.start.end() - 1);
    for (const auto& [node, point] : all) {
        index.points[fill[node]++] = point;
    }
    return index;
}

// Points by the piece they are snapped to, for pairs that meet without touching a node.
std::vector<std::pair<std::uint32_t, std::uint32_t>> by_piece(const Snaps& snaps) {
    std::vector<std::pair<std::uint32_t, std::uint32_t>> out;
    for (std::size_t p = 0; p < snaps.size(); ++p) {
        if (snaps[p]) {
            out.emplace_back(snaps[p]->piece, static_cast<std::uint32_t>(p));
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::span<const std::pair<std::uint32_t, std::uint32_t>> on_piece(
    const std::vector<std::pair<std::uint32_t, std::uint32_t>>& sorted, std::uint32_t piece) {
    const auto first = std::lower_bound(sorted.begin(), sorted.end(), std::pair{piece, std::uint32_t{0}});
    auto last = first;
    while (last != sorted.end() && last->first == piece) {
        ++last;
    }
    return {first, last};
}

// What one thread of a matrix keeps between searches.
struct Scratch {
    Search search;
    std::vector<Cost> best;  // per point of the other side
    std::vector<std::uint32_t> touched;
    std::vector<NetworkRouter::Attachment> attachments;
    std::vector<Seed> seeds;

    void improve(std::uint32_t point, Cost cost) {
        if (cost < best[point]) {
            if (best[point] == no_cost) {
                touched.push_back(point);
            }
            best[point] = cost;
        }
    }
    // The points reached within the cutoff, in order; the scratch is left clean.
    template <typename Emit>
    void collect(Cost cutoff, Emit emit) {
        std::sort(touched.begin(), touched.end());
        for (const std::uint32_t point : touched) {
            if (best[point] <= cutoff) {
                emit(point, best[point]);
            }
            best[point] = no_cost;
        }
        touched.clear();
    }
};

}  // namespace

NetworkRouter::NetworkRouter(const network::RoadNetwork& network, const network::Graph& graph)
    : network_(network),
      graph_(graph),
      shift_metres_(bucket_shift(graph.forward, Metric::metres)),
      shift_seconds_(bucket_shift(graph.forward, Metric::seconds)) {}

// The same formulas as the graph's arcs, so a whole piece costs the same either way.
Cost NetworkRouter::along(std::uint32_t piece, double metres, Metric metric) const {
    return metric == Metric::metres ? network::millimetres(metres)
                                    : network::milliseconds(metres, graph_.access[piece].speed_kmh);
}

Cost NetworkRouter::access(double metres, Metric metric) const {
    return metric == Metric::metres ? network::millimetres(metres)
                                    : network::milliseconds(metres, graph_.profile.walking_speed_kmh);
}

void NetworkRouter::leaving(const network::Snap& point, Metric metric, std::vector<Attachment>& out) const {
    const auto& piece = network_.pieces[point.piece];
    const auto& permitted = graph_.access[point.piece];
    const Cost leg = access(point.distance_m, metric);
    if (permitted.forward) {  // on along the piece to its end
        out.push_back({piece.to, add_costs(leg, along(point.piece, piece.length_m - point.offset_m, metric))});
    }
    if (permitted.backward) {  // back to its start
        out.push_back({piece.from, add_costs(leg, along(point.piece, point.offset_m, metric))});
    }
}

void NetworkRouter::arriving(const network::Snap& point, Metric metric, std::vector<Attachment>& out) const {
    const auto& piece = network_.pieces[point.piece];
    const auto& permitted = graph_.access[point.piece];
    const Cost leg = access(point.distance_m, metric);
    if (permitted.forward) {  // along the piece from its start
        out.push_back({piece.from, add_costs(leg, along(point.piece, point.offset_m, metric))});
    }
    if (permitted.backward) {  // from its end
        out.push_back({piece.to, add_costs(leg, along(point.piece, piece.length_m - point.offset_m, metric))});
    }
}

Cost NetworkRouter::same_piece(const network::Snap& origin, const network::Snap& destination, Metric metric) const {
    if (origin.piece != destination.piece) {
        return no_cost;
    }
    const auto& permitted = graph_.access[origin.piece];
    const Cost legs = add_costs(access(origin.distance_m, metric), access(destination.distance_m, metric));
    if (destination.offset_m >= origin.offset_m && permitted.forward) {
        return add_costs(legs, along(origin.piece, destination.offset_m - origin.offset_m, metric));
    }
    if (destination.offset_m <= origin.offset_m && permitted.backward) {
        return add_costs(legs, along(origin.piece, origin.offset_m - destination.offset_m, metric));
    }
    return no_cost;
}

std::vector<NetworkRouter::Nearest> NetworkRouter::nearest(const Snaps& origins, const Snaps& destinations,
                                                           Metric metric) const {
    std::vector<Seed> seeds;
    std::vector<Attachment> attachments;
    for (std::size_t d = 0; d < destinations.size(); ++d) {
        if (destinations[d]) {
            attachments.clear();
            arriving(*destinations[d], metric, attachments);
            for (const auto& a : attachments) {
                seeds.push_back({a.node, a.cost, static_cast<std::uint32_t>(d)});
            }
        }
    }
    // Searching backwards from every destination at once labels each node with
    // its cost to the nearest destination.
    Search search;
    search.run(graph_.reverse, seeds, metric, max_cost, shift(metric));
    const auto destinations_by_piece = by_piece(destinations);
    std::vector<Nearest> out(origins.size());
    for (std::size_t o = 0; o < origins.size(); ++o) {
        if (!origins[o]) {
            continue;
        }
        Cost best = no_cost;
        std::uint32_t owner = no_owner;
        auto consider = [&](Cost cost, std::uint32_t destination) {
            if (cost < best || (cost == best && cost != no_cost && destination < owner)) {
                best = cost;
                owner = destination;
            }
        };
        attachments.clear();
        leaving(*origins[o], metric, attachments);
        for (const auto& a : attachments) {
            if (search.reached(a.node)) {
                consider(add_costs(a.cost, search.cost(a.node)), search.owner(a.node));
            }
        }
        for (const auto& [piece, d] : on_piece(destinations_by_piece, origins[o]->piece)) {
            consider(same_piece(*origins[o], *destinations[d], metric), d);
        }
        if (owner != no_owner) {
            out[o] = {owner, to_units(best)};
        }
    }
    return out;
}

std::vector<std::vector<NetworkRouter::Entry>> NetworkRouter::matrix(const Snaps& origins, const Snaps& destinations,
                                                                     Metric metric, double cutoff,
                                                                     SearchFrom side) const {
    const Cost limit = from_units(cutoff);
    const std::size_t nodes = graph_.node_count();
    if (side == SearchFrom::fewer) {
        side = destinations.size() <= origins.size() ? SearchFrom::destinations : SearchFrom::origins;
    }
    const bool from_destinations = side == SearchFrom::destinations;
    const Snaps& searched = from_destinations ? destinations : origins;
    const Snaps& found = from_destinations ? origins : destinations;
    // The found side by node: origins by the nodes they leave by, destinations by those they are reached from.
    const AttachmentList attached = attachments_of(found, [&](const network::Snap& snap, std::vector<Attachment>& out) {
        from_destinations ? leaving(snap, metric, out) : arriving(snap, metric, out);
    });
    const NodeIndex index = index_by_node(nodes, attached);
    const auto found_by_piece = by_piece(found);

    tbb::enumerable_thread_specific<Scratch> scratch([&] {
        Scratch s;
        s.best.assign(found.size(), no_cost);
        return s;
    });
    // rows[s]: (point of the found side, cost) for searched point s.
    std::vector<std::vector<std::pair<std::uint32_t, Cost>>> rows(searched.size());
    tbb::parallel_for(std::size_t{0}, searched.size(), [&](std::size_t s) {
        if (!searched[s]) {
            return;
        }
        Scratch& local = scratch.local();
        local.attachments.clear();
        from_destinations ? arriving(*searched[s], metric, local.attachments)
                          : leaving(*searched[s], metric, local.attachments);
        local.seeds.clear();
        for (const auto& a : local.attachments) {
            local.seeds.push_back({a.node, a.cost, 0});
        }
        local.search.run(from_destinations ? graph_.reverse : graph_.forward, local.seeds, metric, limit,
                         shift(metric));
        // Whichever is shorter: the nodes the search reached, or the list of the found side's nodes.
        if (local.search.reached_nodes().size() <= attached.size()) {
            for (const network::NodeId node : local.search.reached_nodes()) {
                const Cost reached = local.search.cost(node);
                for (const auto& [point, cost] : index.at(node)) {
                    local.improve(point, add_costs(reached, cost));
                }
            }
        } else {
            for (const auto& [node, point] : attached) {
                if (local.search.reached(node)) {
                    local.improve(point.first, add_costs(local.search.cost(node), point.second));
                }
            }
        }
        for (const auto& [piece, point] : on_piece(found_by_piece, searched[s]->piece)) {
            local.improve(point, from_destinations ? same_piece(*found[point], *searched[s], metric)
                                                   : same_piece(*searched[s], *found[point], metric));
        }
        local.collect(limit, [&](std::uint32_t point, Cost cost) { rows[s].emplace_back(point, cost); });
    });

    std::vector<std::vector<Entry>> out(destinations.size());
    if (from_destinations) {
        for (std::size_t d = 0; d < rows.size(); ++d) {
            out[d].reserve(rows[d].size());
            for (const auto& [o, cost] : rows[d]) {
                out[d].push_back({o, to_units(cost)});
            }
        }
    } else {
        for (std::size_t o = 0; o < rows.size(); ++o) {
            for (const auto& [d, cost] : rows[o]) {
                out[d].push_back({static_cast<std::uint32_t>(o), to_units(cost)});
            }
        }
    }
    return out;
}

double NetworkRouter::cost(const network::Snap& from, const network::Snap& to, Metric metric) const {
    const auto result = nearest({from}, {to}, metric);
    return result[0].found() ? result[0].cost : unreachable;
}

std::vector<NetworkRouter::Stretch> NetworkRouter::reachable(const network::Snap& destination, double cutoff_m) const {
    std::vector<Attachment> attachments;
    arriving(destination, Metric::metres, attachments);
    std::vector<Seed> seeds;
    for (const auto& a : attachments) {
        seeds.push_back({a.node, a.cost, 0});
    }
    Search search;
    search.run(graph_.reverse, seeds, Metric::metres, from_units(cutoff_m), shift(Metric::metres));
    auto left = [&](network::NodeId node) {
        return search.reached(node) ? cutoff_m - to_units(search.cost(node)) : -1.0;
    };
    // Only pieces touching a reached node (or holding the destination) can be partly reachable.
    std::vector<std::uint32_t> candidates{destination.piece};
    for (const network::NodeId node : search.reached_nodes()) {
        for (const auto* graph : {&graph_.forward, &graph_.reverse}) {
            const auto [first, last] = boost::out_edges(node, *graph);
            for (auto arc = first; arc != last; ++arc) {
                candidates.push_back((*graph)[*arc].piece);
            }
        }
    }
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());

    const double leg = destination.distance_m;
    std::vector<Stretch> out;
    std::vector<std::pair<double, double>> parts;
    for (const std::uint32_t p : candidates) {
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
