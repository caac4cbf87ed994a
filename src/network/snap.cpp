#include "network/snap.hpp"

#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>

#include <algorithm>
#include <tuple>

namespace centrecov::network {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

// Named, not anonymous: Snapper::Index, which has external linkage, holds these.
namespace snap_detail {
using BgPoint = bg::model::point<double, 2, bg::cs::cartesian>;
using BgSegment = bg::model::segment<BgPoint>;
struct SegmentRef {
    std::uint32_t piece;
    std::uint32_t segment;  // index of the segment's first vertex within the piece
};
using Value = std::pair<BgSegment, SegmentRef>;

}  // namespace snap_detail

struct Snapper::Index {
    bgi::rtree<snap_detail::Value, bgi::rstar<16>> tree;
};

Snapper::Snapper(const RoadNetwork& network, const Graph& graph)
    : network_(network), graph_(graph), index_(std::make_unique<Index>()) {
    std::vector<snap_detail::Value> values;
    for (std::size_t p = 0; p < network.pieces.size(); ++p) {
        if (!graph.access[p].usable()) {
            continue;
        }
        const auto line = network.line(p);
        for (std::size_t s = 0; s + 1 < line.size(); ++s) {
            const snap_detail::BgPoint from(line[s].x, line[s].y);
            const snap_detail::BgPoint to(line[s + 1].x, line[s + 1].y);
            values.push_back({snap_detail::BgSegment(from, to),
                              {static_cast<std::uint32_t>(p), static_cast<std::uint32_t>(s)}});
        }
    }
    index_->tree = bgi::rtree<snap_detail::Value, bgi::rstar<16>>(values.begin(), values.end());  // bulk loading
}

Snapper::~Snapper() = default;

std::optional<Snap> Snapper::snap(Point p, double max_distance_m) const {
    // A few nearest segments, then the exact nearest with a fixed tie-break.
    std::vector<snap_detail::Value> nearest;
    index_->tree.query(bgi::nearest(snap_detail::BgPoint(p.x, p.y), 4), std::back_inserter(nearest));
    std::optional<Snap> best;
    std::tuple<double, std::uint32_t, std::uint32_t> best_key{};
    for (const auto& [segment, ref] : nearest) {
        const auto line = network_.line(ref.piece);
        const Point a = line[ref.segment];
        const Point b = line[ref.segment + 1];
        const double t = nearest_fraction(p, a, b);
        const Point on{a.x + t * (b.x - a.x), a.y + t * (b.y - a.y)};
        const double distance = straight_line_m(p, on);
        const auto key = std::tuple{distance, ref.piece, ref.segment};
        if (best && key >= best_key) {
            continue;
        }
        double offset = 0.0;
        for (std::size_t s = 0; s < ref.segment; ++s) {
            offset += straight_line_m(line[s], line[s + 1]);
        }
        offset += straight_line_m(a, on);
        Snap snap;
        snap.piece = ref.piece;
        snap.offset_m = std::min(offset, network_.pieces[ref.piece].length_m);
        snap.distance_m = distance;
        snap.on_road = on;
        snap.island = graph_.component[network_.pieces[ref.piece].from] != graph_.largest_component;
        best = snap;
        best_key = key;
    }
    if (!best || best->distance_m > max_distance_m) {
        return std::nullopt;
    }
    return best;
}

}  // namespace centrecov::network
