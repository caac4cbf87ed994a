#pragma once

#include <cmath>

namespace centrecov {

// A point in British National Grid (EPSG:27700) metres: all metric work happens here.
struct Point {
    double x = 0.0;  // easting
    double y = 0.0;  // northing
    friend bool operator==(const Point&, const Point&) = default;
};

inline double straight_line_m(Point a, Point b) { return std::hypot(a.x - b.x, a.y - b.y); }

// The point of segment ab nearest to p, as the fraction of the way from a to b (0 when a == b).
inline double nearest_fraction(Point p, Point a, Point b) {
    const double dx = b.x - a.x;
    const double dy = b.y - a.y;
    const double length2 = dx * dx + dy * dy;
    if (length2 == 0.0) {
        return 0.0;
    }
    const double t = ((p.x - a.x) * dx + (p.y - a.y) * dy) / length2;
    return t < 0.0 ? 0.0 : (t > 1.0 ? 1.0 : t);
}

// The bounding box of Great Britain's grid, used to reject coordinates that cannot be BNG.
inline bool plausible_bng(Point p) {
    return p.x >= 0.0 && p.x <= 700000.0 && p.y >= 0.0 && p.y <= 1300000.0;
}

}  // namespace centrecov
