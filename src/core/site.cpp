#include "core/site.hpp"

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

}  // namespace centrecov
