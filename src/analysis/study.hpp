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
    families::FamiliesAt families_at = families::FamiliesAt::postcodes;

    explicit StudyInputs(io::StudyManifest manifest);
};

// Everything read from the inputs, with every site geocoded.
struct Study {
    std::string title;  // the study area's name, for people
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


}  // namespace centrecov::analysis
