#include "report/styles.hpp"

#include <fmt/format.h>

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

std::string marker_symbol(int index, Rgb colour, const std::string& shape) {
    return fmt::format("<symbol type=\"marker\" name=\"{}\" alpha=\"1\" clip_to_extent=\"1\" force_rhr=\"0\">"
                       "<layer class=\"SimpleMarker\" enabled=\"1\" locked=\"0\" pass=\"0\"><Option type=\"Map\">"
                       "{}{}{}{}{}</Option></layer></symbol>",
                       index, option("color", colour_text(colour)), option("name", shape),
                       // Crosses are drawn with the outline alone: give it the colour.
                       option("outline_color", shape.rfind("cross", 0) == 0 ? colour_text(colour) : "35,35,35,255"),
                       option("outline_width", shape.rfind("cross", 0) == 0 ? "0.8" : "0.3"),
                       option("size", shape == "circle" ? "2.6" : "3.4"));
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

std::vector<Range> distance_ranges() {
    return {{0, 1600, "within 1.6 km", {26, 152, 80}},      {1600, 3200, "1.6 - 3.2 km", {145, 207, 96}},
            {3200, 5000, "3.2 - 5 km", {254, 224, 139}},    {5000, 8000, "5 - 8 km", {252, 141, 89}},
            {8000, 1e9, "over 8 km", {215, 48, 39}}};
}

std::vector<Range> change_ranges() {
    return {{-1e9, -0.05, "nearer", {69, 117, 180}},       {-0.05, 0.05, "no change", {224, 224, 224}},
            {0.05, 1600, "up to 1.6 km further", {253, 174, 97}}, {1600, 5000, "1.6 - 5 km further", {244, 109, 67}},
            {5000, 1e9, "over 5 km further", {165, 0, 38}}};
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
                    out.push_back({key, "closed", {215, 48, 39}, "cross2"});
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
