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

namespace centrecov::analysis {

// Fills run.uncertainty and every result's intervals (settings.draws draws from
// settings.seed; nothing when draws is 0). `engine` measured the run.
void estimate_uncertainty(ScenarioRun& run, const Study& study, const Settings& settings,
                          const DistanceEngine& engine);

// The q-quantile (0 to 1) of `values` by nearest rank; the values are reordered.
double nearest_rank(std::vector<double>& values, double q);

}  // namespace centrecov::analysis
