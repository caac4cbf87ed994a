#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/site.hpp"
#include "io/layer.hpp"

namespace centrecov::report {

using SiteRole = std::function<std::string(const Site&)>;

// Every site, placed or not (an unplaced site has no geometry), with how it was
// placed: precision, uncertainty and evidence travel with it.
io::OutputLayer sites_layer(const std::vector<const Site*>& sites, const SiteRole& role);

// How many sites each kind of evidence placed; duplicates skipped when asked.
std::map<Precision, int> count_precision(const std::vector<Site>& sites, bool skip_duplicates);

inline constexpr Precision all_precisions[] = {Precision::coordinates, Precision::postcode, Precision::host_postcode,
                                               Precision::street,      Precision::locality, Precision::ward,
                                               Precision::unresolved};

// What the data says of the centres' placing, in one sentence counted from them:
// "Of the 47 distinct centres, 21 are placed by their own postcode, ...".
std::string centre_precision_sentence(const std::vector<Site>& centres);

// Writes sites.geojson and sites.csv (the CSV adds longitude and latitude).
void write_sites(const std::filesystem::path& directory, const std::vector<const Site*>& sites, const SiteRole& role);

}  // namespace centrecov::report
