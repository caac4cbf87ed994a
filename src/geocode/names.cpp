#include "geocode/names.hpp"

#include <array>
#include <cctype>

#include "core/text.hpp"

namespace centrecov::geocode {

namespace {

// Lower-cases and splits on anything but letters and digits, dropping apostrophes
// (ASCII and the UTF-8 right single quote) so that possessives join their word.
std::vector<std::string> raw_words(std::string_view name) {
    std::vector<std::string> out;
    std::string current;
    auto flush = [&] {
        if (!current.empty()) {
            out.push_back(current);
            current.clear();
        }
    };
    for (std::size_t i = 0; i < name.size(); ++i) {
        const auto c = static_cast<unsigned char>(name[i]);
        if (c == '\'') {
            continue;
        }
        if (c == 0xE2 && i + 2 < name.size() && static_cast<unsigned char>(name[i + 1]) == 0x80 &&
            (static_cast<unsigned char>(name[i + 2]) == 0x99 || static_cast<unsigned char>(name[i + 2]) == 0x98)) {
            i += 2;  // ’ or ‘
            continue;
        }
        if (c == '&') {
            flush();
            out.emplace_back("and");
            continue;
        }
        if (std::isalnum(c) != 0) {
            current += static_cast<char>(std::tolower(c));
        } else {
            flush();
        }
    }
    flush();
    return out;
}

std::string join(const std::vector<std::string>& parts) {
    std::string out;
    for (const auto& part : parts) {
        if (!out.empty()) {
            out += ' ';
        }
        out += part;
    }
    return out;
}

}  // namespace

std::string normalise_place(std::string_view name) {
    std::vector<std::string> parts = raw_words(name);
    for (auto& part : parts) {
        if (part == "st") {
            part = "saint";
        } else if (part == "gt") {
            part = "great";
        }
    }
    return join(parts);
}

std::string normalise_road(std::string_view name) {
    std::vector<std::string> parts = raw_words(name);
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 8> abbreviations{{
        {"rd", "road"},
        {"ave", "avenue"},
        {"ln", "lane"},
        {"cl", "close"},
        {"dr", "drive"},
        {"cres", "crescent"},
        {"sq", "square"},
        {"pl", "place"},
    }};
    for (std::size_t i = 0; i < parts.size(); ++i) {
        auto& part = parts[i];
        if (part == "st") {
            // "St Andrew's Road" is Saint; "High St" is Street.
            part = (i + 1 == parts.size()) ? "street" : "saint";
            continue;
        }
        for (const auto& [short_form, long_form] : abbreviations) {
            if (part == short_form && i + 1 == parts.size()) {
                part = std::string(long_form);
            }
        }
    }
    return join(parts);
}

std::string place_alias(std::string_view name) {
    std::vector<std::string> parts = words(normalise_place(name));
    static const std::array<std::vector<std::string>, 4> suffixes{{
        {"next", "the", "sea"},
        {"next", "sea"},
        {"on", "sea"},
        {"by", "sea"},
    }};
    for (const auto& suffix : suffixes) {
        if (parts.size() > suffix.size() &&
            std::equal(suffix.begin(), suffix.end(), parts.end() - static_cast<std::ptrdiff_t>(suffix.size()))) {
            parts.resize(parts.size() - suffix.size());
            break;
        }
    }
    if (parts.size() > 1 && parts.front() == "the") {
        parts.erase(parts.begin());
    }
    return join(parts);
}

std::vector<std::string> words(std::string_view normalised) {
    std::vector<std::string> out;
    for (auto& part : text::split(normalised, ' ')) {
        if (!part.empty()) {
            out.push_back(std::move(part));
        }
    }
    return out;
}

std::vector<std::string> street_candidates(std::string_view address_line) {
    std::vector<std::string> pieces;
    for (const auto& comma_part : text::split(address_line, ',')) {
        for (const auto& part : text::split(comma_part, '/')) {
            // Drop house numbers and ranges ("12", "16/18", "17-18") at the start.
            std::string piece = text::trim(part);
            std::size_t start = 0;
            while (start < piece.size() &&
                   (std::isdigit(static_cast<unsigned char>(piece[start])) != 0 || piece[start] == '-' ||
                    piece[start] == ' ')) {
                ++start;
            }
            piece = text::trim(piece.substr(start));
            bool has_letter = false;
            for (char c : piece) {
                has_letter = has_letter || std::isalpha(static_cast<unsigned char>(c)) != 0;
            }
            if (has_letter) {
                pieces.push_back(piece);
            }
        }
    }
    // The street usually comes last ("Wansbeck House, 9 Church Street").
    return {pieces.rbegin(), pieces.rend()};
}

}  // namespace centrecov::geocode
