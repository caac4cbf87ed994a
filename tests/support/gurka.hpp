#pragma once

// Whole studies drawn as ASCII maps, after Valhalla's gurka: roads run between
// letters, centres, libraries and families stand at letters, and results are
// asked for by name ("the distance of family B in scenario close-east"), never
// by position in a vector. The roads are written as OpenStreetMap XML and read
// through GDAL like a real extract; each family area is a square one spacing
// wide around its letter, so catchments and reports can be drawn too.
//
//   const auto town = gurka::Town(R"(
//       a-------b-------c
//       |               |
//       d-------e-------f
//   )")
//       .road("abc").road("adefc")
//       .centre("west", 'a').centre("east", 'c').library("lib-e", 'e')
//       .families("B", 'b', 100);
//   const auto run = town.scenarios("[[scenario]]\nid = \"today\"\n");
//   EXPECT_NEAR(run["today"].distance_m("B"), 800.0, 0.05);

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "analysis/scenario_run.hpp"
#include "report/scenario_output.hpp"
#include "scenario/scenario.hpp"
#include "support/ascii_map.hpp"
#include "support/drawn_study.hpp"
#include "support/osm_xml.hpp"
#include "support/temp_dir.hpp"

namespace centrecov::test::gurka {

// One scenario's result, read by the names the drawing gave.
class Outcome {
public:
    Outcome(const analysis::Study& study, const analysis::ScenarioResult& result) : study_(study), result_(result) {}

    // Metres from the family area to its nearest open site (infinite when none is reachable).
    double distance_m(const std::string& family) const { return result_.nearest[family_index(family)].metres; }
    // Metres in the scenario this one starts from.
    double base_distance_m(const std::string& family) const {
        return result_.base_distance_m[family_index(family)];
    }
    // The id of the family's nearest open site (a centre, or the library hosting a base); "" when none.
    std::string nearest(const std::string& family) const {
        const auto& nearest = result_.nearest[family_index(family)];
        if (!nearest.found()) {
            return "";
        }
        return scenario::service_site(result_.resolved.service_points[nearest.site], study_.centres,
                                      study_.libraries)
            .id;
    }
    double covered(double threshold_m) const {
        return result_.coverage.total.covered[threshold_index(threshold_m)];
    }
    double eligible_covered(double threshold_m) const {
        return result_.eligible_coverage.total.covered[threshold_index(threshold_m)];
    }
    double lost(double threshold_m) const { return result_.changes[threshold_index(threshold_m)].lost; }
    double gained(double threshold_m) const { return result_.changes[threshold_index(threshold_m)].gained; }
    // What the scenario does to a site: its fate's key ("open", "closed", "moved", "library_base", ...).
    std::string fate(const std::string& site) const {
        return std::string(scenario::to_string(report::site_fate(result_, study_, site_named(site)).fate));
    }
    // The centres open, by id, in the order of the centre list.
    std::vector<std::string> open() const {
        std::vector<std::string> ids;
        for (const std::size_t c : result_.resolved.open) {
            ids.push_back(study_.centres[c].id);
        }
        return ids;
    }
    // The sites open in the base but not here, by id.
    std::vector<std::string> closed() const {
        std::vector<std::string> ids;
        for (const auto& c : result_.closed) {
            ids.push_back(scenario::service_site(c.point, study_.centres, study_.libraries).id);
        }
        return ids;
    }
    // Under-5s beyond the threshold here whom reopening the closed site alone would bring back.
    double left_beyond(const std::string& site, double threshold_m) const {
        for (const auto& c : result_.closed) {
            if (scenario::service_site(c.point, study_.centres, study_.libraries).id == site) {
                return c.left_beyond[threshold_index(threshold_m)];
            }
        }
        throw std::invalid_argument("'" + site + "' is not closed in scenario '" + result_.resolved.scenario->id + "'");
    }
    std::optional<double> cost() const { return result_.resolved.cost; }
    double eligible_under5() const { return result_.eligible_under5; }
    const analysis::ScenarioResult& result() const { return result_; }

private:
    std::size_t family_index(const std::string& code) const {
        const auto& points = study_.families.points;
        for (std::size_t f = 0; f < points.size(); ++f) {
            if (points[f].lsoa_code == code) {
                return f;
            }
        }
        throw std::invalid_argument("no family area '" + code + "' on the map");
    }
    std::size_t threshold_index(double threshold_m) const {
        const auto& thresholds = result_.resolved.thresholds_m;
        const auto found = std::find(thresholds.begin(), thresholds.end(), threshold_m);
        if (found == thresholds.end()) {
            throw std::invalid_argument(fmt::format("scenario '{}' measures no threshold of {} m",
                                                    result_.resolved.scenario->id, threshold_m));
        }
        return static_cast<std::size_t>(found - thresholds.begin());
    }
    const Site& site_named(const std::string& id) const {
        for (const Site* site : study_.all_sites()) {
            if (site->id == id) {
                return *site;
            }
        }
        throw std::invalid_argument("no site '" + id + "' on the map");
    }

