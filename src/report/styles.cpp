#include "report/styles.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iterator>

#include "metrics/coverage.hpp"

namespace centrecov::report {

namespace {

std::string colour_text(Rgb c) { return fmt::format("{},{},{},{}", c.r, c.g, c.b, c.a); }

std::string option(const std::string& name, const std::string& value) {
    return "<Option name=\"" + name + "\" type=\"QString\" value=\"" + xml_escape(value) + "\"/>";
}

std::string fill_symbol(int index, Rgb fill, Rgb outline, double outline_width) {
    return fmt::format("<symbol type=\"fill\" name=\"{}\" alpha=\"1\" clip_to_extent=\"1\" force_rhr=\"0\">"
                       "<layer class=\"SimpleFill\" enabled=\"1\" locked=\"0\" pass=\"0\"><Option type=\"Map\">"
                       "{}{}{}{}{}</Option></layer></symbol>",
                       index, option("color", colour_text(fill)), option("outline_color", colour_text(outline)),
                       option("outline_width", fmt::format("{}", outline_width)), option("outline_width_unit", "MM"),
                       option("style", fill.a == 0 ? "no" : "solid"));
}

std::string marker_layer(Rgb colour, const std::string& shape, Rgb outline, const std::string& outline_width,
                         const std::string& size) {
    return fmt::format("<layer class=\"SimpleMarker\" enabled=\"1\" locked=\"0\" pass=\"0\"><Option type=\"Map\">"
                       "{}{}{}{}{}</Option></layer>",
                       option("color", colour_text(colour)), option("name", shape),
                       option("outline_color", colour_text(outline)), option("outline_width", outline_width),
                       option("size", size));
}

std::string marker_symbol(int index, Rgb colour, const std::string& shape) {
    std::string layers;
    if (shape.rfind("cross", 0) == 0) {
        // Crosses are drawn with the outline alone: the colour over a wider white one, so a
        // struck-through site shows on every fill.
        layers = marker_layer(colour, shape, {255, 255, 255, 255}, "1.6", "3.6") +
                 marker_layer(colour, shape, colour, "0.8", "3.4");
    } else {
        layers = marker_layer(colour, shape, {35, 35, 35, 255}, "0.3", shape == "circle" ? "2.6" : "3.4");
    }
    return fmt::format("<symbol type=\"marker\" name=\"{}\" alpha=\"1\" clip_to_extent=\"1\" force_rhr=\"0\">{}"
                       "</symbol>",
                       index, layers);
}

std::string document(const std::string& renderer) {
    return "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n<qgis version=\"3.22.0\" "
           "styleCategories=\"Symbology\">" +
           renderer + "<blendMode>0</blendMode><featureBlendMode>0</featureBlendMode><layerOpacity>1</layerOpacity>"
                      "</qgis>\n";
}

std::string number(double value) { return fmt::format("{}", value); }

}  // namespace

std::string xml_escape(const std::string& text) {
    std::string out;
    for (const char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

std::string graduated_fill_qml(const std::string& field, const std::vector<Range>& ranges) {
    std::string items;
    std::string symbols;
    for (std::size_t i = 0; i < ranges.size(); ++i) {
        const auto& r = ranges[i];
        items += fmt::format("<range lower=\"{}\" upper=\"{}\" symbol=\"{}\" label=\"{}\" render=\"true\"/>",
                             number(r.lower), number(r.upper), i, xml_escape(r.label));
        symbols += fill_symbol(static_cast<int>(i), r.colour, {255, 255, 255, 255}, 0.1);
    }
    return document("<renderer-v2 type=\"graduatedSymbol\" attr=\"" + xml_escape(field) +
                    "\" graduatedMethod=\"GraduatedColor\" symbollevels=\"0\" enableorderby=\"0\" forceraster=\"0\">"
                    "<ranges>" +
                    items + "</ranges><symbols>" + symbols + "</symbols></renderer-v2>");
}

namespace {

std::string categorized(const std::string& field, const std::vector<Category>& categories, bool markers) {
    std::string items;
    std::string symbols;
    for (std::size_t i = 0; i < categories.size(); ++i) {
        const auto& c = categories[i];
        items += fmt::format("<category value=\"{}\" symbol=\"{}\" label=\"{}\" render=\"true\"/>",
                             xml_escape(c.value), i, xml_escape(c.label));
        symbols += markers ? marker_symbol(static_cast<int>(i), c.colour, c.marker)
                           : fill_symbol(static_cast<int>(i), c.colour, {c.colour.r, c.colour.g, c.colour.b, 255}, 0.4);
    }
    return document("<renderer-v2 type=\"categorizedSymbol\" attr=\"" + xml_escape(field) +
                    "\" symbollevels=\"0\" enableorderby=\"0\" forceraster=\"0\"><categories>" + items +
                    "</categories><symbols>" + symbols + "</symbols></renderer-v2>");
}

}  // namespace

std::string categorized_marker_qml(const std::string& field, const std::vector<Category>& categories) {
    return categorized(field, categories, true);
}

std::string categorized_fill_qml(const std::string& field, const std::vector<Category>& categories) {
    return categorized(field, categories, false);
}

std::string outline_qml(Rgb colour) {
    return document("<renderer-v2 type=\"singleSymbol\" symbollevels=\"0\" enableorderby=\"0\" forceraster=\"0\">"
                    "<symbols>" +
                    fill_symbol(0, {0, 0, 0, 0}, colour, 0.6) + "</symbols></renderer-v2>");
}

Rgb sequential_colour(double position) {
    // viridis (van der Walt and Smith, matplotlib), dark to light, at 0, 0.1, ..., 1.
    static constexpr int viridis[][3] = {{68, 1, 84},    {72, 36, 117},  {65, 68, 135},   {53, 95, 141},
                                         {42, 120, 142}, {33, 145, 140}, {34, 168, 132},  {68, 191, 112},
                                         {122, 209, 81}, {189, 223, 38}, {253, 231, 37}};
    constexpr int last = static_cast<int>(std::size(viridis)) - 1;
    const double at = (1.0 - std::clamp(position, 0.0, 1.0)) * last;  // near is light
    const int i = std::min(static_cast<int>(at), last - 1);
    const double f = at - i;
    auto mix = [&](int k) { return static_cast<int>(std::lround(viridis[i][k] + f * (viridis[i + 1][k] - viridis[i][k]))); };
    return {mix(0), mix(1), mix(2)};
}

namespace {

// "1.6 - 3.2 km" (one unit when both ends share it), "500 m - 1.2 km" otherwise.
std::string span_label(double lower, double upper) {
    const std::string a = metrics::threshold_label(lower);
    const std::string b = metrics::threshold_label(upper);
    const bool same_unit = (lower >= 1000.0) == (upper >= 1000.0);
    return (same_unit ? a.substr(0, a.rfind(' ')) : a) + " - " + b;
}

}  // namespace

std::vector<Range> distance_ranges(const std::vector<double>& thresholds_m) {
    std::vector<Range> out;
    const std::size_t classes = thresholds_m.size() + 1;
    auto colour = [&](std::size_t i) {
        return sequential_colour(classes == 1 ? 0.0 : static_cast<double>(i) / static_cast<double>(classes - 1));
    };
    double lower = 0.0;
    for (std::size_t i = 0; i < thresholds_m.size(); ++i) {
        const double upper = thresholds_m[i];
        out.push_back({lower, upper, i == 0 ? "within " + metrics::threshold_label(upper) : span_label(lower, upper),
                       colour(i)});
        lower = upper;
    }
    out.push_back({lower, 1e9, thresholds_m.empty() ? "any distance" : "over " + metrics::threshold_label(lower),
                   colour(classes - 1)});
    return out;
}

std::vector<Range> change_ranges(const std::vector<double>& thresholds_m) {
    std::vector<Range> out{{-1e9, -0.05, "nearer", {33, 102, 172}}, {-0.05, 0.05, "no change", {224, 224, 224}}};
    if (thresholds_m.empty()) {
        out.push_back({0.05, 1e9, "further", {230, 97, 1}});
        return out;
    }
    const double first = thresholds_m.front();
    const double middle = thresholds_m[thresholds_m.size() / 2];
    out.push_back({0.05, first, "up to " + metrics::threshold_label(first) + " further", {253, 184, 99}});
    if (middle > first) {
        out.push_back({first, middle, span_label(first, middle) + " further", {230, 97, 1}});
    }
    out.push_back({middle, 1e9, "over " + metrics::threshold_label(middle) + " further", {127, 39, 4}});
    return out;
}

const Category& fate_category(scenario::Fate fate) {
    using scenario::Fate;
    static const std::vector<Category> table = [] {
        std::vector<Category> out;
        for (const Fate f : scenario::all_fates) {
            const std::string key(scenario::to_string(f));
            switch (f) {
                case Fate::open:
                    out.push_back({key, "open", {26, 152, 80}, "circle"});
                    break;
                case Fate::moved:
                    out.push_back({key, "moved into a library", {117, 112, 179}, "diamond"});
                    break;
                case Fate::closed:
                    out.push_back({key, "closed", {26, 26, 26}, "cross2"});
                    break;
                case Fate::not_placed:
                    out.push_back({key, "open, not placed", {150, 150, 150}, "circle"});
                    break;
                case Fate::same_site:
                    out.push_back({key, "same site as another", {150, 150, 150}, "circle"});
                    break;
                case Fate::hosts_centre:
                    out.push_back({key, "library hosting a centre", {117, 112, 179}, "diamond"});
                    break;
                case Fate::library_base:
                    out.push_back({key, "new base in a library", {117, 112, 179}, "square"});
                    break;
                case Fate::outreach:
                    out.push_back({key, "outreach sessions", {253, 174, 97}, "triangle"});
                    break;
                case Fate::candidate:
                    out.push_back({key, "library (no service)", {150, 150, 150}, "circle"});
                    break;
            }
        }
        return out;
    }();
    return table[static_cast<std::size_t>(fate)];
}

std::vector<Category> fate_categories() {
    std::vector<Category> out;
    for (const auto fate : scenario::all_fates) {
        out.push_back(fate_category(fate));
    }
    return out;
}

}  // namespace centrecov::report
