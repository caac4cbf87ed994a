#include "geocode/candidates.hpp"

#include <fmt/format.h>

#include "geom/geos.hpp"

namespace centrecov::geocode {

namespace {

std::vector<Point> spread(const std::vector<std::pair<std::string, const PostcodeUnit*>>& units, std::size_t at_most) {
    std::vector<Point> out;
    const std::size_t n = units.size();
    const std::size_t keep = std::min(n, std::max<std::size_t>(1, at_most));
    for (std::size_t i = 0; i < keep; ++i) {
        // Evenly over the order: the first, ..., the last.
        const std::size_t at = keep == 1 ? n / 2 : i * (n - 1) / (keep - 1);
        out.push_back(units[at].second->point);
    }
    return out;
}

// "1,181"
std::string count_text(std::size_t n) {
    std::string digits = std::to_string(n);
    for (std::size_t at = digits.size(); at > 3; at -= 3) {
        digits.insert(at - 3, ",");
    }
    return digits;
}

std::vector<Point> box_points(const Extent& box) {
    const Point centre{0.5 * (box.min_x + box.max_x), 0.5 * (box.min_y + box.max_y)};
    return {centre, {box.min_x, box.min_y}, {box.max_x, box.min_y}, {box.min_x, box.max_y}, {box.max_x, box.max_y}};
}

const Ward* ward_named(const Gazetteer& gazetteer, const std::string& code) {
    for (const auto& ward : gazetteer.wards) {
        if (ward.code == code) {
            return &ward;
        }
    }
    return nullptr;
}

Candidates within_box(const Extent& box, const Gazetteer& gazetteer, std::size_t at_most, const std::string& what) {
    const auto units = gazetteer.postcodes.select([&box](const PostcodeUnit& unit) { return box.contains(unit.point); });
    if (units.empty()) {
        return {box_points(box), fmt::format("the centre and corners of {} (no postcode within it)", what)};
    }
    return {spread(units, at_most), fmt::format("{} postcode{} within {}", count_text(units.size()),
                                                units.size() == 1 ? "" : "s", what)};
}

}  // namespace

Candidates placement_candidates(const Site& site, const Gazetteer& gazetteer, std::size_t at_most) {
    const Location& location = site.location;
    switch (location.precision) {
        case Precision::coordinates:
            return {{*location.point}, "its coordinates"};
        case Precision::postcode:
            return {{*location.point}, "its postcode"};
        case Precision::host_postcode:
            return {{*location.point}, "its host's postcode"};
        case Precision::street:
        case Precision::locality: {
            if (!location.extent) {
                return {{*location.point}, "its point (no extent known)"};
            }
            Extent box = *location.extent;
            const bool street = location.precision == Precision::street;
            if (street) {
                box = {box.min_x - street_margin_m, box.min_y - street_margin_m, box.max_x + street_margin_m,
                       box.max_y + street_margin_m};
            }
            return within_box(box, gazetteer, at_most, street ? "the street's box" : "the locality's box");
        }
        case Precision::ward: {
            const Ward* ward = ward_named(gazetteer, location.ward_code);
            if (ward == nullptr) {
                return {{*location.point}, "its point (ward not found)"};
            }
            const auto units = gazetteer.postcodes.select([ward](const PostcodeUnit& unit) {
                return ward->box.contains(unit.point) && geom::covers(ward->area.get(), unit.point);
            });
            if (units.empty()) {
                return {{*location.point}, "the ward's interior point (no postcode within the ward)"};
            }
            return {spread(units, at_most),
                    fmt::format("{} postcodes within ward {} {}", count_text(units.size()), ward->code, ward->name)};
        }
        case Precision::unresolved: {
            const auto code = gazetteer.district_code(site.district);
            if (!code) {
                return {{}, "nowhere (no district known)"};
            }
            const auto units =
                gazetteer.postcodes.select([&code](const PostcodeUnit& unit) { return unit.district_code == *code; });
            const auto name = gazetteer.district_names.find(*code);
            return {spread(units, at_most),
                    fmt::format("{} postcodes of {}", count_text(units.size()),
                                name == gazetteer.district_names.end() ? "district " + *code : name->second)};
        }
    }
    return {{}, "nowhere"};
}

}  // namespace centrecov::geocode
