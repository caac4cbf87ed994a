#include "geocode/geocoder.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <set>

#include "core/progress.hpp"
#include "core/text.hpp"
#include "geocode/names.hpp"

namespace centrecov::geocode {

namespace {

// Rough radius of a postcode unit by Code-Point's positional quality.
double postcode_uncertainty(int quality) {
    if (quality <= 20) {
        return 100.0;
    }
    if (quality <= 30) {
        return 150.0;
    }
    return 500.0;
}

double half_diagonal(const geom::Envelope& box) {
    return 0.5 * std::hypot(box.max_x - box.min_x, box.max_y - box.min_y);
}

double box_area(const geom::Envelope& box) { return (box.max_x - box.min_x) * (box.max_y - box.min_y); }

int place_rank(const std::string& kind) {
    static const std::array<std::string, 6> order{"City", "Town", "Suburban Area", "Village", "Hamlet",
                                                  "Other Settlement"};
    for (std::size_t i = 0; i < order.size(); ++i) {
        if (order[i] == kind) {
            return static_cast<int>(i);
        }
    }
    return static_cast<int>(order.size());
}

std::string metres(double value) { return fmt::format("{:.0f} m", value); }

std::optional<Anchor> find_open_names_place(const Gazetteer& gazetteer, const std::string& locality,
                                            const std::string& district) {
    const std::string key = normalise_place(locality);
    const std::string alias = place_alias(locality);
    std::vector<const NamedPlace*> matches;
    for (const auto& place : gazetteer.names.places) {
        if (place.key == key) {
            matches.push_back(&place);
        }
    }
    bool by_alias = false;
    if (matches.empty()) {
        for (const auto& place : gazetteer.names.places) {
            if (place.alias == alias) {
                matches.push_back(&place);
            }
        }
        by_alias = !matches.empty();
    }
    if (matches.empty()) {
        return std::nullopt;
    }
    const std::string district_key = normalise_place(district);
    const std::size_t named = matches.size();
    if (!district_key.empty()) {
        std::vector<const NamedPlace*> in_district;
        for (const auto* place : matches) {
            if (normalise_place(place->district) == district_key) {
                in_district.push_back(place);
            }
        }
        if (!in_district.empty()) {
            matches = std::move(in_district);
        }
    }
    // The most important place of that name, then the largest, then a fixed order.
    std::sort(matches.begin(), matches.end(), [](const NamedPlace* a, const NamedPlace* b) {
        if (place_rank(a->kind) != place_rank(b->kind)) {
            return place_rank(a->kind) < place_rank(b->kind);
        }
        if (box_area(a->box) != box_area(b->box)) {
            return box_area(a->box) > box_area(b->box);
        }
        return a->id < b->id;
    });
    const NamedPlace& chosen = *matches.front();
    Anchor anchor;
    anchor.point = chosen.point;
    anchor.uncertainty_m = std::max(250.0, half_diagonal(chosen.box));
    anchor.extent = chosen.box;
    anchor.evidence = fmt::format("locality '{}' = OS Open Names {} '{}' ({}){}{}", locality, chosen.kind,
                                  chosen.name, chosen.district, by_alias ? ", matched without its suffix" : "",
                                  named > 1 ? fmt::format(", the first of {} places so named", named) : "");
    return anchor;
}

std::optional<Anchor> find_stop_community(const Gazetteer& gazetteer, const std::string& locality) {
    const auto found = gazetteer.stops.by_community.find(normalise_place(locality));
    if (found == gazetteer.stops.by_community.end() || found->second.empty()) {
        return std::nullopt;
    }
    // The median point resists the few stops recorded tens of km off.
    std::vector<double> xs;
    std::vector<double> ys;
    for (const auto& p : found->second) {
        xs.push_back(p.x);
        ys.push_back(p.y);
    }
    const auto middle = xs.size() / 2;
    std::nth_element(xs.begin(), xs.begin() + static_cast<std::ptrdiff_t>(middle), xs.end());
    std::nth_element(ys.begin(), ys.begin() + static_cast<std::ptrdiff_t>(middle), ys.end());
    const Point median{xs[middle], ys[middle]};
    constexpr double outlier_m = 5000.0;
    double farthest = 0.0;
    std::size_t kept = 0;
    Extent box{median.x, median.y, median.x, median.y};
    for (const auto& p : found->second) {
        const double d = straight_line_m(p, median);
        if (d <= outlier_m) {
            farthest = std::max(farthest, d);
            ++kept;
            box = {std::min(box.min_x, p.x), std::min(box.min_y, p.y), std::max(box.max_x, p.x),
                   std::max(box.max_y, p.y)};
        }
    }
    Anchor anchor;
    anchor.extent = box;
    anchor.point = median;
    anchor.uncertainty_m = std::max(500.0, farthest);
    anchor.evidence = fmt::format(
        "locality '{}' = median of {} mobile-library stops in that community ({} within {}; not in OS Open Names)",
        locality, found->second.size(), kept, metres(outlier_m));
    return anchor;
}

std::optional<Location> locate_by_postcode(const Gazetteer& gazetteer, const std::string& postcode,
                                           std::vector<std::string>& notes) {
    if (postcode.empty()) {
        return std::nullopt;
    }
    const std::string normalised = text::normalise_postcode(postcode);
    if (normalised.empty()) {
        notes.push_back("postcode '" + postcode + "' is not a valid UK postcode");
        return std::nullopt;
    }
    const PostcodeUnit* unit = gazetteer.postcodes.find(normalised);
    if (unit == nullptr) {
        notes.push_back("postcode " + normalised + " is not in Code-Point Open (it lists live postcodes only)");
        return std::nullopt;
    }
    Location location;
    location.point = unit->point;
    location.precision = Precision::postcode;
    location.uncertainty_m = postcode_uncertainty(unit->quality);
    location.evidence = "postcode " + normalised + " (Code-Point Open unit centroid)";
    return location;
}

bool looks_like_school(const std::vector<std::string>& tokens) {
    static const std::set<std::string> school_words{"school", "primary", "infant", "infants", "junior",
                                                    "nursery", "academy", "college"};
    return std::any_of(tokens.begin(), tokens.end(), [](const std::string& t) { return school_words.count(t) > 0; });
}

std::optional<Location> locate_by_host(const Site& site, const Gazetteer& gazetteer,
                                       std::vector<std::string>& notes) {
    if (site.host_site.empty()) {
        return std::nullopt;
    }
    const auto host_tokens = words(normalise_place(site.host_site));
    if (!looks_like_school(host_tokens)) {
        return std::nullopt;  // only schools can be looked up (in the school register)
    }
    static const std::set<std::string> generic{
        "school", "primary", "infant", "infants", "junior", "nursery", "academy", "college", "and", "the",
        "of", "community", "first", "church", "england", "ce", "cofe", "vc", "va", "voluntary", "controlled",
        "aided", "centre", "childrens", "children", "sure", "start", "with", "saint"};
    std::vector<std::string> distinctive;
    for (const auto& token : host_tokens) {
        if (generic.count(token) == 0) {
            distinctive.push_back(token);
        }
    }
    if (distinctive.empty()) {
        notes.push_back("host site '" + site.host_site + "' has no distinctive name to look up");
        return std::nullopt;
    }
    const auto site_district = gazetteer.district_code(site.district);

    struct Candidate {
        const School* school;
        const PostcodeUnit* unit;
        double score;
    };
    std::vector<Candidate> candidates;
    for (const auto& school : gazetteer.schools) {
        const auto school_tokens = words(normalise_place(school.name));
        const std::set<std::string> school_set(school_tokens.begin(), school_tokens.end());
        const bool all_present = std::all_of(distinctive.begin(), distinctive.end(),
                                             [&](const std::string& t) { return school_set.count(t) > 0; });
        if (!all_present) {
            continue;
        }
        const PostcodeUnit* unit = gazetteer.postcodes.find(school.postcode);
        if (unit == nullptr) {
            continue;
        }
        if (site_district && unit->district_code != *site_district) {
            continue;
        }
        const std::set<std::string> host_set(host_tokens.begin(), host_tokens.end());
        std::size_t shared = 0;
        for (const auto& t : host_set) {
            shared += school_set.count(t);
        }
        const double score = static_cast<double>(shared) /
                             static_cast<double>(host_set.size() + school_set.size() - shared);
        candidates.push_back({&school, unit, score});
    }
    if (candidates.empty()) {
        notes.push_back("host site '" + site.host_site + "' not found in the 2015 school register");
        return std::nullopt;
    }
    // Open schools first, then the closest name, then a fixed order.
    std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
        if (a.school->closed != b.school->closed) {
            return !a.school->closed;
        }
        if (a.score != b.score) {
            return a.score > b.score;
        }
        return a.school->urn < b.school->urn;
    });
    const Candidate& best = candidates.front();
    constexpr double same_site_m = 500.0;
    for (const auto& other : candidates) {
        if (other.school->closed == best.school->closed && other.score == best.score &&
            straight_line_m(other.unit->point, best.unit->point) > same_site_m) {
            notes.push_back("host site '" + site.host_site + "' matches several schools with different postcodes");
            return std::nullopt;
        }
    }
    Location location;
    location.point = best.unit->point;
    location.precision = Precision::host_postcode;
    location.uncertainty_m = postcode_uncertainty(best.unit->quality);
    location.evidence = fmt::format("host site '{}' = school '{}' (URN {}, 2015 register), postcode {} "
                                    "(Code-Point Open unit centroid)",
                                    site.host_site, best.school->name, best.school->urn,
                                    text::normalise_postcode(best.school->postcode));
    return location;
}

