// Integration tests on the real Norfolk data in ../shared/geodata.

#include <gtest/gtest.h>

#include <ogrsf_frmts.h>

#include <map>
#include <nlohmann/json.hpp>

#include "analysis/study.hpp"
#include "io/gdal.hpp"
#include "report/baseline_output.hpp"
#include "support/temp_dir.hpp"

namespace centrecov {
namespace {

const analysis::Study& norfolk() {
    static const analysis::Study study = [] {
        if (!std::filesystem::is_directory(CENTRECOV_TEST_DATA)) {
            throw std::runtime_error(std::string("integration data not found at ") + CENTRECOV_TEST_DATA);
        }
        return analysis::load_study(analysis::StudyInputs(io::DataFiles{CENTRECOV_TEST_DATA}));
    }();
    return study;
}

analysis::Baseline baseline(routing::DistanceMode mode = routing::DistanceMode::estimated_road) {
    analysis::Settings settings;
    settings.distance.mode = mode;
    return analysis::run_baseline(norfolk(), settings);
}

TEST(Norfolk, FamiliesTotalsMatchThePublishedFigures) {
    const auto& families = norfolk().families;
    EXPECT_EQ(families.points.size(), 538u);
    EXPECT_EQ(families.total_under5(), 44201);
    EXPECT_EQ(families.report.excluded_areas, 0u);
    EXPECT_TRUE(families.report.problems.empty()) << families.report.problems.front();
    EXPECT_EQ(families.boundaries.size(), 538u);
    for (const auto& point : families.points) {
        EXPECT_GE(point.imd_decile, 1) << point.lsoa_code;
        EXPECT_GE(point.idaci_decile, 1) << point.lsoa_code;
        EXPECT_FALSE(point.ward_code.empty()) << point.lsoa_code;
        EXPECT_EQ(point.district_code.substr(0, 6), "E07000") << point.lsoa_code;
    }
}

TEST(Norfolk, EveryLibraryIsPlacedByPostcodeButHunstantonByStreet) {
    const auto& libraries = norfolk().libraries;
    EXPECT_EQ(libraries.size(), 48u);
    for (const auto& library : libraries) {
        if (library.id == "hunstanton-library") {
            // PE36 5EF is not in Code-Point Open 2025-10, so Valentine Road in Hunstanton places it.
            EXPECT_EQ(library.location.precision, Precision::street) << library.location.evidence;
            EXPECT_NE(library.location.evidence.find("PE36 5EF"), std::string::npos);
        } else {
            EXPECT_EQ(library.location.precision, Precision::postcode) << library.id;
        }
        EXPECT_FALSE(library.district.empty()) << library.id;
    }
}

TEST(Norfolk, EachCentreIsPlacedFromTheBestEvidenceItHas) {
    // Worked out by hand from the centres file, Code-Point, Open Names (no Norwich tiles),
    // the school register's names and the mobile-library stops.
    const std::map<std::string, Precision> expected{
        {"thetford-drake", Precision::postcode},       {"diss", Precision::postcode},
        {"emneth", Precision::host_postcode},          {"fakenham-gateway", Precision::host_postcode},
        {"caister", Precision::host_postcode},         {"thorpe-hamlet-heartsease", Precision::host_postcode},
        {"vancouver", Precision::street},              {"thetford-kingsway", Precision::street},
        {"dereham-central", Precision::street},        {"dereham-south", Precision::street},
        {"holt", Precision::street},                   {"mundesley-poppyland", Precision::street},
        {"north-walsham-poppyland", Precision::street}, {"village-green", Precision::unresolved},
        {"city-eaton", Precision::unresolved},         {"north-city", Precision::unresolved},
        {"catton-grove-fiddlewood-mile-cross", Precision::unresolved},
        {"west-earlham", Precision::unresolved},       {"humbleyard", Precision::unresolved},
        {"sprowston", Precision::unresolved},
    };
    const auto& centres = norfolk().centres;
    ASSERT_EQ(centres.size(), 48u);
    for (const auto& centre : centres) {
        const auto found = expected.find(centre.id);
        const Precision want = found == expected.end() ? Precision::locality : found->second;
        EXPECT_EQ(centre.location.precision, want) << centre.id << ": " << centre.location.evidence;
        EXPECT_EQ(centre.location.resolved(), want != Precision::unresolved) << centre.id;
        EXPECT_FALSE(centre.location.evidence.empty()) << centre.id;
        if (centre.location.point) {
            EXPECT_TRUE(plausible_bng(*centre.location.point));
        }
    }
}

TEST(Norfolk, CoverageAddsUpAndGrowsWithDistance) {
    const auto result = baseline();
    const auto& total = result.coverage.total;
    EXPECT_EQ(total.under5, 44201);
    EXPECT_EQ(result.service_points.size(), 40u);  // 47 distinct centres, 7 not placed
    for (std::size_t t = 1; t < total.covered.size(); ++t) {
        EXPECT_LE(total.covered[t - 1], total.covered[t]);
    }
    EXPECT_LE(total.median_m, total.p90_m);
    for (const auto& breakdown : result.coverage.breakdowns) {
        long long under5 = 0;
        long long covered = 0;
        for (const auto& group : breakdown.groups) {
            under5 += group.under5;
            covered += group.covered[0];
        }
        EXPECT_EQ(under5, total.under5) << breakdown.name;
        EXPECT_EQ(covered, total.covered[0]) << breakdown.name;
    }
    int centres = 0;
    for (const auto& district : result.provision) {
        centres += district.centres;
    }
    EXPECT_EQ(centres, 47);
}

TEST(Norfolk, StraightLinesCoverAtLeastAsManyAsRoadEstimates) {
    const auto straight = baseline(routing::DistanceMode::straight_line);
    const auto road = baseline(routing::DistanceMode::estimated_road);
    for (std::size_t t = 0; t < road.coverage.total.covered.size(); ++t) {
        EXPECT_GE(straight.coverage.total.covered[t], road.coverage.total.covered[t]);
    }
    EXPECT_NEAR(road.coverage.total.mean_m / straight.coverage.total.mean_m, 1.3, 1e-9);
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
    EXPECT_EQ(lsoa->GetLayer(0)->GetFeatureCount(), 538);
    const auto sites = io::open_vector(first.path() / "sites.geojson");
    EXPECT_EQ(sites->GetLayer(0)->GetFeatureCount(), 96);  // 48 centres + 48 libraries, placed or not

    const auto summary = nlohmann::json::parse(test::read_file(first.path() / "summary.json"));
    EXPECT_EQ(summary["families"]["under5_used"], 44201);
    EXPECT_EQ(summary["distance"]["mode"], "estimated_road");
    EXPECT_EQ(summary["sites"]["centres"]["unresolved"].size(), 7u);
    const std::string md = test::read_file(first.path() / "summary.md");
    EXPECT_NE(md.find("Distances are estimates"), std::string::npos);
    EXPECT_NE(md.find("44,201"), std::string::npos);
}

}  // namespace
}  // namespace centrecov
