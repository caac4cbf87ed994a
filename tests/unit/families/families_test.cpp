#include <gtest/gtest.h>

#include <fmt/format.h>

#include <algorithm>

#include "core/error.hpp"
#include "families/families.hpp"
#include "geocode/gazetteer.hpp"
#include "geocode/names.hpp"
#include "io/gdal.hpp"
#include "support/temp_dir.hpp"

namespace centrecov::families {
namespace families_test {

using test::TempDir;

const std::string iod_header =
    "LSOA code (2011),LSOA name (2011),Local Authority District code (2019),Local Authority District name (2019),"
    "Index of Multiple Deprivation (IMD) Rank (where 1 is most deprived),"
    "Index of Multiple Deprivation (IMD) Decile (where 1 is most deprived 10% of LSOAs),"
    "Income Deprivation Affecting Children Index (IDACI) Rank (where 1 is most deprived),"
    "Income Deprivation Affecting Children Index (IDACI) Decile (where 1 is most deprived 10% of LSOAs)\n";

// Three areas: A in Norwich (inside the drawn ward), B in King's Lynn (outside it, no
// deprivation row, no polygon), C with no centroid at all.
io::StudyManifest write_fixture(const TempDir& dir, const std::string& iod_rows) {
    io::StudyManifest files;
    files.root = dir.path();
    files.population = dir.path() / "population/persons.csv";
    files.lsoa_centroids = dir.path() / "population/centroids.csv";
    files.deprivation = dir.path() / "population/iod.csv";
    files.lsoa_boundaries = dir.path() / "boundaries/lsoa.geojson";
    dir.write("population/persons.csv",
              "lsoa11_name,lsoa11_code,total_population,0,1,2,3,4,5\r\n"
              "Norwich 001A,A,100,1,2,3,4,5,9\r\n"
              "Lynn 001B,B,50,0,0,1,0,1,0\r\n"
              "Nowhere 001C,C,10,2,0,0,0,0,0\r\n");
    dir.write("population/centroids.csv",
              "X,Y,objectid,lsoa11cd,lsoa11nm\r\n1.29,52.63,1,A,Norwich 001A\r\n0.40,52.75,2,B,Lynn 001B\r\n");
    dir.write("population/iod.csv", iod_header + iod_rows);
    dir.write("boundaries/lsoa.geojson",
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
    // B (easting 562083) lies 2.9 km west of it: in no ward, but near enough to be the study's.
    ward.area = geom::from_wkt("POLYGON((565000 290000, 650000 290000, 650000 330000, 565000 330000, 565000 290000))");
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
    EXPECT_EQ(a.idaci_rank, 20) << "the rank, which orders families within a decile";
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
    // C (no centroid) and Z (named by the deprivation file, no population row) are left out.
    EXPECT_EQ(report.excluded_areas, 2u);
    EXPECT_EQ(report.excluded_under5, 2);
    ASSERT_EQ(report.left_out.size(), 2u);
    EXPECT_EQ(report.left_out[0].code, "C");
    EXPECT_EQ(report.left_out[0].why, "no population-weighted centroid");
    EXPECT_EQ(report.left_out[1].code, "Z");
    EXPECT_EQ(report.left_out[1].why, "no population row");
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
    EXPECT_TRUE(mentions("Z: no population row; left out"));
    // Every area is accounted for: used plus left out equals the population rows and the areas without one.
    EXPECT_EQ(families.points.size() + report.excluded_areas, report.population_rows + 1);
}

TEST(Families, WithoutAnIdaciRankColumnTheRanksAreUnknownAndTheRunSaysSo) {
    TempDir dir;
    const auto files = write_fixture(dir, "");
    dir.write("population/iod.csv",
              "LSOA code (2011),LSOA name (2011),Local Authority District code (2019),"
              "Local Authority District name (2019),"
              "Index of Multiple Deprivation (IMD) Decile (where 1 is most deprived 10% of LSOAs),"
              "Income Deprivation Affecting Children Index (IDACI) Decile (where 1 is most deprived 10% of LSOAs)\n"
              "A,Norwich 001A,E07000148,Norwich,1,2\n");
    const Families families = load_families(files, one_ward());
    EXPECT_EQ(families.points[0].idaci_decile, 2);
    EXPECT_EQ(families.points[0].idaci_rank, 0);
    const auto& problems = families.report.problems;
    EXPECT_TRUE(std::any_of(problems.begin(), problems.end(), [](const std::string& p) {
        return p.find("the concentration indices, which rank families by it, are n/a") != std::string::npos;
    }));
}

TEST(Families, AnIdaciRankBelowOneNamesTheLine) {
    TempDir dir;
    const auto files = write_fixture(dir, "A,Norwich 001A,E07000148,Norwich,10,1,0,2\n");
    EXPECT_THROW((void)load_families(files, one_ward()), InputError);
}

TEST(Families, APopulationFileCutShortIsRefused) {
    // Regression: areas named by the other files but missing from the population file were left out
    // with a warning each while summary.json said areas_left_out: 0.
    TempDir dir;
    auto files = write_fixture(dir, "A,Norwich 001A,E07000148,Norwich,10,1,20,2\nY,Ghost,E07000148,Norwich,1,1,1,1\n"
                                    "Z,Ghost,E07000148,Norwich,1,1,1,1\n");
    try {
        (void)load_families(files, one_ward());
        FAIL() << "two of five areas without a population row were accepted";
    } catch (const InputError& e) {
        const std::string message = e.what();
        EXPECT_NE(message.find("persons.csv: no population row for 2 of the study's 5 small areas"), std::string::npos)
            << message;
        EXPECT_NE(message.find("e.g. Y, Z"), std::string::npos) << message;
    }
}

TEST(Families, AStudyWithNoUnderFivesIsRefused) {
    // Regression: every area with 0 under-5s gave "0.0 % within 1.6 km" of nobody, with exit 0.
    TempDir dir;
    auto files = write_fixture(dir, "A,Norwich 001A,E07000148,Norwich,10,1,20,2\n");
    dir.write("population/persons.csv", "lsoa11_name,lsoa11_code,total_population,0,1,2,3,4,5\r\n"
                                        "Norwich 001A,A,100,0,0,0,0,0,9\r\nLynn 001B,B,50,0,0,0,0,0,3\r\n");
    try {
        (void)load_families(files, one_ward());
        FAIL() << "a study without under-5s was measured";
    } catch (const InputError& e) {
        const std::string message = e.what();
        EXPECT_NE(message.find("persons.csv: every one of the 2 small areas used has 0 under-5s (columns '0', '1', "
                               "'2', '3', '4'): there are no under-5s to measure"),
                  std::string::npos)
            << message;
    }
}

TEST(Families, ASecondBoundaryForOneAreaIsRefused) {
    // Regression: the second replaced the first without a word.
    TempDir dir;
    auto files = write_fixture(dir, "A,Norwich 001A,E07000148,Norwich,10,1,20,2\n");
    const std::string square = R"({"type":"Feature","properties":{"LSOA11CD":"A"},"geometry":{"type":"Polygon",)"
                               R"("coordinates":[[[1.28,52.62],[1.30,52.62],[1.30,52.64],[1.28,52.64],[1.28,52.62]]]}})";
    dir.write("boundaries/lsoa.geojson", R"({"type":"FeatureCollection","features":[)" + square + "," + square + "]}");
    try {
        (void)load_families(files, one_ward());
        FAIL() << "two boundaries for one area were accepted";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("lsoa.geojson, feature 2: a second boundary for A"), std::string::npos)
            << e.what();
    }
}

TEST(Families, DecileOutsideOneToTenNamesTheLine) {
    TempDir dir;
    const auto files = write_fixture(dir, "A,Norwich 001A,E07000148,Norwich,10,11,20,2\n");
    try {
        (void)load_families(files, one_ward());
        FAIL();
    } catch (const InputError& e) {
        const std::string message = e.what();
        EXPECT_NE(message.find("iod.csv"), std::string::npos) << message;
        EXPECT_NE(message.find("line 2"), std::string::npos) << message;
        EXPECT_NE(message.find("outside 1 to 10"), std::string::npos) << message;
    }
}

TEST(Families, MissingAgeColumnIsAnError) {
    TempDir dir;
    auto files = write_fixture(dir, "");
    dir.write("population/persons.csv", "lsoa11_name,lsoa11_code,total_population,0,1,2,3\nN,A,1,0,0,0,0\n");
    try {
        (void)load_families(files, one_ward());
        FAIL();
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("missing column '4'"), std::string::npos) << e.what();
    }
}

TEST(Families, ACentroidFarOutsideTheStudyIsAnErrorAndSwappedCoordinatesAreSaid) {
    // Regression: one centroid with X and Y swapped raised the county's mean distance eightfold,
    // with only "centroid lies in no ward".
    TempDir dir;
    auto files = write_fixture(dir, "");
    dir.write("population/centroids.csv", "X,Y,objectid,lsoa11cd,lsoa11nm\r\n52.63,1.29,1,A,Norwich 001A\r\n");
    try {
        (void)load_families(files, one_ward());
        FAIL();
    } catch (const InputError& e) {
        const std::string message = e.what();
        EXPECT_NE(message.find("centroids.csv, line 2: the centroid of A"), std::string::npos) << message;
        EXPECT_NE(message.find("outside the study area"), std::string::npos) << message;
        EXPECT_NE(message.find("look swapped"), std::string::npos) << message;
    }
}

TEST(Families, ImplausibleCountsAreErrorsNotWrappedRound) {
    // Regression: a total of 99,999,999,999 became 1,215,752,191.
    TempDir dir;
    auto files = write_fixture(dir, "");
    dir.write("population/persons.csv",
              "lsoa11_name,lsoa11_code,total_population,0,1,2,3,4\r\nN,A,99999999999,1,1,1,1,1\r\n");
    try {
        (void)load_families(files, one_ward());
        FAIL();
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("persons.csv, line 2: total_population 99999999999 is not a plausible"),
                  std::string::npos)
            << e.what();
    }
    dir.write("population/persons.csv",
              "lsoa11_name,lsoa11_code,total_population,0,1,2,3,4\r\nN,A,100,1,1,9999999999,1,1\r\n");
    EXPECT_THROW((void)load_families(files, one_ward()), InputError);
}

