#include <gtest/gtest.h>

#include "geocode/geocoder.hpp"
#include "geocode/names.hpp"

#include <fmt/format.h>

namespace centrecov::geocode {
namespace geocoder_test {

// A tiny drawn gazetteer whose right answers can be read off by hand:
//
//   district Alpha (D1): town Ashby at (10000,10000); High Street in Ashby at (10200,10100);
//                        Mill Road in Bigtown at (11500,10500), 1.6 km from Ashby;
//                        ward Nelson = square (0,0)-(4000,4000); school postcode SC1 1AA at (5000,5000)
//   district Beta  (D2): hamlet Ashby at (50000,50000); ward Nelson = square (40000,40000)-(44000,44000);
//                        a school of the same name at SC2 2BB (9000,9000)
//   elsewhere: town Gorleston-on-Sea at (20000,20000); High Street in Ceeton at (60000,60000);
//              mobile-library stops for Drayton around (30000,30000) plus one 40 km off.
NamedPlace place(std::string name, std::string kind, std::string district, Point p, double half_size) {
    NamedPlace out;
    out.id = "p-" + name + "-" + district;
    out.name = name;
    out.key = normalise_place(name);
    out.alias = place_alias(name);
    out.kind = std::move(kind);
    out.district = std::move(district);
    out.point = p;
    out.box = {p.x - half_size, p.y - half_size, p.x + half_size, p.y + half_size};
    return out;
}

NamedRoad road(std::string id, std::string name, std::string in_place, Point p) {
    NamedRoad out;
    out.id = std::move(id);
    out.name = name;
    out.key = normalise_road(name);
    out.place = in_place;
    out.place_key = normalise_place(in_place);
    out.point = p;
    out.box = {p.x - 200, p.y - 50, p.x + 200, p.y + 50};
    return out;
}

Ward ward(std::string code, std::string name, std::string district_code, std::string district_name, double x0,
          double y0) {
    Ward out;
    out.code = std::move(code);
    out.name = name;
    out.key = normalise_place(name);
    out.district_code = std::move(district_code);
    out.district_name = std::move(district_name);
    out.area = geom::from_wkt(fmt::format("POLYGON(({0} {1}, {2} {1}, {2} {3}, {0} {3}, {0} {1}))", x0, y0, x0 + 4000,
                                          y0 + 4000));
    out.box = geom::envelope(out.area.get());
    out.interior = geom::interior_point(out.area.get());
    out.farthest_m = geom::farthest_distance(out.area.get(), out.interior);
    return out;
}

class Geocoder : public ::testing::Test {
protected:
    void SetUp() override {
        g.postcodes.add("AB1 2CD", {{1000.0, 1000.0}, 10, "D1"});
        g.postcodes.add("SC1 1AA", {{5000.0, 5000.0}, 10, "D1"});
        g.postcodes.add("SC2 2BB", {{9000.0, 9000.0}, 10, "D2"});
        g.names.places = {place("Ashby", "Town", "Alpha", {10000, 10000}, 1000),
                          place("Ashby", "Hamlet", "Beta", {50000, 50000}, 200),
                          place("Gorleston-on-Sea", "Town", "Gamma", {20000, 20000}, 1500)};
        g.names.roads = {road("r1", "High Street", "Ashby", {10200, 10100}),
                         road("r2", "High Street", "Ceeton", {60000, 60000}),
                         road("r3", "Mill Road", "Bigtown", {11500, 10500})};
        g.wards.push_back(ward("W1", "Nelson", "D1", "Alpha", 0, 0));
        g.wards.push_back(ward("W2", "Nelson", "D2", "Beta", 40000, 40000));
        g.schools = {{"1", "Ashby Primary School", "Ashby", "SC1 1AA", false},
                     {"2", "Ashby Primary School", "Beeton", "SC2 2BB", false}};
        g.stops.by_community["drayton"] = {{30000, 30000}, {30100, 30000}, {30000, 30100}, {70000, 70000}};
        g.index_districts();
    }

    Site site(std::string locality, std::string district = "Alpha") const {
        Site s;
        s.id = "s";
        s.name = "Test centre";
        s.locality = std::move(locality);
        s.district = std::move(district);
        return s;
    }

