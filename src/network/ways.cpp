#include "network/ways.hpp"

#include <cpl_conv.h>
#include <ogrsf_frmts.h>

#include <array>
#include <cstdlib>
#include <map>

#include "core/error.hpp"
#include "core/progress.hpp"
#include "core/text.hpp"
#include "io/gdal.hpp"

namespace centrecov::network {

namespace {

constexpr std::array<std::pair<RoadClass, std::string_view>, 22> class_names{{
    {RoadClass::motorway, "motorway"},
    {RoadClass::motorway_link, "motorway_link"},
    {RoadClass::trunk, "trunk"},
    {RoadClass::trunk_link, "trunk_link"},
    {RoadClass::primary, "primary"},
    {RoadClass::primary_link, "primary_link"},
    {RoadClass::secondary, "secondary"},
    {RoadClass::secondary_link, "secondary_link"},
    {RoadClass::tertiary, "tertiary"},
    {RoadClass::tertiary_link, "tertiary_link"},
    {RoadClass::unclassified, "unclassified"},
    {RoadClass::residential, "residential"},
    {RoadClass::living_street, "living_street"},
    {RoadClass::service, "service"},
    {RoadClass::track, "track"},
    {RoadClass::pedestrian, "pedestrian"},
    {RoadClass::footway, "footway"},
    {RoadClass::path, "path"},
    {RoadClass::cycleway, "cycleway"},
    {RoadClass::bridleway, "bridleway"},
    {RoadClass::steps, "steps"},
    {RoadClass::other, "road"},
}};

// GDAL's OSM driver puts tags without a column of their own into other_tags:
// "key"=>"value","key2"=>"value2".
std::map<std::string, std::string> parse_other_tags(const std::string& text) {
    std::map<std::string, std::string> tags;
    std::size_t i = 0;
    auto read_quoted = [&](std::string& out) {
        if (i >= text.size() || text[i] != '"') {
            return false;
        }
        ++i;
        while (i < text.size() && text[i] != '"') {
            if (text[i] == '\\' && i + 1 < text.size()) {
                ++i;
            }
            out += text[i++];
        }
        ++i;
        return true;
    };
    while (i < text.size()) {
        std::string key;
        std::string value;
        if (!read_quoted(key) || text.compare(i, 2, "=>") != 0) {
            break;
        }
        i += 2;
        if (!read_quoted(value)) {
            break;
        }
        tags[key] = value;
        if (i < text.size() && text[i] == ',') {
            ++i;
        }
    }
    return tags;
}

Permission permission(const std::string& value) {
    if (value == "no" || value == "private") {
        return Permission::no;
    }
    if (value == "yes" || value == "designated" || value == "permissive" || value == "destination") {
        return Permission::yes;
    }
    return Permission::unknown;
}

void apply_osm_tags(Way& way, const std::map<std::string, std::string>& tags) {
    auto tag = [&](const char* key) -> std::string {
        const auto found = tags.find(key);
        return found == tags.end() ? std::string() : found->second;
    };
    const std::string oneway = tag("oneway");
    if (oneway == "yes" || oneway == "1" || oneway == "true") {
        way.oneway = OneWay::forward;
    } else if (oneway == "-1" || oneway == "reverse") {
        way.oneway = OneWay::backward;
    } else if (oneway.empty() && (tag("junction") == "roundabout" || way.road_class == RoadClass::motorway)) {
        way.oneway = OneWay::forward;  // implied by OSM convention
    }
    way.maxspeed_kmh = parse_maxspeed_kmh(tag("maxspeed"));
    way.foot = permission(tag("foot"));
    const Permission access = permission(tag("access"));
    const Permission motor_vehicle = permission(tag("motor_vehicle"));
    way.motor = motor_vehicle != Permission::unknown ? motor_vehicle : access;
    if (access == Permission::no && way.foot == Permission::unknown) {
        way.foot = Permission::no;
    }
    const std::string sidewalk = tag("sidewalk");
    way.sidewalk = !sidewalk.empty() && sidewalk != "no" && sidewalk != "none" && sidewalk != "separate";
}

std::optional<RoadClass> open_roads_class(const std::string& function, const std::string& form, bool trunk) {
    const bool slip = form == "Slip Road";
    if (function == "Motorway") {
        return slip ? RoadClass::motorway_link : RoadClass::motorway;
    }
    if (function == "A Road") {
        if (trunk) {
            return slip ? RoadClass::trunk_link : RoadClass::trunk;
        }
        return slip ? RoadClass::primary_link : RoadClass::primary;
    }
    if (function == "B Road") {
        return slip ? RoadClass::secondary_link : RoadClass::secondary;
    }
    if (function == "Minor Road") {
        return RoadClass::tertiary;
    }
    if (function == "Local Road") {
        return RoadClass::residential;
    }
    if (function == "Local Access Road" || function == "Restricted Local Access Road" ||
        function == "Secondary Access Road") {
        return RoadClass::service;
    }
    return std::nullopt;
}

// The parts of a line geometry, in order: one for a LineString, each part of a
// MultiLineString (empty for anything else).
std::vector<std::vector<Point>> line_parts(const OGRGeometry& geometry) {
    std::vector<std::vector<Point>> parts;
    auto add = [&](const OGRLineString& line) {
        auto& part = parts.emplace_back();
        for (const auto& p : line) {
            part.push_back({p.getX(), p.getY()});
        }
    };
    const auto flat = wkbFlatten(geometry.getGeometryType());
    if (flat == wkbLineString) {
        add(*geometry.toLineString());
    } else if (flat == wkbMultiLineString) {
        for (const OGRLineString* line : *geometry.toMultiLineString()) {
            add(*line);
        }
    }
    return parts;
}

// A road in several parts becomes one road per part. With explicit topology
// (OS Open Roads), the first part starts at the line's start node and the last
// ends at its end node; parts meet where they share an end point, and are
// otherwise joined to nothing but what touches them by name.
void add_parts(WaySource& source, Way way, std::vector<std::vector<Point>> parts) {
    std::erase_if(parts, [](const std::vector<Point>& part) { return part.size() < 2; });
    if (parts.empty()) {
        ++source.without_geometry;
        return;
    }
    if (parts.size() > 1) {
        ++source.multi_part;
        source.parts_from_multi_part += parts.size();
    }
    const bool named = !way.start_node.empty() && !way.end_node.empty();
    const std::string start = way.start_node;
    const std::string end = way.end_node;
    std::string previous_end = start;
    for (std::size_t k = 0; k < parts.size(); ++k) {
        Way part = way;
        part.line = std::move(parts[k]);
        if (named) {
            const bool last = k + 1 == parts.size();
            part.start_node = k == 0 ? start
                              : source.ways.back().line.back() == part.line.front()
                                  ? previous_end
                                  : way.source_id + "#part" + std::to_string(k + 1) + "-start";
            part.end_node = last ? end : way.source_id + "#part" + std::to_string(k + 1) + "-end";
            previous_end = part.end_node;
        }
        if (parts.size() > 1) {
            part.source_id = way.source_id + " (part " + std::to_string(k + 1) + " of " +
                             std::to_string(parts.size()) + ")";
        }
        source.ways.push_back(std::move(part));
    }
}

int field(OGRFeatureDefn* definition, std::initializer_list<const char*> names) {
    for (const char* name : names) {
        const int index = definition->GetFieldIndex(name);
        if (index >= 0) {
            return index;
        }
    }
    return -1;
}

std::string text_of(OGRFeature& feature, int index) {
    return index >= 0 && feature.IsFieldSetAndNotNull(index) ? feature.GetFieldAsString(index) : std::string();
}

}  // namespace

std::string_view to_string(RoadClass road_class) {
    for (const auto& [value, name] : class_names) {
        if (value == road_class) {
            return name;
        }
    }
    return "road";
}

std::optional<RoadClass> parse_osm_highway(std::string_view highway) {
    for (const auto& [value, name] : class_names) {
        if (name == highway) {
            return value;
        }
    }
    if (highway == "road" || highway == "busway") {
        return RoadClass::other;
    }
    return std::nullopt;  // construction, proposed, platform, corridor, ...
}

std::optional<double> parse_maxspeed_kmh(std::string_view value) {
    std::string text = text::trim(value);
    double factor = 1.0;
    for (const char* unit : {" mph", "mph"}) {
        const std::string suffix(unit);
        if (text.size() > suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0) {
            text = text::trim(text.substr(0, text.size() - suffix.size()));
            factor = 1.609344;
            break;
        }
    }
    const auto number = text::parse_number(text);
    if (!number || *number <= 0.0 || *number > 200.0) {
        return std::nullopt;
    }
    return *number * factor;
}

WaySource read_ways(const std::filesystem::path& path) {
    io::init_gdal();
    const std::string name = text::to_lower(path.filename().string());
    const bool osm = name.ends_with(".osm.pbf") || name.ends_with(".pbf") || name.ends_with(".osm");
    if (osm && CPLGetConfigOption("OSM_USE_CUSTOM_INDEXING", nullptr) == nullptr) {
        // GDAL's custom node index fails on some extracts (OS OpenData conversions among them).
        CPLSetConfigOption("OSM_USE_CUSTOM_INDEXING", "NO");
    }
    io::DatasetPtr dataset = io::open_vector(path);

    WaySource source;
    OGRLayer* layer = nullptr;
    if (osm || std::string(dataset->GetDriverName()) == "OSM") {
        source.kind = SourceKind::openstreetmap;
        layer = dataset->GetLayerByName("lines");
    } else {
        for (int i = 0; i < dataset->GetLayerCount() && layer == nullptr; ++i) {
            OGRLayer* candidate = dataset->GetLayer(i);
            OGRFeatureDefn* definition = candidate->GetLayerDefn();
            const auto geometry = wkbFlatten(candidate->GetGeomType());
            const bool lines = geometry == wkbLineString || geometry == wkbMultiLineString || geometry == wkbUnknown;
            if (!lines) {
                continue;
            }
            if (field(definition, {"roadFunction", "function"}) >= 0) {
                source.kind = SourceKind::os_open_roads;
                layer = candidate;
            } else if (field(definition, {"highway"}) >= 0) {
                source.kind = SourceKind::generic;
                layer = candidate;
            }
        }
    }
    if (layer == nullptr) {
        throw InputError(path.string(), "",
                         "no road line layer: expected OpenStreetMap lines, an OS Open Roads RoadLink layer "
                         "(roadFunction, formOfWay) or a line layer with a 'highway' field");
    }
    source.layer = layer->GetName();
    const OGRSpatialReference* srs = layer->GetSpatialRef();
    if (srs == nullptr) {
        throw InputError(path.string(), "layer '" + source.layer + "'",
                         "no coordinate reference system; cannot place its roads");
    }
    const io::Transformer to_bng(*srs, io::spatial_reference(io::bng_epsg));

    OGRFeatureDefn* definition = layer->GetLayerDefn();
    const int highway = field(definition, {"highway"});
    const int other_tags = field(definition, {"other_tags"});
    const int osm_id = field(definition, {"osm_id", "identifier", "id", "fid"});
    const int function = field(definition, {"roadFunction", "function"});
    const int form = field(definition, {"formOfWay"});
    const int trunk = field(definition, {"trunkRoad"});
    const int start_node = field(definition, {"startNode"});
    const int end_node = field(definition, {"endNode"});
    const std::array<std::pair<const char*, int>, 7> tag_fields{{
        {"oneway", field(definition, {"oneway"})},
        {"maxspeed", field(definition, {"maxspeed"})},
        {"foot", field(definition, {"foot"})},
        {"access", field(definition, {"access"})},
        {"motor_vehicle", field(definition, {"motor_vehicle"})},
        {"junction", field(definition, {"junction"})},
        {"sidewalk", field(definition, {"sidewalk"})},
    }};

    layer->ResetReading();
    CPLErrorReset();
    const GIntBig known_count = layer->GetFeatureCount(FALSE);  // -1 when counting would mean reading the file
    Progress progress("reading roads", known_count > 0 ? static_cast<std::size_t>(known_count) : 0);
    OGRFeature* raw = nullptr;
    while ((raw = layer->GetNextFeature()) != nullptr) {
        std::unique_ptr<OGRFeature> feature(raw);
        ++source.features_read;
        progress.advance();
        Way way;
        way.source_id = text_of(*feature, osm_id);
        if (way.source_id.empty()) {
            way.source_id = std::to_string(feature->GetFID());
        }
        if (source.kind == SourceKind::os_open_roads) {
            const std::string trunk_value = text::to_lower(text_of(*feature, trunk));
            const auto road_class = open_roads_class(text_of(*feature, function), text_of(*feature, form),
                                                     trunk_value == "true" || trunk_value == "1");
            if (!road_class) {
                ++source.not_roads;
                continue;
            }
            way.road_class = *road_class;
            way.start_node = text_of(*feature, start_node);
            way.end_node = text_of(*feature, end_node);
        } else {
            const auto road_class = parse_osm_highway(text_of(*feature, highway));
            if (!road_class) {
                ++source.not_roads;
                continue;
            }
            way.road_class = *road_class;
            std::map<std::string, std::string> tags = parse_other_tags(text_of(*feature, other_tags));
            for (const auto& [key, index] : tag_fields) {
                if (index >= 0 && feature->IsFieldSetAndNotNull(index)) {
                    tags[key] = feature->GetFieldAsString(index);
                }
            }
            apply_osm_tags(way, tags);
        }
        OGRGeometry* geometry = feature->GetGeometryRef();
        if (geometry == nullptr || geometry->IsEmpty()) {
            ++source.without_geometry;
            continue;
        }
        try {
            to_bng.apply(*geometry);
        } catch (const std::exception& e) {
            throw InputError(path.string(), "feature " + way.source_id, e.what());
        }
        add_parts(source, std::move(way), line_parts(*geometry));
    }
    if (CPLGetLastErrorType() >= CE_Failure) {
        // GDAL stops at the first block it cannot decode: the roads after it would be lost without a word.
        throw InputError(path.string(), "layer '" + source.layer + "'",
                         "reading stopped after " + std::to_string(source.features_read) +
                             " features: the file is cut short or damaged (" + io::last_gdal_error("GDAL gave no reason") +
                             ")");
    }
    if (source.features_read == 0) {
        // A cut-short or damaged file reads as no features at all; say so rather than "none of them a road".
        throw InputError(path.string(), "layer '" + source.layer + "'",
                         "no features could be read: the file is cut short or damaged, or holds no lines (" +
                             io::last_gdal_error("GDAL gave no reason") + ")");
    }
    if (source.ways.empty()) {
        throw InputError(path.string(), "layer '" + source.layer + "'",
                         "no roads: " + std::to_string(source.features_read) + " features read, none of them a road");
    }
    return source;
}

}  // namespace centrecov::network