TEST(Families, TheManifestNamesTheColumnsAndTheCentroidGrid) {
    // A study with 2021 areas: other code columns, centroids in British National Grid,
    // and "under 5" read as the columns the manifest lists (here ages 0 and 1 only).
    TempDir dir;
    auto files = write_fixture(dir, "");
    dir.write("population/persons.csv", "name21,code21,all,0,1,2,3,4\r\nNorwich 001A,A,100,1,2,3,4,5\r\n");
    dir.write("population/centroids.csv", "E,N,code\r\n623000,308500,A\r\n");
    dir.write("population/iod.csv",
              "code,district,district name,imd,idaci\r\nA,E07000148,Norwich,3,4\r\n");
    files.columns.population = {"code21", "name21", "all", {"0", "1"}};
    files.columns.centroids = {"code", "E", "N", 27700};
    files.columns.deprivation = {"code", "district", "district name", "imd", "idaci", "2025"};
    const Families families = load_families(files, one_ward());
    ASSERT_EQ(families.points.size(), 1u);
    const auto& a = families.points.front();
    EXPECT_EQ(a.under5, 3);
    EXPECT_DOUBLE_EQ(a.point.x, 623000.0);
    EXPECT_DOUBLE_EQ(a.point.y, 308500.0);
    EXPECT_EQ(a.imd_decile, 3);
    EXPECT_EQ(a.idaci_decile, 4);
    EXPECT_EQ(a.ward_code, "W1");

    // A column the manifest names but the file lacks is an error naming the file and the column.
    files.columns.population.under5 = {"0", "1", "under_one"};
    try {
        (void)load_families(files, one_ward());
        FAIL();
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("persons.csv"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("under_one"), std::string::npos) << e.what();
    }
}

