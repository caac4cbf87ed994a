#pragma once

#include <gdal_priv.h>
#include <ogr_spatialref.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/geometry.hpp"

namespace centrecov::io {

inline constexpr int bng_epsg = 27700;
inline constexpr int wgs84_epsg = 4326;

// Registers GDAL's drivers once and routes its messages to our own errors.
void init_gdal();

struct DatasetCloser {
    void operator()(GDALDataset* dataset) const { GDALClose(dataset); }
};
using DatasetPtr = std::unique_ptr<GDALDataset, DatasetCloser>;

// Opens a vector file with the named drivers (all when empty); throws InputError naming the file.
DatasetPtr open_vector(const std::filesystem::path& path, const std::vector<std::string>& drivers = {},
                       const std::vector<std::string>& open_options = {});

// Spatial reference with longitude/latitude (x/y) axis order for geographic systems.
OGRSpatialReference spatial_reference(int epsg);

// Coordinate transformation between two reference systems (x/y order both sides).
class Transformer {
public:
    Transformer(const OGRSpatialReference& from, const OGRSpatialReference& to);
    Transformer(int from_epsg, int to_epsg);
    Point apply(Point p) const;
    // Many points in one call (far cheaper than one call each).
    std::vector<Point> apply(const std::vector<Point>& points) const;
    // Transforms the geometry in place; throws when it cannot.
    void apply(OGRGeometry& geometry) const;

private:
    struct Deleter {
        void operator()(OGRCoordinateTransformation* ct) const { OGRCoordinateTransformation::DestroyCT(ct); }
    };
    std::unique_ptr<OGRCoordinateTransformation, Deleter> transformation_;
};

// British National Grid to WGS84, made once per thread (PROJ takes a while to choose one).
const Transformer& bng_to_wgs84();

// GDAL's last error message, or a fallback.
std::string last_gdal_error(const std::string& fallback);

}  // namespace centrecov::io
