#include <gtest/gtest.h>

#include "core/error.hpp"
#include "network/cache.hpp"
#include "network/load.hpp"
#include "network/graph.hpp"
#include "network/ways.hpp"

#include <ogrsf_frmts.h>
#include "support/osm_xml.hpp"
#include "support/temp_dir.hpp"

namespace centrecov::network {
namespace ways_test {

using test::AsciiMap;
using test::OsmWay;
using test::TempDir;

const AsciiMap ways_town(R"(
    a-------b-------c
            |
    r=======s=======t
            |
            d
)");

std::string error_of(const std::filesystem::path& file) {
    try {
        (void)read_ways(file);
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}

TEST(ReadWays, OpenStreetMapThroughGdalWithTags) {
    TempDir dir;
    const auto file = dir.write(
        "town.osm",
        test::osm_xml(ways_town, {{"abc", {{"highway", "residential"}, {"oneway", "yes"}, {"maxspeed", "20 mph"}}},
                            {"bsd", {{"highway", "footway"}, {"foot", "designated"}}},
                            {"rst", {{"railway", "rail"}}},
                            {"ab", {{"highway", "proposed"}}}}));
    const WaySource source = read_ways(file);
    EXPECT_EQ(source.kind, SourceKind::openstreetmap);
    EXPECT_EQ(source.features_read, 4u);
    EXPECT_EQ(source.not_roads, 2u) << "the railway and the proposed road are not roads";
    ASSERT_EQ(source.ways.size(), 2u);
    const Way& street = source.ways[0];
    EXPECT_EQ(street.road_class, RoadClass::residential);
    EXPECT_EQ(street.oneway, OneWay::forward);
    EXPECT_NEAR(*street.maxspeed_kmh, 32.19, 0.01);
    ASSERT_EQ(street.line.size(), 3u);
    // Back in BNG to within a few millimetres of where it was drawn.
    EXPECT_NEAR(street.line[0].x, ways_town.at('a').x, 0.01);
    EXPECT_NEAR(street.line[2].y, ways_town.at('c').y, 0.01);
    EXPECT_EQ(source.ways[1].foot, Permission::yes);

    // And the footway crosses the railway at s, where they share an OSM node, but the railway is no road.
    const RoadNetwork network = build_network(WaySource(source).ways);
    EXPECT_EQ(network.stats.pieces, 3u);  // a-b, b-c, b-d (b is shared)
}

TEST(ReadWays, BadInputsAreNamed) {
    TempDir dir;
    const auto points = dir.write("points.geojson",
                                  R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{},)"
                                  R"("geometry":{"type":"Point","coordinates":[1.3,52.6]}}]})");
    EXPECT_NE(error_of(points).find("no road line layer"), std::string::npos) << error_of(points);

    const auto rails = dir.write("rails.osm", test::osm_xml(ways_town, {{"rst", {{"railway", "rail"}}}}));
    EXPECT_NE(error_of(rails).find("no roads"), std::string::npos) << error_of(rails);

    const auto junk = dir.write("junk.osm.pbf", "this is not a road network");
    EXPECT_NE(error_of(junk).find("junk.osm.pbf"), std::string::npos);

    // A line layer with highway but no coordinate reference system.
    const auto no_crs = dir.write("roads.csv", "WKT,highway\n\"LINESTRING (0 0, 100 0)\",residential\n");
    EXPECT_NE(error_of(no_crs).find("no coordinate reference system"), std::string::npos) << error_of(no_crs);

    EXPECT_NE(error_of(dir.path() / "absent.osm.pbf").find("file not found"), std::string::npos);
}

// An OS Open Roads-style RoadLink layer in a new GeoPackage in BNG (the dataset holds the layer).
OGRLayer* create_road_links(io::DatasetPtr& dataset, const std::filesystem::path& path, OGRwkbGeometryType type) {
    io::init_gdal();
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
    dataset.reset(driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    OGRSpatialReference bng = io::spatial_reference(io::bng_epsg);
    OGRLayer* layer = dataset->CreateLayer("RoadLink", &bng, type, nullptr);
    for (const char* name : {"identifier", "roadFunction", "formOfWay", "startNode", "endNode", "trunkRoad"}) {
        OGRFieldDefn field(name, OFTString);
        EXPECT_EQ(layer->CreateField(&field), OGRERR_NONE);
    }
    return layer;
}

// Writes an OS Open Roads-style RoadLink layer to a GeoPackage in BNG.
std::filesystem::path write_open_roads(const TempDir& dir) {
    const auto path = dir.path() / "oproad.gpkg";
    io::DatasetPtr dataset;
    OGRLayer* layer = create_road_links(dataset, path, wkbLineString);
    struct Link {
        const char* id;
        const char* function;
        const char* form;
        const char* from;
        const char* to;
        const char* trunk;
        double x0, x1;
    };
    for (const Link& link : {Link{"L1", "A Road", "Dual Carriageway", "n1", "n2", "true", 600000, 600500},
                             Link{"L2", "Local Road", "Single Carriageway", "n2", "n3", "false", 600500.5, 601000},
                             Link{"L3", "Restricted Local Access Road", "Single Carriageway", "n3", "n4", "false",
                                  601000, 601200},
                             Link{"L4", "Footpath?", "Path", "n4", "n5", "false", 601200, 601300}}) {
        OGRFeature feature(layer->GetLayerDefn());
        feature.SetField("identifier", link.id);
        feature.SetField("roadFunction", link.function);
        feature.SetField("formOfWay", link.form);
        feature.SetField("startNode", link.from);
        feature.SetField("endNode", link.to);
        feature.SetField("trunkRoad", link.trunk);
        OGRLineString line;
        line.addPoint(link.x0, 300000);
        line.addPoint(link.x1, 300000);
        feature.SetGeometry(&line);
        EXPECT_EQ(layer->CreateFeature(&feature), OGRERR_NONE);
    }
    return path;
}

TEST(ReadWays, OsOpenRoadsLinksWithNamedNodes) {
    TempDir dir;
    const WaySource source = read_ways(write_open_roads(dir));
    EXPECT_EQ(source.kind, SourceKind::os_open_roads);
    EXPECT_EQ(source.features_read, 4u);
    EXPECT_EQ(source.not_roads, 1u) << "an unknown road function is not guessed at";
    ASSERT_EQ(source.ways.size(), 3u);
    EXPECT_EQ(source.ways[0].road_class, RoadClass::trunk);
    EXPECT_EQ(source.ways[1].road_class, RoadClass::residential);
    EXPECT_EQ(source.ways[2].road_class, RoadClass::service);
    EXPECT_EQ(source.ways[0].start_node, "n1");
    // L1 ends at 600500 and L2 starts at 600500.5, but both name node n2: they meet.
    const RoadNetwork network = build_network(WaySource(source).ways);
    EXPECT_EQ(network.stats.nodes, 4u);
    const Graph walk = build_graph(network, walk_profile());
    EXPECT_FALSE(walk.access[0].usable()) << "a trunk dual carriageway has no footway";
    const Graph drive = build_graph(network, drive_profile());
    EXPECT_EQ(drive.usable_pieces, 3u);
    EXPECT_EQ(drive.component_nodes[drive.largest_component], 4u);
}

TEST(Cache, RoundTripsAndIsIgnoredWhenTheInputChanges) {
    TempDir dir;
    const auto file = dir.write("town.osm", test::osm_xml(ways_town, {{"abc", {{"highway", "residential"}}},
                                                                {"bsd", {{"highway", "service"}, {"oneway", "-1"}}}}));
    const auto first = load_road_network(file, dir.path() / "cache");
    EXPECT_FALSE(first.from_cache);
    const auto second = load_road_network(file, dir.path() / "cache");
    EXPECT_TRUE(second.from_cache);
    ASSERT_EQ(second.network.pieces.size(), first.network.pieces.size());
    for (std::size_t p = 0; p < first.network.pieces.size(); ++p) {
        EXPECT_EQ(second.network.pieces[p].from, first.network.pieces[p].from);
        EXPECT_EQ(second.network.pieces[p].length_m, first.network.pieces[p].length_m);
        EXPECT_EQ(second.network.ways[second.network.pieces[p].way].oneway,
                  first.network.ways[first.network.pieces[p].way].oneway);
    }
    EXPECT_EQ(second.network.shape.size(), first.network.shape.size());

    // Change the input: the old cache no longer matches its hash.
    test::TempDir unused;
    std::ofstream(file, std::ios::app) << "<!-- edited -->\n";
    EXPECT_FALSE(load_road_network(file, dir.path() / "cache").from_cache);
    // A damaged cache file is rebuilt, not trusted.
    for (const auto& entry : std::filesystem::directory_iterator(dir.path() / "cache")) {
        std::filesystem::resize_file(entry.path(), 20);
    }
    EXPECT_FALSE(load_road_network(file, dir.path() / "cache").from_cache);
}

// A road line in two parts (a MultiLineString) is two roads, not dropped.
TEST(ReadWays, ALineInTwoPartsIsKeptAsTwoRoads) {
    TempDir dir;
    // British National Grid, generic layer with a highway field: part 1 a-b (0..100 m), part 2 c-d (200..300 m);
    // a second line joins b to c, so a-d can be travelled.
    const auto file = dir.write(
        "roads.geojson",
        R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::27700"}},)"
        R"("features":[{"type":"Feature","properties":{"highway":"residential","osm_id":"m"},"geometry":)"
        R"({"type":"MultiLineString","coordinates":[[[600000,300000],[600100,300000]],[[600200,300000],[600300,300000]]]}},)"
        R"({"type":"Feature","properties":{"highway":"residential","osm_id":"j"},"geometry":)"
        R"({"type":"LineString","coordinates":[[600100,300000],[600200,300000]]}}]})");
    const WaySource source = read_ways(file);
    EXPECT_EQ(source.features_read, 2u);
    EXPECT_EQ(source.without_geometry, 0u);
    EXPECT_EQ(source.multi_part, 1u);
    ASSERT_EQ(source.ways.size(), 3u);
    EXPECT_EQ(source.ways[0].source_id, "m (part 1 of 2)");
    EXPECT_EQ(source.ways[1].source_id, "m (part 2 of 2)");
    EXPECT_EQ(source.ways[1].line.front(), (Point{600200, 300000}));
    const RoadNetwork network = build_network(WaySource(source).ways);
    EXPECT_EQ(network.stats.nodes, 4u) << "a, b, c, d: the parts meet the joining line";
    const Graph walk = build_graph(network, walk_profile());
    EXPECT_EQ(walk.component_nodes[walk.largest_component], 4u);
}

// With named nodes, the parts keep the line's start and end nodes and get their own between.
TEST(ReadWays, OsOpenRoadsLinkInTwoPartsKeepsItsEndNodes) {
    TempDir dir;
    const auto path = dir.path() / "oproad.gpkg";
    {
        io::DatasetPtr dataset;
        OGRLayer* layer = create_road_links(dataset, path, wkbMultiLineString);
        OGRFeature feature(layer->GetLayerDefn());
        feature.SetField("identifier", "L9");
        feature.SetField("roadFunction", "Local Road");
        feature.SetField("formOfWay", "Single Carriageway");
        feature.SetField("startNode", "n1");
        feature.SetField("endNode", "n2");
        OGRMultiLineString lines;
        for (const auto& [x0, x1] : {std::pair{600000.0, 600100.0}, std::pair{600100.0, 600250.0}}) {
            OGRLineString line;
            line.addPoint(x0, 300000);
            line.addPoint(x1, 300000);
            lines.addGeometry(&line);
        }
        feature.SetGeometry(&lines);
        ASSERT_EQ(layer->CreateFeature(&feature), OGRERR_NONE);
    }
    const WaySource source = read_ways(path);
    ASSERT_EQ(source.ways.size(), 2u);
    EXPECT_EQ(source.ways[0].start_node, "n1");
    EXPECT_EQ(source.ways[1].end_node, "n2");
    EXPECT_EQ(source.ways[0].end_node, source.ways[1].start_node) << "the parts touch at x = 600100: one node";
    const RoadNetwork network = build_network(WaySource(source).ways);
    EXPECT_EQ(network.stats.nodes, 3u);
}

}  // namespace ways_test
}  // namespace centrecov::network