    const analysis::Study& study_;
    const analysis::ScenarioResult& result_;
};

// A run of a scenario file on a drawn town; scenarios by id.
class Run {
public:
    // The run points into its file (each result names its scenario), so the file is kept with it.
    Run(const analysis::Study& study, std::shared_ptr<const scenario::ScenarioFile> file, analysis::ScenarioRun run)
        : study_(study), file_(std::move(file)), run_(std::move(run)) {}
    Outcome operator[](const std::string& id) const {
        for (const auto& result : run_.results) {
            if (result.resolved.scenario->id == id) {
                return Outcome(study_, result);
            }
        }
        throw std::invalid_argument("no scenario '" + id + "' in the run");
    }
    const analysis::ScenarioRun& run() const { return run_; }
    const scenario::ScenarioFile& file() const { return *file_; }

private:
    const analysis::Study& study_;
    std::shared_ptr<const scenario::ScenarioFile> file_;
    analysis::ScenarioRun run_;
};

// A town drawn as an ASCII map (one character = `spacing` metres), measured
// walking along its roads unless told to estimate.
class Town {
public:
    explicit Town(const std::string& drawing, double spacing = 100.0)
        : dir_(std::make_shared<TempDir>()), map_(drawing, spacing), spacing_(spacing) {
        study_->title = "a drawn town";
    }

