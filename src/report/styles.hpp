#pragma once

// QGIS styles (QML) for the GeoPackage layers, so that the file opens styled.

#include <string>
#include <utility>
#include <vector>

#include "scenario/resolve.hpp"

namespace centrecov::report {

struct Rgb {
    int r = 0;
    int g = 0;
    int b = 0;
    int a = 255;
};

struct Range {
    double lower = 0.0;
    double upper = 0.0;
    std::string label;
    Rgb colour;
};

struct Category {
    std::string value;
    std::string label;
    Rgb colour;
    std::string marker = "circle";  // QGIS simple marker name; "cross2" strikes a site through
};

// Polygons coloured by ranges of a numeric field.
std::string graduated_fill_qml(const std::string& field, const std::vector<Range>& ranges);
// Points by the value of a text field.
std::string categorized_marker_qml(const std::string& field, const std::vector<Category>& categories);
// Polygons by the value of a field, translucent, outlined.
std::string categorized_fill_qml(const std::string& field, const std::vector<Category>& categories);
// One outline per polygon, no fill.
std::string outline_qml(Rgb colour);

// The colour scales the report and the GeoPackage share, one class per span between the run's
// distance thresholds (metres, ascending): "within T1", "T1 - T2", ..., "over Tn".
// Distance is coloured along one sequential ramp (viridis: light yellow near, dark purple far),
// whose lightness alone orders the classes, so they stay apart for colour-blind readers.
Rgb sequential_colour(double position);  // 0 = near (light) .. 1 = far (dark)
std::vector<Range> distance_ranges(const std::vector<double>& thresholds_m);  // metres to the nearest site
// Metres further (+) or nearer (-) than the base: nearer, no change, then further up to the first
// threshold, to the middle one and beyond it, in blue and oranges (apart for colour-blind readers).
std::vector<Range> change_ranges(const std::vector<double>& thresholds_m);
// The fate table: one entry per scenario::Fate (value = its key), the one source of
// the labels, colours and markers of the GeoPackage styles, the printable maps and the page.
std::vector<Category> fate_categories();
const Category& fate_category(scenario::Fate fate);

std::string xml_escape(const std::string& text);

}  // namespace centrecov::report