std::optional<Location> locate_by_street(const Site& site, const Gazetteer& gazetteer,
                                         const std::optional<Anchor>& anchor, std::vector<std::string>& notes) {
    if (site.street.empty()) {
        return std::nullopt;
    }
    if (site.locality.empty()) {
        notes.push_back("street '" + site.street + "' given without a locality");
        return std::nullopt;
    }
    constexpr double near_locality_m = 3000.0;
    const std::string place_key = normalise_place(site.locality);
    const std::string place_alias_key = place_alias(site.locality);
    for (const auto& street : street_candidates(site.street)) {
        const std::string key = normalise_road(street);
        std::vector<const NamedRoad*> matches;
        for (const auto& road : gazetteer.names.roads) {
            if (road.key != key) {
                continue;
            }
            const bool in_place = road.place_key == place_key || place_alias(road.place) == place_alias_key;
            const bool near_place = anchor && straight_line_m(road.point, anchor->point) <= near_locality_m;
            if (in_place || near_place) {
                matches.push_back(&road);
            }
        }
        if (matches.empty()) {
            continue;
        }
        // With a locality point, the stretch of road nearest it; else a fixed order.
        std::sort(matches.begin(), matches.end(), [&](const NamedRoad* a, const NamedRoad* b) {
            if (anchor) {
                const double da = straight_line_m(a->point, anchor->point);
                const double db = straight_line_m(b->point, anchor->point);
                if (da != db) {
                    return da < db;
                }
            }
            return a->id < b->id;
        });
        geom::Envelope extent = matches.front()->box;
        for (const auto* road : matches) {
            extent.min_x = std::min(extent.min_x, road->box.min_x);
            extent.min_y = std::min(extent.min_y, road->box.min_y);
            extent.max_x = std::max(extent.max_x, road->box.max_x);
            extent.max_y = std::max(extent.max_y, road->box.max_y);
        }
        const NamedRoad& chosen = *matches.front();
        Location location;
        location.point = chosen.point;
        location.precision = Precision::street;
        location.uncertainty_m = std::max(100.0, half_diagonal(extent));
        location.extent = extent;
        location.evidence = fmt::format("street '{}' = OS Open Names road '{}' in {}{}", street, chosen.name,
                                        chosen.place.empty() ? chosen.district : chosen.place,
                                        matches.size() > 1
                                            ? fmt::format(" (nearest of {} entries for that road)", matches.size())
                                            : "");
        return location;
    }
    notes.push_back("street '" + site.street + "' not found in OS Open Names near '" + site.locality + "'");
    return std::nullopt;
}