    Gazetteer g;
};

TEST_F(Geocoder, GivenCoordinatesComeFirst) {
    Site s = site("Ashby");
    s.postcode = "AB1 2CD";
    s.given_point = Point{1234, 5678};
    const Location l = locate(s, g);
    EXPECT_EQ(l.precision, Precision::coordinates);
    EXPECT_EQ(*l.point, (Point{1234, 5678}));
}

TEST_F(Geocoder, OwnPostcodeInAnySpelling) {
    Site s = site("Ashby");
    s.postcode = "ab12cd";
    const Location l = locate(s, g);
    EXPECT_EQ(l.precision, Precision::postcode);
    EXPECT_EQ(*l.point, (Point{1000, 1000}));
    EXPECT_NE(l.evidence.find("AB1 2CD"), std::string::npos);
}

TEST_F(Geocoder, UnknownPostcodeFallsBackAndSaysSo) {
    Site s = site("Ashby");
    s.postcode = "ZZ9 9ZZ";
    const Location l = locate(s, g);
    EXPECT_EQ(l.precision, Precision::locality);
    EXPECT_NE(l.evidence.find("ZZ9 9ZZ is not in Code-Point"), std::string::npos) << l.evidence;
    s.postcode = "Norwich";
    EXPECT_NE(locate(s, g).evidence.find("not a valid UK postcode"), std::string::npos);
}

TEST_F(Geocoder, HostSchoolGivesItsPostcodeInTheSameDistrict) {
    Site s = site("Ashby");
    s.host_site = "Ashby Primary";
    const Location l = locate(s, g);
    EXPECT_EQ(l.precision, Precision::host_postcode);
    EXPECT_EQ(*l.point, (Point{5000, 5000})) << "the same-named school in another district must not be used";
    s.district = "Beta";
    EXPECT_EQ(*locate(s, g).point, (Point{9000, 9000}));
}

TEST_F(Geocoder, HostThatIsNoSchoolIsNotLookedUp) {
    Site s = site("Ashby");
    s.host_site = "Sure Start building";
    s.street = "High St";
    EXPECT_EQ(locate(s, g).precision, Precision::street);
}

TEST_F(Geocoder, StreetWithinItsLocalityNotTheSameNameElsewhere) {
    Site s = site("ASHBY");
    s.street = "High St.";
    const Location l = locate(s, g);
    EXPECT_EQ(l.precision, Precision::street);
    EXPECT_EQ(*l.point, (Point{10200, 10100}));
    EXPECT_GE(l.uncertainty_m, 100.0);
}

TEST_F(Geocoder, StreetFiledUnderANeighbouringPlaceIsFoundByDistance) {
    Site s = site("Ashby");
    s.street = "Mill Road";
    const Location l = locate(s, g);
    EXPECT_EQ(l.precision, Precision::street);
    EXPECT_EQ(*l.point, (Point{11500, 10500}));
}

TEST_F(Geocoder, UnknownStreetFallsBackToTheLocality) {
    Site s = site("Ashby");
    s.street = "Angel Road";
    const Location l = locate(s, g);
    EXPECT_EQ(l.precision, Precision::locality);
    EXPECT_EQ(*l.point, (Point{10000, 10000}));
    EXPECT_NE(l.evidence.find("Angel Road"), std::string::npos);
}

TEST_F(Geocoder, LocalityOfTheSiteDistrictWins) {
    EXPECT_EQ(*locate(site("Ashby", "Alpha"), g).point, (Point{10000, 10000}));
    EXPECT_EQ(*locate(site("Ashby", "Beta"), g).point, (Point{50000, 50000}));
    // Without a district, the town outranks the hamlet.
    EXPECT_EQ(*locate(site("Ashby", ""), g).point, (Point{10000, 10000}));
}

TEST_F(Geocoder, LocalityWithoutItsSeasideSuffix) {
    const Location l = locate(site("Gorleston", "Gamma"), g);
    EXPECT_EQ(l.precision, Precision::locality);
    EXPECT_EQ(*l.point, (Point{20000, 20000}));
}

TEST_F(Geocoder, MobileLibraryStopsPlaceVillagesMissingFromOpenNames) {
    const Location l = locate(site("Drayton"), g);
    EXPECT_EQ(l.precision, Precision::locality);
    EXPECT_NEAR(l.point->x, 30000.0, 100.0);
    EXPECT_NEAR(l.point->y, 30000.0, 100.0);
    EXPECT_LT(l.uncertainty_m, 1000.0) << "the stop 40 km off must not widen the uncertainty";
    EXPECT_NE(l.evidence.find("mobile-library"), std::string::npos);
}

TEST_F(Geocoder, WardNameSharedByTwoDistrictsIsSettledByDistrict) {
    Site s = site("Nowhere", "Beta");
    s.ward = "Nelson";
    const Location l = locate(s, g);
    EXPECT_EQ(l.precision, Precision::ward);
    EXPECT_GT(l.point->x, 40000.0);
    EXPECT_NEAR(l.uncertainty_m, 2828.4, 1500.0);
}

TEST_F(Geocoder, NothingKnownMeansUnresolvedNeverAMadeUpPoint) {
    const Location l = locate(site("Nowhere"), g);
    EXPECT_EQ(l.precision, Precision::unresolved);
    EXPECT_FALSE(l.point.has_value());
    EXPECT_NE(l.evidence.find("'Nowhere' not found"), std::string::npos) << l.evidence;
    EXPECT_EQ(locate(site(""), g).precision, Precision::unresolved);
}

TEST_F(Geocoder, LocateAllCountsTheUnresolved) {
    std::vector<Site> sites{site("Ashby"), site("Nowhere"), site("")};
    EXPECT_EQ(locate_all(sites, g), 2u);
    EXPECT_TRUE(sites[0].location.resolved());
}

}  // namespace geocoder_test
}  // namespace centrecov::geocode
