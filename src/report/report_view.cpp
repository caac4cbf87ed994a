#include "report/report_view.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <span>

#include "core/version.hpp"
#include "io/gdal.hpp"
#include "io/layer.hpp"
#include "io/writers.hpp"
#include "metrics/areas.hpp"
#include "metrics/coverage.hpp"
#include "report/format.hpp"
#include "report/uncertainty_output.hpp"
#include "report/scenario_output.hpp"
#include "report/sites_output.hpp"
#include "report/styles.hpp"
#include "scenario/resolve.hpp"

namespace centrecov::report {

namespace {

using nlohmann::ordered_json;

constexpr double printable_width = 900.0;
constexpr double interactive_simplify_m = 25.0;  // tolerance of the interactive map's outlines
constexpr double printable_simplify_m = 80.0;    // and of the printable maps'

std::string rgb(Rgb c) { return fmt::format("rgb({},{},{})", c.r, c.g, c.b); }

std::string range_colour(const std::vector<Range>& ranges, double value) {
    if (!std::isfinite(value)) {
        return "#bbbbbb";
    }
    for (const auto& r : ranges) {
        if (value >= r.lower && value < r.upper) {
            return rgb(r.colour);
        }
    }
    return rgb(ranges.back().colour);
}

std::vector<LegendEntry> legend_of(const std::vector<Range>& ranges) {
    std::vector<LegendEntry> legend;
    for (const auto& r : ranges) {
        legend.push_back({r.label, rgb(r.colour)});
    }
    return legend;
}

std::string money_or(const std::optional<double>& cost, const std::string& otherwise) {
    return cost ? text::pounds(*cost) : otherwise;
}

// Rings in WGS84 (longitude, latitude), 5 decimals (about a metre).
ordered_json wgs84_coordinates(const GEOSGeometry* geometry, const io::Transformer& to_wgs84) {
    ordered_json polygons = ordered_json::array();
    geom::for_each_ring(geometry, [&](std::size_t polygon, std::size_t, const std::vector<Point>& ring) {
        while (polygons.size() <= polygon) {
            polygons.push_back(ordered_json::array());
        }
        ordered_json coordinates = ordered_json::array();
        for (const Point& q : to_wgs84.apply(ring)) {
            coordinates.push_back({io::round_to(q.x, 5), io::round_to(q.y, 5)});
        }
        polygons[polygon].push_back(std::move(coordinates));
    });
    return polygons;
}

// The printable maps' frame: the study's box in BNG, scaled to printable_width.
struct Frame {
    double left = 0.0;
    double top = 0.0;
    double scale = 1.0;
    double height = 0.0;
    explicit Frame(const GEOSGeometry* land) {
        const auto e = geom::envelope(land);
        left = e.min_x;
        top = e.max_y;
        scale = printable_width / std::max(e.max_x - e.min_x, 1.0);
        height = (e.max_y - e.min_y) * scale;
    }
    double x(double easting) const { return (easting - left) * scale; }
    double y(double northing) const { return (top - northing) * scale; }
};

// An SVG path in the frame (y flipped).
std::string svg_path(const GEOSGeometry* geometry, const Frame& frame) {
    std::string d;
    geom::for_each_ring(geometry, [&](std::size_t, std::size_t, const std::vector<Point>& ring) {
        for (std::size_t k = 0; k < ring.size(); ++k) {
            d += fmt::format("{}{:.1f} {:.1f}", k == 0 ? "M" : "L", frame.x(ring[k].x), frame.y(ring[k].y));
        }
        d += "Z";
    });
    return d;
}

std::vector<PrecisionCount> precision_counts(const analysis::Study& study) {
    std::map<std::string, PrecisionCount> counts;
    for (const Site* site : study.all_sites()) {
        if (!site->duplicate_of.empty()) {
            continue;
        }
        const std::string precision(to_string(site->location.precision));
        auto& c = counts[precision];
        c.precision = precision;
        (site->kind == SiteKind::library ? c.libraries : c.centres) += 1;
    }
    std::vector<PrecisionCount> out;
    for (auto& [precision, count] : counts) {
        out.push_back(std::move(count));
    }
    return out;
}

std::vector<SiteRow> site_rows(const analysis::Study& study) {
    std::vector<SiteRow> rows;
    for (const Site* site : study.all_sites()) {
        const auto& l = site->location;
        rows.push_back({site->name, site->kind == SiteKind::library ? "library" : "centre",
                        std::string(to_string(l.precision)),
                        l.point ? fmt::format("{} m", with_commas(std::llround(l.uncertainty_m))) : "not placed",
                        l.evidence});
    }
    return rows;
}

ScenarioSection section_of(const analysis::ScenarioResult& result, const analysis::Study& study) {
    const auto& r = result.resolved;
    ScenarioSection section;
    section.id = r.scenario->id;
    section.name = r.scenario->name;
    section.description = r.scenario->description;
    // Compared with itself, there is no change to state.
    section.base_name = r.base_id == r.scenario->id ? std::string() : r.base_name;
    for (const auto* list : {&r.notes, &r.rule_notes, &result.warnings}) {
        section.caveats.insert(section.caveats.end(), list->begin(), list->end());
    }
    section.centres = r.open.size();
    section.moved = r.moved.size();
    section.library_bases = r.library_bases.size();
    section.cost = money_or(r.cost, "not stated");
    for (std::size_t t = 0; t < r.thresholds_m.size(); ++t) {
        section.thresholds.push_back({metrics::threshold_label(r.thresholds_m[t]),
                                      percent_in(result.coverage.total.share_covered(t), share_interval(result, t)),
                                      children(result.coverage.total.covered[t]),
                                      count_in(result.changes[t].lost, lost_interval(result, t)),
                                      count_in(result.changes[t].gained, gained_interval(result, t))});
    }
    section.equity = equity_sentence(result);
    const auto& change = result.changes.front();
    if (change.lost > 0) {
        for (const auto& breakdown : change.lost_by) {
            if (breakdown.name != "district" && breakdown.name != "idaci_decile") {
                continue;
            }
            const bool district = breakdown.name == "district";
            CountTable table;
            table.caption = fmt::format("Under-5s who lose a centre within {} by {}",
                                        metrics::threshold_label(change.threshold_m),
                                        district ? "district" : "IDACI decile (1 = most deprived)");
            table.heading = district ? "district" : "IDACI decile";
            for (const auto& group : breakdown.groups) {
                table.rows.emplace_back(group.label, children(group.covered.front()));
            }
            section.lost.push_back(std::move(table));
        }
    }
    const ClosureList worst = worst_closures(result);
    section.closures_heading = worst.heading;
    for (const auto* closed : worst.sites) {
        const Site& site = scenario::service_site(closed->point, study.centres, study.libraries);
        section.closures.push_back({site.name, children(closed->left_beyond[worst.threshold]),
                                    std::string(to_string(site.location.precision))});
    }
    return section;
}

}  // namespace

namespace {

ordered_json money_or_null(const std::optional<double>& value) {
    return value ? ordered_json(*value) : ordered_json(nullptr);
}

// Distances for the page to the millimetre (half the bytes of full precision), except where
// rounding would carry one across a threshold the page counts at: a family 0.1 mm beyond one
// stays beyond.
class PageDistance {
public:
    explicit PageDistance(std::span<const analysis::ScenarioResult> shown) {
        for (const auto& result : shown) {
            const auto& r = result.resolved;
            thresholds_.insert(thresholds_.end(), r.thresholds_m.begin(), r.thresholds_m.end());
            thresholds_.insert(thresholds_.end(), r.outreach_thresholds_m.begin(), r.outreach_thresholds_m.end());
        }
    }
    double operator()(double metres) const {
        const double rounded = std::round(metres * 1000.0) / 1000.0;
        for (const double t : thresholds_) {
            if ((metres <= t) != (rounded <= t)) {
                return metres;
            }
        }
        return rounded;
    }

private:
    std::vector<double> thresholds_;
};

// How many (family, distance) pairs the page must carry to repeat the draws along roads.
std::size_t page_draw_pairs(const analysis::UncertaintySummary& uncertainty) {
    std::size_t pairs = 0;
    for (const auto& site : uncertainty.page.sites) {
        for (const auto& list : site.reach) {
            pairs += list.size();
        }
    }
    return pairs;
}

// What the planner needs to repeat the program's draws (analysis::PageDraws): the seed as two
// 32-bit halves (a page's numbers hold 53 bits), the factors' spreads, each site's candidate
// points and, without roads, each family's point (the page measures straight lines itself).
ordered_json page_draws_json(const analysis::UncertaintySummary& uncertainty, const analysis::Study& study,
                             const PageDistance& to_the_millimetre) {
    const auto& page = uncertainty.page;
    auto pairs = [](const std::vector<std::pair<double, double>>& list) {
        ordered_json out = ordered_json::array();
        for (const auto& [a, b] : list) {
            out.push_back({a, b});
        }
        return out;
    };
    ordered_json sites = ordered_json::array();
    for (const auto& site : page.sites) {
        if (site.points.empty()) {
            sites.push_back(nullptr);
            continue;
        }
        ordered_json points = ordered_json::array();
        for (const Point& p : site.points) {
            points.push_back(p.x);
            points.push_back(p.y);
        }
        ordered_json entry{{"points", std::move(points)}, {"drawn", site.drawn}, {"best", site.best}};
        if (page.along_roads) {
            ordered_json reach = ordered_json::array();
            for (const auto& list : site.reach) {
                ordered_json flat = ordered_json::array();
                for (const auto& [family, metres] : list) {
                    flat.push_back(family);
                    flat.push_back(to_the_millimetre(metres));  // along roads no factor applies
                }
                reach.push_back(std::move(flat));
            }
            entry["reach"] = std::move(reach);
        }
        sites.push_back(std::move(entry));
    }
    ordered_json out{{"count", uncertainty.draws},
                     {"seed", {static_cast<std::uint32_t>(uncertainty.seed >> 32U),
                               static_cast<std::uint32_t>(uncertainty.seed & 0xFFFFFFFFU)}},
                     {"along_roads", page.along_roads},
                     {"circuity_drawn", page.circuity_drawn},
                     {"reach_m", page.reach_m},
                     {"circuity", page.circuity},
                     {"spread", pairs(page.spread)},
                     {"median_spread", pairs(page.median_spread)},
                     {"first_point", study.families.first_point},
                     {"sites", std::move(sites)}};
    if (!page.along_roads) {
        ordered_json x = ordered_json::array();
        ordered_json y = ordered_json::array();
        // Whole metres (Code-Point's grid) as integers: two bytes a number fewer than "597966.0".
        auto number = [](double v) {
            return std::trunc(v) == v && std::abs(v) < 1e15 ? ordered_json(static_cast<long long>(v)) : ordered_json(v);
        };
        for (const auto& family : study.families.points) {
            x.push_back(number(family.point.x));
            y.push_back(number(family.point.y));
        }
        out["x"] = std::move(x);
        out["y"] = std::move(y);
    }
    return out;
}

// What the page's planner (web/report/planner.js) recomputes from: each family's
// distances to the sites within reach, the sites, and each scenario's state and
// costs, so that it applies the program's own rules to any edit.
ordered_json planner_data(const ReportInputs& in, std::span<const analysis::ScenarioResult> shown,
                          const std::vector<std::size_t>& mapped) {
    const auto& study = in.study;
    const auto& points = study.families.points;
    const io::Transformer& to_wgs84 = io::bng_to_wgs84();
    ordered_json planner;
    planner["within_m"] = in.run.site_distances.within_m;
    planner["caveat"] = "Distances: " + in.run.distance_label +
                        ". A site placed by street or town stands at that street's or town's point.";
    planner["csv_formula_starts"] = std::string(io::spreadsheet_formula_starts);
    std::vector<std::string> districts;
    std::map<std::string, std::size_t> district_index;
    // Each family's area on the map (-1: not drawn).
    std::vector<long long> map_area_of(study.families.areas.size(), -1);
    for (std::size_t m = 0; m < mapped.size(); ++m) {
        map_area_of[mapped[m]] = static_cast<long long>(m);
    }
    // Columns, not an object per family: at postcode level there are tens of thousands of
    // families, and their keys alone would be megabytes. Each family's code, district and
    // IDACI decile are its area's.
    ordered_json areas = ordered_json::array();
    for (std::size_t a = 0; a < study.families.areas.size(); ++a) {
        const auto& area = study.families.areas[a];
        const auto [it, added] = district_index.emplace(area.district_name, districts.size());
        if (added) {
            districts.push_back(area.district_name);
        }
        areas.push_back({{"code", area.lsoa_code},
                         {"name", area.lsoa_name},
                         {"district", it->second},
                         {"idaci", area.idaci_decile},
                         {"map", map_area_of[a]}});
    }
    ordered_json area_of = ordered_json::array();
    ordered_json postcode = ordered_json::array();
    ordered_json under5 = ordered_json::array();
    ordered_json nears = ordered_json::array();
    ordered_json beyond = ordered_json::array();
    const PageDistance to_the_millimetre(shown);
    for (std::size_t f = 0; f < points.size(); ++f) {
        const auto& family = points[f];
        ordered_json near = ordered_json::array();
        if (f < in.run.site_distances.near.size()) {
            for (const auto& [site, metres] : in.run.site_distances.near[f]) {
                near.push_back(site);
                near.push_back(to_the_millimetre(metres));
            }
        }
        area_of.push_back(family.area);
        postcode.push_back(family.postcode);
        under5.push_back(family.under5);
        nears.push_back(std::move(near));
        // Nothing within reach: the nearest of all sites, which is the nearest open one when it is open.
        if (f < in.run.site_distances.beyond.size() && in.run.site_distances.beyond[f].first != UINT32_MAX) {
            beyond.push_back({in.run.site_distances.beyond[f].first, in.run.site_distances.beyond[f].second});
        } else {
            beyond.push_back(nullptr);
        }
    }
    planner["areas"] = std::move(areas);
    planner["families"] = {{"area", std::move(area_of)},
                           {"postcode", std::move(postcode)},
                           {"under5", std::move(under5)},
                           {"near", std::move(nears)},
                           {"beyond", std::move(beyond)}};
    planner["districts"] = districts;
    ordered_json sites = ordered_json::array();
    for (const Site* site : study.all_sites()) {
        ordered_json entry{{"id", site->id},
                           {"name", site->name},
                           {"kind", site->kind == SiteKind::library ? "library" : "centre"},
                           {"precision", std::string(to_string(site->location.precision))},
                           {"same_as", site->duplicate_of}};
        if (site->location.point) {
            const Point q = to_wgs84.apply(*site->location.point);
            entry["lat"] = io::round_to(q.y, 5);
            entry["lon"] = io::round_to(q.x, 5);
        } else {
            entry["lat"] = nullptr;
            entry["lon"] = nullptr;
        }
        sites.push_back(std::move(entry));
    }
    planner["sites"] = std::move(sites);
    ordered_json scenarios = ordered_json::array();
    for (const auto& result : shown) {
        const auto& r = result.resolved;
        ordered_json moved = ordered_json::array();
        for (const auto& [centre, library] : r.moved) {
            moved.push_back({centre, library});
        }
        ordered_json own = ordered_json::array();
        ordered_json moved_cost = ordered_json::array();
        for (const auto& centre : study.centres) {
            own.push_back(money_or_null(scenario::centre_cost(r, centre, false)));
            moved_cost.push_back(money_or_null(scenario::centre_cost(r, centre, true)));
        }
        ordered_json base_cost = ordered_json::array();
        ordered_json outreach_cost = ordered_json::array();
        for (const auto& library : study.libraries) {
            base_cost.push_back(money_or_null(scenario::library_base_cost(r, library)));
            outreach_cost.push_back(money_or_null(scenario::outreach_cost(r, library)));
        }
        const auto& c = r.costs;
        ordered_json libraries_open = ordered_json::array();
        for (std::size_t l = 0; l < study.libraries.size(); ++l) {
            if (scenario::open_in(study.libraries[l], r.year)) {
                libraries_open.push_back(l);
            }
        }
        scenarios.push_back({{"id", r.scenario->id},
                             {"name", r.scenario->name},
                             {"thresholds", r.thresholds_m},
                             {"open", r.open},
                             {"moved", std::move(moved)},
                             {"bases", r.library_bases},
                             {"outreach", r.outreach},
                             {"outreach_weight", r.outreach_weight},
                             {"outreach_thresholds", r.outreach_thresholds_m},
                             {"libraries_open", std::move(libraries_open)},
                             {"budget", money_or_null(r.budget)},
                             {"cost", money_or_null(r.cost)},
                             {"costs_stated", c.centre || c.outreach || c.library_base || !c.per_site.empty()},
                             {"centre_cost", std::move(own)},
                             {"moved_cost", std::move(moved_cost)},
                             {"base_cost", std::move(base_cost)},
                             {"outreach_cost", std::move(outreach_cost)}});
    }
    planner["scenarios"] = std::move(scenarios);
    if (in.run.uncertainty) {
        const std::size_t pairs = page_draw_pairs(*in.run.uncertainty);
        if (pairs <= in.planner_draw_pairs_limit) {
            planner["draws"] = page_draws_json(*in.run.uncertainty, study, to_the_millimetre);
        } else {
            planner["draws_omitted"] = fmt::format(
                "the draws' distances along roads ({} from families to the sites' candidate points) are more than "
                "the page can carry",
                with_commas(static_cast<long long>(pairs)));
        }
    }
    return planner;
}

UncertaintyView uncertainty_view(const analysis::Study& study, const analysis::ScenarioRun& run) {
    UncertaintyView view;
    view.method = uncertainty_method(run);
    view.widened = widened_sentence(run);
    if (!run.uncertainty || run.results.empty()) {
        return view;
    }
    const auto& u = *run.uncertainty;
    const auto& first = run.results.front();
    const auto sites = study.all_sites();
    auto points = [](double share) { return fmt::format("{:.1f} points", 100.0 * share); };
    if (const auto* headline = share_interval(first, 0)) {
        view.headline = fmt::format("The share of under-5s within {} of a centre in {} is {}, a range {} wide.",
                                    metrics::threshold_label(first.resolved.thresholds_m.front()),
                                    first.resolved.scenario->name,
                                    percent_in(first.coverage.total.share_covered(0), headline),
                                    points(headline->width()));
        view.headline_width = points(headline->width());
    }
    for (const auto& c : u.confirm_first) {
        const Site& site = *sites[c.site];
        view.confirm.push_back({site.name, std::string(to_string(site.kind)), site.location.evidence, c.placed_among,
                                points(c.width_fixed)});
    }
    for (std::size_t t = 0; t < first.resolved.thresholds_m.size(); ++t) {
        view.thresholds.push_back(metrics::threshold_label(first.resolved.thresholds_m[t]));
        view.left_out.push_back(percent(first.coverage.total.share_covered(t)));
    }
    for (const auto& bound : u.unplaced) {
        UnplacedRow row{sites[bound.site]->name, bound.placed_among, {}};
        for (const auto& range : bound.share_within) {
            row.ranges.push_back(fmt::format("{:.1f}-{:.1f} %", 100.0 * range.low, 100.0 * range.high));
        }
        view.unplaced.push_back(std::move(row));
    }
    return view;
}

}  // namespace

ReportView report_view(const ReportInputs& in) {
    const auto& study = in.study;
    const auto& run = in.run;
    // The scenarios drawn (all but in a very large file; every one is in comparison.csv and .md).
    const std::span<const analysis::ScenarioResult> shown(run.results.data(),
                                                          std::min(run.results.size(), in.catchments.scenarios.size()));
    const io::Transformer& to_wgs84 = io::bng_to_wgs84();

    ReportView view;
    view.file_name = in.file.path.filename().string();
    view.version = version_string;
    view.distance_label = run.distance_label;
    view.scenario_count = run.scenarios();
    view.shown = shown.size();

    // Comparison and charts.
    const auto& first_thresholds = run.results.front().resolved.thresholds_m;
    for (const double t : first_thresholds) {
        view.threshold_columns.push_back(metrics::threshold_label(t));
    }
    for (const auto& result : shown) {
        const auto& r = result.resolved;
        ComparisonRow row;
        row.name = r.scenario->name;
        row.centres = r.open.size();
        row.library_bases = r.library_bases.size();
        row.cost = money_or(r.cost, "n/a");
        for (std::size_t t = 0; t < first_thresholds.size(); ++t) {
            const bool same = t < r.thresholds_m.size() && r.thresholds_m[t] == first_thresholds[t];
            row.shares.push_back(same ? percent_in(result.coverage.total.share_covered(t), share_interval(result, t))
                                      : "-");
        }
        row.lost = count_in(result.changes.front().lost, lost_interval(result, 0));
        row.gained = count_in(result.changes.front().gained, gained_interval(result, 0));
        row.median = kilometres(result.coverage.total.median_m);
        view.comparison.push_back(std::move(row));

        ChartSeries series{r.scenario->id, r.scenario->name, {}, {}};
        for (std::size_t t = 0; t < r.thresholds_m.size(); ++t) {
            series.points.emplace_back(r.thresholds_m[t], result.coverage.total.share_covered(t));
            if (const auto* range = share_interval(result, t)) {
                series.ranges.emplace_back(range->low, range->high);
            }
        }
        view.coverage.push_back(std::move(series));
        view.scenarios.push_back(section_of(result, study));
    }
    if (in.k_curve && !in.k_curve->points.empty()) {
        view.k_curve = *in.k_curve;
    }
    view.uncertainty = uncertainty_view(study, run);
    // Areas are coloured by the first scenario's thresholds, as the comparison's columns are.
    const std::vector<Range> distance_classes = distance_ranges(first_thresholds);
    const std::vector<Range> change_classes = change_ranges(first_thresholds);
    view.distance_legend = legend_of(distance_classes);
    view.change_legend = legend_of(change_classes);
    view.band_method = in.catchments.band_method;

    // The interactive map's data: areas once, then per scenario the values and sites.
    ordered_json& data = view.map_data;
    // Map area m is study area mapped[m] (an area with no polygon is not drawn).
    std::vector<std::size_t> mapped;
    ordered_json areas = ordered_json::array();
    std::vector<geom::Geometry> simplified;
    for (std::size_t a = 0; a < study.families.areas.size(); ++a) {
        const auto& family = study.families.areas[a];
        const auto found = study.families.boundaries.find(family.lsoa_code);
        if (found == study.families.boundaries.end()) {
            continue;
        }
        mapped.push_back(a);
        simplified.push_back(geom::simplify(found->second.get(), interactive_simplify_m));
        areas.push_back({{"code", family.lsoa_code},
                         {"name", family.lsoa_name},
                         {"district", family.district_name},
                         {"under5", std::llround(family.under5)},
                         {"idaci", family.idaci_decile},
                         {"geometry", wgs84_coordinates(simplified.back().get(), to_wgs84)}});
    }
    data["areas"] = std::move(areas);
    auto ranges_json = [](const std::vector<Range>& ranges) {
        ordered_json out = ordered_json::array();
        for (const auto& r : ranges) {
            out.push_back({{"lower", r.lower}, {"upper", r.upper}, {"label", r.label}, {"colour", rgb(r.colour)}});
        }
        return out;
    };
    data["distance_ranges"] = ranges_json(distance_classes);
    data["change_ranges"] = ranges_json(change_classes);
    ordered_json fates = ordered_json::object();
    for (const auto& c : fate_categories()) {
        fates[c.value] = {{"label", c.label}, {"colour", rgb(c.colour)}};
    }
    data["fates"] = fates;

    const Frame frame(in.catchments.land.get());
    view.map_height = frame.height;
    for (const auto& area : simplified) {
        const auto print = geom::simplify(area.get(), printable_simplify_m);
        view.area_paths.push_back(svg_path(print.get(), frame));
    }

    ordered_json band_shapes = ordered_json::object();
    // Reach areas drawn once however many scenarios share them (options that close different
    // centres leave most areas as they were): a shape's coordinates -> its index.
    ordered_json reach_shapes = ordered_json::array();
    std::map<std::string, std::size_t> reach_shape_index;
    ordered_json scenarios = ordered_json::array();
    for (std::size_t s = 0; s < shown.size(); ++s) {
        const auto& result = shown[s];
        const auto& r = result.resolved;
        const auto& catchments = in.catchments.scenarios[s];
        ordered_json scenario;
        scenario["id"] = r.scenario->id;
        scenario["name"] = r.scenario->name;
        scenario["base"] = r.base_id;
        scenario["headline"] = fmt::format("{} of under-5s within {} of a centre",
                                           percent_in(result.coverage.total.share_covered(0), share_interval(result, 0)),
                                           metrics::threshold_label(r.thresholds_m.front()));
        if (r.base_id != r.scenario->id) {
            scenario["headline"] = scenario["headline"].get<std::string>() +
                                   fmt::format("; {} lose and {} gain against {}",
                                               count_in(result.changes.front().lost, lost_interval(result, 0)),
                                               count_in(result.changes.front().gained, gained_interval(result, 0)),
                                               r.base_name);
        }
        ordered_json distance = ordered_json::array();
        ordered_json change = ordered_json::array();
        StaticMap printable;
        printable.name = r.scenario->name;
        std::vector<double> metres;
        for (const auto& nearest : result.nearest) {
            metres.push_back(nearest.metres);
        }
        const metrics::AreaPoints by_area(study.families.points, study.families.first_point);
        for (const std::size_t a : mapped) {
            // The median over the area's families (its own centroid's distance at centroid level).
            const double now = by_area.median(a, metres);
            const double before = by_area.median(a, result.base_distance_m);
            distance.push_back(std::isfinite(now) ? ordered_json(std::round(now)) : ordered_json(nullptr));
            change.push_back(std::isfinite(now) && std::isfinite(before) ? ordered_json(std::round(now - before))
                                                                          : ordered_json(nullptr));
            printable.area_colours.push_back(range_colour(distance_classes, now));
        }
        scenario["distance"] = std::move(distance);
        scenario["change"] = std::move(change);
        ordered_json sites = ordered_json::array();
        for (const Site* site : study.all_sites()) {
            const SiteFate fate = site_fate(result, study, *site);
            ordered_json entry{{"id", site->id},
                               {"name", site->name},
                               {"kind", site->kind == SiteKind::library ? "library" : "centre"},
                               {"fate", fate.role},
                               {"category", std::string(scenario::to_string(fate.fate))},
                               {"precision", std::string(to_string(site->location.precision))},
                               {"uncertainty_m", std::llround(site->location.uncertainty_m)}};
            if (site->location.point) {
                const Point q = to_wgs84.apply(*site->location.point);
                entry["lat"] = io::round_to(q.y, 5);
                entry["lon"] = io::round_to(q.x, 5);
                if (fate.fate != scenario::Fate::candidate) {
                    printable.sites.push_back({frame.x(site->location.point->x), frame.y(site->location.point->y),
                                               site->name + ": " + fate.role, fate.fate == scenario::Fate::closed,
                                               rgb(fate_category(fate.fate).colour)});
                }
            } else {
                entry["lat"] = nullptr;
                entry["lon"] = nullptr;
            }
            sites.push_back(std::move(entry));
        }
        scenario["sites"] = std::move(sites);
        view.static_maps.push_back(std::move(printable));
        ordered_json reach = ordered_json::array();
        for (const auto& area : catchments.reach) {
            const auto thin = geom::simplify(area.area.get(), interactive_simplify_m);
            ordered_json geometry = wgs84_coordinates(thin.get(), to_wgs84);
            const auto [known, added] = reach_shape_index.emplace(geometry.dump(), reach_shapes.size());
            if (added) {
                reach_shapes.push_back(std::move(geometry));
            }
            reach.push_back({{"site", area.site}, {"under5", std::llround(area.under5)}, {"shape", known->second}});
        }
        scenario["reach"] = std::move(reach);
        // Bands are shared between scenarios with the same site and thresholds.
        std::map<std::size_t, std::vector<const catchment::Band*>> by_site;
        for (const auto& band : catchments.bands) {
            by_site[band.site].push_back(&band);
        }
        ordered_json keys = ordered_json::array();
        for (auto& [site, list] : by_site) {
            const std::string key = band_key(r.service_points[site].point, r.thresholds_m);
            if (!band_shapes.contains(key)) {
                std::stable_sort(list.begin(), list.end(), [](const auto* a, const auto* b) {
                    return a->threshold_m > b->threshold_m;
                });
                ordered_json shapes = ordered_json::array();
                for (const auto* band : list) {
                    const auto thin = geom::simplify(band->area.get(), interactive_simplify_m);
                    shapes.push_back(
                        {{"threshold_m", band->threshold_m}, {"geometry", wgs84_coordinates(thin.get(), to_wgs84)}});
                }
                band_shapes[key] = std::move(shapes);
            }
            keys.push_back(key);
        }
        scenario["bands"] = std::move(keys);
        scenarios.push_back(std::move(scenario));
    }
    data["scenarios"] = std::move(scenarios);
    data["bands"] = std::move(band_shapes);
    data["reach_shapes"] = std::move(reach_shapes);
    data["planner"] = planner_data(in, shown, mapped);
    view.planner_reach = metrics::threshold_label(run.site_distances.within_m);
    view.planner_ranges = run.uncertainty && page_draw_pairs(*run.uncertainty) <= in.planner_draw_pairs_limit;
    view.measured_from = families::measured_from(study.families);

    // Data and method.
    view.precision_caveat = centre_precision_sentence(study.centres);
    {
        std::size_t same_building = 0;
        std::size_t unplaced = 0;
        for (const auto& centre : study.centres) {
            same_building += centre.duplicate_of.empty() ? 0U : 1U;
            unplaced += centre.duplicate_of.empty() && !centre.location.point ? 1U : 0U;
        }
        const std::size_t counted = study.centres.size() - same_building;
        const auto& first = run.results.front().resolved;
        const std::string first_name = first.scenario->name.empty() ? first.scenario->id : first.scenario->name;
        view.centres_counted = fmt::format(
            "Centres counted: the centres file ({}) lists {}{}, so {} {} counted{}. {} has {} open{}. A count or "
            "cost quoted elsewhere may include centres this file does not list (see the scenario's notes).",
            in.inputs.centres.filename().string(), study.centres.size() == 1 ? "1 centre" :
            fmt::format("{} centres", study.centres.size()),
            same_building == 0 ? std::string()
                               : fmt::format(", {} of them another name for a building already listed (counted "
                                             "once)", same_building),
            counted, counted == 1 ? "is" : "are",
            unplaced == 0 ? std::string() : fmt::format(" ({} of them could not be placed on the map)", unplaced),
            first_name, first.open.size(),
            first.cost ? ", costing " + text::pounds(*first.cost) + " a year at the scenario file's costs"
                       : std::string(", with no costs stated"));
    }
    if (run.network && !run.network->near_misses.empty()) {
        view.near_miss_caveat = fmt::format(
            "The road file has {} near misses: dead ends within {:.0f} m of a road they do not join, which is at "
            "least {:.0f} m away along the roads (as where a file cuts roads at a railway). {}",
            run.network->near_misses.size(), run.network->near_miss.gap_m, run.network->near_miss.min_detour_m,
            run.network->near_misses_joined
                ? "They were joined across their gaps (--join-near-misses), a stated repair."
                : "They were left as they are; families beyond them are measured the long way round.");
    }
    view.precision = precision_counts(study);
    view.sites = site_rows(study);
    view.inputs = in.inputs.centres.filename().string() + ", " + in.inputs.libraries.filename().string();
    view.deprivation_edition = in.inputs.study.columns.deprivation.edition;
    view.study_title = in.inputs.study.title;
    view.data_directory = in.inputs.study.root.string();
    view.attribution = attribution;
    return view;
}

std::string fill_slots(std::string_view page, const std::vector<std::pair<std::string, std::string>>& values) {
    std::vector<bool> used(values.size(), false);
    std::string out;
    std::size_t at = 0;
    while (true) {
        const std::size_t open = page.find("{{", at);
        if (open == std::string_view::npos) {
            out.append(page.substr(at));
            break;
        }
        const std::size_t close = page.find("}}", open);
        if (close == std::string_view::npos) {
            throw std::logic_error("report page: '{{' without '}}'");
        }
        const std::string_view name = page.substr(open + 2, close - open - 2);
        const auto found = std::find_if(values.begin(), values.end(), [&](const auto& v) { return v.first == name; });
        if (found == values.end()) {
            throw std::logic_error("report page: no value for the slot {{" + std::string(name) + "}}");
        }
        used[static_cast<std::size_t>(found - values.begin())] = true;
        out.append(page.substr(at, open - at));
        out.append(found->second);
        at = close + 2;
    }
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (!used[i]) {
            throw std::logic_error("report page: it has no slot {{" + values[i].first + "}}");
        }
    }
    return out;
}

}  // namespace centrecov::report
