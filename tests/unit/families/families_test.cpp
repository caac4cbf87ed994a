#include <gtest/gtest.h>

#include <fmt/format.h>

#include "core/error.hpp"
#include "families/families.hpp"
#include "geocode/names.hpp"
#include "support/temp_dir.hpp"

namespace centrecov::families {
namespace {

using test::TempDir;

const std::string iod_header =
    "LSOA code (2011),LSOA name (2011),Local Authority District code (2019),Local Authority District name (2019),"
    "Index of Multiple Deprivation (IMD) Rank (where 1 is most deprived),"
    "Index of Multiple Deprivation (IMD) Decile (where 1 is most deprived 10% of LSOAs),"
    "Income Deprivation Affecting Children Index (IDACI) Rank (where 1 is most deprived),"
    "Income Deprivation Affecting Children Index (IDACI) Decile (where 1 is most deprived 10% of LSOAs)\n";

// Three areas: A in Norwich (inside the drawn ward), B in King's Lynn (outside it, no
// deprivation row, no polygon), C with no centroid at all.
io::DataFiles write_fixture(const TempDir& dir, const std::string& iod_rows) {
    io::DataFiles files{dir.path()};
    dir.write("population/sape23dt2_mid2020_lsoa11_syoa_persons_norfolk.csv",
              "lsoa11_name,lsoa11_code,total_population,0,1,2,3,4,5\r\n"
              "Norwich 001A,A,100,1,2,3,4,5,9\r\n"
              "Lynn 001B,B,50,0,0,1,0,1,0\r\n"
              "Nowhere 001C,C,10,2,0,0,0,0,0\r\n");
    dir.write("population/lsoa11_population_weighted_centroids_norfolk.csv",
              "X,Y,objectid,lsoa11cd,lsoa11nm\r\n1.29,52.63,1,A,Norwich 001A\r\n0.40,52.75,2,B,Lynn 001B\r\n");
    dir.write("population/iod2019_idaci_imd_lsoa11_norfolk.csv", iod_header + iod_rows);
    dir.write("boundaries/norfolk_lsoa11_bgc.geojson",
              R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"LSOA11CD":"A"},)"
              R"("geometry":{"type":"Polygon","coordinates":[[[1.28,52.62],[1.30,52.62],[1.30,52.64],[1.28,52.64],[1.28,52.62]]]}}]})");
    return files;
}

std::vector<geocode::Ward> one_ward() {
    geocode::Ward ward;
    ward.code = "W1";
    ward.name = "Mancroft";
    ward.key = geocode::normalise_place(ward.name);
    ward.district_code = "E07000148";
    ward.district_name = "Norwich";
    ward.area = geom::from_wkt("POLYGON((600000 290000, 650000 290000, 650000 330000, 600000 330000, 600000 290000))");
    ward.box = geom::envelope(ward.area.get());
    std::vector<geocode::Ward> wards;
    wards.push_back(std::move(ward));
    return wards;
}

TEST(Families, SumsUnderFivesAndJoinsEverything) {
    TempDir dir;
    const auto files = write_fixture(dir, "A,Norwich 001A,E07000148,Norwich,10,1,20,2\n");
    const Families families = load_families(files, one_ward());
    ASSERT_EQ(families.points.size(), 2u);
    const DemandPoint& a = families.points[0];
    EXPECT_EQ(a.lsoa_code, "A");
    EXPECT_EQ(a.under5, 15);  // 1+2+3+4+5; the 5-year-olds are not counted
    EXPECT_EQ(a.total_population, 100);
    EXPECT_EQ(a.imd_decile, 1);
    EXPECT_EQ(a.idaci_decile, 2);
    EXPECT_EQ(a.district_name, "Norwich");
    EXPECT_EQ(a.ward_code, "W1");
    EXPECT_NEAR(a.point.x, 622500.0, 2000.0);
    EXPECT_NEAR(a.point.y, 308300.0, 2000.0);
    EXPECT_EQ(families.total_under5(), 17);
    EXPECT_TRUE(families.boundaries.count("A"));
}

TEST(Families, ReportsEveryFailedJoinByCode) {
    TempDir dir;
    const auto files = write_fixture(dir, "A,Norwich 001A,E07000148,Norwich,10,1,20,2\nZ,Ghost,E07000148,Norwich,1,1,1,1\n");
    const Families families = load_families(files, one_ward());
    const auto& report = families.report;
    EXPECT_EQ(report.population_rows, 3u);
    EXPECT_EQ(report.excluded_areas, 1u);
    EXPECT_EQ(report.excluded_under5, 2);
    auto mentions = [&](const std::string& text) {
        for (const auto& problem : report.problems) {
            if (problem.find(text) != std::string::npos) {
                return true;
            }
        }
        return false;
    };
    EXPECT_TRUE(mentions("C (Nowhere 001C): no population-weighted centroid; its 2 under-5s are left out"));
    EXPECT_TRUE(mentions("B: no IMD/IDACI deciles"));
    EXPECT_TRUE(mentions("B: centroid lies in no ward"));
    EXPECT_TRUE(mentions("B: no boundary polygon"));
    EXPECT_TRUE(mentions("Z: has deprivation deciles but no population row"));
    // Every row is accounted for: used plus left out equals read.
    EXPECT_EQ(families.points.size() + report.excluded_areas, report.population_rows);
}

TEST(Families, DecileOutsideOneToTenNamesTheLine) {
    TempDir dir;
    const auto files = write_fixture(dir, "A,Norwich 001A,E07000148,Norwich,10,11,20,2\n");
    try {
        (void)load_families(files, one_ward());
        FAIL();
    } catch (const InputError& e) {
        const std::string message = e.what();
        EXPECT_NE(message.find("iod2019"), std::string::npos) << message;
        EXPECT_NE(message.find("line 2"), std::string::npos) << message;
        EXPECT_NE(message.find("outside 1 to 10"), std::string::npos) << message;
    }
}

TEST(Families, MissingAgeColumnIsAnError) {
    TempDir dir;
    auto files = write_fixture(dir, "");
    dir.write("population/sape23dt2_mid2020_lsoa11_syoa_persons_norfolk.csv",
              "lsoa11_name,lsoa11_code,total_population,0,1,2,3\nN,A,1,0,0,0,0\n");
    try {
        (void)load_families(files, one_ward());
        FAIL();
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("missing column '4'"), std::string::npos) << e.what();
    }
}

}  // namespace
}  // namespace centrecov::families
