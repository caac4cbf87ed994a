#pragma once

// What the HTML report shows, worked out from a scenario run: every figure and
// sentence as a person reads it, with nothing about markup. The page
// (html_report) only lays this out; a test can read it field by field.

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "report/html_report.hpp"

namespace centrecov::report {

struct LegendEntry {
    std::string label;
    std::string colour;  // CSS colour
};

// One row of the comparison table.
struct ComparisonRow {
    std::string name;
    std::size_t centres = 0;
    std::size_t library_bases = 0;
    std::string cost;                 // "£1,234" or "n/a"
    std::vector<std::string> shares;  // per column threshold; "-" where the scenario measures other distances
    std::string lost;
    std::string gained;
    std::string median;
};

// One scenario's line on the coverage chart: (threshold in metres, share covered), and
// each share's 90 % range (low, high) when there were uncertainty draws.
struct ChartSeries {
    std::string id;
    std::string name;
    std::vector<std::pair<double, double>> points;
    std::vector<std::pair<double, double>> ranges;  // parallel to points, or empty
};

// How sure the figures are (analysis/uncertainty), for the page.
struct ConfirmRow {
    std::string name;
    std::string kind;
    std::string evidence;     // how it is placed now
    std::string drawn_among;  // where the draws put it
    std::string width_if_confirmed;  // "7.4 points"
};

struct UnplacedRow {
    std::string name;
    std::string placed_among;
    std::vector<std::string> ranges;  // per threshold, "37.7-39.9 %"
};

struct UncertaintyView {
    std::string method;       // a paragraph
    std::string widened;      // a sentence, or empty
    std::string headline;     // "today's share within 1.6 km is 37.7 % (32.8-40.9 %), a range 8.2 points wide."
    std::string headline_width;
    std::vector<ConfirmRow> confirm;
    std::vector<std::string> thresholds;  // the first scenario's, for the unplaced table
    std::vector<std::string> left_out;    // the first scenario's shares without the unplaced centres
    std::vector<UnplacedRow> unplaced;
};

struct CountTable {
    std::string caption;
    std::string heading;                                   // of the first column
    std::vector<std::pair<std::string, std::string>> rows;  // label, count
};

struct ThresholdFacts {
    std::string within;  // "1.6 km"
    std::string share;   // "37.7 %"
    std::string covered;
    std::string lost;
    std::string gained;
};

struct Closure {
    std::string site;
    std::string left_beyond;
    std::string precision;
};

// One scenario's section of the page.
struct ScenarioSection {
    std::string id;
    std::string name;
    std::string description;
    std::string base_name;  // the scenario it is compared with, by name; empty: itself
    std::vector<std::string> caveats;  // notes, rule notes, warnings
    std::size_t centres = 0;
    std::size_t moved = 0;          // of the centres, moved into libraries
    std::size_t library_bases = 0;  // new bases in libraries
    std::string cost;               // "£1,234" or "not stated"
    std::vector<ThresholdFacts> thresholds;
    std::string equity;            // the equity indices against the base, in a sentence
    std::vector<CountTable> lost;  // who loses at the first threshold, by district and by IDACI decile
    std::string closures_heading;   // which closures are listed and why (a sentence alone when none is)
    std::vector<Closure> closures;  // the (up to) five that leave the most beyond the threshold it names
};

// A site on a printable map, in the map's own units (900 wide, y down).
struct MapSite {
    double x = 0.0;
    double y = 0.0;
    std::string title;
    bool closed = false;
    std::string colour;
};

struct StaticMap {
    std::string name;
    std::vector<std::string> area_colours;  // parallel to ReportView::area_paths
    std::vector<MapSite> sites;
};

struct PrecisionCount {
    std::string precision;
    int centres = 0;
    int libraries = 0;
};

struct SiteRow {
    std::string name;
    std::string kind;
    std::string precision;
    std::string uncertainty;  // "250 m" or "not placed"
    std::string evidence;
};

struct ReportView {
    std::string file_name;  // of the scenario file
    std::string version;    // of centrecov
    std::string distance_label;
    std::string measured_from;  // where distances start (format.hpp: measured_from)
    std::size_t scenario_count = 0;  // in the file
    std::size_t shown = 0;           // drawn here (the first this many)

    std::vector<std::string> threshold_columns;  // the first scenario's distances
    std::vector<ComparisonRow> comparison;
    std::vector<ChartSeries> coverage;
    std::optional<KCurve> k_curve;

    std::vector<LegendEntry> distance_legend;
    std::vector<LegendEntry> change_legend;
    std::string band_method;

    double map_height = 0.0;              // printable maps are 900 wide
    std::vector<std::string> area_paths;  // SVG path of each area drawn
    std::vector<StaticMap> static_maps;   // per scenario shown

    std::vector<ScenarioSection> scenarios;
    UncertaintyView uncertainty;

    std::string precision_caveat;
    // How many centres the figures count, from the centres file, and what the first scenario costs:
    // why a count or cost differs from one quoted elsewhere (a file naming fewer, a building twice).
    std::string centres_counted;
    std::optional<std::string> near_miss_caveat;
    std::vector<PrecisionCount> precision;
    std::vector<SiteRow> sites;
    std::string inputs;  // the site files, comma-separated
    std::string deprivation_edition;
    std::string study_title;
    std::string data_directory;
    std::string attribution;

    std::string planner_reach;  // "8 km": how far each area's distances to sites are embedded
    bool planner_ranges = false;  // the planner repeats the run's uncertainty draws

    // What the interactive map draws (report.js reads it): areas, ranges, fates, per scenario the
    // distances, changes, sites, reach areas and band keys, and the bands by key.
    nlohmann::ordered_json map_data;
};

ReportView report_view(const ReportInputs& in);

// The page's files (web/report), and Leaflet: embedded in the program, or given by a test.
struct PageAssets {
    std::string_view page_html;
    std::string_view report_css;
    std::string_view capture_errors_js;
    std::string_view report_js;
    std::string_view draws_js;
    std::string_view planner_js;
    std::string_view leaflet_css;
    std::string_view leaflet_js;
};
const PageAssets& embedded_page_assets();

// The page: web/report/page.html with its slots filled from the view.
std::string render_report(const ReportView& view, const PageAssets& assets = embedded_page_assets());

// Fills each {{name}} of a template with its value; the values are not scanned for slots.
// std::logic_error for a slot without a value or a value without a slot.
std::string fill_slots(std::string_view page, const std::vector<std::pair<std::string, std::string>>& values);

}  // namespace centrecov::report
