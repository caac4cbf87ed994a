#pragma once

// A thin owner over GEOS's reentrant C API. Ownership follows GEOS's own rule:
// a Geometry (unique) owns its GEOSGeometry; raw pointers never do.

#include <geos_c.h>

#include <cstddef>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "core/geometry.hpp"
#include "core/location.hpp"

namespace centrecov::geom {

// The GEOS context of the calling thread (one per thread, as GEOS asks).
GEOSContextHandle_t context();

class Geometry {
public:
    Geometry() = default;
    explicit Geometry(GEOSGeometry* owned) noexcept : geometry_(owned) {}
    Geometry(const Geometry&) = delete;
    Geometry& operator=(const Geometry&) = delete;
    Geometry(Geometry&& other) noexcept : geometry_(other.release()) {}
    Geometry& operator=(Geometry&& other) noexcept;
    ~Geometry();

    const GEOSGeometry* get() const noexcept { return geometry_; }
    GEOSGeometry* release() noexcept;
    explicit operator bool() const noexcept { return geometry_ != nullptr; }

private:
    GEOSGeometry* geometry_ = nullptr;
};

// A geometry prepared for many point-in-polygon tests (GEOS's PreparedGeometry, which indexes
// its edges on first use). It refers to the geometry, which must outlive it; one thread uses it.
class PreparedGeometry {
public:
    explicit PreparedGeometry(const GEOSGeometry* geometry);
    PreparedGeometry(const PreparedGeometry&) = delete;
    PreparedGeometry& operator=(const PreparedGeometry&) = delete;
    ~PreparedGeometry();

    // The same answer as covers(geometry, p), faster when asked many times.
    bool covers(Point p) const;

private:
    const GEOSPreparedGeometry* prepared_;
};

// A bounding box: the core's Extent (core/location.hpp), one concept with one home.
using Envelope = Extent;

// WKB in and out; throws std::runtime_error on invalid input.
Geometry from_wkb(std::span<const unsigned char> wkb);
std::vector<unsigned char> to_wkb(const GEOSGeometry* geometry);

// WKT in; throws std::runtime_error on invalid text. Used where geometry is drawn by hand.
Geometry from_wkt(const std::string& wkt);

Geometry make_point(Point p);
Envelope envelope(const GEOSGeometry* geometry);
// A point guaranteed to lie inside the geometry (GEOS PointOnSurface).
Point interior_point(const GEOSGeometry* geometry);
bool covers(const GEOSGeometry* geometry, Point p);
// Shortest distance from the geometry to the point (0 inside).
double distance(const GEOSGeometry* geometry, Point p);
// The farthest any part of the geometry lies from p: how far off a point standing
// for the whole area can be.
double farthest_distance(const GEOSGeometry* geometry, Point p);
double area(const GEOSGeometry* geometry);

Geometry clone(const GEOSGeometry* geometry);
// The union of polygons: shared edges dissolve away.
Geometry dissolve(const std::vector<const GEOSGeometry*>& parts);
// A circle (as a polygon) around a point.
Geometry buffer(Point centre, double radius, int quadrant_segments = 16);
// The area within `width` of any of the lines.
Geometry buffer_lines(const std::vector<std::vector<Point>>& lines, double width, int quadrant_segments = 8);
Geometry unite(const GEOSGeometry* a, const GEOSGeometry* b);
Geometry intersection(const GEOSGeometry* a, const GEOSGeometry* b);
Geometry difference(const GEOSGeometry* a, const GEOSGeometry* b);
// Polygons as one MultiPolygon (what GeoPackage and QGIS layers want); other parts dropped.
Geometry as_multipolygon(Geometry geometry);
bool is_valid(const GEOSGeometry* geometry);
// Fewer vertices, no new crossings (GEOS TopologyPreserveSimplify).
Geometry simplify(const GEOSGeometry* geometry, double tolerance);
// Calls ring(polygon, ring, points) for every ring of a (Multi)Polygon: ring 0 the outer, then the holes.
void for_each_ring(const GEOSGeometry* geometry,
                   const std::function<void(std::size_t, std::size_t, const std::vector<Point>&)>& ring);
// Whether `inner` lies inside `outer`, but for at most tolerance_m2 of area (rounding at edges).
bool contains_within(const GEOSGeometry* outer, const GEOSGeometry* inner, double tolerance_m2);

}  // namespace centrecov::geom
