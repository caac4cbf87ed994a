#include "core/text.hpp"

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>

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

namespace {
// The length of the control character at s[i] (1 for C0 and DEL, 2 for C1 in UTF-8), or 0.
std::size_t control_at(std::string_view s, std::size_t i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == 0x7F) {
        return 1;
    }
    if (c == 0xC2 && i + 1 < s.size()) {
        const auto next = static_cast<unsigned char>(s[i + 1]);
        if (next >= 0x80 && next <= 0x9F) {
            return 2;
        }
    }
    return 0;
}

std::string escaped(std::string_view s, std::size_t i, std::size_t length) {
    char buffer[16];
    if (length == 1) {
        std::snprintf(buffer, sizeof buffer, "\\x%02X", static_cast<unsigned char>(s[i]));
    } else {
        std::snprintf(buffer, sizeof buffer, "\\u%04X", static_cast<unsigned char>(s[i + 1]));
    }
    return buffer;
}
}  // namespace

std::string with_commas(long long value) {
    std::string digits = std::to_string(value < 0 ? -value : value);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) {
            out += ',';
        }
        out += digits[i];
    }
    return value < 0 ? "-" + out : out;
}

std::string pounds(double amount) { return "\u00a3" + with_commas(std::llround(amount)); }

std::string printable(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t length = control_at(s, i);
        if (length == 0 || s[i] == '\n' || s[i] == '\t') {
            out += s[i];
            ++i;
            continue;
        }
        out += escaped(s, i, length);
        i += length;
    }
    return out;
}

std::optional<std::string> first_control_character(std::string_view s) {
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (const std::size_t length = control_at(s, i); length > 0) {
            return escaped(s, i, length);
        }
    }
    return std::nullopt;
}

}  // namespace centrecov::text