TEST(Families, AManifestThatNamesAnAgeColumnTwiceIsRefused) {
    // Regression: under5 = ["0", "1", "1"] counted the one-year-olds twice, without a word.
    TempDir dir;
    (void)write_fixture(dir, "");
    for (const auto* name : {"names.csv", "postcodes.csv", "wards.geojson", "open_names.csv", "centres.csv",
                             "libraries.csv"}) {
        dir.write(name, "x\n");
    }
    const std::string manifest =
        "year = 2018\ndata = \".\"\n[files]\ncentres = \"centres.csv\"\nlibraries = \"libraries.csv\"\n"
        "postcodes = \"postcodes.csv\"\nopen_names = \"open_names.csv\"\nwards = \"wards.geojson\"\n"
        "lsoa_boundaries = \"boundaries/lsoa.geojson\"\npopulation = \"population/persons.csv\"\n"
        "lsoa_centroids = \"population/centroids.csv\"\ndeprivation = \"population/iod.csv\"\n"
        "[columns.population]\n";
    const auto once = io::read_study_manifest(dir.write("once.toml", manifest + "under5 = [\"0\", \"1\"]\n"));
    EXPECT_EQ(once.columns.population.under5.size(), 2u);
    try {
        (void)io::read_study_manifest(dir.write("twice.toml", manifest + "under5 = [\"0\", \"1\", \"1\"]\n"));
        FAIL() << "an age column named twice was accepted";
    } catch (const InputError& e) {
        const std::string message = e.what();
        EXPECT_NE(message.find("twice.toml, line 14"), std::string::npos) << message;
        EXPECT_NE(message.find("'under5' names column '1' twice"), std::string::npos) << message;
    }
}

