#include "analysis/baseline.hpp"

#include <memory>

namespace centrecov::analysis {

scenario::ScenarioFile today_file() {
    scenario::ScenarioFile file;
    file.path = "(the baseline)";
    scenario::Scenario today;
    today.id = today_id;
    today.name = "Today: every centre open";
    file.scenarios.push_back(std::move(today));
    return file;
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
    baseline.file = std::make_shared<const scenario::ScenarioFile>(today_file());
    baseline.run = run_scenarios(study, *baseline.file, settings);
    const ScenarioResult& today = baseline.today();
    baseline.warnings = baseline.run.warnings;

    const auto& points = today.resolved.service_points;
    for (std::size_t p = 0; p < points.size(); ++p) {
        if (points[p].centre && !today.service_point_off_network[p]) {
            baseline.service_points.push_back(*points[p].centre);
        }
    }
    // Each area's nearest library open in the study year (the rule every scenario follows): where a
    // centre could move.
    std::vector<std::size_t> library_index;
    std::vector<Point> library_points;
    for (std::size_t i = 0; i < study.libraries.size(); ++i) {
        if (study.libraries[i].location.resolved() && scenario::open_in(study.libraries[i], settings.year)) {
            library_index.push_back(i);
            library_points.push_back(*study.libraries[i].location.point);
        }
    }
    std::vector<Point> family_points;
    for (const auto& point : study.families.points) {
        family_points.push_back(point.point);
    }
    baseline.nearest_library = baseline.run.engine->nearest(family_points, library_points).origins;
    for (auto& library : baseline.nearest_library) {
        if (library.found()) {
            library.site = library_index[library.site];
        }
    }
    if (study.families.at == families::FamiliesAt::postcodes) {
        // The comparison: today's centres measured from each area's centroid by the same engine.
        std::vector<Point> centroids;
        for (const auto& area : study.families.areas) {
            centroids.push_back(area.point);
        }
        std::vector<Point> services;
        for (const auto& point : points) {
            services.push_back(point.point);
        }
        std::vector<double> distances;
        for (const auto& nearest : baseline.run.engine->nearest(centroids, services).origins) {
            distances.push_back(nearest.metres);
        }
        baseline.coverage_from_centroids =
            metrics::summarise(study.families.areas, distances, today.resolved.thresholds_m);
    }
    if (baseline.run.network && baseline.run.network->near_misses_joined) {
        Settings unrepaired = settings;
        unrepaired.network->join_near_misses = false;
        unrepaired.draws = 0;  // only its coverage is reported
        baseline.coverage_without_repair = run_baseline(study, unrepaired).coverage();
    }
    return baseline;
}

}  // namespace centrecov::analysis
