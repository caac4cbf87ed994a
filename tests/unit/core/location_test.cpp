#include <gtest/gtest.h>

#include "core/error.hpp"
#include "core/location.hpp"

namespace centrecov {
namespace location_test {

TEST(Precision, NamesRoundTrip) {
    for (const Precision p : {Precision::coordinates, Precision::postcode, Precision::host_postcode, Precision::street,
                              Precision::locality, Precision::ward, Precision::unresolved}) {
        EXPECT_EQ(parse_precision(to_string(p)), p);
    }
    EXPECT_FALSE(parse_precision("exact").has_value());
}

TEST(Precision, OrderIsBestFirst) {
    EXPECT_LT(Precision::postcode, Precision::street);
    EXPECT_LT(Precision::street, Precision::locality);
    EXPECT_LT(Precision::ward, Precision::unresolved);
}

TEST(InputError, NamesFilePlaceAndProblem) {
    const InputError error("centres.csv", line_ref(7), "duplicate id 'x'");
    EXPECT_STREQ(error.what(), "centres.csv, line 7: duplicate id 'x'");
    EXPECT_EQ(error.file(), "centres.csv");
}

}  // namespace location_test
}  // namespace centrecov
