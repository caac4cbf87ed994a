#pragma once

// The real study areas of the integration tests, read from the repository's
// manifests with the data directories the build was configured with.

#include <filesystem>
#include <stdexcept>
#include <string>

#include "io/study_manifest.hpp"

namespace centrecov::test {

inline io::StudyManifest study_manifest(const std::string& name, const std::string& data) {
    if (!std::filesystem::is_directory(data)) {
        throw std::runtime_error("integration data for " + name + " not found at " + data);
    }
    return io::read_study_manifest(std::filesystem::path(CENTRECOV_SOURCE_DIR) / "geodata/studies" / (name + ".toml"),
                                   data);
}

inline io::StudyManifest norfolk_manifest() { return study_manifest("norfolk", CENTRECOV_TEST_DATA); }

inline io::StudyManifest isle_of_wight_manifest() {
    return study_manifest("isle-of-wight", CENTRECOV_TEST_DATA_ISLE_OF_WIGHT);
}

}  // namespace centrecov::test
