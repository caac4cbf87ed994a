#include "analysis/distances.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "core/progress.hpp"
#include "network/graph.hpp"
#include "network/load.hpp"
#include "network/profile_config.hpp"
#include "routing/network_routes.hpp"

namespace centrecov::analysis {

namespace {

using Stretch = routing::NetworkRouter::Stretch;

// The parts of `now` outside `before`: both ordered by piece, the parts of one piece not
// overlapping, and `before` reached within a smaller distance (so each of its parts lies in `now`).
std::vector<Stretch> newly_reached(const std::vector<Stretch>& before, const std::vector<Stretch>& now) {
    constexpr double shortest_m = 1e-3;  // a sliver where two parts meet is no new road
    std::vector<Stretch> out;
    std::size_t b = 0;
    for (std::size_t n = 0; n < now.size();) {
        const std::uint32_t piece = now[n].piece;
        while (b < before.size() && before[b].piece < piece) {
            ++b;
        }
        std::vector<std::pair<double, double>> known;
        for (; b < before.size() && before[b].piece == piece; ++b) {
            known.emplace_back(before[b].from_m, before[b].to_m);
        }
        std::sort(known.begin(), known.end());
        for (; n < now.size() && now[n].piece == piece; ++n) {
            double from = now[n].from_m;
            for (const auto& [known_from, known_to] : known) {
                if (known_to <= from || known_from >= now[n].to_m) {
                    continue;
                }
                if (known_from - from > shortest_m) {
                    out.push_back({piece, from, known_from});
                }
                from = std::max(from, known_to);
            }
            if (now[n].to_m - from > shortest_m) {
                out.push_back({piece, from, now[n].to_m});
            }
        }
    }
    return out;
}

class EstimatedEngine final : public DistanceEngine {
public:
    explicit EstimatedEngine(const routing::DistanceModel& model) : model_(model) {}
    std::string key() const override { return model_.key(); }
    std::string label() const override { return model_.label(); }
    bool measured_on_network() const override { return false; }
    NearestReport nearest(const std::vector<Point>& origins, const std::vector<Point>& destinations) const override {
        NearestReport report;
        report.destination_off_network.assign(destinations.size(), false);
        for (const auto& nearest : routing::nearest_sites(origins, destinations, model_)) {
            NearestSite site;
            site.site = nearest.site;
            site.metres = nearest.distance_m;
            report.origins.push_back(site);
        }
        return report;
    }
    std::vector<std::vector<double>> matrix(const std::vector<Point>& origins, const std::vector<Point>& destinations,
                                            double within_m) const override {
        std::vector<std::vector<double>> out(origins.size(), std::vector<double>(destinations.size()));
        for (std::size_t o = 0; o < origins.size(); ++o) {
            for (std::size_t d = 0; d < destinations.size(); ++d) {
                const double metres = model_.metres(origins[o], destinations[d]);
                out[o][d] = metres <= within_m ? metres : routing::unreachable;
            }
        }
        return out;
    }

private:
    routing::DistanceModel model_;
};

network::Profile profile_for(const NetworkSettings& settings) {
    network::Profile profile = network::profile_named(settings.profile);
    if (settings.profile_config) {
        network::apply_profile_config(profile, *settings.profile_config);
    }
    return profile;
}

class NetworkEngine final : public DistanceEngine {
public:
    NetworkEngine(network::RoadNetwork network, const NetworkSettings& settings)
        : settings_(settings),
          network_(std::move(network)),
          graph_(network::build_graph(network_, profile_for(settings))),
          snapper_(network_, graph_),
          router_(network_, graph_) {}

    std::string key() const override { return "network_" + settings_.profile; }
    std::string label() const override {
        return fmt::format("{} distance along the road network ({})",
                           settings_.profile == "walk" ? "walking" : "driving", settings_.file.filename().string());
    }
    bool measured_on_network() const override { return true; }

    NearestReport nearest(const std::vector<Point>& origins, const std::vector<Point>& destinations) const override {
        NearestReport report;
        const auto origin_snaps = snap_all(origins, "snapping families");
        const auto destination_snaps = snap_all(destinations, "snapping sites");
        for (const auto& snap : destination_snaps) {
            report.destination_off_network.push_back(!snap.has_value());
        }
        const auto by_metres = router_.nearest(origin_snaps, destination_snaps, routing::Metric::metres);
        const auto by_seconds = router_.nearest(origin_snaps, destination_snaps, routing::Metric::seconds);
        for (std::size_t o = 0; o < origins.size(); ++o) {
            NearestSite site;
            if (!origin_snaps[o]) {
                site.off_network = true;
            } else {
                site.access_m = origin_snaps[o]->distance_m;
                site.island = origin_snaps[o]->island;
            }
            if (by_metres[o].found()) {
                site.site = by_metres[o].site;
                site.metres = by_metres[o].cost;
                site.seconds = by_seconds[o].cost;
            }
            report.origins.push_back(site);
        }
        return report;
    }

