// The uncertainty draws on Norfolk (estimated distances): norfolk.toml's scenarios with
// no draws and with 200, families at the LSOAs' centroids and at their live postcodes
// (the default: about 29,000 points).
// Figures: bench/README.md. Needs the default study's data ($CENTRECOV_DATA or the
// directory its manifest names).

#include <benchmark/benchmark.h>

#include "analysis/scenario_run.hpp"
#include "scenario/scenario.hpp"

namespace centrecov::bench {

struct Norfolk {
    io::StudyManifest manifest = io::read_study_manifest(io::find_study_manifest(io::default_study_name()));
    analysis::Study study = [this] {
        analysis::StudyInputs inputs(manifest);
        inputs.families_at = families::FamiliesAt::centroids;
        return analysis::load_study(inputs);
    }();
    scenario::ScenarioFile file =
        scenario::read_scenario_file(std::filesystem::path(CENTRECOV_SOURCE_DIR) / "geodata/scenarios/norfolk.toml");
};

const Norfolk& norfolk() {
    static const Norfolk n;
    return n;
}

// The study at postcode level.
const analysis::Study& postcode_scale() {
    static const analysis::Study study = [] {
        analysis::StudyInputs inputs(norfolk().manifest);
        inputs.families_at = families::FamiliesAt::postcodes;  // each LSOA's under-5s over its live postcodes
        return analysis::load_study(inputs);
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

void BM_CentroidScenariosWithDraws(benchmark::State& state) { run(state, norfolk().study); }
BENCHMARK(BM_CentroidScenariosWithDraws)->Arg(0)->Arg(200)->Unit(benchmark::kMillisecond)->Iterations(3);

void BM_PostcodeScenariosWithDraws(benchmark::State& state) { run(state, postcode_scale()); }
BENCHMARK(BM_PostcodeScenariosWithDraws)->Arg(0)->Arg(200)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace centrecov::bench

BENCHMARK_MAIN();
