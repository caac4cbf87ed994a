#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "io/layer.hpp"

namespace centrecov::io {

// RFC 7946 GeoJSON: WGS84 longitude/latitude with 6 decimals, written atomically.
void write_geojson(const std::filesystem::path& path, const OutputLayer& layer);

// RFC 4180 CSV with LF line ends, written atomically.
void write_csv(const std::filesystem::path& path, const std::vector<std::string>& header,
               const std::vector<std::vector<Value>>& rows);

// The CSV text itself (for tests and for composing outputs).
std::string csv_text(const std::vector<std::string>& header, const std::vector<std::vector<Value>>& rows);

}  // namespace centrecov::io
