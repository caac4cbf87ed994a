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

// "44,201"
std::string with_commas(long long value);
// A sum of money as every output prints it, rounded to the pound: "£5,566,031".
std::string pounds(double amount);

// The text with every control character (U+0000-U+001F but tab and line feed, U+007F,
// U+0080-U+009F) written as \xNN or \uNNNN, so that a message naming it is printed whole.
std::string printable(std::string_view s);

// The first control character of the text (as printable() would write it), if any.
std::optional<std::string> first_control_character(std::string_view s);

}  // namespace centrecov::text
