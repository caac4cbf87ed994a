#include "geom/geos.hpp"

#include <memory>
#include <stdexcept>
#include <string>

#include <spdlog/spdlog.h>

namespace centrecov::geom {

namespace {

// GEOS reports a failure twice: a message through this handler, then a null or error return,
// which we turn into an exception carrying the message (the thread's last one: contexts are per thread).
thread_local std::string last_geos_error;

void on_geos_error(const char* message, void* /*user*/) {
    last_geos_error = message != nullptr ? message : "";
}

void on_geos_notice(const char* message, void* /*user*/) {
    spdlog::debug("GEOS: {}", message != nullptr ? message : "");
}

[[noreturn]] void fail(const std::string& what) {
    std::string message = "GEOS failed " + what;
    if (!last_geos_error.empty()) {
        message += ": " + last_geos_error;
        last_geos_error.clear();
    }
    throw std::runtime_error(message);
}

struct ThreadContext {
    GEOSContextHandle_t handle;
    ThreadContext() : handle(GEOS_init_r()) {
        GEOSContext_setNoticeMessageHandler_r(handle, on_geos_notice, nullptr);
        GEOSContext_setErrorMessageHandler_r(handle, on_geos_error, nullptr);
    }
    ~ThreadContext() { GEOS_finish_r(handle); }
    ThreadContext(const ThreadContext&) = delete;
    ThreadContext& operator=(const ThreadContext&) = delete;
};

struct WkbReaderDeleter {
    void operator()(GEOSWKBReader* reader) const { GEOSWKBReader_destroy_r(context(), reader); }
};
struct WktReaderDeleter {
    void operator()(GEOSWKTReader* reader) const { GEOSWKTReader_destroy_r(context(), reader); }
};
struct WkbWriterDeleter {
    void operator()(GEOSWKBWriter* writer) const { GEOSWKBWriter_destroy_r(context(), writer); }
};

}  // namespace

GEOSContextHandle_t context() {
    thread_local ThreadContext thread_context;
    return thread_context.handle;
}

Geometry& Geometry::operator=(Geometry&& other) noexcept {
    if (this != &other) {
        Geometry old(release());
        geometry_ = other.release();
    }
    return *this;
}

Geometry::~Geometry() {
    if (geometry_ != nullptr) {
        GEOSGeom_destroy_r(context(), geometry_);
    }
}

GEOSGeometry* Geometry::release() noexcept {
    GEOSGeometry* out = geometry_;
    geometry_ = nullptr;
    return out;
}

Geometry from_wkb(std::span<const unsigned char> wkb) {
    std::unique_ptr<GEOSWKBReader, WkbReaderDeleter> reader(GEOSWKBReader_create_r(context()));
    GEOSGeometry* geometry = GEOSWKBReader_read_r(context(), reader.get(), wkb.data(), wkb.size());
    if (geometry == nullptr) {
        fail("to read a geometry");
    }
    return Geometry(geometry);
}

std::vector<unsigned char> to_wkb(const GEOSGeometry* geometry) {
    std::unique_ptr<GEOSWKBWriter, WkbWriterDeleter> writer(GEOSWKBWriter_create_r(context()));
    std::size_t size = 0;
    unsigned char* buffer = GEOSWKBWriter_write_r(context(), writer.get(), geometry, &size);
    if (buffer == nullptr) {
        fail("to write a geometry");
    }
    std::vector<unsigned char> out(buffer, buffer + size);
    GEOSFree_r(context(), buffer);
    return out;
}

Geometry from_wkt(const std::string& wkt) {
    std::unique_ptr<GEOSWKTReader, WktReaderDeleter> reader(GEOSWKTReader_create_r(context()));
    GEOSGeometry* geometry = GEOSWKTReader_read_r(context(), reader.get(), wkt.c_str());
    if (geometry == nullptr) {
        fail("to read WKT " + wkt.substr(0, 60));
    }
    return Geometry(geometry);
}

Geometry make_point(Point p) {
    GEOSGeometry* point = GEOSGeom_createPointFromXY_r(context(), p.x, p.y);
    if (point == nullptr) {
        fail("to make a point");
    }
    return Geometry(point);
}

Envelope envelope(const GEOSGeometry* geometry) {
    Envelope box;
    if (GEOSGeom_getXMin_r(context(), geometry, &box.min_x) == 0 ||
        GEOSGeom_getYMin_r(context(), geometry, &box.min_y) == 0 ||
        GEOSGeom_getXMax_r(context(), geometry, &box.max_x) == 0 ||
        GEOSGeom_getYMax_r(context(), geometry, &box.max_y) == 0) {
        throw std::runtime_error("GEOS could not compute an envelope (empty geometry?)");
    }
    return box;
}

Point interior_point(const GEOSGeometry* geometry) {
    Geometry inside(GEOSPointOnSurface_r(context(), geometry));
    if (!inside) {
        throw std::runtime_error("GEOS could not find an interior point");
    }
    Point p;
    if (GEOSGeomGetX_r(context(), inside.get(), &p.x) == 0 || GEOSGeomGetY_r(context(), inside.get(), &p.y) == 0) {
        throw std::runtime_error("GEOS returned an empty interior point");
    }
    return p;
}

double distance(const GEOSGeometry* geometry, Point p) {
    const Geometry point = make_point(p);
    double d = 0.0;
    if (GEOSDistance_r(context(), geometry, point.get(), &d) != 1) {
        fail("to measure a distance");
    }
    return d;
}

bool covers(const GEOSGeometry* geometry, Point p) {
    const Geometry point = make_point(p);
    const char result = GEOSCovers_r(context(), geometry, point.get());
    if (result == 2) {
        fail("a point-in-polygon test");
    }
    return result == 1;
}

PreparedGeometry::PreparedGeometry(const GEOSGeometry* geometry) : prepared_(GEOSPrepare_r(context(), geometry)) {
    if (prepared_ == nullptr) {
        fail("to prepare a polygon");
    }
}

PreparedGeometry::~PreparedGeometry() {
    GEOSPreparedGeom_destroy_r(context(), prepared_);
}

bool PreparedGeometry::covers(Point p) const {
    const Geometry point = make_point(p);
    const char result = GEOSPreparedCovers_r(context(), prepared_, point.get());
    if (result == 2) {
        fail("a point-in-polygon test");
    }
    return result == 1;
}

double farthest_distance(const GEOSGeometry* geometry, Point p) {
    const Geometry point = make_point(p);
    double distance = 0.0;
    if (GEOSHausdorffDistance_r(context(), geometry, point.get(), &distance) == 0) {
        fail("a distance computation");
    }
    return distance;
}

double area(const GEOSGeometry* geometry) {
    double value = 0.0;
    if (GEOSArea_r(context(), geometry, &value) == 0) {
        fail("an area computation");
    }
    return value;
}

}  // namespace centrecov::geom

