#include "report/html_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <span>

#include "core/version.hpp"
#include "io/gdal.hpp"
#include "io/table.hpp"
#include "report/sites_output.hpp"
#include "metrics/coverage.hpp"
#include "report/format.hpp"
#include "report/scenario_output.hpp"
#include "report/styles.hpp"
#include "scenario/resolve.hpp"

namespace centrecov::report {

namespace assets {
extern const std::string_view leaflet_js;
extern const std::string_view leaflet_css;
}  // namespace assets

std::string html_escape(std::string_view text) { return xml_escape(std::string(text)); }

std::string script_safe_json(const std::string& json) {
    std::string out;
    out.reserve(json.size());
    for (const char c : json) {
        switch (c) {
            case '<':
                out += "\\u003c";
                break;
            case '>':
                out += "\\u003e";
                break;
            case '&':
                out += "\\u0026";
                break;
            default:
                out += c;
        }
    }
    return out;
}

std::vector<KCurvePoint> read_k_curve(const std::filesystem::path& csv) {
    const io::Table table = io::Table::read(csv, {"sites", "threshold_m", "covered_share"});
    std::vector<KCurvePoint> points;
    const auto sites = table.column("sites");
    const auto threshold = table.column("threshold_m");
    const auto share = table.column("covered_share");
    for (const auto& row : table.rows()) {
        KCurvePoint p;
        p.sites = static_cast<int>(table.integer(row, sites));
        p.threshold_m = table.number(row, threshold);
        p.share = table.number(row, share);
        if (p.sites < 1 || p.share < 0.0 || p.share > 1.0) {
            table.fail(row, "a k-curve row needs sites >= 1 and a covered_share from 0 to 1");
        }
        points.push_back(p);
    }
    return points;
}

namespace {

using nlohmann::ordered_json;

const char* const palette[] = {"#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e",
                               "#e6ab02", "#a6761d", "#666666", "#1f78b4", "#b15928"};

std::string colour_of(std::size_t i) { return palette[i % std::size(palette)]; }

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

// An SVG path in BNG metres with y flipped, relative to the box's top-left.
std::string svg_path(const GEOSGeometry* geometry, double left, double top, double scale) {
    std::string d;
    geom::for_each_ring(geometry, [&](std::size_t, std::size_t, const std::vector<Point>& ring) {
        for (std::size_t k = 0; k < ring.size(); ++k) {
            d += fmt::format("{}{:.1f} {:.1f}", k == 0 ? "M" : "L", (ring[k].x - left) * scale,
                             (top - ring[k].y) * scale);
        }
        d += "Z";
    });
    return d;
}

struct Box {
    double left = 0.0;
    double top = 0.0;
    double width = 0.0;
    double height = 0.0;
};

Box box_of(const GEOSGeometry* land) {
    const auto e = geom::envelope(land);
    return {e.min_x, e.max_y, e.max_x - e.min_x, e.max_y - e.min_y};
}

std::string precision_summary(const analysis::Study& study) {
    std::map<std::string, std::pair<int, int>> counts;  // precision -> centres, libraries
    for (const Site* site : study.all_sites()) {
        if (!site->duplicate_of.empty()) {
            continue;
        }
        auto& c = counts[std::string(to_string(site->location.precision))];
        (site->kind == SiteKind::library ? c.second : c.first) += 1;
    }
    std::string html = "<table class=\"small\"><thead><tr><th>placed by</th><th>centres</th><th>libraries</th>"
                       "</tr></thead><tbody>";
    for (const auto& [precision, c] : counts) {
        html += fmt::format("<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
                            html_escape(precision), c.first, c.second);
    }
    return html + "</tbody></table>";
}

std::string sites_table(const analysis::Study& study) {
    std::string html = "<table id=\"site-list\" class=\"small\"><thead><tr><th>site</th><th>kind</th><th>placed "
                       "by</th><th>uncertainty</th><th>evidence</th></tr></thead><tbody>";
    for (const Site* site : study.all_sites()) {
        const auto& l = site->location;
        html += fmt::format(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td>{}</td></tr>", html_escape(site->name),
            site->kind == SiteKind::library ? "library" : "centre", html_escape(std::string(to_string(l.precision))),
            l.point ? fmt::format("{} m", with_commas(std::llround(l.uncertainty_m))) : std::string("not placed"),
            html_escape(l.evidence));
    }
    return html + "</tbody></table>";
}

// Coverage against distance, one line per scenario.
std::string coverage_chart(std::span<const analysis::ScenarioResult> results) {
    const double width = 640.0;
    const double height = 320.0;
    const double pad_left = 48.0;
    const double pad_bottom = 36.0;
    const double pad_top = 12.0;
    double max_t = 0.0;
    for (const auto& r : results) {
        for (const double t : r.resolved.thresholds_m) {
            max_t = std::max(max_t, t);
        }
    }
    auto x = [&](double t) { return pad_left + (width - pad_left - 150.0) * t / max_t; };
    auto y = [&](double share) { return pad_top + (height - pad_top - pad_bottom) * (1.0 - share); };
    std::string svg = fmt::format(
        "<svg id=\"coverage-chart\" class=\"chart\" viewBox=\"0 0 {} {}\" role=\"img\" "
        "aria-label=\"Share of under-5s within each distance of a centre, per scenario\">",
        width, height);
    for (int pct = 0; pct <= 100; pct += 20) {
        svg += fmt::format("<line class=\"grid\" x1=\"{}\" x2=\"{}\" y1=\"{:.1f}\" y2=\"{:.1f}\"/><text x=\"{}\" "
                           "y=\"{:.1f}\" class=\"axis\" text-anchor=\"end\">{} %</text>",
                           pad_left, width - 150.0, y(pct / 100.0), y(pct / 100.0), pad_left - 4, y(pct / 100.0) + 4,
                           pct);
    }
    std::set<double> ticks;
    for (const auto& r : results) {
        ticks.insert(r.resolved.thresholds_m.begin(), r.resolved.thresholds_m.end());
    }
    for (const double t : ticks) {
        svg += fmt::format("<text x=\"{:.1f}\" y=\"{}\" class=\"axis\" text-anchor=\"middle\">{}</text>", x(t),
                           height - pad_bottom + 16, metrics::threshold_label(t));
    }
    svg += fmt::format("<text x=\"{:.1f}\" y=\"{}\" class=\"axis\" text-anchor=\"middle\">distance to the nearest "
                       "centre</text>",
                       x(max_t / 2), height - 4);
    for (std::size_t i = 0; i < results.size(); ++i) {
        const auto& r = results[i];
        std::string points = fmt::format("{:.1f},{:.1f}", x(0), y(0));
        std::string dots;
        for (std::size_t t = 0; t < r.resolved.thresholds_m.size(); ++t) {
            const double share = r.coverage.total.share_covered(t);
            points += fmt::format(" {:.1f},{:.1f}", x(r.resolved.thresholds_m[t]), y(share));
            dots += fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"3\" fill=\"{}\"><title>{}: {} within "
                                "{}</title></circle>",
                                x(r.resolved.thresholds_m[t]), y(share), colour_of(i),
                                html_escape(r.resolved.scenario->name), percent(share),
                                metrics::threshold_label(r.resolved.thresholds_m[t]));
        }
        svg += fmt::format("<polyline class=\"coverage-series\" data-scenario=\"{}\" fill=\"none\" stroke=\"{}\" "
                           "stroke-width=\"2\" points=\"{}\"/>{}",
                           html_escape(r.resolved.scenario->id), colour_of(i), points, dots);
        svg += fmt::format("<rect x=\"{}\" y=\"{:.1f}\" width=\"10\" height=\"10\" fill=\"{}\"/><text x=\"{}\" "
                           "y=\"{:.1f}\" class=\"legend\">{}</text>",
                           width - 140.0, pad_top + 16.0 * static_cast<double>(i), colour_of(i), width - 126.0,
                           pad_top + 9 + 16.0 * static_cast<double>(i),
                           html_escape(r.resolved.scenario->id));
    }
    return svg + "</svg>";
}

std::string k_curve_chart(const KCurve& curve) {
    std::map<double, std::vector<KCurvePoint>> by_threshold;
    int max_sites = 1;
    for (const auto& p : curve.points) {
        by_threshold[p.threshold_m].push_back(p);
        max_sites = std::max(max_sites, p.sites);
    }
    const double width = 640.0;
    const double height = 320.0;
    const double pad_left = 48.0;
    const double pad_bottom = 36.0;
    const double pad_top = 12.0;
    auto x = [&](double k) { return pad_left + (width - pad_left - 110.0) * k / max_sites; };
    auto y = [&](double share) { return pad_top + (height - pad_top - pad_bottom) * (1.0 - share); };
    std::string svg = fmt::format("<svg id=\"k-curve-chart\" class=\"chart\" viewBox=\"0 0 {} {}\" role=\"img\" "
                                  "aria-label=\"Best coverage for each number of sites\">",
                                  width, height);
    for (int pct = 0; pct <= 100; pct += 20) {
        svg += fmt::format("<line class=\"grid\" x1=\"{}\" x2=\"{}\" y1=\"{:.1f}\" y2=\"{:.1f}\"/><text x=\"{}\" "
                           "y=\"{:.1f}\" class=\"axis\" text-anchor=\"end\">{} %</text>",
                           pad_left, width - 110.0, y(pct / 100.0), y(pct / 100.0), pad_left - 4,
                           y(pct / 100.0) + 4, pct);
    }
    for (int k = 0; k <= max_sites; k += std::max(1, max_sites / 8)) {
        svg += fmt::format("<text x=\"{:.1f}\" y=\"{}\" class=\"axis\" text-anchor=\"middle\">{}</text>", x(k),
                           height - pad_bottom + 16, k);
    }
    svg += fmt::format("<text x=\"{:.1f}\" y=\"{}\" class=\"axis\" text-anchor=\"middle\">number of sites kept "
                       "(best choice)</text>",
                       x(max_sites / 2.0), height - 4);
    for (const auto& [k, label] : curve.marks) {
        svg += fmt::format("<line class=\"mark\" x1=\"{0:.1f}\" x2=\"{0:.1f}\" y1=\"{1}\" y2=\"{2:.1f}\"/><text "
                           "x=\"{3:.1f}\" y=\"{4}\" class=\"axis\">{5}</text>",
                           x(k), pad_top, height - pad_bottom, x(k) + 3, pad_top + 10, html_escape(label));
    }
    std::size_t i = 0;
    for (const auto& [threshold, points] : by_threshold) {
        std::string line;
        for (const auto& p : points) {
            line += fmt::format("{}{:.1f},{:.1f}", line.empty() ? "" : " ", x(p.sites), y(p.share));
        }
        svg += fmt::format("<polyline class=\"series\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\" "
                           "points=\"{}\"/><text x=\"{}\" y=\"{:.1f}\" class=\"legend\" fill=\"{}\">within {}</text>",
                           colour_of(i), line, width - 104.0, pad_top + 9 + 16.0 * static_cast<double>(i),
                           colour_of(i), metrics::threshold_label(threshold));
        ++i;
    }
    return svg + "</svg>";
}

std::string legend_html(const std::vector<Range>& ranges) {
    std::string html;
    for (const auto& r : ranges) {
        html += fmt::format("<span class=\"key\"><i style=\"background:{}\"></i>{}</span>", rgb(r.colour),
                            html_escape(r.label));
    }
    return html;
}

std::string lost_tables(const analysis::ScenarioResult& result) {
    const auto& change = result.changes.front();
    std::string html;
    for (const auto& breakdown : change.lost_by) {
        if (breakdown.name != "district" && breakdown.name != "idaci_decile") {
            continue;
        }
        const bool district = breakdown.name == "district";
        html += fmt::format("<table class=\"small lost\"><caption>Under-5s who lose a centre within {} by {}"
                            "</caption><thead><tr><th>{}</th><th>lose</th></tr></thead><tbody>",
                            metrics::threshold_label(change.threshold_m),
                            district ? "district" : "IDACI decile (1 = most deprived)",
                            district ? "district" : "IDACI decile");
        for (const auto& group : breakdown.groups) {
            html += fmt::format("<tr><td>{}</td><td class=\"n\">{}</td></tr>", html_escape(group.label),
                                with_commas(group.covered.front()));
        }
        html += "</tbody></table>";
    }
    return html;
}

const char* const style_sheet = R"css(
body { font: 15px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 1100px; padding: 0 1em 3em; color: #222; }
h1 { margin-bottom: 0.2em; } h2 { border-bottom: 1px solid #ccc; padding-bottom: 0.2em; margin-top: 1.8em; }
table { border-collapse: collapse; margin: 0.6em 0; } th, td { padding: 0.2em 0.6em; border-bottom: 1px solid #e4e4e4; text-align: left; }
td.n, th.n { text-align: right; } table.small { font-size: 13px; } table.lost { display: inline-table; vertical-align: top; margin-right: 2em; }
caption { text-align: left; font-weight: 600; padding-bottom: 0.3em; }
.caveat { background: #fff6e0; border-left: 4px solid #e6ab02; padding: 0.5em 1em; }
#map { height: 620px; border: 1px solid #bbb; } .controls { margin: 0.5em 0; }
.key { display: inline-block; margin-right: 1em; font-size: 13px; } .key i { display: inline-block; width: 14px; height: 14px; margin-right: 4px; vertical-align: -2px; }
svg.chart { width: 100%; max-width: 680px; height: auto; } .grid { stroke: #e4e4e4; } .mark { stroke: #999; stroke-dasharray: 4 3; }
.axis, .legend { font-size: 11px; fill: #444; }
svg.static-map { width: 100%; max-width: 900px; height: auto; border: 1px solid #ddd; background: #f4f8fb; }
@media print { #interactive, .controls { display: none; } details { display: block; } details > summary { display: none; } details:not([open]) > * { display: block; } section { break-inside: avoid; } }
)css";

// Runs before anything else: counts errors (scripts, failed resources) and
// alerts, so a browser test can read them off the page.
const char* const error_capture = R"js(
(function () {
  var root = document.documentElement;
  var errors = 0;
  function note(what) { errors += 1; root.setAttribute('data-errors', String(errors)); root.setAttribute('data-last-error', String(what).slice(0, 300)); }
  root.setAttribute('data-errors', '0');
  window.addEventListener('error', function (e) { note(e.message || (e.target && (e.target.src || e.target.href)) || 'error'); }, true);
  window.addEventListener('unhandledrejection', function (e) { note(e.reason); });
  var original = console.error;
  console.error = function () { note(Array.prototype.join.call(arguments, ' ')); return original.apply(console, arguments); };
  window.alert = function () { root.setAttribute('data-alerted', '1'); };
})();
)js";

const char* const application = R"js(
(function () {
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var map = L.map('map', { preferCanvas: true, zoomSnap: 0.25 });
  var current = 0;
  var mode = 'distance';
  function colour(ranges, value) {
    if (value === null || value === undefined) { return '#bbbbbb'; }
    for (var i = 0; i < ranges.length; i++) { if (value >= ranges[i].lower && value < ranges[i].upper) { return ranges[i].colour; } }
    return ranges[ranges.length - 1].colour;
  }
  function text(tag, content) { var e = document.createElement(tag); e.textContent = content; return e; }
  function popup(lines) { var div = document.createElement('div'); lines.forEach(function (l, i) { div.appendChild(text(i === 0 ? 'strong' : 'div', l)); }); return div; }
  var areas = L.geoJSON({ type: 'FeatureCollection', features: data.areas.map(function (a, i) {
      return { type: 'Feature', properties: { index: i }, geometry: { type: 'MultiPolygon', coordinates: a.geometry } };
    }) }, {
    style: function (feature) {
      var s = data.scenarios[current];
      var value = mode === 'distance' ? s.distance[feature.properties.index] : s.change[feature.properties.index];
      return { fillColor: colour(mode === 'distance' ? data.distance_ranges : data.change_ranges, value), fillOpacity: 0.75, color: '#ffffff', weight: 0.5 };
    },
    onEachFeature: function (feature, layer) {
      layer.bindPopup(function () {
        var a = data.areas[feature.properties.index];
        var s = data.scenarios[current];
        var d = s.distance[feature.properties.index];
        var c = s.change[feature.properties.index];
        return popup([a.name + ' (' + a.code + ')', a.district, a.under5 + ' under-5s, IDACI decile ' + a.idaci,
                      'nearest centre: ' + (d === null ? 'none reachable' : (d / 1000).toFixed(1) + ' km'),
                      'change from ' + s.base + ': ' + (c === null ? 'n/a' : (c / 1000).toFixed(1) + ' km')]);
      });
    }
  }).addTo(map);
  var sites = L.layerGroup().addTo(map);
  var reach = L.layerGroup();
  var bands = L.layerGroup();
  var tiles = L.tileLayer('https://tile.openstreetmap.org/{z}/{x}/{y}.png', { attribution: '&copy; OpenStreetMap contributors', maxZoom: 18 });
  function polygon(coordinates, style) {
    return L.geoJSON({ type: 'Feature', properties: {}, geometry: { type: 'MultiPolygon', coordinates: coordinates } }, { style: style, interactive: false });
  }
  function show(index) {
    current = index;
    var s = data.scenarios[index];
    areas.setStyle(areas.options.style);
    sites.clearLayers(); reach.clearLayers(); bands.clearLayers();
    s.sites.forEach(function (site) {
      if (site.lat === null) { return; }
      var style = data.fates[site.category] || data.fates.candidate;
      var marker = L.circleMarker([site.lat, site.lon], { radius: site.kind === 'library' ? 4 : 6, color: '#222', weight: 1, fillColor: style.colour, fillOpacity: 1 });
      marker.bindPopup(popup([site.name, site.kind + ': ' + site.fate, 'placed by ' + site.precision + (site.uncertainty_m ? ' (within about ' + site.uncertainty_m + ' m)' : '')]));
      marker.addTo(sites);
      if (site.category === 'closed') {
        L.polyline([[site.lat - 0.004, site.lon - 0.006], [site.lat + 0.004, site.lon + 0.006]], { color: style.colour, weight: 2 }).addTo(sites);
        L.polyline([[site.lat + 0.004, site.lon - 0.006], [site.lat - 0.004, site.lon + 0.006]], { color: style.colour, weight: 2 }).addTo(sites);
      }
    });
    s.reach.forEach(function (r, i) {
      polygon(r.geometry, { fill: false, color: '#333', weight: 1.5, dashArray: '4 3' }).addTo(reach);
    });
    s.bands.forEach(function (key) {
      var shapes = data.bands[key];
      shapes.forEach(function (b, i) {
        polygon(b.geometry, { fillColor: '#3182bd', fillOpacity: 0.08 + 0.05 * (shapes.length - i), color: '#3182bd', weight: 0.6 }).addTo(bands);
      });
    });
    document.getElementById('scenario-note').textContent = s.name + ' - ' + s.headline;
    document.body.setAttribute('data-scenario', s.id);
    document.body.setAttribute('data-site-markers', String(sites.getLayers().length));
  }
  L.control.layers(null, { 'Reach areas (nearest centre)': reach, 'Distance bands': bands, 'Base map (OpenStreetMap; needs internet)': tiles }, { collapsed: false }).addTo(map);
  var select = document.getElementById('scenario-select');
  data.scenarios.forEach(function (s, i) { var o = document.createElement('option'); o.value = String(i); o.textContent = s.name; select.appendChild(o); });
  select.addEventListener('change', function () { show(Number(select.value)); });
  Array.prototype.forEach.call(document.querySelectorAll('input[name=colour-by]'), function (input) {
    input.addEventListener('change', function () { mode = input.value; areas.setStyle(areas.options.style);
      document.getElementById('legend-distance').hidden = mode !== 'distance'; document.getElementById('legend-change').hidden = mode !== 'change'; });
  });
  map.fitBounds(areas.getBounds());
  show(0);
  document.body.setAttribute('data-map-areas', String(areas.getLayers().length));
  document.body.setAttribute('data-map-ready', '1');
})();
)js";

}  // namespace

std::string html_report(const ReportInputs& in) {
    const auto& study = in.study;
    const auto& run = in.run;
    // The scenarios drawn (all but in a very large file; every one is in comparison.csv and .md).
    const std::span<const analysis::ScenarioResult> shown(run.results.data(),
                                                          std::min(run.results.size(), in.catchments.scenarios.size()));
    const io::Transformer& to_wgs84 = io::bng_to_wgs84();

    // Data for the interactive map: areas once, then per scenario the values and sites.
    ordered_json data;
    std::vector<std::size_t> family_of_area;
    ordered_json areas = ordered_json::array();
    std::vector<geom::Geometry> simplified;
    for (std::size_t f = 0; f < study.families.points.size(); ++f) {
        const auto& family = study.families.points[f];
        const auto found = study.families.boundaries.find(family.lsoa_code);
        if (found == study.families.boundaries.end()) {
            continue;
        }
        family_of_area.push_back(f);
        simplified.push_back(geom::simplify(found->second.get(), 25.0));
        areas.push_back({{"code", family.lsoa_code},
                         {"name", family.lsoa_name},
                         {"district", family.district_name},
                         {"under5", family.under5},
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
    data["distance_ranges"] = ranges_json(distance_ranges());
    data["change_ranges"] = ranges_json(change_ranges());
    ordered_json fates = ordered_json::object();
    for (const auto& c : fate_categories()) {
        fates[c.value] = {{"label", c.label}, {"colour", rgb(c.colour)}};
    }
    data["fates"] = fates;

    ordered_json band_shapes = ordered_json::object();
    ordered_json scenarios = ordered_json::array();
    for (std::size_t s = 0; s < shown.size(); ++s) {
        const auto& result = shown[s];
        const auto& r = result.resolved;
        const auto& catchments = in.catchments.scenarios[s];
        ordered_json scenario;
        scenario["id"] = r.scenario->id;
        scenario["name"] = r.scenario->name;
        scenario["base"] = r.base_id;
        scenario["headline"] = fmt::format("{} of under-5s within {} of a centre; {} lose and {} gain against {}",
                                           percent(result.coverage.total.share_covered(0)),
                                           metrics::threshold_label(r.thresholds_m.front()),
                                           with_commas(result.changes.front().lost),
                                           with_commas(result.changes.front().gained), r.base_id);
        ordered_json distance = ordered_json::array();
        ordered_json change = ordered_json::array();
        for (const std::size_t f : family_of_area) {
            const double now = result.nearest[f].metres;
            const double before = result.base_distance_m[f];
            distance.push_back(std::isfinite(now) ? ordered_json(std::round(now)) : ordered_json(nullptr));
            change.push_back(std::isfinite(now) && std::isfinite(before) ? ordered_json(std::round(now - before))
                                                                          : ordered_json(nullptr));
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
            } else {
                entry["lat"] = nullptr;
                entry["lon"] = nullptr;
            }
            sites.push_back(std::move(entry));
        }
        scenario["sites"] = std::move(sites);
        ordered_json reach = ordered_json::array();
        for (const auto& area : catchments.reach) {
            const auto thin = geom::simplify(area.area.get(), 25.0);
            reach.push_back({{"site", area.site}, {"under5", area.under5},
                             {"geometry", wgs84_coordinates(thin.get(), to_wgs84)}});
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
                    const auto thin = geom::simplify(band->area.get(), 25.0);
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

    // Static maps for print: each area's outline defined once, coloured per scenario.
    const Box box = box_of(in.catchments.land.get());
    const double scale = 900.0 / std::max(box.width, 1.0);
    const double svg_height = box.height * scale;
    std::string defs = fmt::format("<svg width=\"0\" height=\"0\" style=\"position:absolute\" aria-hidden=\"true\"><defs>");
    for (std::size_t a = 0; a < simplified.size(); ++a) {
        const auto print = geom::simplify(simplified[a].get(), 80.0);
        defs += fmt::format("<path id=\"area-{}\" d=\"{}\"/>", a, svg_path(print.get(), box.left, box.top, scale));
    }
    defs += "</defs></svg>";

    const std::string file_name = in.file.path.filename().string();
    std::string html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    html += "<title>centrecov: " + html_escape(file_name) + "</title>\n";
    html += "<script>" + std::string(error_capture) + "</script>\n";
    html += "<style>" + std::string(assets::leaflet_css) + "</style>\n<style>" + style_sheet + "</style>\n";
    html += "</head>\n<body>\n";
    html += "<header><h1>Children's centres: who can reach one</h1>\n";
    html += fmt::format("<p>Scenarios from <code>{}</code>, {} of them; distances: {}. Made by centrecov {}.</p>"
                        "</header>\n",
                        html_escape(file_name), run.results.size(), html_escape(run.distance_label),
                        html_escape(version_string));
    if (shown.size() < run.results.size()) {
        html += fmt::format("<p class=\"note\">This report shows the first {} scenarios of the file's {} (set "
                            "<code>--maps-for</code> to show more); every scenario is in "
                            "<code>comparison.md</code> and <code>comparison.csv</code>, and has its own folder.</p>\n",
                            shown.size(), run.results.size());
    }
    html += "<nav><a href=\"#comparison\">Comparison</a> &middot; <a href=\"#charts\">Charts</a> &middot; <a "
            "href=\"#interactive\">Map</a> &middot; <a href=\"#static-maps\">Printable maps</a> &middot; <a "
            "href=\"#scenarios\">Each scenario</a> &middot; <a href=\"#about\">Data and method</a></nav>\n";

    // Comparison.
    html += "<section id=\"comparison\"><h2>Scenarios compared</h2>\n<table id=\"comparison-table\"><thead><tr>"
            "<th>scenario</th><th class=\"n\">centres</th><th class=\"n\">library bases</th><th class=\"n\">annual "
            "cost</th>";
    const auto& first_thresholds = run.results.front().resolved.thresholds_m;
    for (const double t : first_thresholds) {
        html += "<th class=\"n\">within " + metrics::threshold_label(t) + "</th>";
    }
    html += "<th class=\"n\">lose</th><th class=\"n\">gain</th><th class=\"n\">median distance</th></tr></thead><tbody>";
    for (const auto& result : shown) {
        const auto& r = result.resolved;
        html += fmt::format("<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>",
                            html_escape(r.scenario->name), r.open.size(), r.library_bases.size(),
                            r.cost ? "&pound;" + with_commas(std::llround(*r.cost)) : "n/a");
        for (std::size_t t = 0; t < first_thresholds.size(); ++t) {
            const bool same = t < r.thresholds_m.size() && r.thresholds_m[t] == first_thresholds[t];
            html += "<td class=\"n\">" + (same ? percent(result.coverage.total.share_covered(t)) : "-") + "</td>";
        }
        html += fmt::format("<td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
                            with_commas(result.changes.front().lost), with_commas(result.changes.front().gained),
                            kilometres(result.coverage.total.median_m));
    }
    html += "</tbody></table>\n<p>'lose' and 'gain': under-5s who move out of (or into) reach of a centre within " +
            metrics::threshold_label(first_thresholds.front()) +
            ", against the scenario each starts from.</p></section>\n";

    // Charts.
    html += "<section id=\"charts\"><h2>Coverage against distance</h2>\n" + coverage_chart(shown);
    if (in.k_curve && !in.k_curve->points.empty()) {
        html += "<h2>The best choice of sites for each number kept</h2>\n<p>From <code>centrecov optimise "
                "--k-curve</code>: the most under-5s any choice of that many centres keeps within each "
                "distance.</p>\n" +
                k_curve_chart(*in.k_curve);
    }
    html += "</section>\n";

    // Interactive map.
    html += "<section id=\"interactive\"><h2>Map</h2>\n<div class=\"controls\"><label>Scenario <select "
            "id=\"scenario-select\"></select></label> &nbsp; Colour areas by <label><input type=\"radio\" "
            "name=\"colour-by\" value=\"distance\" checked> distance</label> <label><input type=\"radio\" "
            "name=\"colour-by\" value=\"change\"> change from the base</label></div>\n";
    html += "<p id=\"scenario-note\"></p><div id=\"map\"></div>\n";
    html += "<p id=\"legend-distance\">" + legend_html(distance_ranges()) + "</p><p id=\"legend-change\" hidden>" +
            legend_html(change_ranges()) + "</p>\n";
    html += "<p class=\"small\">Sites: circles coloured by what the scenario does to them; a closed centre is "
            "crossed out. Distance bands: " +
            html_escape(in.catchments.band_method) + ". The base map loads only when you tick it (it needs "
                                                     "internet).</p></section>\n";

    // Static maps.
    html += "<section id=\"static-maps\"><h2>Printable maps</h2>\n" + defs;
    for (std::size_t s = 0; s < shown.size(); ++s) {
        const auto& result = shown[s];
        std::string svg = fmt::format("<svg class=\"static-map\" id=\"static-map-{}\" viewBox=\"0 0 900 {:.0f}\" "
                                      "role=\"img\" aria-label=\"{}\">",
                                      s, svg_height, html_escape(result.resolved.scenario->name));
        for (std::size_t a = 0; a < family_of_area.size(); ++a) {
            svg += fmt::format("<use href=\"#area-{}\" fill=\"{}\" stroke=\"#fff\" stroke-width=\"0.3\"/>", a,
                               range_colour(distance_ranges(), result.nearest[family_of_area[a]].metres));
        }
        for (const Site* site : study.all_sites()) {
            if (!site->location.point) {
                continue;
            }
            const SiteFate fate = site_fate(result, study, *site);
            if (fate.fate == scenario::Fate::candidate) {
                continue;
            }
            const double x = (site->location.point->x - box.left) * scale;
            const double y = (box.top - site->location.point->y) * scale;
            const std::string title = "<title>" + html_escape(site->name) + ": " + html_escape(fate.role) + "</title>";
            if (fate.fate == scenario::Fate::closed) {
                svg += fmt::format("<g class=\"site closed\" stroke=\"#d7301f\" stroke-width=\"2\">{}<line x1=\"{:.1f}\" "
                                   "y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\"/><line x1=\"{:.1f}\" y1=\"{:.1f}\" "
                                   "x2=\"{:.1f}\" y2=\"{:.1f}\"/></g>",
                                   title, x - 4, y - 4, x + 4, y + 4, x - 4, y + 4, x + 4, y - 4);
            } else {
                svg += fmt::format("<circle class=\"site\" cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"4\" fill=\"{}\" "
                                   "stroke=\"#222\" stroke-width=\"0.8\">{}</circle>",
                                   x, y, rgb(fate_category(fate.fate).colour), title);
            }
        }
        svg += "</svg>";
        html += fmt::format("<details{}><summary>{}</summary><h3>{}</h3>{}<p>{}</p></details>\n",
                            s == 0 ? " open" : "", html_escape(result.resolved.scenario->name),
                            html_escape(result.resolved.scenario->name), svg, legend_html(distance_ranges()));
    }
    html += "</section>\n";

    // Each scenario.
    html += "<section id=\"scenarios\"><h2>Each scenario</h2>\n";
    for (const auto& result : shown) {
        const auto& r = result.resolved;
        html += "<article class=\"scenario\" id=\"scenario-" + html_escape(r.scenario->id) + "\"><h3>" +
                html_escape(r.scenario->name) + "</h3>\n";
        if (!r.scenario->description.empty()) {
            html += "<p>" + html_escape(r.scenario->description) + "</p>\n";
        }
        for (const auto& list : {&r.notes, &r.rule_notes, &result.warnings}) {
            for (const auto& note : *list) {
                html += "<p class=\"caveat\">" + html_escape(note) + "</p>\n";
            }
        }
        html += "<ul>";
        html += fmt::format("<li>{} centres open{}{}; annual cost {}.</li>", r.open.size(),
                            r.moved.empty() ? std::string() : fmt::format(", {} of them in libraries", r.moved.size()),
                            r.library_bases.empty() ? std::string()
                                                    : fmt::format(", and {} new bases in libraries", r.library_bases.size()),
                            r.cost ? "&pound;" + with_commas(std::llround(*r.cost)) : std::string("not stated"));
        for (std::size_t t = 0; t < r.thresholds_m.size(); ++t) {
            html += fmt::format("<li>Within {}: {} of under-5s ({}); {} lose and {} gain against <code>{}</code>.</li>",
                                metrics::threshold_label(r.thresholds_m[t]),
                                percent(result.coverage.total.share_covered(t)),
                                with_commas(result.coverage.total.covered[t]), with_commas(result.changes[t].lost),
                                with_commas(result.changes[t].gained), html_escape(r.base_id));
        }
        html += "</ul>\n";
        if (result.changes.front().lost > 0) {
            html += lost_tables(result);
        }
        if (!result.closed.empty()) {
            html += "<p>Closures that leave the most under-5s beyond " +
                    metrics::threshold_label(r.thresholds_m.front()) + ":</p><ul>";
            auto closed = result.closed;
            std::stable_sort(closed.begin(), closed.end(),
                             [](const auto& a, const auto& b) { return a.left_beyond[0] > b.left_beyond[0]; });
            for (std::size_t i = 0; i < closed.size() && i < 5; ++i) {
                const Site& site = scenario::service_site(closed[i].point, study.centres, study.libraries);
                html += fmt::format("<li>{}: {} under-5s (placed by {})</li>", html_escape(site.name),
                                    with_commas(closed[i].left_beyond[0]),
                                    html_escape(std::string(to_string(site.location.precision))));
            }
            html += "</ul>\n";
        }
        html += "</article>\n";
    }
    html += "</section>\n";

    // About.
    html += "<section id=\"about\"><h2>Data and method</h2>\n";
    html += "<p class=\"caveat\">" + html_escape(centre_precision_sentence(study.centres)) +
            " A centre placed by town stands at the town's point, so it appears to serve the whole town equally; "
            "read the numbers with each site's precision in mind. Distances: " +
            html_escape(run.distance_label) + ".</p>\n";
    if (run.network && !run.network->near_misses.empty()) {
        html += fmt::format("<p class=\"caveat\">The road file has {} near misses: dead ends within {:.0f} m of a road "
                            "they do not join, which is at least {:.0f} m away along the roads (as where a file cuts "
                            "roads at a railway). {}</p>\n",
                            run.network->near_misses.size(), run.network->near_miss.gap_m,
                            run.network->near_miss.min_detour_m,
                            run.network->near_misses_joined
                                ? "They were joined across their gaps (--join-near-misses), a stated repair."
                                : "They were left as they are; families beyond them are measured the long way round.");
    }
    html += precision_summary(study);
    html += "<details><summary>Every site and how it was placed</summary>" + sites_table(study) + "</details>\n";
    html += "<p>Inputs: ";
    const auto& manifest = in.inputs.study;
    std::vector<std::string> names{in.inputs.centres.filename().string(), in.inputs.libraries.filename().string()};
    html += html_escape(fmt::format("{}", fmt::join(names, ", "))) + "; families: under-5s per LSOA at "
            "population-weighted centroids (ONS), deprivation from the English Indices of Deprivation " +
            html_escape(manifest.columns.deprivation.edition) + ". Study: " + html_escape(manifest.title) +
            ", data directory <code>" + html_escape(manifest.root.string()) + "</code>.</p>\n";
    html += "<p>" + html_escape(attribution) + "</p></section>\n";

    html += "<script type=\"application/json\" id=\"report-data\">" + script_safe_json(data.dump()) + "</script>\n";
    html += "<script>" + std::string(assets::leaflet_js) + "</script>\n";
    html += "<script>" + std::string(application) + "</script>\n";
    html += "</body>\n</html>\n";
    return html;
}

}  // namespace centrecov::report
