#include "core/location.hpp"

#include <array>
#include <utility>

namespace centrecov {

namespace {
constexpr std::array<std::pair<Precision, std::string_view>, 7> precision_names{{
    {Precision::coordinates, "coordinates"},
    {Precision::postcode, "postcode"},
    {Precision::host_postcode, "host_postcode"},
    {Precision::street, "street"},
    {Precision::locality, "locality"},
    {Precision::ward, "ward"},
    {Precision::unresolved, "unresolved"},
}};
}  // namespace

std::string_view to_string(Precision precision) {
    for (const auto& [value, name] : precision_names) {
        if (value == precision) {
            return name;
        }
    }
    return "unresolved";
}

std::optional<Precision> parse_precision(std::string_view text) {
    for (const auto& [value, name] : precision_names) {
        if (name == text) {
            return value;
        }
    }
    return std::nullopt;
}

}  // namespace centrecov
