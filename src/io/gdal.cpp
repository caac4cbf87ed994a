#include "io/gdal.hpp"

#include <cpl_conv.h>
#include <cpl_error.h>

#include <limits>
#include <mutex>
#include <stdexcept>

#include <spdlog/spdlog.h>

#include "core/error.hpp"

namespace centrecov::io {

namespace {
void quiet_gdal_handler(CPLErr level, CPLErrorNum /*number*/, const char* message) {
    // Errors still reach CPLGetLastErrorMsg(); we report them with the file they concern. The
    // rest (GDAL's warnings about the files it reads) go to the debug log, not the terminal.
    if (level != CE_Failure && level != CE_Fatal) {
        spdlog::debug("GDAL: {}", message != nullptr ? message : "");
    }
}
}  // namespace

void init_gdal() {
    static std::once_flag once;
    std::call_once(once, [] {
        GDALAllRegister();
        CPLSetErrorHandler(quiet_gdal_handler);
    });
}

std::string last_gdal_error(const std::string& fallback) {
    const char* message = CPLGetLastErrorMsg();
    if (message == nullptr || message[0] == '\0') {
        return fallback;
    }
    // GDAL quotes whole SQL statements in some messages: keep the start and the end, where the cause is.
    constexpr std::size_t longest = 600;
    const std::string text = message;
    if (text.size() <= longest) {
        return text;
    }
    return text.substr(0, longest / 2) + " [...] " + text.substr(text.size() - longest / 2);
}

DatasetPtr open_vector(const std::filesystem::path& path, const std::vector<std::string>& drivers,
                       const std::vector<std::string>& open_options) {
    init_gdal();
    const bool in_memory = path.string().rfind("/vsimem/", 0) == 0;
    // GDAL's virtual paths (/vsizip/, /vsicurl/) are GDAL's to open, and a folder can be a
    // dataset (a Shapefile folder, a FileGDB); a device or a FIFO never is.
    const bool virtual_path = path.string().rfind("/vsi", 0) == 0;
    if (std::error_code error; !virtual_path && !std::filesystem::is_directory(path, error)) {
        require_regular_file(path);
    }
    if (std::error_code error; !in_memory &&
                               std::filesystem::file_size(path, error) == 0 && !error) {
        throw InputError(path.string(), "", "is empty (0 bytes): nothing to read");
    }
    std::vector<const char*> driver_list;
    for (const auto& driver : drivers) {
        driver_list.push_back(driver.c_str());
    }
    driver_list.push_back(nullptr);
    std::vector<const char*> option_list;
    for (const auto& option : open_options) {
        option_list.push_back(option.c_str());
    }
    option_list.push_back(nullptr);
    CPLErrorReset();
    GDALDataset* dataset = GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY,
                                             drivers.empty() ? nullptr : driver_list.data(), option_list.data());
    if (dataset == nullptr) {
        throw InputError(path.string(), "", "cannot be read as a vector file: " + last_gdal_error("unknown format"));
    }
    return DatasetPtr(dataset);
}

OGRSpatialReference spatial_reference(int epsg) {
    OGRSpatialReference srs;
    if (srs.importFromEPSG(epsg) != OGRERR_NONE) {
        throw std::runtime_error("PROJ does not know EPSG:" + std::to_string(epsg));
    }
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    return srs;
}

Transformer::Transformer(const OGRSpatialReference& from, const OGRSpatialReference& to) {
    OGRSpatialReference source(from);
    OGRSpatialReference target(to);
    source.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    target.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    transformation_.reset(OGRCreateCoordinateTransformation(&source, &target));
    if (!transformation_) {
        throw std::runtime_error("cannot transform between these coordinate reference systems: " +
                                 last_gdal_error("no transformation"));
    }
}

Transformer::Transformer(int from_epsg, int to_epsg)
    : Transformer(spatial_reference(from_epsg), spatial_reference(to_epsg)) {}

Point Transformer::apply(Point p) const {
    double x = p.x;
    double y = p.y;
    if (!transformation_->Transform(1, &x, &y)) {
        throw std::runtime_error("coordinate transformation failed");
    }
    return {x, y};
}

const Transformer& bng_to_wgs84() {
    thread_local const Transformer transformer(bng_epsg, wgs84_epsg);
    return transformer;
}

std::vector<Point> Transformer::apply(const std::vector<Point>& points) const {
    std::vector<double> x(points.size());
    std::vector<double> y(points.size());
    for (std::size_t i = 0; i < points.size(); ++i) {
        x[i] = points[i].x;
        y[i] = points[i].y;
    }
    if (points.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
        throw std::runtime_error("too many points to transform at once");
    }
    if (!points.empty() && !transformation_->Transform(static_cast<int>(points.size()), x.data(), y.data())) {
        throw std::runtime_error("coordinate transformation failed");
    }
    std::vector<Point> out(points.size());
    for (std::size_t i = 0; i < points.size(); ++i) {
        out[i] = {x[i], y[i]};
    }
    return out;
}

void Transformer::apply(OGRGeometry& geometry) const {
    if (geometry.transform(transformation_.get()) != OGRERR_NONE) {
        throw std::runtime_error("geometry transformation failed");
    }
}

}  // namespace centrecov::io