    Town& road(const std::string& nodes, const std::string& highway = "residential",
               std::map<std::string, std::string> more_tags = {}) {
        more_tags["highway"] = highway;
        roads_.push_back({nodes, std::move(more_tags)});
        return *this;
    }
    // A site placed exactly at a letter; its name is its id unless given.
    Town& centre(const std::string& id, char at, const std::string& name = "") {
        study_->centres.push_back(placed_site(id, map_.at(at)));
        study_->centres.back().name = name.empty() ? id : name;
        return *this;
    }
    Town& library(const std::string& id, char at, const std::string& name = "") {
        study_->libraries.push_back(placed_site(id, map_.at(at), SiteKind::library));
        study_->libraries.back().name = name.empty() ? id : name;
        return *this;
    }
    // The year a library opened (a library counts only in the years it is open).
    Town& opened_in(const std::string& id, int year) {
        for (auto& site : study_->libraries) {
            if (site.id == id) {
                site.attributes.emplace_back("year_opened", std::to_string(year));
                return *this;
            }
        }
        throw std::invalid_argument("no library '" + id + "' on the map");
    }
    // Says how a site was placed (drawn sites are placed by coordinates, exactly).
    Town& placed_by(const std::string& id, Precision precision, double uncertainty_m) {
        for (auto* list : {&study_->centres, &study_->libraries}) {
            for (auto& site : *list) {
                if (site.id == id) {
                    site.location.precision = precision;
                    site.location.uncertainty_m = uncertainty_m;
                    return *this;
                }
            }
        }
        throw std::invalid_argument("no site '" + id + "' on the map");
    }
    // A live postcode (Code-Point Open) at a letter, in the drawn district.
    Town& postcode(const std::string& code, char at) {
        study_->gazetteer.postcodes.add(code, {map_.at(at), 10, std::string(drawn_district_code)});
        study_->gazetteer.district_names[drawn_district_code] = drawn_district_name;
        return *this;
    }
    // Says a site is known only to a street or a locality whose box spans the letters `from`
    // and `to`; its point stays where it was drawn (the best evidence).
    Town& placed_within(const std::string& id, Precision precision, char from, char to) {
        const Point a = map_.at(from);
        const Point b = map_.at(to);
        Site& site = site_named(id);
        site.location.precision = precision;
        site.location.extent = Extent{std::min(a.x, b.x), std::min(a.y, b.y), std::max(a.x, b.x), std::max(a.y, b.y)};
        site.location.evidence = fmt::format("{} spanning {} to {}", to_string(precision), from, to);
        return *this;
    }
    // A centre the geocoder could not place, in the drawn district (whose postcodes bound it).
    Town& unplaced_centre(const std::string& id) {
        Site site;
        site.id = site.name = id;
        site.district = drawn_district_name;
        site.location.evidence = "not placed: drawn without a point";
        study_->centres.push_back(site);
        return *this;
    }
    // The uncertainty draws, as if given with --draws and --seed (default: the program's).
    // As a run that writes no report: the draws place only the sites that serve somewhere.
    Town& without_report() {
        draws_for_planner_ = false;
        return *this;
    }
    Town& draws(std::size_t count, std::uint64_t seed = 1) {
        draws_ = count;
        seed_ = seed;
        return *this;
    }
    // Under-5s of one area (named `code`), at a letter, with its IMD and IDACI decile.
    // Its boundary is the letter's square; it is measured from the letter.
    Town& families(const std::string& code, char at, int under5, int decile = 5) {
        const Point p = map_.at(at);
        const double h = spacing_ / 2.0;
        return area(code, {p.x - h, p.y - h, p.x + h, p.y + h}, p, under5, decile);
    }
    // Under-5s of one area whose boundary is the rectangle with these letters at opposite corners,
    // its centroid in the middle.
    Town& family_area(const std::string& code, char corner, char opposite, int under5, int decile = 5) {
        const Point a = map_.at(corner);
        const Point b = map_.at(opposite);
        const Extent box{std::min(a.x, b.x), std::min(a.y, b.y), std::max(a.x, b.x), std::max(a.y, b.y)};
        return area(code, box, {(box.min_x + box.max_x) / 2.0, (box.min_y + box.max_y) / 2.0}, under5, decile);
    }
    // An area's England-wide IDACI rank (1 = most deprived), where it should differ from its decile.
    Town& idaci_rank(const std::string& code, int rank) {
        auto areas = study_->families.areas;
        for (auto& a : areas) {
            a.idaci_rank = a.lsoa_code == code ? rank : a.idaci_rank;
        }
        set_areas(study_->families, std::move(areas));
        return *this;
    }
    // Each area's families measured from the postcodes inside it (those added so far), as the
    // program does by default: call after the families and postcodes.
    Town& families_at_postcodes() {
        families::share_over_postcodes(study_->families, study_->gazetteer.postcodes);
        return *this;
    }
    // The thresholds, as if given on the command line (default: the file's, else 500 m and 1 km).
    Town& thresholds(std::vector<double> metres) {
        thresholds_ = std::move(metres);
        return *this;
    }
    // Straight lines times the circuity factor, no roads.
    Town& estimate(double circuity = 1.3) {
        estimate_ = true;
        circuity_ = circuity;
        return *this;
    }
    // Straight lines as they are, no roads.
    Town& straight_lines() {
        estimate_ = true;
        straight_ = true;
        return *this;
    }

    const analysis::Study& study() const { return *study_; }
    // The settings resolved as the program resolves them: this town's "command line" (its road
    // file, written here, walking and snapping up to 100 m; or the estimate), then the scenario
    // file's [study], then a manifest of the year 2019.
    analysis::Settings settings(const scenario::StudySettings& file = {}) const {
        analysis::SettingsLayer command_line;
        if (estimate_) {
            command_line.estimate = true;
            command_line.circuity = circuity_;
            if (straight_) {
                command_line.mode = "straight_line";
            }
        } else {
            command_line.network = dir_->write("town.osm", osm_xml(map_, roads_));
            command_line.max_snap_m = 100.0;
        }
        command_line.draws = draws_;
        command_line.seed = seed_;
        if (thresholds_) {
            command_line.thresholds_m = thresholds_;
        } else if (file.thresholds_m.empty()) {
            command_line.thresholds_m = std::vector<double>{500.0, 1000.0};
        }
        io::StudyManifest manifest;
        manifest.year = 2019;
        auto settings = analysis::resolve_settings(command_line, analysis::file_layer(file), manifest, dir_->path());
        if (settings.network) {
            settings.network->cache_directory.reset();
        }
        settings.draws_for_planner = draws_for_planner_;
        return settings;
    }
    const AsciiMap& map() const { return map_; }
    std::filesystem::path write(const std::string& name, const std::string& text) const {
        return dir_->write(name, text);
    }