namespace centrecov::geom {

namespace {

Geometry checked(GEOSGeometry* result, const char* what) {
    if (result == nullptr) {
        fail(what);
    }
    return Geometry(result);
}

// A collection of the given type made of the parts. The parts stay owned here until GEOS takes
// them (it owns them from the call on, whether it succeeds or not).
Geometry collect(int type, std::vector<Geometry> parts, const char* what) {
    std::vector<GEOSGeometry*> handed_over;
    handed_over.reserve(parts.size());
    for (auto& part : parts) {
        handed_over.push_back(part.release());
    }
    return checked(GEOSGeom_createCollection_r(context(), type, handed_over.data(),
                                               static_cast<unsigned>(handed_over.size())),
                   what);
}

}  // namespace

Geometry clone(const GEOSGeometry* geometry) {
    return checked(GEOSGeom_clone_r(context(), geometry), "to copy a geometry");
}

Geometry dissolve(const std::vector<const GEOSGeometry*>& parts) {
    std::vector<Geometry> copies;
    copies.reserve(parts.size());
    for (const GEOSGeometry* part : parts) {
        copies.push_back(clone(part));
    }
    // The union of the collection makes one (Multi)Polygon.
    const Geometry collection = collect(GEOS_GEOMETRYCOLLECTION, std::move(copies), "to collect geometries");
    return checked(GEOSUnaryUnion_r(context(), collection.get()), "to dissolve polygons");
}

Geometry buffer(Point centre, double radius, int quadrant_segments) {
    const Geometry point = make_point(centre);
    return checked(GEOSBuffer_r(context(), point.get(), radius, quadrant_segments), "to buffer a point");
}

Geometry intersection(const GEOSGeometry* a, const GEOSGeometry* b) {
    return checked(GEOSIntersection_r(context(), a, b), "to intersect polygons");
}

Geometry difference(const GEOSGeometry* a, const GEOSGeometry* b) {
    return checked(GEOSDifference_r(context(), a, b), "to subtract polygons");
}

Geometry as_multipolygon(Geometry geometry) {
    const int type = GEOSGeomTypeId_r(context(), geometry.get());
    if (type == GEOS_MULTIPOLYGON) {
        return geometry;
    }
    std::vector<Geometry> polygons;
    if (type == GEOS_POLYGON) {
        if (GEOSisEmpty_r(context(), geometry.get()) == 0) {
            polygons.push_back(std::move(geometry));
        }
    } else {
        // A collection from an intersection may hold lines or points on shared edges: keep the polygons.
        const int n = GEOSGetNumGeometries_r(context(), geometry.get());
        for (int i = 0; i < n; ++i) {
            const GEOSGeometry* part = GEOSGetGeometryN_r(context(), geometry.get(), i);
            const int part_type = GEOSGeomTypeId_r(context(), part);
            if (part_type == GEOS_POLYGON) {
                polygons.push_back(clone(part));
            } else if (part_type == GEOS_MULTIPOLYGON) {
                for (int k = 0; k < GEOSGetNumGeometries_r(context(), part); ++k) {
                    polygons.push_back(clone(GEOSGetGeometryN_r(context(), part, k)));
                }
            }
        }
    }
    return collect(GEOS_MULTIPOLYGON, std::move(polygons), "to make a multipolygon");
}

bool is_valid(const GEOSGeometry* geometry) {
    return GEOSisValid_r(context(), geometry) == 1;
}

bool contains_within(const GEOSGeometry* outer, const GEOSGeometry* inner, double tolerance_m2) {
    const Geometry outside = difference(inner, outer);
    return area(outside.get()) <= tolerance_m2;
}

}  // namespace centrecov::geom

