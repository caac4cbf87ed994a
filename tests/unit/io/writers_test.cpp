#include <gtest/gtest.h>

#include <ogrsf_frmts.h>

#include "core/error.hpp"
#include "geom/geos.hpp"
#include "io/atomic_output.hpp"
#include "io/gdal.hpp"
#include "io/writers.hpp"
#include "support/temp_dir.hpp"

namespace centrecov::io {
namespace writers_test {

using test::TempDir;

OutputLayer two_points() {
    OutputLayer layer;
    layer.name = "sites";
    layer.geometry = GeometryKind::point;
    layer.fields = {{"id", FieldType::text}, {"count", FieldType::integer}, {"distance_m", FieldType::real}};
    OutputFeature norwich;
    norwich.wkb_bng = geom::to_wkb(geom::make_point({623000.0, 308500.0}).get());
    norwich.values = {std::string("norwich"), 3LL, 12.5};
    OutputFeature unplaced;  // no geometry: still written
    unplaced.values = {std::string("<script>"), std::monostate{}, std::monostate{}};
    layer.features = {norwich, unplaced};
    return layer;
}

TEST(Csv, QuotesOnlyWhatNeedsIt) {
    const std::string text = csv_text({"a", "b"}, {{std::string("x, y"), 1LL}, {std::string("say \"hi\""), 2.5}});
    EXPECT_EQ(text, "a,b\n\"x, y\",1\n\"say \"\"hi\"\"\",2.5\n");
}

TEST(Csv, TextThatASpreadsheetWouldRunIsNeutralisedNumbersAreNot) {
    const auto text = csv_text({"name", "change_m"}, {{std::string("=1+1"), -12.5},
                                                       {std::string("-2+3"), 4.0},
                                                       {std::string("@SUM(A1)"), 0.0},
                                                       {std::string("+cmd"), -1.0},
                                                       {std::string("\tx"), 1.0},
                                                       {std::string("plain - text"), 2.0}});
    EXPECT_EQ(text,
              "name,change_m\n'=1+1,-12.5\n'-2+3,4\n'@SUM(A1),0\n'+cmd,-1\n'\tx,1\nplain - text,2\n");
}

TEST(AtomicOutput, AProtectedInputIsNeverReplaced) {
    TempDir dir;
    const auto input = dir.write("centres.csv", "id,name\n");
    protect_inputs({input});
    EXPECT_THROW(write_text_file(dir.path() / "centres.csv", "overwritten"), UsageError);
    EXPECT_THROW(write_text_file(dir.path() / "sub" / ".." / "centres.csv", "overwritten"), UsageError)
        << "the same file by another path";
    EXPECT_EQ(test::read_file(input), "id,name\n");
    write_text_file(dir.path() / "other.csv", "fine");
    protect_inputs({});
    write_text_file(input, "now allowed");
    EXPECT_EQ(test::read_file(input), "now allowed");
}

TEST(GeoJson, WritesRfc7946LonLatAndReadsBack) {
    TempDir dir;
    const auto file = dir.path() / "sites.geojson";
    write_geojson(file, two_points());
    const std::string text = test::read_file(file);
    EXPECT_EQ(text.find("\"crs\""), std::string::npos) << "RFC 7946 has no crs member";
    EXPECT_NE(text.find("\"name\": \"sites\""), std::string::npos);

    DatasetPtr dataset = open_vector(file);
    OGRLayer* layer = dataset->GetLayer(0);
    ASSERT_EQ(layer->GetFeatureCount(), 2);
    auto first = std::unique_ptr<OGRFeature>(layer->GetNextFeature());
    const auto* point = first->GetGeometryRef()->toPoint();
    EXPECT_NEAR(point->getX(), 1.2983, 0.01);  // longitude first
    EXPECT_NEAR(point->getY(), 52.63, 0.01);
    EXPECT_EQ(first->GetFieldAsInteger64("count"), 3);
    auto second = std::unique_ptr<OGRFeature>(layer->GetNextFeature());
    EXPECT_EQ(second->GetGeometryRef(), nullptr);
    EXPECT_STREQ(second->GetFieldAsString("id"), "<script>");
    EXPECT_FALSE(second->IsFieldSetAndNotNull(second->GetFieldIndex("count")));
}

TEST(GeoJson, SameInputSameBytesAndNoTemporaryLeft) {
    TempDir dir;
    write_geojson(dir.path() / "a.geojson", two_points());
    write_geojson(dir.path() / "b.geojson", two_points());
    EXPECT_EQ(test::read_file(dir.path() / "a.geojson"), test::read_file(dir.path() / "b.geojson"));
    std::size_t files = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir.path())) {
        ++files;
    }
    EXPECT_EQ(files, 2u);
}

TEST(AtomicOutput, NothingAppearsWithoutCommit) {
    TempDir dir;
    const auto target = dir.path() / "summary.md";
    {
        AtomicOutput output(target);
        test::TempDir unused;
        std::ofstream(output.temporary_path()) << "half";
    }
    EXPECT_FALSE(std::filesystem::exists(target));
    EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
    write_text_file(target, "whole");
    EXPECT_EQ(test::read_file(target), "whole");
}

// A folder can be a GDAL dataset (a Shapefile folder); a device never is.
TEST(OpenVector, AFolderDatasetOpensAndADeviceIsRefused) {
    TempDir dir;
    const auto folder = dir.path() / "roads";
    init_gdal();
    GDALDriver* shapefile = GetGDALDriverManager()->GetDriverByName("ESRI Shapefile");
    ASSERT_NE(shapefile, nullptr);
    {
        DatasetPtr created(shapefile->Create(folder.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
        ASSERT_TRUE(created);
        OGRLayer* layer = created->CreateLayer("roads", nullptr, wkbLineString, nullptr);
        ASSERT_NE(layer, nullptr);
        auto feature = std::unique_ptr<OGRFeature>(OGRFeature::CreateFeature(layer->GetLayerDefn()));
        OGRLineString line;
        line.addPoint(600000.0, 300000.0);
        line.addPoint(600100.0, 300000.0);
        feature->SetGeometry(&line);
        ASSERT_EQ(layer->CreateFeature(feature.get()), OGRERR_NONE);
    }
    ASSERT_TRUE(std::filesystem::is_directory(folder));
    DatasetPtr opened = open_vector(folder);
    ASSERT_TRUE(opened);
    EXPECT_EQ(opened->GetLayer(0)->GetFeatureCount(), 1);
    try {
        (void)open_vector("/dev/null");
        ADD_FAILURE() << "a device opened";
    } catch (const InputError& error) {
        EXPECT_NE(std::string(error.what()).find("is not a regular file (a device)"), std::string::npos)
            << error.what();
    }
}

}  // namespace writers_test
}  // namespace centrecov::io
