#pragma once

// Figures per small area when its families are measured at several points (its
// postcodes): each area's share within a distance, its typical distance, the site
// most of its families are nearest to. With one point per area (centroids) each is
// that point's own value.

#include <cstddef>
#include <optional>
#include <span>
#include <vector>

#include "core/demand.hpp"

namespace centrecov::metrics {

class AreaPoints {
public:
    // `first[a]` to `first[a + 1]` are area a's points (families::Families::first_point).
    AreaPoints(const std::vector<DemandPoint>& points, const std::vector<std::size_t>& first)
        : points_(points), first_(first) {}

    std::size_t areas() const { return first_.empty() ? 0 : first_.size() - 1; }
    std::size_t begin(std::size_t area) const { return first_[area]; }
    std::size_t end(std::size_t area) const { return first_[area + 1]; }

    // The share of the area's under-5s at points where `holds[f]` (0 when it has none).
    double share(std::size_t area, const std::vector<bool>& holds) const;
    // The share of them within `threshold_m` by `metres[f]`.
    double share_within(std::size_t area, std::span<const double> metres, double threshold_m) const;
    // The under-5-weighted median of a per-point value (NaN values left out; infinity counts
    // as farthest); NaN when nothing is left.
    double median(std::size_t area, std::span<const double> value) const;
    // The under-5-weighted mean of a per-point value (NaN when it has no under-5s).
    double mean(std::size_t area, std::span<const double> value) const;
    // The site nearest to most of its under-5s (ties: the lower index); none when no point has one.
    std::optional<std::size_t> main_site(std::size_t area, std::span<const std::optional<std::size_t>> site) const;

private:
    const std::vector<DemandPoint>& points_;
    const std::vector<std::size_t>& first_;
};

}  // namespace centrecov::metrics
