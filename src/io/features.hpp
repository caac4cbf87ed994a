#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "geom/geos.hpp"

namespace centrecov::io {

// One feature of a vector layer: its attributes as text and its geometry in BNG.
struct Feature {
    std::size_t index = 0;  // 1-based position in the layer, for messages
    std::map<std::string, std::string> attributes;
    geom::Geometry geometry;  // empty when the feature has none

    const std::string& attribute(const std::string& name) const { return attributes.at(name); }
};

// Reads every feature of the first layer, transformed to British National Grid.
// Throws InputError naming the file when it cannot be read, has no reference
// system, lacks a required attribute, or a feature has no geometry.
std::vector<Feature> read_features(const std::filesystem::path& path, const std::vector<std::string>& required_fields);

}  // namespace centrecov::io
