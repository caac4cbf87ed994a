#pragma once

// What a study's data files say, read with the tests' own CSV reader and not the
// program's: integration tests derive what they expect from these, so that the
// next improvement to the data does not break them.

#include <set>
#include <string>
#include <vector>

#include "io/study_manifest.hpp"
#include "support/csv.hpp"

namespace centrecov::test {

struct StudyFacts {
    long long under5 = 0;                  // the manifest's under-5 columns summed over every area
    std::size_t areas = 0;                 // rows of the population file
    std::set<std::string> live_postcodes;  // Code-Point units with coordinates (postcode_key)
    std::vector<CsvRow> centres;           // the centres file's rows
    std::vector<CsvRow> libraries;         // the libraries file's rows

    std::size_t distinct_centres() const {
        std::size_t n = 0;
        for (const auto& row : centres) {
            n += row.at("duplicate_of").empty() ? 1u : 0u;
        }
        return n;
    }
    // Distinct centres whose column has the value (a status column, say).
    std::size_t centres_where(const std::string& column, const std::string& value) const {
        std::size_t n = 0;
        for (const auto& row : centres) {
            n += row.at("duplicate_of").empty() && row.at(column) == value ? 1u : 0u;
        }
        return n;
    }
};

inline StudyFacts facts_of(const io::StudyManifest& manifest) {
    StudyFacts out;
    for (const auto& row : read_csv(manifest.population)) {
        ++out.areas;
        for (const auto& age : manifest.columns.population.under5) {
            out.under5 += std::stoll(row.at(age));
        }
    }
    for (const auto& row : read_csv(manifest.postcodes)) {
        if (std::stoi(row.at("Positional_quality_indicator")) < 90) {
            out.live_postcodes.insert(postcode_key(row.at("Postcode")));
        }
    }
    out.centres = read_csv(manifest.centres);
    out.libraries = read_csv(manifest.libraries);
    return out;
}

}  // namespace centrecov::test
