#pragma once

// How sure each figure is, by simulation. Each draw places every serving site
// somewhere its evidence allows (a postcode: its unit point; a street, a locality or a
// ward: one of the live postcodes within it, geocode/candidates) and, for estimated
// distances, gives every area its own circuity factor drawn from the measured spread;
// then it measures coverage, losses and gains again. The interval of a figure is the
// 5th to 95th percentile of its draws. Draw d takes its choices from a hash of (seed,
// d, what is drawn), never from a shared stream, so the same seed gives the same
// intervals whatever the thread count. Along roads the circuity term drops out; with
// every site at coordinates or a postcode the interval is the value itself.

#include "analysis/scenario_run.hpp"
#include "analysis/study.hpp"

#include <memory>
#include <utility>
#include <vector>

namespace centrecov::analysis {

// The draws for a run (settings.draws from settings.seed; nothing when draws is 0), given
// every resolved scenario in file order. The scenarios' intervals are worked out a block
// at a time (at most scenario_block), in any order, so that a run of many scenarios
// holds the draws of one block only; then the summary, from the first scenario.
class UncertaintyDraws {
public:
    UncertaintyDraws(std::vector<const scenario::ResolvedScenario*> scenarios, const Study& study,
                     const Settings& settings, const DistanceEngine& engine);
    ~UncertaintyDraws();
    UncertaintyDraws(const UncertaintyDraws&) = delete;
    UncertaintyDraws& operator=(const UncertaintyDraws&) = delete;

    // Sets each result's intervals: (its index in the file, the result), measured and compared.
    void intervals(const std::vector<std::pair<std::size_t, ScenarioResult*>>& block);

    // Fills run.uncertainty once every scenario's intervals are known; run.results.front()
    // is the file's first scenario, with its intervals.
    void summarise(ScenarioRun& run);

private:
    struct State;
    const Study& study_;
    const Settings& settings_;
    std::unique_ptr<State> state_;
};

// The q-quantile (0 to 1) of `values` by nearest rank; the values are reordered.
double nearest_rank(std::vector<double>& values, double q);

}  // namespace centrecov::analysis
