#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace centrecov::io {

// Where each input lives inside the data directory (the layout of
// ../shared/geodata and of what scripts/fetch-geodata.sh downloads).
struct DataFiles {
    std::filesystem::path root;

    std::filesystem::path centres() const { return root / "centres/norfolk_childrens_centres_2017.csv"; }
    std::filesystem::path libraries() const { return root / "centres/libraries/norfolk_county_council.csv"; }
    std::filesystem::path postcodes() const { return root / "postcodes/codepoint_open_2025_10_norfolk.csv"; }
    std::filesystem::path open_names() const { return root / "gazetteer/os_open_names_2024_norfolk_roads_places.csv"; }
    std::filesystem::path schools() const { return root / "gazetteer/school_register_2015_norfolk_schools.tsv"; }
    std::filesystem::path school_addresses() const {
        return root / "gazetteer/school_register_2015_norfolk_addresses.tsv";
    }
    std::filesystem::path mobile_library_stops() const {
        return root / "gazetteer/norfolk_mobile_library_stops_2019.csv";
    }
    std::filesystem::path wards() const { return root / "boundaries/norfolk_wards25_bgc.geojson"; }
    std::filesystem::path lsoa_boundaries() const { return root / "boundaries/norfolk_lsoa11_bgc.geojson"; }
    std::filesystem::path population() const {
        return root / "population/sape23dt2_mid2020_lsoa11_syoa_persons_norfolk.csv";
    }
    std::filesystem::path lsoa_centroids() const {
        return root / "population/lsoa11_population_weighted_centroids_norfolk.csv";
    }
    std::filesystem::path deprivation() const { return root / "population/iod2019_idaci_imd_lsoa11_norfolk.csv"; }
    // The study area's road network, when one has been fetched (scripts/fetch-geodata.sh).
    std::filesystem::path road_network() const { return root / "roads/norfolk-latest.osm.pbf"; }
};

inline constexpr const char* data_environment_variable = "CENTRECOV_DATA";

// The data directory: the option when given, else $CENTRECOV_DATA, else
// ../shared/geodata when it exists. Throws UsageError saying how to get the data.
std::filesystem::path resolve_data_directory(const std::optional<std::string>& option);

}  // namespace centrecov::io
