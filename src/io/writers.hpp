#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "io/layer.hpp"

namespace centrecov::io {

// RFC 7946 GeoJSON: WGS84 longitude/latitude with 6 decimals, written atomically.
// A QGIS layer style (QML) stored in a GeoPackage's layer_styles table.
struct LayerStyle {
    std::string layer;
    std::string name;
    std::string qml;
    std::string description;
};

// Writes every layer into one GeoPackage (British National Grid; polygons as
// MultiPolygon) with the styles QGIS applies on opening. Atomic; the same
// layers give the same bytes.
void write_geopackage(const std::filesystem::path& path, const std::vector<OutputLayer>& layers,
                      const std::vector<LayerStyle>& styles);

void write_geojson(const std::filesystem::path& path, const OutputLayer& layer);

// A CSV text cell starting with one of these is one a spreadsheet would run as a formula: the
// writers put an apostrophe before it (OWASP). The report's planner writes its CSV by this list,
// embedded in the page, so the rule lives here alone.
inline constexpr std::string_view spreadsheet_formula_starts = "=+-@\t\r";

// RFC 4180 CSV with LF line ends, written atomically.
void write_csv(const std::filesystem::path& path, const std::vector<std::string>& header,
               const std::vector<std::vector<Value>>& rows);

// The CSV text itself (for tests and for composing outputs).
std::string csv_text(const std::vector<std::string>& header, const std::vector<std::vector<Value>>& rows);

}  // namespace centrecov::io
