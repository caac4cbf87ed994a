// The uncertainty draws on Norfolk (estimated distances): norfolk.toml's scenarios with
// no draws and with 200, on the LSOAs as they are and on 29,590 demand points (each
// LSOA's point copied 55 times within 400 m: the scale of families at postcode level).
// Figures: bench/README.md. Needs the default study's data ($CENTRECOV_DATA or the
// directory its manifest names).

#include <benchmark/benchmark.h>

#include <cmath>

#include "analysis/scenario_run.hpp"
#include "scenario/scenario.hpp"

namespace centrecov::bench {

struct Norfolk {
    io::StudyManifest manifest = io::read_study_manifest(io::find_study_manifest(io::default_study_name()));
    analysis::Study study = analysis::load_study(analysis::StudyInputs(manifest));
    scenario::ScenarioFile file =
        scenario::read_scenario_file(std::filesystem::path(CENTRECOV_SOURCE_DIR) / "geodata/scenarios/norfolk.toml");
};

const Norfolk& norfolk() {
    static const Norfolk n;
    return n;
}

// The study with each area's point copied `copies` times on a spiral within 400 m.
const analysis::Study& postcode_scale() {
    static const analysis::Study study = [] {
        constexpr int copies = 55;
        analysis::Study out = analysis::load_study(analysis::StudyInputs(norfolk().manifest));
        std::vector<DemandPoint> points;
        for (const auto& family : out.families.points) {
            for (int k = 0; k < copies; ++k) {
                DemandPoint copy = family;
                const double angle = 2.399963 * k;  // the golden angle: evenly spread
                const double radius = 400.0 * std::sqrt((k + 0.5) / copies);
                copy.point = {family.point.x + radius * std::cos(angle), family.point.y + radius * std::sin(angle)};
                copy.lsoa_code = family.lsoa_code + "-" + std::to_string(k);
                copy.under5 = std::max(1, family.under5 / copies);
                points.push_back(std::move(copy));
            }
        }
        out.families.points = std::move(points);
        return out;
    }();
    return study;
}

void run(benchmark::State& state, const analysis::Study& study) {
    const auto& n = norfolk();
    auto settings = analysis::resolve_settings({}, analysis::file_layer(n.file.study), n.manifest, "unused");
    settings.draws = static_cast<std::size_t>(state.range(0));
    for (auto _ : state) {
        const auto result = analysis::run_scenarios(study, n.file, settings);
        benchmark::DoNotOptimize(result.results.size());
    }
    state.counters["scenarios"] = static_cast<double>(n.file.scenarios.size());
    state.counters["demand_points"] = static_cast<double>(study.families.points.size());
}

void BM_NorfolkScenariosWithDraws(benchmark::State& state) { run(state, norfolk().study); }
BENCHMARK(BM_NorfolkScenariosWithDraws)->Arg(0)->Arg(200)->Unit(benchmark::kMillisecond)->Iterations(3);

void BM_PostcodeScaleScenariosWithDraws(benchmark::State& state) { run(state, postcode_scale()); }
BENCHMARK(BM_PostcodeScaleScenariosWithDraws)->Arg(0)->Arg(200)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace centrecov::bench

BENCHMARK_MAIN();
