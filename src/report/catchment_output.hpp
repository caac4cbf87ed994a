#pragma once

// Catchments of every scenario (reach areas and distance bands) and their layers.

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "analysis/scenario_run.hpp"
#include "catchment/catchment.hpp"
#include "io/layer.hpp"

namespace centrecov::report {

struct ScenarioCatchments {
    std::vector<catchment::ReachArea> reach;  // site: index into the scenario's service points
    std::vector<catchment::Band> bands;       // site: index into the scenario's service points
};

struct RunCatchments {
    geom::Geometry land;      // the study's small areas, united
    std::string band_method;  // how bands were drawn, in words (estimate or network)
    std::vector<ScenarioCatchments> scenarios;  // per run result
};

// Bands are areas drawn per distance: with many distances (a coverage curve of a
// thousand points) they are drawn at this many of them, evenly spread, first and
// last included.
inline constexpr std::size_t max_band_thresholds = 12;
std::vector<double> band_thresholds(const std::vector<double>& thresholds_m);

// Names a site's bands (at band_thresholds): its position and the thresholds they are drawn at, so
// scenarios share a site's bands only when both are the same.
std::string band_key(Point site, const std::vector<double>& thresholds_m);

// Widening of the reachable roads that makes a network band an area.
inline constexpr double default_roadside_m = 100.0;

// Draws the catchments of a run's scenarios a range at a time, so that a file of
// thousands of scenarios never holds them all: reach areas from each scenario's
// nearest sites; bands from the run's engine (along the reachable roads on a
// network, circles of the estimated radius otherwise). A site's bands are drawn
// once and kept for later ranges (one set per site position and thresholds).
class CatchmentDrawer {
public:
    CatchmentDrawer(const analysis::Study& study, const analysis::ScenarioRun& run,
                    const analysis::Settings& settings, double roadside_m = default_roadside_m);
    // The catchments of results [first, last) of the run it was made with (which must outlive this
    // call; a streamed run is not there to ask: give its results to the overload below).
    std::vector<ScenarioCatchments> draw(std::size_t first, std::size_t last);
    // The catchments of these results (of the run it was made with, or streamed from it).
    std::vector<ScenarioCatchments> draw(const std::vector<const analysis::ScenarioResult*>& results);
    const GEOSGeometry* land() const { return land_.get(); }
    const std::string& band_method() const { return band_method_; }

private:
    const analysis::Study& study_;
    const analysis::ScenarioRun& run_;
    std::shared_ptr<const analysis::DistanceEngine> engine_;  // kept: a streamed run is moved when it ends
    bool on_network_;
    double circuity_;
    double roadside_m_;
    geom::Geometry land_;
    std::string band_method_;
    std::map<std::string, std::vector<catchment::Band>> bands_;  // by band_key
    catchment::ReachAreaCache reach_cache_;
};

// Every scenario's catchments at once (small runs and tests).
// Reach areas from each scenario's nearest sites; bands from the run's
// engine: along the reachable roads on a network, circles of the estimated
// radius otherwise. Bands of a site standing in several scenarios are drawn once.
RunCatchments compute_catchments(const analysis::Study& study, const analysis::ScenarioRun& run,
                                 const analysis::Settings& settings, double roadside_m = default_roadside_m);

io::OutputLayer reach_layer(const analysis::Study& study, const analysis::ScenarioRun& run,
                            const analysis::ScenarioResult& result, const ScenarioCatchments& catchments);
io::OutputLayer bands_layer(const analysis::Study& study, const analysis::ScenarioResult& result,
                            const ScenarioCatchments& catchments, const std::string& band_method);
// Districts (LSOAs dissolved by district) with the first scenario's coverage.
io::OutputLayer districts_layer(const analysis::Study& study, const analysis::ScenarioResult& first);

}  // namespace centrecov::report
