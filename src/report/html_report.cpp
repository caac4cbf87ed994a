#include "report/html_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "io/table.hpp"
#include "metrics/coverage.hpp"
#include "report/format.hpp"
#include "report/report_view.hpp"
#include "report/styles.hpp"

namespace centrecov::report {

// Embedded at build time (src/CMakeLists.txt, cmake/embed.cmake).
namespace assets {
extern const std::string_view leaflet_js;
extern const std::string_view leaflet_css;
extern const std::string_view page_html;
extern const std::string_view report_css;
extern const std::string_view capture_errors_js;
extern const std::string_view report_js;
extern const std::string_view draws_js;
extern const std::string_view planner_js;
}  // namespace assets

const PageAssets& embedded_page_assets() {
    static const PageAssets page{assets::page_html,  assets::report_css, assets::capture_errors_js,
                                 assets::report_js,  assets::draws_js,   assets::planner_js,
                                 assets::leaflet_css, assets::leaflet_js};
    return page;
}

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

const char* const palette[] = {"#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e",
                               "#e6ab02", "#a6761d", "#666666", "#1f78b4", "#b15928"};

std::string rgb_text(Rgb c) { return fmt::format("rgb({},{},{})", c.r, c.g, c.b); }

std::string colour_of(std::size_t i) { return palette[i % std::size(palette)]; }

// A wide table scrolls inside its own box on a narrow screen, not the page; the box takes focus
// so that it can be scrolled from the keyboard.
std::string scroll_box(const std::string& label, const std::string& table) {
    return "<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"" + html_escape(label) + "\">" +
           table + "</div>";
}

std::string cell(const std::string& text) { return "<td>" + html_escape(text) + "</td>"; }
std::string number_cell(const std::string& text) { return "<td class=\"n\">" + html_escape(text) + "</td>"; }

// Money as the page writes it: the pound sign as an entity.
std::string money(const std::string& text) {
    return text.starts_with("£") ? "&pound;" + html_escape(text.substr(std::string("£").size())) : html_escape(text);
}

std::string precision_table(const std::vector<PrecisionCount>& counts) {
    std::string html = "<table class=\"small\"><thead><tr><th>placed by</th><th>centres</th><th>libraries</th>"
                       "</tr></thead><tbody>";
    for (const auto& c : counts) {
        html += "<tr>" + cell(c.precision) + number_cell(std::to_string(c.centres)) +
                number_cell(std::to_string(c.libraries)) + "</tr>";
    }
    return scroll_box("How the sites were placed", html + "</tbody></table>");
}

std::string sites_table(const std::vector<SiteRow>& rows) {
    std::string html = "<table id=\"site-list\" class=\"small\"><thead><tr><th>site</th><th>kind</th><th>placed "
                       "by</th><th>uncertainty</th><th>evidence</th></tr></thead><tbody>";
    for (const auto& row : rows) {
        html += "<tr>" + cell(row.name) + cell(row.kind) + cell(row.precision) + number_cell(row.uncertainty) +
                cell(row.evidence) + "</tr>";
    }
    return scroll_box("Every site and how it was placed", html + "</tbody></table>");
}

// Words into at most `count` lines of at most `width` characters; what does not fit ends in "...".
std::vector<std::string> title_lines(const std::string& text, std::size_t width, std::size_t count) {
    std::vector<std::string> lines(1);
    std::size_t at = 0;
    bool cut = false;
    while (at < text.size()) {
        const std::size_t space = text.find(' ', at);
        const std::string word = text.substr(at, space == std::string::npos ? std::string::npos : space - at);
        at = space == std::string::npos ? text.size() : space + 1;
        std::string& line = lines.back();
        if (line.empty() || line.size() + 1 + word.size() <= width) {
            line += (line.empty() ? "" : " ") + word;
            continue;
        }
        if (lines.size() == count) {
            cut = true;
            break;
        }
        lines.push_back(word);
    }
    for (auto& line : lines) {
        if (line.size() > width) {
            line = line.substr(0, width - 3);
            cut = true;
        }
    }
    if (cut) {
        std::string& last = lines.back();
        last = last.substr(0, std::min(last.size(), width - 3)) + "...";
    }
    return lines;
}

// Coverage against distance as small multiples: one panel per scenario, its line in colour over
// the first scenario's in grey, so eight scenarios never sit on top of each other.
std::string coverage_chart(const std::vector<ChartSeries>& series) {
    constexpr std::size_t columns = 4;
    const double panel_width = 170.0;
    const double panel_height = 150.0;
    const double pad_left = 40.0;
    const double pad_right = 12.0;
    const double pad_top = 30.0;
    const double pad_bottom = 24.0;
    const std::size_t rows = (series.size() + columns - 1) / columns;
    const double width = panel_width * static_cast<double>(columns);
    const double height = panel_height * static_cast<double>(std::max<std::size_t>(rows, 1)) + 30.0;
    double max_t = 0.0;
    for (const auto& s : series) {
        for (const auto& [t, share] : s.points) {
            max_t = std::max(max_t, t);
        }
    }
    max_t = std::max(max_t, 1.0);
    std::string svg = fmt::format(
        "<svg id=\"coverage-chart\" class=\"chart\" viewBox=\"0 0 {} {}\" role=\"img\" "
        "aria-label=\"Share of under-5s within each distance of a centre: one panel per scenario, the first "
        "scenario in grey in each\">",
        width, height);
    auto line_of = [&](const ChartSeries& s, double left, double top) {
        auto x = [&](double t) { return left + pad_left + (panel_width - pad_left - pad_right) * t / max_t; };
        auto y = [&](double share) { return top + pad_top + (panel_height - pad_top - pad_bottom) * (1.0 - share); };
        std::string points = fmt::format("{:.1f},{:.1f}", x(0), y(0));
        for (const auto& [t, share] : s.points) {
            points += fmt::format(" {:.1f},{:.1f}", x(t), y(share));
        }
        return points;
    };
    for (std::size_t i = 0; i < series.size(); ++i) {
        const auto& s = series[i];
        const double left = panel_width * static_cast<double>(i % columns);
        const double top = panel_height * static_cast<double>(i / columns);
        auto x = [&](double t) { return left + pad_left + (panel_width - pad_left - pad_right) * t / max_t; };
        auto y = [&](double share) { return top + pad_top + (panel_height - pad_top - pad_bottom) * (1.0 - share); };
        // A panel is 170 wide: a long name takes two lines and is cut after them (in full in the
        // panel's tooltip and the tables), so that neighbouring titles never run into each other.
        svg += fmt::format("<g class=\"panel\"><title>{}</title>", html_escape(s.name));
        const auto lines = title_lines(s.name, 26, 2);
        for (std::size_t l = 0; l < lines.size(); ++l) {
            svg += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" class=\"legend panel-title\" font-size=\"9\" "
                               "font-weight=\"600\">{}</text>",
                               left + 8.0, top + 10.0 + 10.0 * static_cast<double>(l), html_escape(lines[l]));
        }
        for (const int pct : {0, 50, 100}) {
            svg += fmt::format("<line class=\"grid\" x1=\"{:.1f}\" x2=\"{:.1f}\" y1=\"{:.1f}\" y2=\"{:.1f}\"/><text "
                               "x=\"{:.1f}\" y=\"{:.1f}\" class=\"axis\" text-anchor=\"end\">{} %</text>",
                               x(0), x(max_t), y(pct / 100.0), y(pct / 100.0), x(0) - 3, y(pct / 100.0) + 4, pct);
        }
        if (!s.points.empty()) {
            for (const double t : {s.points.front().first, s.points.back().first}) {
                svg += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" class=\"axis\" text-anchor=\"middle\">{}</text>",
                                   x(t), top + panel_height - 8.0, metrics::threshold_label(t));
            }
        }
        if (i > 0) {
            svg += fmt::format("<polyline class=\"reference\" fill=\"none\" stroke=\"#bbbbbb\" stroke-width=\"2\" "
                               "points=\"{}\"/>",
                               line_of(series.front(), left, top));
        }
        std::string dots;
        // Each share's 90 % range, as a bar behind its dot.
        for (std::size_t k = 0; k < s.ranges.size() && k < s.points.size(); ++k) {
            const double t = s.points[k].first;
            dots += fmt::format("<line class=\"range\" x1=\"{:.1f}\" x2=\"{:.1f}\" y1=\"{:.1f}\" y2=\"{:.1f}\" "
                                "stroke=\"{}\" stroke-width=\"4\" stroke-opacity=\"0.35\"><title>{}: {:.1f}-{:.1f} % "
                                "within {} (90 % of the uncertainty draws)</title></line>",
                                x(t), x(t), y(s.ranges[k].first), y(s.ranges[k].second), colour_of(i),
                                html_escape(s.name), 100.0 * s.ranges[k].first, 100.0 * s.ranges[k].second,
                                metrics::threshold_label(t));
        }
        for (const auto& [t, share] : s.points) {
            dots += fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"2.5\" fill=\"{}\"><title>{}: {} within "
                                "{}</title></circle>",
                                x(t), y(share), colour_of(i), html_escape(s.name), percent(share),
                                metrics::threshold_label(t));
        }
        svg += fmt::format("<polyline class=\"coverage-series\" data-scenario=\"{}\" fill=\"none\" stroke=\"{}\" "
                           "stroke-width=\"2\" points=\"{}\"/>{}</g>",
                           html_escape(s.id), colour_of(i), line_of(s, left, top), dots);
    }
    if (series.size() > 1) {
        svg += fmt::format("<text x=\"8\" y=\"{:.1f}\" class=\"axis\">Grey in each panel: {}.</text><text x=\"8\" "
                           "y=\"{:.1f}\" class=\"axis\">Across: distance to the nearest centre; up: the share of "
                           "under-5s within it.</text>",
                           height - 16.0, html_escape(series.front().name), height - 3.0);
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
    // Marks in order of their number of sites; a label drops a line below the one before when
    // they would overlap, so "Sept 2018" and "Jan 2019 (15 bases)" can both be read.
    auto marks = curve.marks;
    std::stable_sort(marks.begin(), marks.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    double previous_end = -1e9;
    int row = 0;
    for (const auto& [k, label] : marks) {
        const double start = x(k) + 3;
        row = start < previous_end ? row + 1 : 0;
        previous_end = start + 5.5 * static_cast<double>(label.size());
        svg += fmt::format("<line class=\"mark\" x1=\"{0:.1f}\" x2=\"{0:.1f}\" y1=\"{1}\" y2=\"{2:.1f}\"/><text "
                           "x=\"{3:.1f}\" y=\"{4:.1f}\" class=\"axis mark-label\">{5}</text>",
                           x(k), pad_top, height - pad_bottom, start, pad_top + 10 + 12.0 * row, html_escape(label));
    }
    std::size_t i = 0;
    for (const auto& [threshold, points] : by_threshold) {
        std::string line;
        for (const auto& p : points) {
            line += fmt::format("{}{:.1f},{:.1f}", line.empty() ? "" : " ", x(p.sites), y(p.share));
        }
        // The key: a swatch of the line's colour and its distance.
        svg += fmt::format("<polyline class=\"series\" fill=\"none\" stroke=\"{0}\" stroke-width=\"2\" "
                           "points=\"{1}\"/><rect class=\"key-swatch\" x=\"{2}\" y=\"{3:.1f}\" width=\"14\" "
                           "height=\"3\" fill=\"{0}\"/><text x=\"{4}\" y=\"{5:.1f}\" class=\"legend\">within {6}</text>",
                           colour_of(i), line, width - 104.0, pad_top + 5 + 16.0 * static_cast<double>(i),
                           width - 86.0, pad_top + 9 + 16.0 * static_cast<double>(i),
                           metrics::threshold_label(threshold));
        ++i;
    }
    return svg + "</svg>";
}

std::string legend_html(const std::vector<LegendEntry>& legend) {
    std::string html;
    for (const auto& entry : legend) {
        // A drawn swatch (it prints without background graphics) with a dark outline (3:1 against
        // the page whatever the fill).
        html += fmt::format("<span class=\"key\"><svg class=\"swatch\" width=\"14\" height=\"14\" viewBox=\"0 0 14 "
                            "14\" aria-hidden=\"true\"><rect x=\"0.5\" y=\"0.5\" width=\"13\" height=\"13\" "
                            "fill=\"{}\" stroke=\"#333\"/></svg>{}</span>",
                            entry.colour, html_escape(entry.label));
    }
    return html;
}

std::string count_tables(const std::vector<CountTable>& tables) {
    std::string html;
    for (const auto& table : tables) {
        html += "<table class=\"small lost\"><caption>" + html_escape(table.caption) + "</caption><thead><tr><th>" +
                html_escape(table.heading) + "</th><th>lose</th></tr></thead><tbody>";
        for (const auto& [label, count] : table.rows) {
            html += "<tr>" + cell(label) + number_cell(count) + "</tr>";
        }
        html += "</tbody></table>";
    }
    return html;
}

std::string static_map_svg(const ReportView& view, std::size_t index) {
    const auto& map = view.static_maps[index];
    std::string svg = fmt::format("<svg class=\"static-map\" id=\"static-map-{}\" viewBox=\"0 0 900 {:.0f}\" "
                                  "role=\"img\" aria-label=\"{}\">",
                                  index, view.map_height, html_escape(map.name));
    for (std::size_t a = 0; a < map.area_colours.size(); ++a) {
        svg += fmt::format("<use href=\"#area-{}\" fill=\"{}\" stroke=\"#fff\" stroke-width=\"0.3\"/>", a,
                           map.area_colours[a]);
    }
    for (const auto& site : map.sites) {
        const std::string title = "<title>" + html_escape(site.title) + "</title>";
        if (site.closed) {
            // A dark cross over a wider white one: it shows on every fill, the darkest included.
            const std::string cross = fmt::format("M{:.1f} {:.1f}L{:.1f} {:.1f}M{:.1f} {:.1f}L{:.1f} {:.1f}", site.x - 4,
                                                  site.y - 4, site.x + 4, site.y + 4, site.x - 4, site.y + 4,
                                                  site.x + 4, site.y - 4);
            svg += fmt::format("<g class=\"site closed\">{}<path d=\"{}\" stroke=\"#fff\" stroke-width=\"4.5\" "
                               "stroke-linecap=\"square\"/><path d=\"{}\" stroke=\"{}\" stroke-width=\"2\"/></g>",
                               title, cross, cross, site.colour);
        } else {
            svg += fmt::format("<circle class=\"site\" cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"4\" fill=\"{}\" "
                               "stroke=\"#222\" stroke-width=\"0.8\">{}</circle>",
                               site.x, site.y, site.colour, title);
        }
    }
    return svg + "</svg>";
}

// The printable maps' symbols for sites, drawn as on the maps.
std::string site_key() {
    return "<span class=\"key\"><svg class=\"swatch\" width=\"14\" height=\"14\" viewBox=\"0 0 14 14\" "
           "aria-hidden=\"true\"><circle cx=\"7\" cy=\"7\" r=\"4\" fill=\"" +
           rgb_text(fate_category(scenario::Fate::open).colour) +
           "\" stroke=\"#222\" stroke-width=\"0.8\"/></svg>open site</span><span class=\"key\"><svg class=\"swatch\" "
           "width=\"14\" height=\"14\" viewBox=\"0 0 14 14\" aria-hidden=\"true\"><rect width=\"14\" height=\"14\" "
           "fill=\"" +
           rgb_text(sequential_colour(1.0)) +
           "\"/><path d=\"M3 3L11 11M3 11L11 3\" stroke=\"#fff\" stroke-width=\"4.5\" stroke-linecap=\"square\"/>"
           "<path d=\"M3 3L11 11M3 11L11 3\" stroke=\"" +
           rgb_text(fate_category(scenario::Fate::closed).colour) +
           "\" stroke-width=\"2\"/></svg>closed centre</span>";
}

std::string scenario_article(const ScenarioSection& s) {
    std::string html = "<article class=\"scenario\" id=\"scenario-" + html_escape(s.id) + "\"><h3>" +
                       html_escape(s.name) + "</h3>\n";
    if (!s.description.empty()) {
        html += "<p>" + html_escape(s.description) + "</p>\n";
    }
    for (const auto& caveat : s.caveats) {
        html += "<p class=\"caveat\">" + html_escape(caveat) + "</p>\n";
    }
    html += "<ul>";
    html += fmt::format("<li>{} centre{} open{}{}; annual cost {}.</li>", s.centres, s.centres == 1 ? "" : "s",
                        s.moved == 0 ? std::string() : fmt::format(", {} of them in libraries", s.moved),
                        s.library_bases == 0 ? std::string()
                                             : fmt::format(", and {} new bases in libraries", s.library_bases),
                        money(s.cost));
    for (const auto& t : s.thresholds) {
        html += fmt::format("<li>Within {}: {} of under-5s ({})", t.within, t.share, t.covered);
        html += s.base_name.empty() ? std::string(".</li>")
                                    : fmt::format("; {} lose and {} gain against {}.</li>", t.lost, t.gained,
                                                  html_escape(s.base_name));
    }
    html += "<li class=\"equity\">" + html_escape(s.equity) + "</li>";
    html += "</ul>\n" + count_tables(s.lost);
    if (!s.closures_heading.empty()) {
        html += "<p>" + html_escape(s.closures_heading) + "</p>";
    }
    if (!s.closures.empty()) {
        html += "<ul>";
        for (const auto& c : s.closures) {
            html += fmt::format("<li>{}: {} under-5s (placed by {})</li>", html_escape(c.site), c.left_beyond,
                                html_escape(c.precision));
        }
        html += "</ul>\n";
    }
    return html + "</article>\n";
}

// "<th>within 1.6 km</th>..." for a table's threshold columns.
std::string threshold_headers(const std::vector<std::string>& labels) {
    std::string html;
    for (const auto& label : labels) {
        html += "<th class=\"n\">within " + html_escape(label) + "</th>";
    }
    return html;
}

std::string how_sure_section(const UncertaintyView& u) {
    std::string html = "<section id=\"how-sure\"><h2>How sure these figures are</h2>\n<p>" + html_escape(u.method) +
                       "</p>\n";
    if (!u.widened.empty()) {
        html += "<p class=\"caveat\">" + html_escape(u.widened) + "</p>\n";
    }
    if (!u.headline.empty()) {
        html += "<h3>Confirm these addresses first</h3>\n<p>" + html_escape(u.headline);
        if (u.confirm.empty()) {
            html += " No single site's exact address would narrow it.</p>\n";
        } else {
            html += " The exact address of these sites would narrow it most:</p>\n<div class=\"scroll\" tabindex=\"0\" role=\"region\" "
                    "aria-label=\"Confirm these addresses first\"><table id=\"confirm-first\"><thead>"
                    "<tr><th>site</th><th>kind</th><th>placed now by</th><th>drawn among</th><th class=\"n\">range "
                    "if confirmed</th></tr></thead><tbody>";
            for (const auto& row : u.confirm) {
                html += "<tr>" + cell(row.name) + cell(row.kind) + cell(row.evidence) + cell(row.drawn_among) +
                        number_cell(row.width_if_confirmed + " (now " + u.headline_width + ")") + "</tr>";
            }
            html += "</tbody></table></div>\n";
        }
    }
    if (!u.unplaced.empty()) {
        html += "<h3>What the centres that could not be placed could change</h3>\n<p>Each is left out of the figures. "
                "Placed at the worst and at the best of the postcodes of its district, the first scenario's shares "
                "would be:</p>\n<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"What the centres "
                "that could not be placed could change\"><table id=\"unplaced-bounds\"><thead><tr><th>centre</th><th>placed among</th>" +
                threshold_headers(u.thresholds) + "</tr></thead><tbody><tr><td>(left out)</td><td></td>";
        for (const auto& share : u.left_out) {
            html += number_cell(share);
        }
        html += "</tr>";
        for (const auto& row : u.unplaced) {
            html += "<tr>" + cell(row.name) + cell(row.placed_among);
            for (const auto& range : row.ranges) {
                html += number_cell(range);
            }
            html += "</tr>";
        }
        html += "</tbody></table></div>\n";
    }
    return html + "</section>\n";
}

// Every technical word the page keeps, in plain words (the same for every study area).
std::string glossary_section() {
    static constexpr std::pair<const char*, const char*> terms[] = {
        {"LSOA", "Lower-layer Super Output Area: a small area of about 1,500 people (ONS). Families are counted per "
                 "LSOA; \"area\" on this page means one."},
        {"IDACI", "Income Deprivation Affecting Children Index: the share of an area's children living in "
                  "income-deprived families. Every area in England is ranked (rank 1 = most deprived) and put in a "
                  "decile (1 = the most deprived 10 % of areas)."},
        {"IMD", "Index of Multiple Deprivation: England's overall measure of an area's deprivation (income, work, "
                "health, education, crime, housing, living environment), ranked and in deciles like IDACI."},
        {"Access score (E2SFCA)", "Enhanced two-step floating catchment area: each site's capacity shared among the "
                                  "families who can reach it, nearer families counting more, then summed for each "
                                  "family over the sites it can reach. Higher means more service per child within "
                                  "reach."},
        {"Concentration index (Erreygers-corrected)",
         "How far coverage leans towards the more or the less deprived, with families ranked by IDACI rank: from -1 "
         "(only the most deprived half covered) to 1 (only the least deprived half); 0 means no lean. The "
         "correction (Erreygers 2009) puts every scenario on that one scale whatever its coverage, which the plain "
         "index does not for a yes/no measure. The access score's index is the plain one."},
        {"Gini index", "How unequal distances are: 0 when every family is as far from a site as every other, "
                       "towards 1 when a few families are very far."},
        {"Palma ratio", "The share of all distance travelled by the 10 % of under-5s who live farthest, over the "
                        "share travelled by the 40 % who live nearest."},
        {"Draws and ranges", "Where a site is known only to its street, town or ward, or families only to their "
                             "area, the program repeats the sums many times (draws), each time placing sites and "
                             "families at one of the places the evidence allows. The range in brackets holds the "
                             "middle 90 % of those results."},
        {"Circuity", "How much longer the way by road is than the straight line (1.3: 30 % longer). Used to estimate "
                     "road distance where there is no road network."},
        {"k-curve", "The best coverage any choice of k sites could give, for each number of sites k: what each "
                    "site kept or closed is worth at best."},
    };
    std::string html = "<section id=\"glossary\"><h2>Words used</h2>\n<dl>";
    for (const auto& [term, meaning] : terms) {
        html += "<dt>" + html_escape(term) + "</dt><dd>" + html_escape(meaning) + "</dd>";
    }
    return html + "</dl></section>";
}

std::string page_body(const ReportView& view) {
    std::string html = "<header><h1>Children's centres: who can reach one</h1>\n";
    html += fmt::format("<p>Scenarios from <code>{}</code>, {} of them; distances: {}. Made by centrecov {}.</p>"
                        "</header>\n",
                        html_escape(view.file_name), view.scenario_count, html_escape(view.distance_label),
                        html_escape(view.version));
    if (view.shown < view.scenario_count) {
        html += fmt::format("<p class=\"note\">This report shows the first {} scenarios of the file's {} (set "
                            "<code>--maps-for</code> to show more); every scenario is in "
                            "<code>comparison.md</code> and <code>comparison.csv</code>, and has its own folder.</p>\n",
                            view.shown, view.scenario_count);
    }
    html += "<nav><a href=\"#comparison\">Comparison</a> &middot; <a href=\"#how-sure\">How sure</a> &middot; <a "
            "href=\"#charts\">Charts</a> &middot; <a "
            "href=\"#interactive\">Map</a> &middot; <a href=\"#static-maps\">Printable maps</a> &middot; <a "
            "href=\"#scenarios\">Each scenario</a> &middot; <a href=\"#about\">Data and method</a> &middot; <a "
            "href=\"#glossary\">Words used</a></nav>\n";

    // Comparison.
    html += "<section id=\"comparison\"><h2>Scenarios compared</h2>\n<div class=\"scroll\" tabindex=\"0\" role=\"region\" "
            "aria-label=\"Scenarios compared\"><table id=\"comparison-table\"><thead><tr>"
            "<th>scenario</th><th class=\"n\">centres</th><th class=\"n\">library bases</th><th class=\"n\">annual "
            "cost</th>" +
            threshold_headers(view.threshold_columns);
    html += "<th class=\"n\">lose</th><th class=\"n\">gain</th><th class=\"n\">median distance</th></tr></thead><tbody>";
    for (const auto& row : view.comparison) {
        html += "<tr>" + cell(row.name) + number_cell(std::to_string(row.centres)) +
                number_cell(std::to_string(row.library_bases)) + "<td class=\"n\">" + money(row.cost) + "</td>";
        for (const auto& share : row.shares) {
            html += number_cell(share);
        }
        html += number_cell(row.lost) + number_cell(row.gained) + number_cell(row.median) + "</tr>";
    }
    html += "</tbody></table></div>\n<p>'lose' and 'gain': under-5s who move out of (or into) reach of a centre within " +
            html_escape(view.threshold_columns.front()) +
            ", against the scenario each starts from. In brackets: the range of 90 % of the uncertainty draws (<a "
            "href=\"#how-sure\">how sure these figures are</a>).</p>\n<p id=\"centres-counted\">" +
            html_escape(view.centres_counted) + "</p></section>\n";
    html += how_sure_section(view.uncertainty);

    // Charts.
    html += "<section id=\"charts\"><h2>Coverage against distance</h2>\n" + coverage_chart(view.coverage);
    if (view.k_curve) {
        html += "<h2>The best choice of sites for each number kept</h2>\n<p>From <code>centrecov optimise "
                "--k-curve</code>: the most under-5s any choice of that many centres keeps within each "
                "distance.</p>\n" +
                k_curve_chart(*view.k_curve);
    }
    html += "</section>\n";

    // Interactive map: drawn by report.js from the map data.
    html += "<section id=\"interactive\"><h2>Map</h2>\n<div class=\"controls\"><label>Scenario <select "
            "id=\"scenario-select\"></select></label> &nbsp; Colour areas by <label><input type=\"radio\" "
            "name=\"colour-by\" value=\"distance\" checked> distance</label> <label><input type=\"radio\" "
            "name=\"colour-by\" value=\"change\"> change from the base</label></div>\n";
    html += "<p id=\"scenario-note\"></p><div id=\"map\"></div>\n";
    html += "<p id=\"legend-distance\">" + legend_html(view.distance_legend) + "</p><p id=\"legend-change\" hidden>" +
            legend_html(view.change_legend) + "</p>\n";
    html += "<p class=\"small\">Sites: circles coloured by what the scenario does to them; a closed centre is "
            "crossed out. Distance bands: " +
            html_escape(view.band_method) +
            ". The base map loads only when you tick it (it needs internet).</p></section>\n";

    // The planner: planner.js builds its controls and figures here from the data.
    html += "<section id=\"planner\"><h2>Try a change</h2>\n<p>Start from a scenario, then close or reopen "
            "centres, move a centre into a library, add sessions in libraries or set a budget: the figures "
            "below are worked out again at once, by the same rules as the program, from each family point's "
            "distances (an area's centroid or its postcodes) to the sites within " +
            html_escape(view.planner_reach) +
            ". <b>Export scenario</b> gives a <code>[[scenario]]</code> block for <code>centrecov scenarios</code>; "
            "<b>Copy link</b> keeps your changes in the page's address; <b>Download CSV</b> gives each area's "
            "losses and distances (empty where no open site is within reach). " +
            (view.planner_ranges ? "Each figure comes with its range, from the same uncertainty draws as the tables "
                                 "above, worked out again for your plan."
                               : "Its figures are on the best evidence alone (the sentence under them says why).") +
            "</p>\n"
            "<div id=\"planner-app\"><noscript>The planner needs JavaScript.</noscript></div></section>\n";

    // Printable maps: each area's outline defined once, coloured per scenario.
    html += "<section id=\"static-maps\"><h2>Printable maps</h2>\n";
    html += "<svg width=\"0\" height=\"0\" style=\"position:absolute\" aria-hidden=\"true\"><defs>";
    for (std::size_t a = 0; a < view.area_paths.size(); ++a) {
        html += fmt::format("<path id=\"area-{}\" d=\"{}\"/>", a, view.area_paths[a]);
    }
    html += "</defs></svg>";
    for (std::size_t s = 0; s < view.static_maps.size(); ++s) {
        const std::string name = html_escape(view.static_maps[s].name);
        html += fmt::format("<details class=\"static-map-details\"{}><summary>{}</summary><figure class=\"static-map-figure\">"
                            "<h3>{}</h3>{}<figcaption><p class=\"map-legend\">{}{}</p></figcaption></figure></details>\n",
                            s == 0 ? " open" : "", name, name, static_map_svg(view, s),
                            legend_html(view.distance_legend), site_key());
    }
    html += "</section>\n";

    // Each scenario.
    html += "<section id=\"scenarios\"><h2>Each scenario</h2>\n";
    for (const auto& section : view.scenarios) {
        html += scenario_article(section);
    }
    html += "</section>\n";

    // Data and method.
    html += "<section id=\"about\"><h2>Data and method</h2>\n";
    html += "<p class=\"caveat\">" + html_escape(view.precision_caveat) +
            " A centre placed by town stands at the town's point, so it appears to serve the whole town equally; "
            "read the numbers with each site's precision in mind. Distances: " +
            html_escape(view.distance_label) + ".</p>\n";
    if (view.near_miss_caveat) {
        html += "<p class=\"caveat\">" + html_escape(*view.near_miss_caveat) + "</p>\n";
    }
    html += precision_table(view.precision);
    html += "<details><summary>Every site and how it was placed</summary>" + sites_table(view.sites) + "</details>\n";
    html += "<p>Inputs: " + html_escape(view.inputs) +
            "; families: under-5s per LSOA (ONS), distances from " + html_escape(view.measured_from) +
            ", deprivation from the English Indices of Deprivation " +
            html_escape(view.deprivation_edition) + ". Study: " + html_escape(view.study_title) +
            ", data directory <code>" + html_escape(view.data_directory) + "</code>.</p>\n";
    html += "<p id=\"attribution\">" + html_escape(view.attribution) + "</p></section>\n";
    html += glossary_section();
    return html;
}

}  // namespace

std::string render_report(const ReportView& view, const PageAssets& assets) {
    return fill_slots(assets.page_html, {{"title", html_escape(view.file_name)},
                                         {"capture_errors_js", std::string(assets.capture_errors_js)},
                                         {"leaflet_css", std::string(assets.leaflet_css)},
                                         {"report_css", std::string(assets.report_css)},
                                         {"body", page_body(view)},
                                         {"report_data", script_safe_json(view.map_data.dump())},
                                         {"leaflet_js", std::string(assets.leaflet_js)},
                                         {"report_js", std::string(assets.report_js)},
                                         {"draws_js", std::string(assets.draws_js)},
                                         {"planner_js", std::string(assets.planner_js)}});
}

std::string html_report(const ReportInputs& in) { return render_report(report_view(in)); }

}  // namespace centrecov::report
