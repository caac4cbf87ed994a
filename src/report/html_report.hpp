#pragma once

// The HTML report: one self-contained file (Leaflet and the data inside) that
// a campaigner can email and open offline, with an interactive map, static SVG
// maps for printing, and charts.

#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analysis/scenario_run.hpp"
#include "report/catchment_output.hpp"
#include "scenario/scenario.hpp"

namespace centrecov::report {

// One point of an optimisation k-curve (from optimise's k_curve.csv).
struct KCurvePoint {
    int sites = 0;
    double threshold_m = 0.0;
    double share = 0.0;
};

struct KCurve {
    std::vector<KCurvePoint> points;
    std::vector<std::pair<int, std::string>> marks;  // number of sites, label
};

// Reads optimise's k_curve.csv; InputError naming the file and line on bad rows.
std::vector<KCurvePoint> read_k_curve(const std::filesystem::path& csv);

// Along roads the planner carries each candidate point's distances to repeat the draws;
// past this many (family, distance) pairs (about 14 bytes each) it gives best-evidence
// figures and says why.
inline constexpr std::size_t default_planner_draw_pairs_limit = 400000;

struct ReportInputs {
    const analysis::Study& study;
    const analysis::StudyInputs& inputs;
    const scenario::ScenarioFile& file;
    const analysis::ScenarioRun& run;
    const RunCatchments& catchments;
    const KCurve* k_curve = nullptr;
    std::size_t planner_draw_pairs_limit = default_planner_draw_pairs_limit;
};

std::string html_report(const ReportInputs& in);

// Text for HTML (and SVG) content and attributes.
std::string html_escape(std::string_view text);

// JSON placed inside a <script> element: '<', '>' and '&' written as \u escapes
// so that no text from the inputs can close the element.
std::string script_safe_json(const std::string& json);

}  // namespace centrecov::report
