#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

#include "network/graph.hpp"
#include "network/snap.hpp"

namespace centrecov::routing {

enum class Metric { metres, seconds };

inline constexpr double unreachable = std::numeric_limits<double>::infinity();

// Shortest-path labels for every node: the cost to reach the nearest source (or,
// searched backwards, from the node to the nearest target) and which one it is.
struct Labels {
    std::vector<double> cost;
    std::vector<std::uint32_t> owner;  // index of the source; UINT32_MAX where unreached
};

struct Seed {
    network::NodeId node;
    double cost;
    std::uint32_t owner;
};

// Dijkstra from several seeds at once over the CSR graph, stopping at `cutoff`.
// Equal costs go to the seed with the smaller owner index, so results depend only on the inputs.
Labels shortest_paths(const network::CsrGraph& graph, const std::vector<Seed>& seeds, Metric metric,
                      double cutoff = unreachable);

// Travel between snapped points over one profile's graph. Points join the road
// at their snap and walk the gap (the access leg) at walking speed.
class NetworkRouter {
public:
    NetworkRouter(const network::RoadNetwork& network, const network::Graph& graph);

    struct Nearest {
        std::uint32_t site = UINT32_MAX;
        double cost = unreachable;
        bool found() const { return site != UINT32_MAX; }
    };

    // For every origin, the nearest destination by `metric`, in one multi-source search.
    // An origin or destination without a snap (nullopt) takes no part.
    std::vector<Nearest> nearest(const std::vector<std::optional<network::Snap>>& origins,
                                 const std::vector<std::optional<network::Snap>>& destinations, Metric metric) const;

    struct Entry {
        std::uint32_t origin;
        double cost;
    };
    // For every destination, the origins within `cutoff` and their costs (one bounded
    // search per destination, run in parallel; the result does not depend on the thread count).
    std::vector<std::vector<Entry>> matrix(const std::vector<std::optional<network::Snap>>& origins,
                                           const std::vector<std::optional<network::Snap>>& destinations,
                                           Metric metric, double cutoff) const;

    // Cost from one snapped point to another (one search); unreachable when there is no way.
    double cost(const network::Snap& from, const network::Snap& to, Metric metric) const;

    // A part of a piece, from one offset to another (metres from its `from` node).
    struct Stretch {
        std::uint32_t piece = 0;
        double from_m = 0.0;
        double to_m = 0.0;
    };
    // Every part of every road from which the destination can be reached
    // within `cutoff_m` metres, partly travelled pieces included; ordered by
    // piece, the parts of one piece not overlapping.
    std::vector<Stretch> reachable(const network::Snap& destination, double cutoff_m) const;

private:
    double along(std::uint32_t piece, double metres, Metric metric) const;
    double access(double metres, Metric metric) const;
    // Nodes a destination can be reached from, with the cost of the last stretch.
    void entry_seeds(const network::Snap& destination, std::uint32_t owner, Metric metric,
                     std::vector<Seed>& seeds) const;
    // Best cost from an origin given backward labels towards destinations.
    double finish(const network::Snap& origin, const Labels& labels, Metric metric, std::uint32_t& owner) const;
    // Cost when origin and destination lie on the same piece and the piece can be followed.
    double same_piece(const network::Snap& origin, const network::Snap& destination, Metric metric) const;

    const network::RoadNetwork& network_;
    const network::Graph& graph_;
};

}  // namespace centrecov::routing