namespace centrecov::geom {

Geometry buffer_lines(const std::vector<std::vector<Point>>& lines, double width, int quadrant_segments) {
    std::vector<Geometry> parts;
    parts.reserve(lines.size());
    for (const auto& line : lines) {
        GEOSCoordSequence* sequence = GEOSCoordSeq_create_r(context(), static_cast<unsigned>(line.size()), 2);
        if (sequence == nullptr) {
            fail("to make a coordinate sequence");
        }
        for (std::size_t k = 0; k < line.size(); ++k) {
            GEOSCoordSeq_setXY_r(context(), sequence, static_cast<unsigned>(k), line[k].x, line[k].y);
        }
        // The line takes the sequence, whether it succeeds or not.
        parts.push_back(checked(GEOSGeom_createLineString_r(context(), sequence), "to make a line"));
    }
    const Geometry collection = collect(GEOS_MULTILINESTRING, std::move(parts), "to collect lines");
    return checked(GEOSBuffer_r(context(), collection.get(), width, quadrant_segments), "to buffer lines");
}

Geometry unite(const GEOSGeometry* a, const GEOSGeometry* b) {
    return checked(GEOSUnion_r(context(), a, b), "to unite polygons");
}

}  // namespace centrecov::geom

namespace centrecov::geom {

Geometry simplify(const GEOSGeometry* geometry, double tolerance) {
    return checked(GEOSTopologyPreserveSimplify_r(context(), geometry, tolerance), "to simplify a geometry");
}

void for_each_ring(const GEOSGeometry* geometry, const std::function<void(std::size_t, std::size_t, const std::vector<Point>&)>& ring) {
    const int parts = GEOSGetNumGeometries_r(context(), geometry);
    for (int p = 0; p < parts; ++p) {
        const GEOSGeometry* polygon = GEOSGetGeometryN_r(context(), geometry, p);
        if (GEOSGeomTypeId_r(context(), polygon) != GEOS_POLYGON || GEOSisEmpty_r(context(), polygon) == 1) {
            continue;
        }
        const int holes = GEOSGetNumInteriorRings_r(context(), polygon);
        for (int r = -1; r < holes; ++r) {
            const GEOSGeometry* line =
                r < 0 ? GEOSGetExteriorRing_r(context(), polygon) : GEOSGetInteriorRingN_r(context(), polygon, r);
            const GEOSCoordSequence* sequence = GEOSGeom_getCoordSeq_r(context(), line);
            unsigned size = 0;
            GEOSCoordSeq_getSize_r(context(), sequence, &size);
            std::vector<Point> points(size);
            for (unsigned k = 0; k < size; ++k) {
                GEOSCoordSeq_getXY_r(context(), sequence, k, &points[k].x, &points[k].y);
            }
            ring(static_cast<std::size_t>(p), static_cast<std::size_t>(r + 1), points);
        }
    }
}

}  // namespace centrecov::geom
