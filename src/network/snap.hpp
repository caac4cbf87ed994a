#pragma once

#include <memory>
#include <optional>

#include "network/graph.hpp"

namespace centrecov::network {

// Where a point joins the network: the nearest point on the nearest usable road.
struct Snap {
    std::uint32_t piece = 0;
    double offset_m = 0.0;    // along the piece from its `from` node
    double distance_m = 0.0;  // from the point to the road (walked)
    Point on_road;
    bool island = false;  // the road is outside the network's largest connected part
};

// A spatial index over the segments of the roads a profile may use.
class Snapper {
public:
    Snapper(const RoadNetwork& network, const Graph& graph);
    ~Snapper();
    Snapper(const Snapper&) = delete;
    Snapper& operator=(const Snapper&) = delete;

    // nullopt when no usable road lies within max_distance_m.
    std::optional<Snap> snap(Point p, double max_distance_m) const;

private:
    struct Index;
    const RoadNetwork& network_;
    const Graph& graph_;
    std::unique_ptr<Index> index_;
};

// Default farthest a family or a site may be from a road before it is reported, not snapped.
inline constexpr double default_max_snap_m = 1000.0;

}  // namespace centrecov::network
