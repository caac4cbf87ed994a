#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/site.hpp"
#include "io/layer.hpp"

namespace centrecov::report {

using SiteRole = std::function<std::string(const Site&)>;

// Every site, placed or not (an unplaced site has no geometry), with how it was
// placed: precision, uncertainty and evidence travel with it.
io::OutputLayer sites_layer(const std::vector<const Site*>& sites, const SiteRole& role);

// Writes sites.geojson and sites.csv (the CSV adds longitude and latitude).
void write_sites(const std::filesystem::path& directory, const std::vector<const Site*>& sites, const SiteRole& role);

}  // namespace centrecov::report
