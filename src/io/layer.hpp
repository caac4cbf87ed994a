#pragma once

#include <string>
#include <variant>
#include <vector>

namespace centrecov::io {

enum class FieldType { text, integer, real };

struct Field {
    std::string name;
    FieldType type = FieldType::text;
};

// One cell of an output table; monostate is written as null (GeoJSON) or empty (CSV).
using Value = std::variant<std::monostate, long long, double, std::string>;

enum class GeometryKind { none, point, polygon };

// A layer ready to write: geometries are WKB in British National Grid, empty for none.
struct OutputFeature {
    std::vector<unsigned char> wkb_bng;
    std::vector<Value> values;
};

struct OutputLayer {
    std::string name;
    GeometryKind geometry = GeometryKind::none;
    std::vector<Field> fields;
    std::vector<OutputFeature> features;
};

// Formats a value for text outputs: shortest round-trip form for reals.
std::string format_value(const Value& value);

// Rounds to a number of decimal places (for stable, readable outputs).
double round_to(double value, int decimals);

}  // namespace centrecov::io
