#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/location.hpp"

namespace centrecov {

enum class SiteKind { centre, library };

std::string_view to_string(SiteKind kind);

// A place that offers (or could offer) services to families.
struct Site {
    std::string id;
    std::string name;
    SiteKind kind = SiteKind::centre;
    std::string district;  // district name as given or derived from the postcode

    // Evidence for placing it, as given in the input (any may be empty).
    std::string street;
    std::string locality;
    std::string ward;
    std::string postcode;
    std::string host_site;
    std::optional<Point> given_point;  // coordinates given in the input, in BNG

    // Another site in the same building: counted once for coverage.
    std::string duplicate_of;

    // Status and descriptive fields carried through to the outputs as given.
    std::vector<std::pair<std::string, std::string>> attributes;

    Location location;

    std::string source_file;
    std::size_t source_line = 0;

    const std::string* attribute(std::string_view key) const;
};

// The one rule for what a site id (a centre's or a library's) may be, wherever one is read
// (centres and library files, scenario and optimised files): not empty, and no control
// character (a scenario file could not carry it back). The problem, or nullopt when the id is fine.
std::optional<std::string> site_id_problem(std::string_view id);

}  // namespace centrecov
