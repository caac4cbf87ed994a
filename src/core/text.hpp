#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace centrecov::text {

std::string trim(std::string_view s);
std::string to_lower(std::string_view s);
std::vector<std::string> split(std::string_view s, char separator);

// Whole-field number parsing: "12" parses, "12a", "" and "1e999" do not.
std::optional<long long> parse_integer(std::string_view s);
std::optional<double> parse_number(std::string_view s);

// "nr13 3ra", "NR133RA" -> "NR13 3RA"; empty when it cannot be a UK postcode.
std::string normalise_postcode(std::string_view s);

// A lower-case, hyphenated id from a name: "King's Lynn Library" -> "kings-lynn-library".
std::string slug(std::string_view s);

}  // namespace centrecov::text
