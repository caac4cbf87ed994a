#pragma once

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/geometry.hpp"
#include "geom/geos.hpp"
#include "io/study_manifest.hpp"

namespace centrecov::geocode {

// One live unit postcode from Code-Point Open.
struct PostcodeUnit {
    Point point;
    int quality = 0;  // Code-Point positional quality: 10 best ... 90 no coordinates
    std::string district_code;
    double weight = 1.0;  // how many of its area's families live here, relative to its other postcodes
};

class PostcodeIndex {
public:
    // `weight_column` (optional) gives each postcode's weight (households, people); without it all weigh 1.
    static PostcodeIndex load(const std::filesystem::path& path, const std::string& weight_column = "");
    void add(const std::string& postcode, PostcodeUnit unit);
    // Looks a postcode up in any spacing or case; nullptr when absent.
    const PostcodeUnit* find(std::string_view postcode) const;
    std::size_t size() const { return units_.size(); }
    // Every postcode for which keep(unit) holds, in postcode order.
    template <typename Keep>
    std::vector<std::pair<std::string, const PostcodeUnit*>> select(Keep keep) const {
        std::vector<std::pair<std::string, const PostcodeUnit*>> out;
        for (const auto& [code, unit] : units_) {
            if (keep(unit)) {
                out.emplace_back(code, &unit);
            }
        }
        std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        return out;
    }

private:
    std::unordered_map<std::string, PostcodeUnit> units_;
};

// A populated place (town, village, suburb) from OS Open Names.
struct NamedPlace {
    std::string id;
    std::string name;
    std::string key;    // normalise_place(name)
    std::string alias;  // place_alias(name)
    std::string kind;   // LOCAL_TYPE: Town, Village, Suburban Area, ...
    std::string district;
    Point point;
    geom::Envelope box;
};

// A named road (or a section of one) from OS Open Names: one point and a box, no line.
struct NamedRoad {
    std::string id;
    std::string name;
    std::string key;        // normalise_road(name)
    std::string place_key;  // normalise_place(POPULATED_PLACE)
    std::string place;
    std::string district;
    Point point;
    geom::Envelope box;
};

struct OpenNames {
    std::vector<NamedPlace> places;
    std::vector<NamedRoad> roads;
    static OpenNames load(const std::filesystem::path& path);
};

struct Ward {
    std::string code;
    std::string name;
    std::string key;
    std::string district_code;
    std::string district_name;
    geom::Geometry area;
    geom::Envelope box;
    Point interior;
    double farthest_m = 0.0;  // farthest point of the ward from `interior`
};

// How far outside the study area (the wards) a point lies: 0 inside; infinity when there are no wards.
double distance_outside(const std::vector<Ward>& wards, Point p);

// A point the study cannot mean: farther than `study_area_margin_m` outside its wards.
// Names the point and, when the point read the other way round (`swapped`, by default
// easting and northing exchanged) would lie inside, says so; empty when plausible.
inline constexpr double study_area_margin_m = 5000.0;
std::string implausible_point(const std::vector<Ward>& wards, Point p, std::optional<Point> swapped = std::nullopt);

std::vector<Ward> load_wards(const std::filesystem::path& path, const io::StudyColumns::Wards& columns = {});

// A school from the 2015 register with the postcode of its address. The
// register's coordinates come from a product that is not open, so they are
// never read: a school only ever gives us its postcode.
struct School {
    std::string urn;
    std::string name;
    std::string town;
    std::string postcode;
    bool closed = false;
};

std::vector<School> load_schools(const std::filesystem::path& schools, const std::filesystem::path& addresses);

// Mobile-library stops grouped by community: a fallback for villages and suburbs
// missing from Open Names (a gazetteer with tiles missing).
struct MobileStops {
    std::map<std::string, std::vector<Point>> by_community;  // keyed by normalise_place
    static MobileStops load(const std::filesystem::path& path);
};

// Everything the geocoder consults.
struct Gazetteer {
    PostcodeIndex postcodes;
    OpenNames names;
    std::vector<Ward> wards;
    std::vector<School> schools;
    MobileStops stops;
    std::map<std::string, std::string> district_names;  // code -> name (from the wards)

    // Schools and mobile-library stops are read when the study has them.
    static Gazetteer load(const io::StudyManifest& study);

    void index_districts();
    std::optional<std::string> district_code(std::string_view name) const;
    const Ward* ward_at(Point p) const;
};

}  // namespace centrecov::geocode
