#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace centrecov::geocode {

// Names are compared after normalising: lower case, apostrophes dropped
// ("King's" = "Kings"), "&" = "and", other punctuation as spaces, and common
// abbreviations spelt out ("St" = "Saint" in places; "Rd" = "Road" in streets).
std::string normalise_place(std::string_view name);
std::string normalise_road(std::string_view name);

// A looser key for places: seaside suffixes and a leading "the" dropped, so
// "Gorleston" finds "Gorleston-on-Sea" and "Wells" finds "Wells-next-the-Sea".
std::string place_alias(std::string_view name);

// The words of an already normalised name.
std::vector<std::string> words(std::string_view normalised);

// Street parts of a free-text address line: "12, 14 Valentine Road" -> {"Valentine Road"};
// "The Priory Centre, Priory Road" -> {"Priory Road", "The Priory Centre"} (most specific first).
std::vector<std::string> street_candidates(std::string_view address_line);

}  // namespace centrecov::geocode
