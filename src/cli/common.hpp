#pragma once

#include <CLI/CLI.hpp>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "analysis/study.hpp"

namespace centrecov::cli {

// Options shared by the subcommands that read the study data.
struct DataOptions {
    std::string study;  // empty: the default study
    std::optional<std::string> data_directory;
    std::string centres;    // empty: the data directory's centres file
    std::string libraries;  // empty: the data directory's library file
    std::string out = "out";
    std::string families_at = "postcodes";

    void add_to(CLI::App& command);
    // The study's inputs; checks --out and protects every input (these and `more`) from being written over.
    analysis::StudyInputs inputs(const std::vector<std::filesystem::path>& more = {}) const;
};

// Gives a subcommand its own --version flag, as the top level has.
void add_version_flag(CLI::App& command);

// Reads --mark values, K=label (or K alone), marking a number of sites on a
// k-curve; UsageError for a K that is not a whole number of at least 1.
std::vector<std::pair<int, std::string>> parse_marks(const std::vector<std::string>& marks);

// A number from the command line that must be finite and within [lowest, highest]:
// UsageError naming the option otherwise (NaN and infinity included).
double checked_number(double value, const std::string& option, double lowest, double highest);

// A check for a whole-number option: digits only (no sign, no fraction) and within
// [lowest, highest]; anything else is refused with exit 2, naming the option and the range.
CLI::Validator whole_number(std::uint64_t lowest, std::uint64_t highest);

// Prints warnings to the log: each in full when few, else the first few and a count.
void log_warnings(const std::vector<std::string>& warnings);

}  // namespace centrecov::cli
