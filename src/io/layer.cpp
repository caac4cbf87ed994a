#include "io/layer.hpp"

#include <fmt/format.h>

#include <cmath>

namespace centrecov::io {

std::string format_value(const Value& value) {
    struct Visitor {
        std::string operator()(std::monostate) const { return {}; }
        std::string operator()(long long v) const { return std::to_string(v); }
        std::string operator()(double v) const {
            if (v == 0.0) {
                return "0";  // never "-0"
            }
            return fmt::format("{}", v);
        }
        std::string operator()(const std::string& v) const { return v; }
    };
    return std::visit(Visitor{}, value);
}

double round_to(double value, int decimals) {
    const double scale = std::pow(10.0, decimals);
    const double rounded = std::round(value * scale) / scale;
    return rounded == 0.0 ? 0.0 : rounded;
}

}  // namespace centrecov::io
