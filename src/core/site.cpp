#include "core/site.hpp"

#include "core/text.hpp"

namespace centrecov {

std::string_view to_string(SiteKind kind) {
    switch (kind) {
        case SiteKind::centre:
            return "centre";
        case SiteKind::library:
            return "library";
    }
    return "centre";
}

const std::string* Site::attribute(std::string_view key) const {
    for (const auto& [attribute_name, value] : attributes) {
        if (attribute_name == key) {
            return &value;
        }
    }
    return nullptr;
}

std::optional<std::string> site_id_problem(std::string_view id) {
    if (id.empty()) {
        return "a site id is empty";
    }
    if (const auto control = text::first_control_character(id)) {
        return "site id '" + text::printable(id) + "' holds a control character (" + *control +
               "); an id is printable text, which a scenario file can carry";
    }
    return std::nullopt;
}

}  // namespace centrecov
