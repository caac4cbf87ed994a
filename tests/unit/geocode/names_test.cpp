#include <gtest/gtest.h>

#include "geocode/names.hpp"

namespace centrecov::geocode {
namespace names_test {

TEST(Names, PlacesIgnoreCasePunctuationAndSaint) {
    EXPECT_EQ(normalise_place("King's Lynn"), normalise_place("KINGS LYNN"));
    EXPECT_EQ(normalise_place("Terrington St. Clement"), normalise_place("Terrington Saint Clement"));
    EXPECT_EQ(normalise_place("Norfolk & Norwich"), "norfolk and norwich");
    EXPECT_EQ(normalise_place("King\u2019s Lynn"), "kings lynn");
    EXPECT_EQ(normalise_place("Gt Yarmouth"), normalise_place("Great Yarmouth"));
    EXPECT_NE(normalise_place("North Walsham"), normalise_place("Walsham"));
}

TEST(Names, SeasideSuffixesHaveAliases) {
    EXPECT_EQ(place_alias("Gorleston-on-Sea"), place_alias("Gorleston"));
    EXPECT_EQ(place_alias("Wells-next-the-Sea"), "wells");
    EXPECT_EQ(place_alias("Caister on Sea"), "caister");
    EXPECT_EQ(place_alias("The Runtons"), "runtons");
    EXPECT_EQ(place_alias("Sea"), "sea");
}

TEST(Names, RoadsSpellOutAbbreviations) {
    EXPECT_EQ(normalise_road("High St"), "high street");
    EXPECT_EQ(normalise_road("St Andrew's Rd"), "saint andrews road");
    EXPECT_EQ(normalise_road("Mill Ln"), normalise_road("Mill Lane"));
    EXPECT_EQ(normalise_road("Rd Farm Lane"), "rd farm lane");  // only a last word is expanded
}

TEST(Names, StreetCandidatesDropNumbersAndPutTheStreetFirst) {
    EXPECT_EQ(street_candidates("12, 14 Valentine Road"), std::vector<std::string>{"Valentine Road"});
    EXPECT_EQ(street_candidates("The Priory Centre, Priory Road"),
              (std::vector<std::string>{"Priory Road", "The Priory Centre"}));
    EXPECT_EQ(street_candidates("Swan Lane/Paddock Road"), (std::vector<std::string>{"Paddock Road", "Swan Lane"}));
    EXPECT_EQ(street_candidates("17-18 Earlham West Centre"), std::vector<std::string>{"Earlham West Centre"});
    EXPECT_TRUE(street_candidates("12").empty());
}

}  // namespace names_test
}  // namespace centrecov::geocode