    std::vector<std::vector<double>> matrix(const std::vector<Point>& origins, const std::vector<Point>& destinations,
                                            double within_m) const override {
        const auto origin_snaps = snap_all(origins, "snapping families");
        const auto destination_snaps = snap_all(destinations, "snapping sites");
        const auto columns = router_.matrix(origin_snaps, destination_snaps, routing::Metric::metres, within_m);
        std::vector<std::vector<double>> out(origins.size(),
                                             std::vector<double>(destinations.size(), routing::unreachable));
        for (std::size_t d = 0; d < columns.size(); ++d) {
            for (const auto& entry : columns[d]) {
                out[entry.origin][d] = entry.cost;
            }
        }
        return out;
    }

    std::optional<std::vector<std::vector<Polyline>>> reachable_roads(
        Point site, const std::vector<double>& thresholds_m) const override {
        const auto snap = snapper_.snap(site, settings_.max_snap_m);
        if (!snap) {
            return std::nullopt;
        }
        std::vector<std::vector<Polyline>> out;
        std::vector<routing::NetworkRouter::Stretch> before;
        for (const double threshold : thresholds_m) {
            auto reached = router_.reachable(*snap, threshold);
            std::vector<Polyline> lines;
            for (const auto& stretch : newly_reached(before, reached)) {
                auto line = network::sub_line(network_.line(stretch.piece), stretch.from_m, stretch.to_m);
                if (line.size() >= 2) {
                    lines.push_back(std::move(line));
                }
            }
            out.push_back(std::move(lines));
            before = std::move(reached);
        }
        return out;
    }

    const network::RoadNetwork& network() const { return network_; }
    const network::Graph& graph() const { return graph_; }

private:
    std::vector<std::optional<network::Snap>> snap_all(const std::vector<Point>& points, const char* what) const {
        Progress progress(what, points.size());
        std::vector<std::optional<network::Snap>> snaps;
        snaps.reserve(points.size());
        for (const Point& p : points) {
            snaps.push_back(snapper_.snap(p, settings_.max_snap_m));
            progress.advance();
        }
        return snaps;
    }

    NetworkSettings settings_;
    network::RoadNetwork network_;
    network::Graph graph_;
    network::Snapper snapper_;
    routing::NetworkRouter router_;
};

}  // namespace

std::unique_ptr<DistanceEngine> estimated_engine(const routing::DistanceModel& model) {
    return std::make_unique<EstimatedEngine>(model);
}

std::unique_ptr<DistanceEngine> network_engine(const NetworkSettings& settings, NetworkSummary& summary) {
    auto loaded = network::load_road_network(settings.file, settings.cache_directory);
    summary.near_miss = settings.near_miss;
    summary.near_misses = network::find_near_misses(loaded.network, settings.near_miss);
    if (!summary.near_misses.empty()) {
        spdlog::info("road network: {} dead ends lie within {:.0f} m of a road they do not join (at least {:.0f} m "
                     "round by road){}",
                     summary.near_misses.size(), settings.near_miss.gap_m, settings.near_miss.min_detour_m,
                     settings.join_near_misses ? "; joining them (--join-near-misses)" : "; left as they are");
    }
    if (settings.join_near_misses && !summary.near_misses.empty()) {
        loaded.network = network::join_near_misses(loaded.network, summary.near_misses);
        summary.near_misses_joined = true;
    }
    auto engine = std::make_unique<NetworkEngine>(std::move(loaded.network), settings);
    const auto& graph = engine->graph();
    summary.file = settings.file;
    summary.profile = settings.profile;
    summary.nodes = engine->network().stats.nodes;
    summary.pieces = engine->network().stats.pieces;
    summary.components = graph.road_components;
    summary.share_outside_largest = graph.share_outside_largest();
    spdlog::info("road network: {} junctions, {} pieces; {:.1f} % of usable pieces ({}) outside the largest part",
                 summary.nodes, summary.pieces, 100.0 * summary.share_outside_largest, settings.profile);
    return engine;
}

std::unique_ptr<DistanceEngine> make_engine(const std::optional<NetworkSettings>& network,
                                            const routing::DistanceModel& estimate,
                                            std::optional<NetworkSummary>& summary) {
    if (!network) {
        summary.reset();
        return estimated_engine(estimate);
    }
    summary.emplace();
    return network_engine(*network, *summary);
}

}  // namespace centrecov::analysis
