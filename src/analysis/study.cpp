#include "analysis/study.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "core/error.hpp"
#include "geocode/geocoder.hpp"
#include "io/site_files.hpp"

namespace centrecov::analysis {

StudyInputs::StudyInputs(io::StudyManifest manifest)
    : study(std::move(manifest)), centres(study.centres), libraries(study.libraries) {}

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

// A column or attribute the study's files lack: say where the manifest names them.
template <typename Load>
auto naming_the_manifest(const StudyInputs& inputs, Load load) {
    try {
        return load();
    } catch (const InputError& e) {
        const bool column = e.problem().rfind("missing column", 0) == 0 || e.problem().rfind("missing attribute", 0) == 0;
        if (!column || inputs.study.manifest.empty()) {
            throw;
        }
        throw InputError(e.file(), e.where(),
                         e.problem() + " (the study manifest " + inputs.study.manifest.string() +
                             " names this file under [files] and its columns under [columns])");
    }
}

}  // namespace

Study load_sites(const StudyInputs& inputs) {
    Study study;
    study.title = inputs.study.title;
    study.deprivation_edition = inputs.study.columns.deprivation.edition;
    spdlog::info("study {}: reading gazetteers from {}", inputs.study.title, inputs.study.root.string());
    study.gazetteer = naming_the_manifest(inputs, [&] { return geocode::Gazetteer::load(inputs.study); });
    study.centres = io::read_centres(inputs.centres);
    study.libraries = io::read_libraries(inputs.libraries);
    for (const auto& centre : study.centres) {
        if (!centre.district.empty() && !study.gazetteer.district_code(centre.district)) {
            study.warnings.push_back(fmt::format("centre '{}' ({}, line {}): district '{}' is not a district of the "
                                                 "study area; it is left out of provision by district",
                                                 centre.id, centre.source_file, centre.source_line, centre.district));
        }
    }
    for (const auto* list : {&study.centres, &study.libraries}) {
        for (const auto& site : *list) {
            if (site.given_point) {
                if (const auto problem = geocode::implausible_point(study.gazetteer.wards, *site.given_point);
                    !problem.empty()) {
                    throw InputError(site.source_file, line_ref(site.source_line),
                                     "the coordinates given for '" + site.id + "': " + problem);
                }
            }
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
    study.families = naming_the_manifest(inputs, [&] {
        return families::load_families(inputs.study, study.gazetteer.wards, inputs.families_at,
                                       &study.gazetteer.postcodes);
    });
    const auto& report = study.families.report;
    if (study.families.at == families::FamiliesAt::postcodes) {
        spdlog::info("families at postcode level: {} areas' under-5s shared over {} of {} postcodes", study.families.areas.size(),
                     report.postcodes_used, report.postcodes_read);
        if (report.postcodes_near_edge > 0) {
            spdlog::info("{} postcodes lie just outside every area's (generalised) boundary, within {:.0f} m of one: "
                         "given to the nearest",
                         report.postcodes_near_edge, families::edge_tolerance_m);
        }
        if (report.postcodes_outside > 0) {
            std::string sample;
            for (const auto& code : report.postcodes_outside_sample) {
                sample += (sample.empty() ? "" : ", ") + code;
            }
            study.warnings.push_back(fmt::format(
                "families: {} postcodes of {} lie in no small area of the study (more than {:.0f} m outside every "
                "boundary; e.g. {}): no families are placed there",
                report.postcodes_outside, inputs.study.postcodes.string(), families::edge_tolerance_m, sample));
        }
    }
    for (const auto& problem : study.families.report.problems) {
        study.warnings.push_back("families: " + problem);
    }
    return study;
}

std::vector<const Site*> Study::all_sites() const {
    std::vector<const Site*> sites;
    for (const auto* list : {&centres, &libraries}) {
        for (const auto& site : *list) {
            sites.push_back(&site);
        }
    }
    return sites;
}

}  // namespace centrecov::analysis
