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

// A network that misses much of the study area would report families as
// unreached when they are only off the map: refuse rather than mislead.
void check_network_covers(const Study& study, const Baseline& baseline, std::size_t placed_centres,
                          const std::filesystem::path& file) {
    long long total = 0;
    long long off = 0;
    for (std::size_t i = 0; i < baseline.areas.size(); ++i) {
        total += study.families.points[i].under5;
        if (baseline.areas[i].centre.off_network) {
            off += study.families.points[i].under5;
        }
    }
    const std::size_t centres_off = placed_centres - baseline.service_points.size();
    constexpr double most_families_off = 0.10;
    if ((total > 0 && static_cast<double>(off) > most_families_off * static_cast<double>(total)) ||
        (placed_centres > 0 && 2 * centres_off > placed_centres)) {
        throw InputError(file.string(), "",
                         fmt::format("the road network does not cover the study area: {} of {} under-5s and {} of {} "
                                     "centres are more than {:.0f} m from its roads (is it the right area?)",
                                     off, total, centres_off, placed_centres, baseline.settings.network->max_snap_m));
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
    study.year = inputs.study.year;
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
    study.families =
        naming_the_manifest(inputs, [&] { return families::load_families(inputs.study, study.gazetteer.wards); });
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
    const auto engine = make_engine(settings.network, settings.distance, baseline.network);
    baseline.distance_key = engine->key();
    baseline.distance_label = engine->label();

    std::vector<std::size_t> candidates;
    std::vector<Point> centre_points;
    for (std::size_t i = 0; i < study.centres.size(); ++i) {
        const auto& centre = study.centres[i];
        if (centre.duplicate_of.empty() && centre.location.resolved()) {
            candidates.push_back(i);
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
    const NearestReport centres = engine->nearest(family_points, centre_points);
    const NearestReport libraries = engine->nearest(family_points, library_points);
    for (std::size_t c = 0; c < candidates.size(); ++c) {
        if (centres.destination_off_network[c]) {
            const auto& centre = study.centres[candidates[c]];
            baseline.warnings.push_back(fmt::format("centre '{}' is more than {:.0f} m from any usable road; it is "
                                                    "left out of network distances",
                                                    centre.id, settings.network->max_snap_m));
        } else {
            baseline.service_points.push_back(candidates[c]);
        }
    }
    std::vector<double> distances;
    baseline.areas.resize(family_points.size());
    for (std::size_t i = 0; i < family_points.size(); ++i) {
        auto& area = baseline.areas[i];
        area.centre = centres.origins[i];
        if (area.centre.found()) {
            area.centre.site = candidates[area.centre.site];
        }
        area.library = libraries.origins[i];
        if (area.library.found()) {
            area.library.site = library_index[area.library.site];
        }
        const auto& family = study.families.points[i];
        if (area.centre.off_network) {
            baseline.warnings.push_back(fmt::format("families of {} ({} under-5s): the area's centre is more than "
                                                    "{:.0f} m from any usable road; counted as reaching no centre",
                                                    family.lsoa_code, family.under5, settings.network->max_snap_m));
        } else if (area.centre.island) {
            baseline.warnings.push_back(fmt::format("families of {} ({} under-5s) join the road network on a "
                                                    "detached part; their distances may be missing or too long",
                                                    family.lsoa_code, family.under5));
        }
        distances.push_back(area.centre.metres);
    }
    if (settings.network) {
        check_network_covers(study, baseline, candidates.size(), settings.network->file);
    }
    baseline.coverage = metrics::summarise(study.families.points, distances, settings.thresholds_m);

    // Only the centres that serve here count: placed, distinct and on the network.
    std::vector<std::string> centre_districts;
    for (const std::size_t c : baseline.service_points) {
        if (const auto code = study.gazetteer.district_code(study.centres[c].district)) {
            centre_districts.push_back(*code);
        }
    }
    baseline.provision = metrics::provision_by_district(study.families.points, centre_districts);
    if (baseline.network && baseline.network->near_misses_joined) {
        Settings unrepaired = settings;
        unrepaired.network->join_near_misses = false;
        baseline.coverage_without_repair = run_baseline(study, unrepaired).coverage;
    }
    return baseline;
}

}  // namespace centrecov::analysis
