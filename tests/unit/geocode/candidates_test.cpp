// Where the uncertainty draws may put a site (geocode/candidates), from what the geocoder
// found: a drawn gazetteer whose answers can be read off by hand.
//
//   town Ashby: box (9000,9000)-(11000,11000), its point (10000,10000); postcodes AS1 1AA
//               (9500,9500), AS1 1AB (10500,10500) and AS1 1AC (10900,9100) inside, AS9 9ZZ
//               (12000,12000) outside
//   High Street in Ashby: point (10200,10100), box 400 x 100 m around it; postcode AS1 1AD
//               (10250,10190) 40 m beyond its box (within the 100 m margin)
//   ward Nelson (W1): the square (0,0)-(4000,4000); postcodes NE1 1AA (1000,1000) and
//               NE1 1AB (3000,3000) inside
//   town Bare: box (50000,50000)-(50400,50400), no postcode inside

#include <gtest/gtest.h>

#include <fmt/format.h>

#include "geocode/candidates.hpp"
#include "geocode/geocoder.hpp"
#include "geocode/names.hpp"

namespace centrecov::geocode {
namespace candidates_test {

class Candidates : public ::testing::Test {
protected:
    void SetUp() override {
        for (const auto& [code, p] : std::vector<std::pair<std::string, Point>>{{"AS1 1AA", {9500, 9500}},
                                                                                {"AS1 1AB", {10500, 10500}},
                                                                                {"AS1 1AC", {10900, 9100}},
                                                                                {"AS1 1AD", {10250, 10190}},
                                                                                {"AS9 9ZZ", {12000, 12000}},
                                                                                {"NE1 1AA", {1000, 1000}},
                                                                                {"NE1 1AB", {3000, 3000}}}) {
            g.postcodes.add(code, {p, 10, "D1"});
        }
        NamedPlace ashby;
        ashby.id = "ashby";
        ashby.name = "Ashby";
        ashby.key = normalise_place("Ashby");
        ashby.alias = place_alias("Ashby");
        ashby.kind = "Town";
        ashby.district = "Alpha";
        ashby.point = {10000, 10000};
        ashby.box = {9000, 9000, 11000, 11000};
        NamedPlace bare = ashby;
        bare.id = "bare";
        bare.name = "Bare";
        bare.key = normalise_place("Bare");
        bare.alias = place_alias("Bare");
        bare.point = {50200, 50200};
        bare.box = {50000, 50000, 50400, 50400};
        g.names.places = {ashby, bare};
        NamedRoad high;
        high.id = "r1";
        high.name = "High Street";
        high.key = normalise_road("High Street");
        high.place = "Ashby";
        high.place_key = normalise_place("Ashby");
        high.point = {10200, 10100};
        high.box = {10000, 10050, 10400, 10150};
        g.names.roads = {high};
        Ward nelson;
        nelson.code = "W1";
        nelson.name = "Nelson";
        nelson.key = normalise_place("Nelson");
        nelson.district_code = "D1";
        nelson.district_name = "Alpha";
        nelson.area = geom::from_wkt("POLYGON((0 0, 4000 0, 4000 4000, 0 4000, 0 0))");
        nelson.box = geom::envelope(nelson.area.get());
        nelson.interior = geom::interior_point(nelson.area.get());
        g.wards.push_back(std::move(nelson));
        g.index_districts();
    }

    Site located(Site s) const {
        s.id = "s";
        s.district = "Alpha";
        s.location = locate(s, g);
        return s;
    }

    Gazetteer g;
};

std::vector<Point> sorted(std::vector<Point> points) {
    std::sort(points.begin(), points.end(), [](Point a, Point b) { return a.x != b.x ? a.x < b.x : a.y < b.y; });
    return points;
}

TEST_F(Candidates, APostcodeOrCoordinatesGiveThatPointAlone) {
    Site by_postcode;
    by_postcode.postcode = "AS1 1AB";
    const auto postcode = placement_candidates(located(by_postcode), g);
    EXPECT_EQ(postcode.points, (std::vector<Point>{{10500, 10500}}));
    Site by_coordinates;
    by_coordinates.given_point = Point{1, 2};
    EXPECT_EQ(placement_candidates(located(by_coordinates), g).points, (std::vector<Point>{{1, 2}}));
}

TEST_F(Candidates, ALocalityGivesThePostcodesInItsBox) {
    Site s;
    s.locality = "Ashby";
    const Site site = located(s);
    ASSERT_EQ(site.location.precision, Precision::locality);
    ASSERT_TRUE(site.location.extent.has_value());
    const auto c = placement_candidates(site, g);
    EXPECT_EQ(sorted(c.points), sorted({{9500, 9500}, {10250, 10190}, {10500, 10500}, {10900, 9100}}));
    EXPECT_EQ(c.from, "4 postcodes within the locality's box");
}

TEST_F(Candidates, AStreetGivesThePostcodesNearItsBox) {
    Site s;
    s.locality = "Ashby";
    s.street = "High Street";
    const Site site = located(s);
    ASSERT_EQ(site.location.precision, Precision::street);
    // AS1 1AD is 40 m beyond the street's box, within the margin; the town's others are not.
    EXPECT_EQ(placement_candidates(site, g).points, (std::vector<Point>{{10250, 10190}}));
}

TEST_F(Candidates, ABoxWithNoPostcodeStandsForItselfByItsCentreAndCorners) {
    Site s;
    s.locality = "Bare";
    const auto c = placement_candidates(located(s), g);
    EXPECT_EQ(sorted(c.points),
              sorted({{50200, 50200}, {50000, 50000}, {50400, 50000}, {50000, 50400}, {50400, 50400}}));
    EXPECT_NE(c.from.find("no postcode"), std::string::npos);
}

TEST_F(Candidates, AWardGivesThePostcodesInsideIt) {
    Site s;
    s.ward = "Nelson";
    const Site site = located(s);
    ASSERT_EQ(site.location.precision, Precision::ward);
    EXPECT_EQ(site.location.ward_code, "W1");
    EXPECT_EQ(sorted(placement_candidates(site, g).points), sorted({{1000, 1000}, {3000, 3000}}));
}

TEST_F(Candidates, AnUnplacedSiteGivesItsDistrictsPostcodes) {
    Site s;
    s.locality = "Nowhere";
    const Site site = located(s);
    ASSERT_FALSE(site.location.resolved());
    const auto c = placement_candidates(site, g);
    EXPECT_EQ(c.points.size(), 7U);
    EXPECT_EQ(c.from, "7 postcodes of Alpha");
    Site far = site;
    far.district = "Omega";
    EXPECT_TRUE(placement_candidates(far, g).points.empty());
}

TEST_F(Candidates, ManyPostcodesAreSpreadEvenlyOverTheirOrder) {
    Site s;
    s.locality = "Nowhere";
    const auto c = placement_candidates(located(s), g, 3);
    // In postcode order AS1 1AA ... NE1 1AB: the first, the middle and the last.
    EXPECT_EQ(c.points, (std::vector<Point>{{9500, 9500}, {10250, 10190}, {3000, 3000}}));
}

}  // namespace candidates_test
}  // namespace centrecov::geocode
