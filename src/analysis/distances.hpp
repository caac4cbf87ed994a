#pragma once

#include <cmath>
#include <filesystem>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/geometry.hpp"
#include "network/near_miss.hpp"
#include "network/snap.hpp"
#include "routing/estimate.hpp"

namespace centrecov::analysis {

// A road network to measure on, and how.
struct NetworkSettings {
    std::filesystem::path file;
    std::string profile = "walk";
    std::optional<std::filesystem::path> profile_config;  // TOML speed overrides
    double max_snap_m = network::default_max_snap_m;
    std::optional<std::filesystem::path> cache_directory;
    // Near misses (dead ends a few metres from a road they do not join, far round by road) are
    // always reported; with `join_near_misses` they are joined across the gap (a stated repair).
    network::NearMissRule near_miss;
    bool join_near_misses = false;
};

struct NearestSite {
    static constexpr std::size_t none = routing::Nearest::none;
    std::size_t site = none;  // index into the destinations
    double metres = std::numeric_limits<double>::infinity();
    double seconds = std::numeric_limits<double>::quiet_NaN();  // least time to any destination; NaN: not measured
    double access_m = std::numeric_limits<double>::quiet_NaN();  // origin to its road; NaN: no network
    bool off_network = false;  // farther than the snap limit from any usable road
    bool island = false;       // joins the road network on a detached part
    bool found() const { return site != none; }
};

struct NearestReport {
    std::vector<NearestSite> origins;
    std::vector<bool> destination_off_network;  // per destination
};

// How distances are measured; every output carries key() and label().
class DistanceEngine {
public:
    virtual ~DistanceEngine() = default;
    virtual std::string key() const = 0;    // "estimated_road", "straight_line", "network_walk", ...
    virtual std::string label() const = 0;  // a sentence for people
    virtual bool measured_on_network() const = 0;
    virtual NearestReport nearest(const std::vector<Point>& origins, const std::vector<Point>& destinations) const = 0;
    // metres[origin][destination]; infinity where there is no way (or a point is off the network)
    // and beyond `within_m`. Along roads, a bound makes each site's search cost only what lies
    // within it; without one every search covers the whole network.
    virtual std::vector<std::vector<double>> matrix(
        const std::vector<Point>& origins, const std::vector<Point>& destinations,
        double within_m = std::numeric_limits<double>::infinity()) const = 0;
    using Polyline = std::vector<Point>;
    // Per threshold (ascending), the roads from which `site` is reached within it but not
    // within the threshold before (the reachable part of a partly travelled road included):
    // each road is widened once, not once per threshold. nullopt when distances are
    // estimated or the site is off the network.
    virtual std::optional<std::vector<std::vector<Polyline>>> reachable_roads(
        Point /*site*/, const std::vector<double>& /*thresholds_m*/) const {
        return std::nullopt;
    }
};

std::unique_ptr<DistanceEngine> estimated_engine(const routing::DistanceModel& model);

// Summary of the network an engine uses, for reports.
struct NetworkSummary {
    std::filesystem::path file;
    std::string profile;
    std::size_t nodes = 0;
    std::size_t pieces = 0;
    std::size_t components = 0;
    double share_outside_largest = 0.0;
    network::NearMissRule near_miss;
    std::vector<network::NearMiss> near_misses;  // found in the file as read
    bool near_misses_joined = false;             // and joined (the repair was asked for)
};

// Loads (or reuses from the cache) the network and builds the profile's graph.
std::unique_ptr<DistanceEngine> network_engine(const NetworkSettings& settings, NetworkSummary& summary);

// The network engine when a network is set, else the estimate; `summary` is filled for a network.
std::unique_ptr<DistanceEngine> make_engine(const std::optional<NetworkSettings>& network,
                                            const routing::DistanceModel& estimate,
                                            std::optional<NetworkSummary>& summary);

}  // namespace centrecov::analysis
