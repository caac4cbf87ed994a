#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

#include "network/graph.hpp"
#include "network/snap.hpp"
#include "routing/search.hpp"

namespace centrecov::routing {

inline constexpr double unreachable = std::numeric_limits<double>::infinity();

// Travel between snapped points over one profile's graph. Points join the road
// at their snap and walk the gap (the access leg) at walking speed. Costs are
// reported in metres or seconds, worked out in whole millimetres or milliseconds.
class NetworkRouter {
public:
    NetworkRouter(const network::RoadNetwork& network, const network::Graph& graph);

    struct Nearest {
        std::uint32_t site = UINT32_MAX;
        double cost = unreachable;
        bool found() const { return site != UINT32_MAX; }
    };

    // For every origin, the nearest destination by `metric`, in one multi-source search.
    // An origin or destination without a snap (nullopt) takes no part. Ties go to the
    // destination listed first.
    std::vector<Nearest> nearest(const std::vector<std::optional<network::Snap>>& origins,
                                 const std::vector<std::optional<network::Snap>>& destinations, Metric metric) const;

    struct Entry {
        std::uint32_t origin;
        double cost;
    };
    // Which side the searches of a matrix start from. Each search is bounded by the
    // cutoff and costs what it reaches; `fewer` starts from the side with fewer points
    // (bench/README.md has the measurements behind it).
    enum class SearchFrom { fewer, destinations, origins };
    // For every destination, the origins within `cutoff` and their costs, in origin
    // order. Searches run in parallel; the result does not depend on the thread count
    // or the side searched from.
    std::vector<std::vector<Entry>> matrix(const std::vector<std::optional<network::Snap>>& origins,
                                           const std::vector<std::optional<network::Snap>>& destinations,
                                           Metric metric, double cutoff,
                                           SearchFrom side = SearchFrom::fewer) const;

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

    // A node where a point joins the graph and the cost between the two.
    struct Attachment {
        network::NodeId node = 0;
        Cost cost = 0;
    };
    // Nodes a point can travel to (leaving) or be reached from (arriving), with the
    // cost of the access leg and the stretch of its piece.
    void leaving(const network::Snap& point, Metric metric, std::vector<Attachment>& out) const;
    void arriving(const network::Snap& point, Metric metric, std::vector<Attachment>& out) const;
    // From one point to another without leaving their shared piece; no_cost if they are
    // on different pieces or the piece cannot be followed that way.
    Cost same_piece(const network::Snap& origin, const network::Snap& destination, Metric metric) const;

private:
    Cost along(std::uint32_t piece, double metres, Metric metric) const;
    Cost access(double metres, Metric metric) const;

    unsigned shift(Metric metric) const { return metric == Metric::metres ? shift_metres_ : shift_seconds_; }

    const network::RoadNetwork& network_;
    const network::Graph& graph_;
    // The searches' bucket widths, worked out once (the reversed graph has the same arcs).
    unsigned shift_metres_ = 0;
    unsigned shift_seconds_ = 0;
};

}  // namespace centrecov::routing