std::optional<Location> locate_by_ward(const Site& site, const Gazetteer& gazetteer, std::vector<std::string>& notes) {
    // The ward given, else a locality that happens to be a ward's name.
    for (const std::string* name : {&site.ward, &site.locality}) {
        if (name->empty()) {
            continue;
        }
        const std::string key = normalise_place(*name);
        std::vector<const Ward*> matches;
        for (const auto& ward : gazetteer.wards) {
            if (ward.key == key) {
                matches.push_back(&ward);
            }
        }
        if (matches.size() > 1) {
            const std::string district_key = normalise_place(site.district);
            std::erase_if(matches, [&](const Ward* w) { return normalise_place(w->district_name) != district_key; });
        }
        if (matches.size() == 1) {
            const Ward& ward = *matches.front();
            Location location;
            location.point = ward.interior;
            location.precision = Precision::ward;
            location.uncertainty_m = ward.farthest_m;
            location.extent = ward.box;
            location.ward_code = ward.code;
            location.evidence = fmt::format("{} '{}' = interior point of ward {} {} ({})",
                                            name == &site.ward ? "ward" : "locality", *name, ward.code, ward.name,
                                            ward.district_name);
            return location;
        }
        if (matches.size() > 1) {
            notes.push_back("ward name '" + *name + "' is ambiguous");
        } else if (name == &site.ward) {
            notes.push_back("ward '" + *name + "' not found among the 2025 wards");
        }
    }
    return std::nullopt;
}