    // Runs a scenario file (its text) on the town.
    Run scenarios(const std::string& toml) const {
        auto file = std::make_shared<const scenario::ScenarioFile>(
            scenario::read_scenario_file(dir_->write("scenarios.toml", toml)));
        auto run = analysis::run_scenarios(*study_, *file, settings(file->study));
        return Run(*study_, std::move(file), std::move(run));
    }

    static constexpr const char* drawn_district_code = "E07000148";
    static constexpr const char* drawn_district_name = "Drawn";

private:
    Town& area(const std::string& code, const Extent& box, Point centroid, int under5, int decile) {
        auto point = families_at(code, centroid, under5, decile);
        point.lsoa_name = "area " + code;
        auto areas = study_->families.areas;
        areas.push_back(point);
        std::sort(areas.begin(), areas.end(), [](const auto& a, const auto& b) { return a.lsoa_code < b.lsoa_code; });
        set_areas(study_->families, std::move(areas));
        study_->families.boundaries[code] = geom::from_wkt(
            fmt::format("MULTIPOLYGON((({0} {1},{2} {1},{2} {3},{0} {3},{0} {1})))", box.min_x, box.min_y,
                        box.max_x, box.max_y));
        return *this;
    }
    Site& site_named(const std::string& id) {
        for (auto* list : {&study_->centres, &study_->libraries}) {
            for (auto& site : *list) {
                if (site.id == id) {
                    return site;
                }
            }
        }
        throw std::invalid_argument("no site '" + id + "' on the map");
    }

    std::shared_ptr<TempDir> dir_;
    AsciiMap map_;
    double spacing_;
    std::vector<OsmWay> roads_;
    std::shared_ptr<analysis::Study> study_ = std::make_shared<analysis::Study>();
    std::optional<std::vector<double>> thresholds_;
    bool estimate_ = false;
    bool straight_ = false;
    double circuity_ = 1.3;
    std::optional<std::size_t> draws_;
    bool draws_for_planner_ = true;
    std::optional<std::uint64_t> seed_;
};

// Towns several tests draw the same way (one character = 100 m); each adds its own sites and families.

// A loop: two 1.6 km streets joined at both ends.
//   a-------b-------c
//   |               |
//   d-------e-------f
// The manifest a report names for a drawn town (what it reads is the town itself).
inline io::StudyManifest drawn_manifest() {
    io::StudyManifest manifest;
    manifest.name = "drawn";
    manifest.title = "A drawn town";
    manifest.root = "drawn-data";
    manifest.centres = "centres.csv";
    manifest.libraries = "libraries.csv";
    manifest.columns.deprivation.edition = "2019";
    return manifest;
}

inline Town loop_town() {
    return Town(R"(
    a-------b-------c
    |               |
    d-------e-------f
)")
        .road("abc")
        .road("adefc");
}

// The loop with centres at a and c, a library at e (serving in no scenario that does not move
// a centre there) and families at b (100), e (40) and f (7).
inline Town loop_town_with_a_library() {
    return loop_town()
        .centre("west", 'a')
        .centre("east", 'c')
        .library("lib", 'e')
        .families("B", 'b', 100)
        .families("E", 'e', 40)
        .families("F", 'f', 7);
}

// A ladder: the loop with a rung from b to e; z stands 300 m from every road.
//   a-------b-------c
//   |       |       |
//   d-------e-------f   z
inline Town ladder_town() {
    return Town(R"(
    a-------b-------c
    |       |       |
    d-------e-------f   z
)")
        .road("abc")
        .road("def")
        .road("ad")
        .road("be")
        .road("cf");
}

}  // namespace centrecov::test::gurka
