#include "io/text_file.hpp"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "core/error.hpp"

namespace centrecov::io {

namespace {

// Length of the UTF-8 sequence starting at text[i], or 0 when it is not valid UTF-8.
std::size_t utf8_sequence(const std::string& text, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char c = byte(i);
    std::size_t length = 0;
    if (c < 0x80) {
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF) {
        length = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        length = 3;
    } else if (c >= 0xF0 && c <= 0xF4) {
        length = 4;
    } else {
        return 0;
    }
    if (i + length > text.size()) {
        return 0;
    }
    for (std::size_t k = 1; k < length; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) {
            return 0;
        }
    }
    // Overlong forms, surrogates and code points beyond U+10FFFF.
    const unsigned char second = byte(i + 1);
    if ((c == 0xE0 && second < 0xA0) || (c == 0xED && second > 0x9F) || (c == 0xF0 && second < 0x90) ||
        (c == 0xF4 && second > 0x8F)) {
        return 0;
    }
    return length;
}

// Windows-1252's 0x80-0x9F; 0 where the code page defines nothing.
constexpr char32_t windows_1252_high[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

void append_utf8(std::string& out, char32_t code) {
    if (code < 0x80) {
        out += static_cast<char>(code);
    } else if (code < 0x800) {
        out += static_cast<char>(0xC0 | (code >> 6));
        out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
        out += static_cast<char>(0xE0 | (code >> 12));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code & 0x3F));
    }
}

std::string where(const std::string& text, std::size_t offset) {
    std::size_t line = 1;
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < offset; ++i) {
        if (text[i] == '\n') {
            ++line;
            line_start = i + 1;
        }
    }
    return fmt::format("line {}, byte {} (0x{:02X})", line, offset - line_start + 1,
                       static_cast<unsigned char>(text[offset]));
}

}  // namespace

TextFile read_text_file(const std::filesystem::path& path, const char* expected) {
    require_regular_file(path);
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw InputError(path.string(), "", std::filesystem::exists(path) ? "cannot be read" : "file not found");
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    std::string bytes = buffer.str();
    const std::string file = path.string();
    const auto starts = [&](std::string_view magic) { return bytes.compare(0, magic.size(), magic) == 0; };
    if (bytes.empty()) {
        throw InputError(file, "", std::string("is empty; expected ") + expected);
    }
    if (starts("\x1F\x8B")) {
        throw InputError(file, "", std::string("is gzip-compressed; decompress it (gunzip) first: expected ") + expected);
    }
    if (starts("PK\x03\x04")) {
        throw InputError(file, "",
                         std::string("is a ZIP archive (an Excel .xlsx workbook?); save the sheet as \"CSV UTF-8\": "
                                     "expected ") +
                             expected);
    }
    if (starts("\xFF\xFE") || starts("\xFE\xFF")) {
        throw InputError(file, "", std::string("is UTF-16 text; save it as UTF-8: expected ") + expected);
    }
    TextFile out;
    if (starts("\xEF\xBB\xBF")) {
        bytes.erase(0, 3);
        out.had_byte_order_mark = true;
    }
    if (const auto nul = bytes.find('\0'); nul != std::string::npos) {
        throw InputError(file, where(bytes, nul), std::string("is binary, not text: expected ") + expected);
    }
    std::size_t first_bad = std::string::npos;
    for (std::size_t i = 0; i < bytes.size();) {
        const std::size_t length = utf8_sequence(bytes, i);
        if (length == 0) {
            first_bad = i;
            break;
        }
        i += length;
    }
    if (first_bad == std::string::npos) {
        out.utf8 = std::move(bytes);
        return out;
    }
    // Not UTF-8: Windows-1252 when every byte means something there.
    std::string converted;
    converted.reserve(bytes.size() + bytes.size() / 8);
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        const auto c = static_cast<unsigned char>(bytes[i]);
        if (c < 0x80) {
            converted += static_cast<char>(c);
        } else if (c < 0xA0) {
            const char32_t code = windows_1252_high[c - 0x80];
            if (code == 0) {
                throw InputError(file, where(bytes, first_bad),
                                 "is neither UTF-8 nor Windows-1252 (" + where(bytes, i) +
                                     " means nothing in either); save it as UTF-8");
            }
            append_utf8(converted, code);
        } else {
            append_utf8(converted, c);
        }
    }
    out.utf8 = std::move(converted);
    out.converted_from_windows_1252 = true;
    return out;
}

std::vector<RecordShape> record_shapes(const std::string& text, char delimiter) {
    std::vector<RecordShape> records;
    std::size_t line = 1;
    bool quoted = false;
    bool in_record = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (!in_record && c != '\n' && c != '\r') {
            records.push_back({line, 1});
            in_record = true;
        }
        if (c == '"') {
            quoted = !quoted;
        } else if (c == delimiter && !quoted && in_record) {
            ++records.back().fields;
        } else if (c == '\n') {
            ++line;
            if (!quoted) {
                in_record = false;
            }
        }
    }
    return records;
}

}  // namespace centrecov::io
