// Golden tests of what the report writers print, on a town drawn by hand: the
// HTML page (with Leaflet and the page's own CSS and scripts left out, so the
// files hold what the program writes), comparison.md, comparison.csv and a
// scenario's summary.json. A change to any of them shows as a diff of the
// golden file under tests/golden/; when the change is meant, rewrite them with
//   CENTRECOV_UPDATE_GOLDEN=1 build/tests/golden_tests --gtest_filter='ReportGolden*'
// and read the diff before committing it.

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "report/catchment_output.hpp"
#include "report/html_report.hpp"
#include "report/report_view.hpp"
#include "report/scenario_output.hpp"
#include "support/gurka.hpp"

namespace centrecov::report {
namespace report_golden_test {

using test::gurka::drawn_manifest;
using test::gurka::Town;

const std::filesystem::path golden_directory = std::filesystem::path(CENTRECOV_SOURCE_DIR) / "tests/golden/report";

// Compares text with a golden file, or rewrites the file when asked to.
void expect_golden(const std::string& name, const std::string& text) {
    const auto path = golden_directory / name;
    if (const char* update = std::getenv("CENTRECOV_UPDATE_GOLDEN"); update && std::string(update) == "1") {
        std::filesystem::create_directories(path.parent_path());
        std::ofstream(path, std::ios::binary) << text;
        return;
    }
    ASSERT_TRUE(std::filesystem::exists(path)) << path << " is missing: write it with CENTRECOV_UPDATE_GOLDEN=1";
    const std::string golden = test::read_file(path);
    if (golden == text) {
        return;
    }
    std::istringstream want(golden);
    std::istringstream got(text);
    std::string want_line;
    std::string got_line;
    for (int line = 1;; ++line) {
        const bool more_want = static_cast<bool>(std::getline(want, want_line));
        const bool more_got = static_cast<bool>(std::getline(got, got_line));
        if (!more_want && !more_got) {
            break;
        }
        if (want_line != got_line || more_want != more_got) {
            ADD_FAILURE() << name << " differs from its golden file from line " << line << ":\n  golden: "
                          << want_line.substr(0, 400) << "\n  now:    " << got_line.substr(0, 400);
            return;
        }
    }
}

// Two centres and a library on a ladder of streets; closing one centre, moving the
// other into the library, and a budget.
Town ladder() {
    return test::gurka::ladder_town()
        .centre("west", 'a')
        .centre("east", 'c')
        .library("lib-e", 'e', "Tom & \"Jerry's\" <library>")
        .families("E01000001", 'b', 100, 1)
        .families("E01000002", 'f', 50, 9)
        .families("E01000003", 'd', 20, 2);
}

const char* const options = R"(
[study]
thresholds_m = [500, 1000]
[costs]
centre = 1000
colocation_saving = 0.5

[[scenario]]
id = "today"
name = "Today"

[[scenario]]
id = "close-east"
name = "East closed"
start_from = "today"
close = ["east"]
notes = ["East's lease ends in 2019."]

[[scenario]]
id = "west-into-library"
name = "West moves into the library"
start_from = "today"
colocate = [{ centre = "west", library = "lib-e" }]
)";

TEST(ReportGolden, ThePageOfADrawnTown) {
    const Town town = ladder();
    const auto run = town.scenarios(options);
    const auto catchments = compute_catchments(town.study(), run.run(), town.settings());
    analysis::StudyInputs inputs(drawn_manifest());
    const ReportInputs in{town.study(), inputs, run.file(), run.run(), catchments, nullptr};
    ReportView view = report_view(in);
    view.version = "(version)";  // so that a release does not change the golden file

    // The view holds what a person reads, before any markup.
    ASSERT_EQ(view.comparison.size(), 3u);
    EXPECT_EQ(view.comparison[1].name, "East closed");
    EXPECT_EQ(view.threshold_columns, (std::vector<std::string>{"500 m", "1 km"}));
    EXPECT_EQ(view.scenarios[1].caveats, (std::vector<std::string>{"East's lease ends in 2019."}));

    // A k-curve with two marks a site apart, whose labels would overlap on one line.
    KCurve curve;
    for (int k = 1; k <= 10; ++k) {
        curve.points.push_back({k, 500.0, k / 10.0});
    }
    curve.marks = {{3, "the September 2018 proposal"}, {4, "the January 2019 decision"}};
    view.k_curve = curve;

    PageAssets assets = embedded_page_assets();
    assets.report_css = "/* web/report/report.css */";
    assets.report_js = "/* web/report/report.js */";
    assets.draws_js = "/* web/report/draws.js */";
    assets.planner_js = "/* web/report/planner.js */";
    assets.capture_errors_js = "/* web/report/capture-errors.js */";
    assets.leaflet_css = "/* leaflet.css */";
    assets.leaflet_js = "/* leaflet.js */";
    const std::string page = render_report(view, assets);
    EXPECT_EQ(page.find("<library>"), std::string::npos) << "names from the inputs are escaped";
    expect_golden("drawn_town.html", page);

    // Each scenario has its own panel of the coverage chart; the two marks' labels sit on two lines.
    std::size_t panels = 0;
    for (std::size_t at = page.find("class=\"panel\""); at != std::string::npos;
         at = page.find("class=\"panel\"", at + 1)) {
        ++panels;
    }
    EXPECT_EQ(panels, view.coverage.size());
    std::vector<std::string> label_rows;
    for (std::size_t at = page.find("class=\"axis mark-label\""); at != std::string::npos;
         at = page.find("class=\"axis mark-label\"", at + 1)) {
        const std::size_t y = page.rfind(" y=\"", at);
        label_rows.push_back(page.substr(y, page.find('"', y + 4) - y));
    }
    ASSERT_EQ(label_rows.size(), 2u);
    EXPECT_NE(label_rows[0], label_rows[1]) << "overlapping mark labels drop a line";
}

TEST(ReportGolden, TheComparisonOfADrawnTown) {
    const Town town = ladder();
    const auto run = town.scenarios(options);
    analysis::StudyInputs inputs(drawn_manifest());
    const test::TempDir out;
    RunOutputs outputs;
    outputs.gpkg = false;
    outputs.html = false;
    outputs.geojson = false;
    write_scenario_run(out.path(), town.study(), inputs, run.file(), town.settings(), run.run(), outputs);
    expect_golden("comparison.md", test::read_file(out.path() / "comparison.md"));
    expect_golden("comparison.csv", test::read_file(out.path() / "comparison.csv"));
    expect_golden("close-east/summary.json", test::read_file(out.path() / "close-east/summary.json"));
    expect_golden("close-east/lsoa.csv", test::read_file(out.path() / "close-east/lsoa.csv"));
}

TEST(ReportPage, EverySlotIsFilledOnceAndNoValueIsScanned) {
    EXPECT_EQ(fill_slots("<p>{{a}} and {{b}}</p>", {{"a", "{{b}}"}, {"b", "2"}}), "<p>{{b}} and 2</p>");
    EXPECT_THROW((void)fill_slots("<p>{{a}}</p>", {}), std::logic_error);
    EXPECT_THROW((void)fill_slots("<p>{{a}}</p>", {{"a", "1"}, {"b", "2"}}), std::logic_error);
    EXPECT_THROW((void)fill_slots("<p>{{a</p>", {{"a", "1"}}), std::logic_error);
    // The embedded page has a slot for each of its parts.
    const auto& assets = embedded_page_assets();
    for (const char* slot : {"{{title}}", "{{body}}", "{{report_data}}", "{{report_js}}", "{{leaflet_js}}"}) {
        EXPECT_NE(assets.page_html.find(slot), std::string_view::npos) << slot;
    }
    EXPECT_NE(assets.report_js.find("report-data"), std::string_view::npos) << "report.js reads the page's data";
}

}  // namespace report_golden_test
}  // namespace centrecov::report
