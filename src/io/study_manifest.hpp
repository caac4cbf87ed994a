#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace centrecov::io {

// Column names of the inputs whose schema changes with the vintage of the data
// (2011 or 2021 areas, 2019 or 2025 wards). Defaults are the publishers' names.
struct StudyColumns {
    struct Population {
        std::string code = "lsoa11_code";
        std::string name = "lsoa11_name";
        std::string total = "total_population";
        std::vector<std::string> under5{"0", "1", "2", "3", "4"};
    } population;
    struct Centroids {
        std::string code = "lsoa11cd";
        std::string x = "X";
        std::string y = "Y";
        int epsg = 4326;  // X/Y are longitude/latitude unless the manifest says 27700
    } centroids;
    struct Deprivation {
        std::string code = "LSOA code (2011)";
        std::string district_code = "Local Authority District code (2019)";
        std::string district_name = "Local Authority District name (2019)";
        std::string imd_decile = "Index of Multiple Deprivation (IMD) Decile (where 1 is most deprived 10% of LSOAs)";
        std::string idaci_decile =
            "Income Deprivation Affecting Children Index (IDACI) Decile (where 1 is most deprived 10% of LSOAs)";
        // Optional in the file: without it the concentration indices are n/a (and the run says why).
        std::string idaci_rank = "Income Deprivation Affecting Children Index (IDACI) Rank (where 1 is most deprived)";
        std::string edition = "2019";  // named in the outputs ("IMD 2019")
    } deprivation;
    struct Boundaries {
        std::string code = "LSOA11CD";
    } lsoa_boundaries;
    struct Postcodes {
        std::string weight;  // optional: each postcode's weight (households, people); empty: all equal
    } postcodes;
    struct Wards {
        std::string code = "WD25CD";
        std::string name = "WD25NM";
        std::string district_code = "LAD25CD";
        std::string district_name = "LAD25NM";
    } wards;
};

// One study area: where its data lives, which file is which, and what the
// options are about. Read from geodata/studies/NAME.toml; nothing about a
// particular area is known to the program otherwise.
struct StudyManifest {
    std::filesystem::path manifest;  // the file it was read from (empty when built in code)
    std::string name;                // short name, as in --study NAME
    std::string title;               // the area's name, for people
    std::string area_code;           // ONS code of the area, e.g. a county or unitary authority
    int year = 0;                    // the year the options are about: libraries open then count
    std::filesystem::path root;      // the data directory

    // Paths inside root; optional ones are empty when the study has none.
    std::filesystem::path centres;
    std::filesystem::path libraries;
    std::filesystem::path postcodes;
    std::filesystem::path open_names;
    std::filesystem::path schools;               // optional: school names give postcodes of host sites
    std::filesystem::path school_addresses;      // optional, with schools
    std::filesystem::path mobile_library_stops;  // optional: villages a gazetteer lacks
    std::filesystem::path wards;
    std::filesystem::path lsoa_boundaries;
    std::filesystem::path population;
    std::filesystem::path lsoa_centroids;
    std::filesystem::path deprivation;
    std::filesystem::path roads;  // optional: measured along when the file exists
    StudyColumns columns;

    // Every input file read for the study (for hashes in run.json), present ones only.
    std::vector<std::filesystem::path> input_files() const;
};

// Reads a manifest. `data_override` (from --data) replaces its data directory;
// otherwise the environment variable it names, then its `data` key (relative to
// the manifest). Throws InputError naming the manifest, key and line for a
// missing key, a bad value or a required file that does not exist, and
// UsageError when the data directory is missing, saying how to get it.
StudyManifest read_study_manifest(const std::filesystem::path& path,
                                  const std::optional<std::string>& data_override = std::nullopt);

// Finds a study by name or path: a path to a .toml file as given, else
// NAME.toml in ./geodata/studies, then in the source tree's geodata/studies.
// UsageError listing the studies found when there is no such study.
std::filesystem::path find_study_manifest(const std::string& name_or_path);

// The study used when none is named (set at build time).
std::string default_study_name();

}  // namespace centrecov::io
