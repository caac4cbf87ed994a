// The GEOS owner: failures carry GEOS's own reason, and geometries handed to a collection are
// owned until GEOS takes them (AddressSanitizer's leak check watches these tests).

#include <gtest/gtest.h>

#include <functional>
#include <stdexcept>
#include <string>

#include "geom/geos.hpp"

namespace centrecov::geom {
namespace geos_test {

std::string failure_of(const std::function<void()>& call) {
    try {
        call();
    } catch (const std::runtime_error& error) {
        return error.what();
    }
    return "";
}

TEST(Geos, AFailureSaysWhatGeosSaid) {
    const std::string message = failure_of([] { from_wkt("POLYGON ((0 0, 1 0, 1 1, 0 1))"); });
    EXPECT_NE(message.find("GEOS failed to read WKT POLYGON"), std::string::npos) << message;
    // GEOS's own words: the ring is not closed.
    EXPECT_NE(message.find("LinearRing do not form a closed linestring"), std::string::npos) << message;
    // The reason is the failure's own, not left over for the next one.
    const std::string next = failure_of([] { from_wkt("not a geometry"); });
    EXPECT_EQ(next.find("LinearRing"), std::string::npos) << next;
    EXPECT_NE(next.find("GEOS failed to read WKT not a geometry: ParseException"), std::string::npos) << next;
}

TEST(Geos, CollectionsOwnTheirParts) {
    const Geometry a = from_wkt("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))");
    const Geometry b = from_wkt("POLYGON ((10 0, 20 0, 20 10, 10 10, 10 0))");
    const Geometry both = dissolve({a.get(), b.get()});
    EXPECT_DOUBLE_EQ(area(both.get()), 200.0);
    const Geometry multi = as_multipolygon(from_wkt("GEOMETRYCOLLECTION (POLYGON ((0 0, 1 0, 1 1, 0 0)), "
                                                    "LINESTRING (0 0, 5 5), MULTIPOLYGON (((5 5, 6 5, 6 6, 5 5))))"));
    EXPECT_EQ(GEOSGeomTypeId_r(context(), multi.get()), GEOS_MULTIPOLYGON);
    EXPECT_EQ(GEOSGetNumGeometries_r(context(), multi.get()), 2);
    const Geometry lines = buffer_lines({{{0, 0}, {10, 0}}, {{0, 5}, {10, 5}}}, 1.0);
    EXPECT_GT(area(lines.get()), 40.0);
}

}  // namespace geos_test
}  // namespace centrecov::geom
