#include "analysis/study.hpp"

#include <spdlog/spdlog.h>

#include "geocode/geocoder.hpp"
#include "io/site_files.hpp"

namespace centrecov::analysis {

StudyInputs::StudyInputs(io::DataFiles data)
    : files(std::move(data)), centres(files.centres()), libraries(files.libraries()) {}

namespace {

void assign_library_districts(Study& study) {
    for (auto& library : study.libraries) {
        if (!library.location.point) {
            continue;
        }
        if (const auto* ward = study.gazetteer.ward_at(*library.location.point)) {
            library.district = ward->district_name;
        }
    }
}

void note_unresolved(Study& study) {
    for (const auto* list : {&study.centres, &study.libraries}) {
        for (const auto& site : *list) {
            if (!site.location.resolved()) {
                study.warnings.push_back(fmt::format("{} '{}' ({}, line {}): {}", to_string(site.kind),
                                                     site.id, site.source_file, site.source_line,
                                                     site.location.evidence));
            }
        }
    }
}

}  // namespace

Study load_sites(const StudyInputs& inputs) {
    Study study;
    spdlog::info("reading gazetteers from {}", inputs.files.root.string());
    study.gazetteer = geocode::Gazetteer::load(inputs.files);
    study.centres = io::read_centres(inputs.centres);
    study.libraries = io::read_libraries(inputs.libraries);
    for (const auto& centre : study.centres) {
        if (!centre.district.empty() && !study.gazetteer.district_code(centre.district)) {
            study.warnings.push_back(fmt::format("centre '{}' ({}, line {}): district '{}' is not a district of the "
                                                 "study area; it is left out of provision by district",
                                                 centre.id, centre.source_file, centre.source_line, centre.district));
        }
    }
    geocode::locate_all(study.centres, study.gazetteer);
    geocode::locate_all(study.libraries, study.gazetteer);
    assign_library_districts(study);
    note_unresolved(study);
    return study;
}

Study load_study(const StudyInputs& inputs) {
    Study study = load_sites(inputs);
    spdlog::info("reading families");
    study.families = families::load_families(inputs.files, study.gazetteer.wards);
    for (const auto& problem : study.families.report.problems) {
        study.warnings.push_back("families: " + problem);
    }
    return study;
}

std::string baseline_role(const Site& site) {
    if (site.kind == SiteKind::library) {
        return "candidate";
    }
    if (!site.duplicate_of.empty()) {
        return "same site as " + site.duplicate_of;
    }
    if (!site.location.resolved()) {
        return "open, not placed";
    }
    return "open";
}

Baseline run_baseline(const Study& study, const Settings& settings) {
    Baseline baseline;
    baseline.settings = settings;
    std::vector<Point> centre_points;
    for (std::size_t i = 0; i < study.centres.size(); ++i) {
        const auto& centre = study.centres[i];
        if (centre.duplicate_of.empty() && centre.location.resolved()) {
            baseline.service_points.push_back(i);
            centre_points.push_back(*centre.location.point);
        }
    }
    std::vector<std::size_t> library_index;
    std::vector<Point> library_points;
    for (std::size_t i = 0; i < study.libraries.size(); ++i) {
        if (study.libraries[i].location.resolved()) {
            library_index.push_back(i);
            library_points.push_back(*study.libraries[i].location.point);
        }
    }
    std::vector<Point> family_points;
    for (const auto& point : study.families.points) {
        family_points.push_back(point.point);
    }
    const auto nearest_centre = routing::nearest_sites(family_points, centre_points, settings.distance);
    const auto nearest_library = routing::nearest_sites(family_points, library_points, settings.distance);
    std::vector<double> distances;
    baseline.areas.resize(family_points.size());
    for (std::size_t i = 0; i < family_points.size(); ++i) {
        auto& area = baseline.areas[i];
        area.centre = nearest_centre[i];
        if (area.centre.found()) {
            area.centre.site = baseline.service_points[area.centre.site];
        }
        area.library = nearest_library[i];
        if (area.library.found()) {
            area.library.site = library_index[area.library.site];
        }
        distances.push_back(area.centre.distance_m);
    }
    baseline.coverage = metrics::summarise(study.families.points, distances, settings.thresholds_m);

    std::vector<std::string> centre_districts;
    for (const auto& centre : study.centres) {
        if (centre.duplicate_of.empty()) {
            if (const auto code = study.gazetteer.district_code(centre.district)) {
                centre_districts.push_back(*code);
            }
        }
    }
    baseline.provision = metrics::provision_by_district(study.families.points, centre_districts);
    return baseline;
}

}  // namespace centrecov::analysis