// Postcodes around the fixture's area A (longitude 1.28-1.30, latitude 52.62-52.64), placed in BNG.
geocode::PostcodeIndex postcodes_around_a(double inside_weight = 1.0) {
    const io::Transformer to_bng(io::wgs84_epsg, io::bng_epsg);
    geocode::PostcodeIndex index;
    auto add = [&](const std::string& code, double lon, double lat, double weight) {
        geocode::PostcodeUnit unit;
        unit.point = to_bng.apply({lon, lat});
        unit.quality = 10;
        unit.weight = weight;
        index.add(code, unit);
    };
    add("NR1 1AA", 1.285, 52.625, inside_weight);  // inside A
    add("NR1 1AB", 1.295, 52.635, 1.0);            // inside A
    add("NR1 1AD", 1.3005, 52.63, 1.0);            // about 34 m east of A's edge: A's, the boundary being generalised
    add("NR9 9ZZ", 1.5, 52.63, 1.0);               // 14 km east: in no area
    return index;
}

TEST(Families, AtPostcodeLevelEachAreaIsSharedOverThePostcodesInsideIt) {
    TempDir dir;
    const auto files = write_fixture(dir, "A,Norwich 001A,E07000148,Norwich,10,1,20,2\n");
    const auto index = postcodes_around_a();
    const Families families = load_families(files, one_ward(), FamiliesAt::postcodes, &index);
    EXPECT_EQ(families.at, FamiliesAt::postcodes);
    ASSERT_EQ(families.areas.size(), 2u);  // A and B (C has no centroid)
    ASSERT_EQ(families.first_point, (std::vector<std::size_t>{0, 3, 4}));
    // A's 15 under-5s over its three postcodes, equally; each keeps the area's attributes.
    for (std::size_t f = 0; f < 3; ++f) {
        const auto& p = families.points[f];
        EXPECT_EQ(p.lsoa_code, "A");
        EXPECT_EQ(p.area, 0u);
        EXPECT_DOUBLE_EQ(p.under5, 5.0);
        EXPECT_EQ(p.idaci_decile, 2);
        EXPECT_EQ(p.point, index.find(p.postcode)->point);
    }
    EXPECT_EQ(families.points[0].postcode, "NR1 1AA");
    EXPECT_EQ(families.points[2].postcode, "NR1 1AD");
    // B has no polygon, so no postcode: it stays at its centroid with all its under-5s.
    const auto& b = families.points[3];
    EXPECT_EQ(b.lsoa_code, "B");
    EXPECT_TRUE(b.postcode.empty());
    EXPECT_EQ(b.point, families.areas[1].point);
    EXPECT_DOUBLE_EQ(b.under5, 2.0);
    // Postcode-level totals equal the areas'.
    double points_total = 0.0;
    for (const auto& p : families.points) {
        points_total += p.under5;
    }
    EXPECT_DOUBLE_EQ(points_total, families.total_under5());
    const auto& r = families.report;
    EXPECT_EQ(r.postcodes_read, 4u);
    EXPECT_EQ(r.postcodes_used, 3u);
    EXPECT_EQ(r.postcodes_near_edge, 1u);
    EXPECT_EQ(r.postcodes_outside, 1u);
    EXPECT_EQ(r.postcodes_outside_sample, (std::vector<std::string>{"NR9 9ZZ"}));
    EXPECT_EQ(r.areas_without_postcode, 1u);

    // The same study at centroid level: one point per area.
    const Families centroids = load_families(files, one_ward(), FamiliesAt::centroids, &index);
    ASSERT_EQ(centroids.points.size(), 2u);
    EXPECT_EQ(centroids.points[0].point, centroids.areas[0].point);
    EXPECT_DOUBLE_EQ(centroids.points[0].under5, 15.0);
}

