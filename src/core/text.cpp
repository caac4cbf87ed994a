#include "core/text.hpp"

#include <cctype>
#include <charconv>
#include <cmath>

namespace centrecov::text {

namespace {
bool is_space(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }
bool is_alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }
}  // namespace

std::string trim(std::string_view s) {
    std::size_t begin = 0;
    std::size_t end = s.size();
    while (begin < end && is_space(s[begin])) {
        ++begin;
    }
    while (end > begin && is_space(s[end - 1])) {
        --end;
    }
    return std::string(s.substr(begin, end - begin));
}

std::string to_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

std::vector<std::string> split(std::string_view s, char separator) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (true) {
        const std::size_t at = s.find(separator, start);
        if (at == std::string_view::npos) {
            parts.emplace_back(s.substr(start));
            return parts;
        }
        parts.emplace_back(s.substr(start, at - start));
        start = at + 1;
    }
}

std::optional<long long> parse_integer(std::string_view s) {
    const std::string t = trim(s);
    if (t.empty()) {
        return std::nullopt;
    }
    long long value = 0;
    const char* first = t.data();
    if (*first == '+') {
        ++first;
    }
    const auto [ptr, ec] = std::from_chars(first, t.data() + t.size(), value);
    if (ec != std::errc{} || ptr != t.data() + t.size()) {
        return std::nullopt;
    }
    return value;
}

std::optional<double> parse_number(std::string_view s) {
    const std::string t = trim(s);
    if (t.empty()) {
        return std::nullopt;
    }
    double value = 0.0;
    const char* first = t.data();
    if (*first == '+') {
        ++first;
    }
    const auto [ptr, ec] = std::from_chars(first, t.data() + t.size(), value);
    if (ec != std::errc{} || ptr != t.data() + t.size() || !std::isfinite(value)) {
        return std::nullopt;
    }
    return value;
}

std::string normalise_postcode(std::string_view s) {
    std::string compact;
    for (char c : s) {
        if (is_alnum(c)) {
            compact += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        } else if (!is_space(c)) {
            return {};
        }
    }
    // Outward code 2-4 characters, inward code always digit + two letters.
    if (compact.size() < 5 || compact.size() > 7) {
        return {};
    }
    const std::string inward = compact.substr(compact.size() - 3);
    if (!std::isdigit(static_cast<unsigned char>(inward[0])) ||
        !std::isalpha(static_cast<unsigned char>(inward[1])) ||
        !std::isalpha(static_cast<unsigned char>(inward[2])) ||
        !std::isalpha(static_cast<unsigned char>(compact[0]))) {
        return {};
    }
    return compact.substr(0, compact.size() - 3) + " " + inward;
}

std::string slug(std::string_view s) {
    std::string out;
    bool pending_dash = false;
    for (char c : s) {
        if (c == '\'') {
            continue;  // "King's" -> "kings", not "king-s"
        }
        if (is_alnum(c)) {
            if (pending_dash && !out.empty()) {
                out += '-';
            }
            pending_dash = false;
            out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        } else {
            pending_dash = true;
        }
    }
    return out;
}

}  // namespace centrecov::text
