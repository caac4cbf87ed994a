#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "analysis/distances.hpp"
#include "core/site.hpp"
#include "families/families.hpp"
#include "geocode/gazetteer.hpp"
#include "io/study_manifest.hpp"
#include "metrics/coverage.hpp"
#include "routing/estimate.hpp"

namespace centrecov::analysis {

// Which inputs to read: the study's manifest, with the site lists overridable.
struct StudyInputs {
    io::StudyManifest study;
    std::filesystem::path centres;    // defaults to study.centres
    std::filesystem::path libraries;  // defaults to study.libraries

    explicit StudyInputs(io::StudyManifest manifest);
};

// Everything read from the inputs, with every site geocoded.
struct Study {
    std::string title;  // the study area's name, for people
    int year = 0;       // the year the options are about: libraries open then count
    std::string deprivation_edition;  // of the Indices of Deprivation read ("2019")
    geocode::Gazetteer gazetteer;
    std::vector<Site> centres;
    std::vector<Site> libraries;
    families::Families families;
    std::vector<std::string> warnings;  // one line each, for the log and the summary

    // Centres, then libraries.
    std::vector<const Site*> all_sites() const;
};

// Loads and geocodes the sites (and their districts) without the families.
Study load_sites(const StudyInputs& inputs);
// Loads the sites and the families.
Study load_study(const StudyInputs& inputs);

// What a run measures: the distances from every family to its nearest open centre.
struct Settings {
    routing::DistanceModel distance;         // without a network
    std::optional<NetworkSettings> network;  // measure along roads instead
    std::string no_network_reason;           // why there is none, in a sentence for the outputs
    std::vector<double> thresholds_m = metrics::default_thresholds_m;  // ascending, no repeats
};

// One family area's result.
struct AreaResult {
    NearestSite centre;   // index into Study::centres
    NearestSite library;  // index into Study::libraries
};

struct Baseline {
    Settings settings;
    std::string distance_key;    // names the mode in every output
    std::string distance_label;  // says it in words
    std::optional<NetworkSummary> network;
    std::vector<std::size_t> service_points;  // centres counted: placed, on the network, not duplicates
    std::vector<AreaResult> areas;            // parallel to Study::families.points
    metrics::CoverageReport coverage;
    // When near misses were joined: the coverage on the network as read, to show what the repair changed.
    std::optional<metrics::CoverageReport> coverage_without_repair;
    std::vector<metrics::DistrictProvision> provision;
    std::vector<std::string> warnings;  // about measuring (points off the network, islands)
};

// Why a centre is or is not a service point in the baseline.
std::string baseline_role(const Site& site);

Baseline run_baseline(const Study& study, const Settings& settings);

}  // namespace centrecov::analysis