std::string joined(const std::vector<std::string>& notes) {
    std::string out;
    for (const auto& note : notes) {
        out += (out.empty() ? "" : "; ") + note;
    }
    return out;
}

Location with_notes(Location location, const std::vector<std::string>& notes) {
    if (!notes.empty()) {
        location.evidence += " [" + joined(notes) + "]";
    }
    return location;
}

}  // namespace

std::optional<Anchor> find_locality(const Gazetteer& gazetteer, const std::string& locality,
                                    const std::string& district) {
    if (locality.empty()) {
        return std::nullopt;
    }
    if (auto anchor = find_open_names_place(gazetteer, locality, district)) {
        return anchor;
    }
    return find_stop_community(gazetteer, locality);
}

Location locate(const Site& site, const Gazetteer& gazetteer) {
    std::vector<std::string> notes;
    if (site.given_point) {
        Location location;
        location.point = site.given_point;
        location.precision = Precision::coordinates;
        location.evidence = "coordinates given in the input";
        return location;
    }
    if (auto location = locate_by_postcode(gazetteer, site.postcode, notes)) {
        return with_notes(*location, notes);
    }
    if (auto location = locate_by_host(site, gazetteer, notes)) {
        return with_notes(*location, notes);
    }
    const auto anchor = find_locality(gazetteer, site.locality, site.district);
    if (auto location = locate_by_street(site, gazetteer, anchor, notes)) {
        return with_notes(*location, notes);
    }
    if (anchor) {
        Location location;
        location.point = anchor->point;
        location.precision = Precision::locality;
        location.uncertainty_m = anchor->uncertainty_m;
        location.extent = anchor->extent;
        location.evidence = anchor->evidence;
        return with_notes(location, notes);
    }
    if (!site.locality.empty()) {
        notes.push_back("locality '" + site.locality + "' not found in OS Open Names or mobile-library stops");
    } else {
        notes.push_back("no locality given");
    }
    if (auto location = locate_by_ward(site, gazetteer, notes)) {
        return with_notes(*location, notes);
    }
    Location unresolved;
    unresolved.precision = Precision::unresolved;
    unresolved.evidence = "not placed: " + joined(notes);
    return unresolved;
}

std::size_t locate_all(std::vector<Site>& sites, const Gazetteer& gazetteer) {
    Progress progress("geocoding sites", sites.size());
    std::size_t unresolved = 0;
    for (auto& site : sites) {
        site.location = locate(site, gazetteer);
        if (!site.location.resolved()) {
            ++unresolved;
        }
        progress.advance();
    }
    return unresolved;
}

}  // namespace centrecov::geocode
