#include <gtest/gtest.h>

#include "core/text.hpp"

namespace centrecov::text {
namespace text_test {

TEST(Postcode, NormalisesSpacingAndCase) {
    EXPECT_EQ(normalise_postcode("nr13 3ra"), "NR13 3RA");
    EXPECT_EQ(normalise_postcode("NR133RA"), "NR13 3RA");
    EXPECT_EQ(normalise_postcode("  IP24  1JW "), "IP24 1JW");
    EXPECT_EQ(normalise_postcode("PE36 5EF"), "PE36 5EF");
}

TEST(Postcode, RejectsWhatCannotBeAPostcode) {
    EXPECT_EQ(normalise_postcode(""), "");
    EXPECT_EQ(normalise_postcode("Norwich"), "");
    EXPECT_EQ(normalise_postcode("NR13-3RA"), "");
    EXPECT_EQ(normalise_postcode("1234 5AB"), "");
    EXPECT_EQ(normalise_postcode("NR13 RA3"), "");
}

TEST(Numbers, ParseWholeFieldsOnly) {
    EXPECT_EQ(parse_integer("12"), 12);
    EXPECT_EQ(parse_integer(" -3 "), -3);
    EXPECT_FALSE(parse_integer("12a").has_value());
    EXPECT_FALSE(parse_integer("").has_value());
    EXPECT_FALSE(parse_integer("1.5").has_value());
    EXPECT_DOUBLE_EQ(*parse_number("601892.856"), 601892.856);
    EXPECT_FALSE(parse_number("1e999").has_value());
    EXPECT_FALSE(parse_number("nan").has_value());
    EXPECT_FALSE(parse_number("12 km").has_value());
}

TEST(Slug, MakesStableIds) {
    EXPECT_EQ(slug("King's Lynn Library"), "kings-lynn-library");
    EXPECT_EQ(slug("Norfolk & Norwich Millennium Library"), "norfolk-norwich-millennium-library");
    EXPECT_EQ(slug("  St William's Way, 11 "), "st-williams-way-11");
}

TEST(Split, KeepsEmptyParts) {
    const auto parts = split("a,,b", ',');
    ASSERT_EQ(parts.size(), 3u);
    EXPECT_EQ(parts[1], "");
    EXPECT_EQ(trim("\t x \r"), "x");
}

}  // namespace text_test
}  // namespace centrecov::text
