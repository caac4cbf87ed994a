// Integration tests on the real Norfolk data in ../shared/geodata.

#include <gtest/gtest.h>

#include <ogrsf_frmts.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <nlohmann/json.hpp>

#include "analysis/baseline.hpp"
#include "analysis/study.hpp"
#include "io/gdal.hpp"
#include "report/baseline_output.hpp"
#include "report/format.hpp"
#include "report/sites_output.hpp"
#include "support/study_facts.hpp"
#include "support/studies.hpp"
#include "support/temp_dir.hpp"

namespace centrecov {
namespace norfolk_test {

const analysis::Study& norfolk() {
    static const analysis::Study study = [] {
        if (!std::filesystem::is_directory(CENTRECOV_TEST_DATA)) {
            throw std::runtime_error(std::string("integration data not found at ") + CENTRECOV_TEST_DATA);
        }
        return analysis::load_study(analysis::StudyInputs(test::norfolk_manifest()));
    }();
    return study;
}

analysis::Baseline baseline(routing::DistanceMode mode = routing::DistanceMode::estimated_road) {
    analysis::SettingsLayer estimate;
    estimate.mode = mode == routing::DistanceMode::straight_line ? "straight_line" : "estimated_road";
    estimate.estimate = true;
    return analysis::run_baseline(norfolk(), analysis::resolve_settings(estimate, {}, test::norfolk_manifest(), "unused"));
}

const test::StudyFacts& expected() {
    static const test::StudyFacts facts = test::facts_of(test::norfolk_manifest());
    return facts;
}

TEST(Norfolk, FamiliesTotalsMatchThePopulationFile) {
    const auto& families = norfolk().families;
    EXPECT_EQ(families.areas.size(), expected().areas);
    EXPECT_EQ(families.total_under5(), static_cast<double>(expected().under5));
    EXPECT_EQ(families.report.excluded_areas, 0u);
    EXPECT_TRUE(families.report.problems.empty()) << families.report.problems.front();
    EXPECT_EQ(families.boundaries.size(), expected().areas);
    for (const auto& point : families.areas) {
        EXPECT_GE(point.imd_decile, 1) << point.lsoa_code;
        EXPECT_GE(point.idaci_decile, 1) << point.lsoa_code;
        EXPECT_FALSE(point.ward_code.empty()) << point.lsoa_code;
        EXPECT_EQ(point.district_code.substr(0, 6), "E07000") << point.lsoa_code;
    }
}

// Families at postcode level (the default): every live postcode of the file in one area,
// each area's shares adding up to its under-5s, and the areas found by point in polygon
// agreeing with the data's own derived point-in-polygon column wherever that has one.
TEST(Norfolk, PostcodeLevelTotalsEqualTheAreasAndTheAreasAgreeWithTheDerivedFile) {
    const auto& families = norfolk().families;
    ASSERT_EQ(families.at, families::FamiliesAt::postcodes);
    const auto& r = families.report;
    EXPECT_EQ(r.postcodes_read, expected().live_postcodes.size());
    EXPECT_EQ(r.postcodes_used + r.postcodes_outside, r.postcodes_read);
    ASSERT_EQ(families.first_point.size(), families.areas.size() + 1);
    double all = 0.0;
    std::size_t measured_at_postcodes = 0;
    for (std::size_t a = 0; a < families.areas.size(); ++a) {
        double sum = 0.0;
        for (std::size_t f = families.first_point[a]; f < families.first_point[a + 1]; ++f) {
            EXPECT_EQ(families.points[f].lsoa_code, families.areas[a].lsoa_code);
            EXPECT_GT(families.points[f].under5, 0.0);
            sum += families.points[f].under5;
            measured_at_postcodes += families.points[f].postcode.empty() ? 0U : 1U;
        }
        EXPECT_NEAR(sum, families.areas[a].under5, 1e-9 * (1.0 + families.areas[a].under5))
            << families.areas[a].lsoa_code;
        all += sum;
    }
    EXPECT_NEAR(all, static_cast<double>(expected().under5), 1e-6);
    EXPECT_EQ(measured_at_postcodes, r.postcodes_used);

    const auto derived = test::norfolk_manifest().postcodes.parent_path() /
                         (test::norfolk_manifest().postcodes.stem().string() + "_lonlat_lsoa_pip_DERIVED.csv");
    if (!std::filesystem::exists(derived)) {
        GTEST_SKIP() << derived << " is not in the data: no second point-in-polygon to compare with";
    }
    std::map<std::string, std::string> ours;
    for (const auto& p : families.points) {
        if (!p.postcode.empty()) {
            ours[test::postcode_key(p.postcode)] = p.lsoa_code;
        }
    }
    std::size_t compared = 0;
    std::size_t agree = 0;
    for (const auto& row : test::read_csv(derived)) {
        const auto found = ours.find(test::postcode_key(row.at("Postcode")));
        if (found == ours.end() || row.at("lsoa11cd_pip").empty() || row.at("lsoa11_pip_dist_m") != "0") {
            continue;
        }
        ++compared;
        agree += found->second == row.at("lsoa11cd_pip") ? 1U : 0U;
    }
    EXPECT_GT(compared, r.postcodes_used * 9 / 10);
    // Only a postcode on a shared edge may go either way.
    EXPECT_GE(static_cast<double>(agree), 0.999 * static_cast<double>(compared)) << agree << " of " << compared;
}

TEST(Norfolk, EveryLibraryWithALivePostcodeIsPlacedByIt) {
    const auto& libraries = norfolk().libraries;
    ASSERT_EQ(libraries.size(), expected().libraries.size());
    for (std::size_t i = 0; i < libraries.size(); ++i) {
        const auto& library = libraries[i];
        const std::string postcode = expected().libraries[i].at("Postcode");
        if (expected().live_postcodes.count(test::postcode_key(postcode))) {
            EXPECT_EQ(library.location.precision, Precision::postcode) << library.id;
        } else {
            // Placed from weaker evidence, saying the postcode was not found.
            EXPECT_GT(library.location.precision, Precision::postcode) << library.id;
            EXPECT_NE(library.location.evidence.find(postcode), std::string::npos) << library.location.evidence;
        }
        EXPECT_FALSE(library.district.empty() && library.location.resolved()) << library.id;
    }
}

TEST(Norfolk, EachCentreIsPlacedFromTheBestEvidenceItHas) {
    const auto& centres = norfolk().centres;
    ASSERT_EQ(centres.size(), expected().centres.size());
    for (std::size_t i = 0; i < centres.size(); ++i) {
        const auto& centre = centres[i];
        const auto& row = expected().centres[i];
        ASSERT_EQ(centre.id, row.at("id"));
        const auto& location = centre.location;
        EXPECT_FALSE(location.evidence.empty()) << centre.id;
        EXPECT_EQ(location.resolved(), location.precision != Precision::unresolved) << centre.id;
        if (location.point) {
            EXPECT_TRUE(plausible_bng(*location.point));
        }
        // A postcode that is live in Code-Point places the centre; nothing weaker is used then.
        const bool live = !row.at("postcode").empty() && expected().live_postcodes.count(test::postcode_key(row.at("postcode")));
        if (live) {
            EXPECT_EQ(location.precision, Precision::postcode) << centre.id << ": " << location.evidence;
            continue;
        }
        // Otherwise each weaker kind of evidence is used only when the row gives it.
        switch (location.precision) {
            case Precision::coordinates:
            case Precision::postcode:
                ADD_FAILURE() << centre.id << " has no live postcode but is placed by " << to_string(location.precision);
                break;
            case Precision::host_postcode:
                EXPECT_FALSE(row.at("host_site").empty()) << centre.id;
                break;
            case Precision::street:
                EXPECT_FALSE(row.at("street").empty()) << centre.id;
                EXPECT_FALSE(row.at("locality").empty()) << centre.id;
                break;
            case Precision::locality:
                EXPECT_FALSE(row.at("locality").empty()) << centre.id;
                break;
            case Precision::ward:
                EXPECT_FALSE(row.at("ward").empty() && row.at("locality").empty()) << centre.id;
                break;
            case Precision::unresolved:
                break;
        }
    }
}

TEST(Norfolk, CoverageAddsUpAndGrowsWithDistance) {
    const auto result = baseline();
    const auto& total = result.coverage().total;
    EXPECT_NEAR(total.under5, static_cast<double>(expected().under5), 1e-6);
    std::size_t placed_distinct = 0;
    for (const auto& centre : norfolk().centres) {
        placed_distinct += centre.duplicate_of.empty() && centre.location.resolved() ? 1u : 0u;
    }
    EXPECT_EQ(result.service_points.size(), placed_distinct);
    for (std::size_t t = 1; t < total.covered.size(); ++t) {
        EXPECT_LE(total.covered[t - 1], total.covered[t]);
    }
    EXPECT_LE(total.median_m, total.p90_m);
    for (const auto& breakdown : result.coverage().breakdowns) {
        double under5 = 0.0;
        double covered = 0.0;
        for (const auto& group : breakdown.groups) {
            under5 += group.under5;
            covered += group.covered[0];
        }
        EXPECT_NEAR(under5, total.under5, 1e-6 * total.under5) << breakdown.name;
        EXPECT_NEAR(covered, total.covered[0], 1e-6 * total.under5) << breakdown.name;
    }
    // Centres per district count the centres that serve: placed and distinct (an unplaced one serves nobody here).
    std::size_t centres = 0;
    for (const auto& district : result.today().provision) {
        centres += static_cast<std::size_t>(district.centres);
    }
    EXPECT_EQ(centres, placed_distinct);
}

TEST(Norfolk, StraightLinesCoverAtLeastAsManyAsRoadEstimates) {
    const auto straight = baseline(routing::DistanceMode::straight_line);
    const auto road = baseline(routing::DistanceMode::estimated_road);
    for (std::size_t t = 0; t < road.coverage().total.covered.size(); ++t) {
        EXPECT_GE(straight.coverage().total.covered[t], road.coverage().total.covered[t]);
    }
    EXPECT_NEAR(road.coverage().total.mean_m / straight.coverage().total.mean_m, 1.3, 1e-9);
}

// At postcode level the run also gives today's coverage from each area's centroid, as the
// comparison; recomputed here from the areas and the placed centres alone (straight lines).
TEST(Norfolk, TheCentroidComparisonAgreesWithAStraightCountFromTheAreas) {
    ASSERT_EQ(norfolk().families.at, families::FamiliesAt::postcodes);
    const auto result = baseline(routing::DistanceMode::straight_line);
    ASSERT_TRUE(result.coverage_from_centroids.has_value());
    const auto& comparison = *result.coverage_from_centroids;
    const auto& thresholds = result.coverage().thresholds_m;
    ASSERT_EQ(comparison.thresholds_m, thresholds);
    std::vector<double> covered(thresholds.size(), 0.0);
    double under5 = 0.0;
    for (const auto& area : norfolk().families.areas) {
        double nearest = std::numeric_limits<double>::infinity();
        for (const std::size_t c : result.service_points) {
            nearest = std::min(nearest, straight_line_m(area.point, *norfolk().centres[c].location.point));
        }
        under5 += area.under5;
        for (std::size_t t = 0; t < thresholds.size(); ++t) {
            covered[t] += nearest <= thresholds[t] ? area.under5 : 0.0;
        }
    }
    EXPECT_NEAR(comparison.total.under5, under5, 1e-6);
    EXPECT_EQ(comparison.total.areas, norfolk().families.areas.size());
    for (std::size_t t = 0; t < thresholds.size(); ++t) {
        EXPECT_NEAR(comparison.total.covered[t], covered[t], 1e-6) << thresholds[t];
    }
    // It is a comparison, not the same figure: measured from postcodes the shares differ somewhere.
    bool differs = false;
    for (std::size_t t = 0; t < thresholds.size(); ++t) {
        differs = differs || std::abs(comparison.total.share_covered(t) - result.coverage().total.share_covered(t)) > 1e-6;
    }
    EXPECT_TRUE(differs);
}

TEST(Norfolk, OutputsOpenInGdalAndAreByteIdenticalAcrossRuns) {
    test::TempDir first;
    test::TempDir second;
    const auto result = baseline();
    report::write_baseline(first.path(), norfolk(), result);
    report::write_baseline(second.path(), norfolk(), baseline());
    for (const char* name : {"lsoa.geojson", "lsoa.csv", "sites.geojson", "sites.csv", "summary.csv", "summary.json",
                             "summary.md"}) {
        ASSERT_TRUE(std::filesystem::exists(first.path() / name)) << name;
        EXPECT_EQ(test::read_file(first.path() / name), test::read_file(second.path() / name)) << name;
    }
    const auto lsoa = io::open_vector(first.path() / "lsoa.geojson");
    EXPECT_EQ(lsoa->GetLayer(0)->GetFeatureCount(), static_cast<GIntBig>(expected().areas));
    const auto sites = io::open_vector(first.path() / "sites.geojson");
    // Every centre and library, placed or not.
    EXPECT_EQ(sites->GetLayer(0)->GetFeatureCount(),
              static_cast<GIntBig>(expected().centres.size() + expected().libraries.size()));

    const auto summary = nlohmann::json::parse(test::read_file(first.path() / "summary.json"));
    EXPECT_EQ(summary["families"]["under5_used"], expected().under5);
    EXPECT_EQ(summary["distance"]["mode"], "estimated_road");
    std::size_t unresolved = 0;
    for (const auto& centre : norfolk().centres) {
        unresolved += centre.location.resolved() ? 0u : 1u;
    }
    EXPECT_EQ(summary["sites"]["centres"]["unresolved"].size(), unresolved);
    const std::string md = test::read_file(first.path() / "summary.md");
    EXPECT_NE(md.find("Distances are estimates"), std::string::npos);
    EXPECT_NE(md.find(report::with_commas(expected().under5)), std::string::npos);
    // What the summary says of the sites is counted from them.
    EXPECT_NE(md.find(report::centre_precision_sentence(norfolk().centres)), std::string::npos);
    EXPECT_EQ(md.find("Most centres are known only"), std::string::npos);
}

}  // namespace norfolk_test
}  // namespace centrecov
