#pragma once

#include <filesystem>
#include <vector>

#include "core/site.hpp"

namespace centrecov::io {

// Reads the children's centres file: one row per centre with columns
// id, name, district, street, locality, ward, postcode, host_site, duplicate_of;
// optional coordinates as easting/northing (BNG) or longitude/latitude (WGS84);
// every other column is carried through as an attribute. Throws InputError on a
// missing column, an empty or duplicate id, a dangling duplicate_of, or bad coordinates.
std::vector<Site> read_centres(const std::filesystem::path& path);

// Reads a Libraries Hacked library file (name, address, postcode, years opened
// and closed). Ids are made from names, with the street added where two
// libraries share a name.
std::vector<Site> read_libraries(const std::filesystem::path& path);

}  // namespace centrecov::io