TEST(Families, PostcodeWeightsShareTheAreaUnequallyAndZeroPlacesNobody) {
    TempDir dir;
    const auto files = write_fixture(dir, "");
    auto index = postcodes_around_a(2.0);  // NR1 1AA weighs 2, NR1 1AB and NR1 1AD 1 each
    const Families families = load_families(files, one_ward(), FamiliesAt::postcodes, &index);
    ASSERT_EQ(families.points_in(0), 3u);
    EXPECT_DOUBLE_EQ(families.points[0].under5, 7.5);
    EXPECT_DOUBLE_EQ(families.points[1].under5, 3.75);
    EXPECT_DOUBLE_EQ(families.points[2].under5, 3.75);
    index = postcodes_around_a(0.0);
    const Families without = load_families(files, one_ward(), FamiliesAt::postcodes, &index);
    ASSERT_EQ(without.points_in(0), 2u) << "a postcode of weight 0 holds no families";
    EXPECT_DOUBLE_EQ(without.points[0].under5, 7.5);
}

TEST(Families, APostcodeWeightThatIsNotANumberNamesTheFileAndLine) {
    TempDir dir;
    const std::string header =
        "Postcode,Positional_quality_indicator,Eastings,Northings,Admin_district_code,households\r\n";
    const auto good = dir.write("good.csv", header + "NR1 1AA,10,623000,308500,E07000148,12\r\n");
    EXPECT_DOUBLE_EQ(geocode::PostcodeIndex::load(good, "households").find("NR11AA")->weight, 12.0);
    EXPECT_DOUBLE_EQ(geocode::PostcodeIndex::load(good).find("NR11AA")->weight, 1.0) << "no column named: all weigh 1";
    const auto bad = dir.write("bad.csv", header + "NR1 1AA,10,623000,308500,E07000148,12\r\n"
                                                   "NR1 1AB,10,623100,308500,E07000148,-3\r\n");
    try {
        (void)geocode::PostcodeIndex::load(bad, "households");
        FAIL();
    } catch (const InputError& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("bad.csv"), std::string::npos) << what;
        EXPECT_NE(what.find("3"), std::string::npos) << what;  // line 3
        EXPECT_NE(what.find("households"), std::string::npos) << what;
    }
    // Regression: a postcode listed twice kept the second row's place, the first lost without a word.
    const auto twice = dir.write("twice.csv", header + "NR1 1AA,10,623000,308500,E07000148,12\r\n"
                                                       "NR11AA,10,633000,308500,E07000148,2\r\n");
    try {
        (void)geocode::PostcodeIndex::load(twice, "households");
        FAIL() << "a postcode listed twice was accepted";
    } catch (const InputError& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("twice.csv, line 3: postcode NR1 1AA is listed twice (first on line 2)"), std::string::npos)
            << what;
    }
}

}  // namespace families_test
}  // namespace centrecov::families
