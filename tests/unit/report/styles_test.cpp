// The colour scales the report's maps and the GeoPackage's QGIS styles share: classes that follow
// the run's thresholds, and colours a colour-blind reader can still tell apart, checked by
// simulating deuteranopia and protanopia (Machado, Oliveira and Fernandes 2009, severity 1) and
// measuring the difference in CIELAB.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <vector>

#include "report/styles.hpp"
#include "scenario/resolve.hpp"

namespace centrecov::report {
namespace styles_test {

using Vec3 = std::array<double, 3>;
using Mat3 = std::array<Vec3, 3>;

double to_linear(int channel) {
    const double c = static_cast<double>(channel) / 255.0;
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

Vec3 linear_rgb(Rgb c) { return {to_linear(c.r), to_linear(c.g), to_linear(c.b)}; }

Vec3 times(const Mat3& m, const Vec3& v) {
    Vec3 out{};
    for (std::size_t i = 0; i < 3; ++i) {
        out[i] = std::clamp(m[i][0] * v[0] + m[i][1] * v[1] + m[i][2] * v[2], 0.0, 1.0);
    }
    return out;
}

const Mat3 normal_vision{{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}};
const Mat3 deuteranopia{{{0.367322, 0.860646, -0.227968}, {0.280085, 0.672501, 0.047413},
                         {-0.011820, 0.042940, 0.968881}}};
const Mat3 protanopia{{{0.152286, 1.052583, -0.204868}, {0.114503, 0.786281, 0.099216},
                       {-0.003882, -0.048116, 1.051998}}};

Vec3 lab(const Vec3& rgb) {
    const double x = (0.4124 * rgb[0] + 0.3576 * rgb[1] + 0.1805 * rgb[2]) / 0.95047;
    const double y = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
    const double z = (0.0193 * rgb[0] + 0.1192 * rgb[1] + 0.9505 * rgb[2]) / 1.08883;
    auto f = [](double t) { return t > 0.008856 ? std::cbrt(t) : 7.787 * t + 16.0 / 116.0; };
    return {116.0 * f(y) - 16.0, 500.0 * (f(x) - f(y)), 200.0 * (f(y) - f(z))};
}

// CIE76 colour difference as seen with the given vision.
double difference(Rgb a, Rgb b, const Mat3& vision) {
    const Vec3 p = lab(times(vision, linear_rgb(a)));
    const Vec3 q = lab(times(vision, linear_rgb(b)));
    return std::hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
}

double luminance(Rgb c) {
    const Vec3 v = linear_rgb(c);
    return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
}

// WCAG 2 contrast ratio.
double contrast(Rgb a, Rgb b) {
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

TEST(DistanceRanges, FollowTheThresholdsGiven) {
    const auto defaults = distance_ranges({1600, 3200, 5000, 8000});
    ASSERT_EQ(defaults.size(), 5u);
    EXPECT_EQ(defaults[0].label, "within 1.6 km");
    EXPECT_EQ(defaults[1].label, "1.6 - 3.2 km");
    EXPECT_EQ(defaults[4].label, "over 8 km");

    const auto town = distance_ranges({500, 1000, 1500});
    ASSERT_EQ(town.size(), 4u);
    EXPECT_EQ(town[0].label, "within 500 m");
    EXPECT_EQ(town[1].label, "500 m - 1 km");
    EXPECT_EQ(town[2].label, "1 - 1.5 km");
    EXPECT_EQ(town[3].label, "over 1.5 km");
    // The classes tile the distances from 0 with no gap.
    EXPECT_EQ(town.front().lower, 0.0);
    for (std::size_t i = 1; i < town.size(); ++i) {
        EXPECT_EQ(town[i].lower, town[i - 1].upper);
    }
    EXPECT_EQ(town[2].upper, 1500.0);

    const auto change = change_ranges({500, 1000, 1500});
    EXPECT_EQ(change[2].label, "up to 500 m further");
    EXPECT_EQ(change.back().label, "over 1 km further");
}

// Adjacent classes stay apart for normal, deuteranope and protanope vision, whatever the number
// of thresholds (the report draws up to 12 bands, and a run may set more distances).
TEST(DistanceRanges, AdjacentClassesStayApartForColourBlindReaders) {
    const std::vector<std::pair<const char*, const Mat3*>> visions{
        {"normal", &normal_vision}, {"deuteranopia", &deuteranopia}, {"protanopia", &protanopia}};
    for (std::size_t count = 1; count <= 12; ++count) {
        std::vector<double> thresholds;
        for (std::size_t t = 1; t <= count; ++t) {
            thresholds.push_back(500.0 * static_cast<double>(t));
        }
        const auto ranges = distance_ranges(thresholds);
        ASSERT_EQ(ranges.size(), count + 1);
        // Five classes (the default four thresholds) are far apart; thirteen still visibly so.
        const double least = count <= 4 ? 15.0 : 5.0;
        for (const auto& [name, vision] : visions) {
            for (std::size_t i = 1; i < ranges.size(); ++i) {
                const double d = difference(ranges[i - 1].colour, ranges[i].colour, *vision);
                EXPECT_GE(d, least) << name << ", " << count << " thresholds: '" << ranges[i - 1].label << "' and '"
                                    << ranges[i].label << "' differ by " << d;
            }
            // Ordered: each class darker than the one before, as seen.
            for (std::size_t i = 1; i < ranges.size(); ++i) {
                EXPECT_LT(lab(times(*vision, linear_rgb(ranges[i].colour)))[0],
                          lab(times(*vision, linear_rgb(ranges[i - 1].colour)))[0])
                    << name << ", " << count << " thresholds, class " << i;
            }
        }
    }
}

// The red-to-green ramp the report used before, measured the same way: under deuteranopia its
// nearest and farthest classes ("within 1.6 km", "over 8 km") keep under a third of the difference
// normal vision sees; the ramp's ends keep most of theirs.
TEST(DistanceRanges, TheOldRedGreenRampCollapsesUnderTheSameMeasure) {
    const Rgb near{26, 152, 80};
    const Rgb far{215, 48, 39};
    EXPECT_LT(difference(near, far, deuteranopia), difference(near, far, normal_vision) / 3.0);
    const auto ranges = distance_ranges({1600, 3200, 5000, 8000});
    const Rgb now_near = ranges.front().colour;
    const Rgb now_far = ranges.back().colour;
    EXPECT_GT(difference(now_near, now_far, deuteranopia), 0.8 * difference(now_near, now_far, normal_vision));
}

// A closed site is a dark cross over a white one: on every fill one of the two stands out at 3:1.
TEST(FateCategories, ClosedSitesShowOnEveryFill) {
    const Rgb cross = fate_category(scenario::Fate::closed).colour;
    const Rgb white{255, 255, 255};
    std::vector<Rgb> fills;
    for (const auto& r : distance_ranges({1600, 3200, 5000, 8000})) {
        fills.push_back(r.colour);
    }
    for (const auto& r : change_ranges({1600, 3200, 5000, 8000})) {
        fills.push_back(r.colour);
    }
    for (const Rgb fill : fills) {
        EXPECT_GE(std::max(contrast(cross, fill), contrast(white, fill)), 3.0)
            << "fill rgb(" << fill.r << "," << fill.g << "," << fill.b << ")";
    }
    // And the cross stands apart from the farthest class, where the old red cross vanished.
    EXPECT_GE(contrast(white, distance_ranges({1600}).back().colour), 3.0);
}

std::string qml_colour(Rgb c) { return std::to_string(c.r) + "," + std::to_string(c.g) + "," + std::to_string(c.b) + ",255"; }

// The GeoPackage's style for areas is drawn from the same classes as the report.
TEST(DistanceRanges, TheQgisStyleUsesTheSameClasses) {
    const auto ranges = distance_ranges({500, 1000});
    const std::string qml = graduated_fill_qml("distance_m", ranges);
    for (const auto& r : ranges) {
        EXPECT_NE(qml.find(qml_colour(r.colour)), std::string::npos) << r.label;
        EXPECT_NE(qml.find("label=\"" + r.label + "\""), std::string::npos) << r.label;
    }
}

}  // namespace styles_test
}  // namespace centrecov::report
