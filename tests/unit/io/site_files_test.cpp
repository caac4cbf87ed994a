#include <fmt/format.h>
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "io/gdal.hpp"
#include "io/site_files.hpp"
#include "support/temp_dir.hpp"

namespace centrecov::io {
namespace site_files_test {

using test::TempDir;

const std::string header = "id,name,district,street,locality,ward,postcode,host_site,status_2018_proposal,duplicate_of\n";

std::string error_of(const std::filesystem::path& file) {
    try {
        (void)read_centres(file);
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}

TEST(Centres, ReadsFieldsAndCarriesOtherColumns) {
    TempDir dir;
    const auto file = dir.write("c.csv", header + "a,Acle CC,Broadland,,Acle,,,,base,\n"
                                                  "b,Acle Two,Broadland,,Acle,,,,close,a\n");
    const auto sites = read_centres(file);
    ASSERT_EQ(sites.size(), 2u);
    EXPECT_EQ(sites[0].id, "a");
    EXPECT_EQ(sites[0].locality, "Acle");
    EXPECT_EQ(sites[0].source_line, 2u);
    ASSERT_NE(sites[0].attribute("status_2018_proposal"), nullptr);
    EXPECT_EQ(*sites[0].attribute("status_2018_proposal"), "base");
    EXPECT_EQ(sites[1].duplicate_of, "a");
    EXPECT_FALSE(sites[0].given_point.has_value());
}

TEST(Centres, DuplicateIdNamesBothLines) {
    TempDir dir;
    const auto file = dir.write("c.csv", header + "a,A,Broadland,,Acle,,,,base,\nb,B,,,,,,,,\na,C,,,,,,,,\n");
    const std::string message = error_of(file);
    EXPECT_NE(message.find("line 4"), std::string::npos) << message;
    EXPECT_NE(message.find("duplicate id 'a'"), std::string::npos) << message;
    EXPECT_NE(message.find("line 2"), std::string::npos) << message;
}

TEST(Centres, DanglingDuplicateOfIsAnError) {
    TempDir dir;
    const auto file = dir.write("c.csv", header + "a,A,,,,,,,,zzz\n");
    EXPECT_NE(error_of(file).find("duplicate_of 'zzz'"), std::string::npos);
}

TEST(Centres, EmptyIdAndNameAreErrors) {
    TempDir dir;
    EXPECT_NE(error_of(dir.write("c.csv", header + ",A,,,,,,,,\n")).find("empty id"), std::string::npos);
    EXPECT_NE(error_of(dir.write("d.csv", header + "a,,,,,,,,,\n")).find("empty name"), std::string::npos);
}

TEST(Centres, GivenCoordinatesArePlacedInBng) {
    TempDir dir;
    const auto bng = dir.write("c.csv", "id,name,district,street,locality,ward,postcode,host_site,duplicate_of,easting,northing\n"
                                        "a,A,,,,,,,,620000,310000\nb,B,,,,,,,,,\n");
    const auto sites = read_centres(bng);
    ASSERT_TRUE(sites[0].given_point.has_value());
    EXPECT_DOUBLE_EQ(sites[0].given_point->x, 620000.0);
    EXPECT_FALSE(sites[1].given_point.has_value());

    const auto lonlat = dir.write("l.csv", "id,name,district,street,locality,ward,postcode,host_site,duplicate_of,longitude,latitude\n"
                                           "a,A,,,,,,,,1.2983,52.6309\n");
    const auto placed = read_centres(lonlat);
    ASSERT_TRUE(placed[0].given_point.has_value());
    // Norwich city centre is near TG 230 085.
    EXPECT_NEAR(placed[0].given_point->x, 623000.0, 1500.0);
    EXPECT_NEAR(placed[0].given_point->y, 308500.0, 1500.0);
}

TEST(Centres, HalfACoordinatePairIsAnError) {
    TempDir dir;
    const auto file = dir.write("c.csv", "id,name,district,street,locality,ward,postcode,host_site,duplicate_of,easting,northing\n"
                                         "a,A,,,,,,,,620000,\n");
    EXPECT_NE(error_of(file).find("only one of"), std::string::npos);
    const auto far = dir.write("f.csv", "id,name,district,street,locality,ward,postcode,host_site,duplicate_of,easting,northing\n"
                                        "a,A,,,,,,,,52.6,1.29\n");
    EXPECT_EQ(error_of(far), "");  // plausible grid numbers, if odd, are not errors ...
    const auto outside = dir.write("o.csv", "id,name,district,street,locality,ward,postcode,host_site,duplicate_of,easting,northing\n"
                                            "a,A,,,,,,,,-5,1.29\n");
    EXPECT_NE(error_of(outside).find("outside"), std::string::npos);  // ... but off the grid is
}

TEST(Centres, BothCoordinatePairsMustNameOnePlace) {
    // Regression: easting/northing was used and a longitude/latitude 500 km away ignored without a word.
    TempDir dir;
    const std::string both = "id,name,district,street,locality,ward,postcode,host_site,duplicate_of,easting,northing,"
                             "longitude,latitude\n";
    const auto placed = read_centres(dir.write("c.csv", both + "a,A,,,,,,,,620000,310000,,\n"));
    const auto lonlat = Transformer(bng_epsg, wgs84_epsg).apply(Point{620000.0, 310000.0});
    const auto agree = dir.write("agree.csv", both + fmt::format("a,A,,,,,,,,620000,310000,{:.5f},{:.5f}\n", lonlat.x,
                                                                  lonlat.y));
    ASSERT_EQ(error_of(agree), "");
    EXPECT_DOUBLE_EQ(read_centres(agree)[0].given_point->x, 620000.0);
    // The same longitude/latitude beside an easting 500 km west.
    const auto apart = dir.write("apart.csv", both + fmt::format("a,A,,,,,,,,120000,310000,{:.5f},{:.5f}\n", lonlat.x,
                                                                  lonlat.y));
    const std::string message = error_of(apart);
    EXPECT_NE(message.find("apart.csv, line 2"), std::string::npos) << message;
    EXPECT_NE(message.find("easting/northing and longitude/latitude are 500."), std::string::npos) << message;
    EXPECT_TRUE(placed[0].given_point.has_value());
}

TEST(Centres, ExtraFieldsAndRepeatedColumnsAreRefusedNotDropped) {
    // Regression: both were read with exit 0, the extra field or the second column lost.
    TempDir dir;
    const std::string extra = error_of(dir.write("extra.csv", header + "a,A,,,,,,,,\nb,B,Acle, Norfolk,,,,,,,\n"));
    EXPECT_NE(extra.find("extra.csv, line 3: 11 fields, but the header has 10"), std::string::npos) << extra;
    const std::string twice = error_of(dir.write("twice.csv", "id,name,district,street,locality,ward,postcode,host_site,"
                                                              "duplicate_of,name\na,A,,,,,,,,B\n"));
    EXPECT_NE(twice.find("twice.csv, header (line 1): column 'name' appears twice (columns 2 and 10)"),
              std::string::npos)
        << twice;
}

TEST(Centres, AnIdWithAControlCharacterIsRefusedByTheRuleScenarioFilesFollow) {
    // Regression: accepted here, then refused when the planner's export naming it was read back.
    TempDir dir;
    const std::string message = error_of(dir.write("c.csv", header + "a,A,,,,,,,,\nb\x7F" "c,B,,,,,,,,\n"));
    EXPECT_NE(message.find("c.csv, line 3: site id 'b\\x7Fc' holds a control character"), std::string::npos)
        << message;
    EXPECT_NE(message.find("c.csv, line 3: " + *site_id_problem("b\x7F" "c")), std::string::npos) << message;
}

TEST(Libraries, IdsFromNamesAndStreetsWhenNamesRepeat) {
    TempDir dir;
    const auto file = dir.write("lib.csv",
                                "Library name,Address 1,Address 2,Postcode,Year opened,Year closed\n"
                                "Acle Library,Bridewell Lane,Acle,NR13 3RA,,\n"
                                "Attleborough Library,Church Street,Attleborough,NR17 2AH,2019,\n"
                                "Attleborough Library,Connaught Road,Attleborough,NR17 2BW,,2019\n");
    const auto sites = read_libraries(file);
    ASSERT_EQ(sites.size(), 3u);
    EXPECT_EQ(sites[0].id, "acle-library");
    EXPECT_EQ(sites[1].id, "attleborough-library-church-street");
    EXPECT_EQ(sites[2].id, "attleborough-library-connaught-road");
    EXPECT_EQ(*sites[2].attribute("year_closed"), "2019");
    EXPECT_EQ(sites[0].kind, SiteKind::library);
}

TEST(Libraries, BadYearNamesTheLine) {
    TempDir dir;
    const auto file = dir.write("lib.csv", "Library name,Address 1,Address 2,Postcode,Year opened,Year closed\n"
                                           "Acle Library,Bridewell Lane,Acle,NR13 3RA,soon,\n");
    try {
        (void)read_libraries(file);
        FAIL();
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("line 2"), std::string::npos);
    }
}

}  // namespace site_files_test
}  // namespace centrecov::io
