#pragma once

// A plain CSV reader for the tests, independent of the program's own (GDAL's):
// integration tests work out what they expect from the data files with it.
// RFC 4180 quoting, LF or CRLF line ends, a header row; rows as column -> value.

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace centrecov::test {

using CsvRow = std::map<std::string, std::string>;

inline std::vector<std::vector<std::string>> parse_csv_cells(const std::string& text, char delimiter = ',') {
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> row;
    std::string cell;
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                cell += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                cell += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == delimiter) {
            row.push_back(cell);
            cell.clear();
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
                ++i;
            }
            row.push_back(cell);
            cell.clear();
            rows.push_back(row);
            row.clear();
        } else {
            cell += c;
        }
    }
    if (!cell.empty() || !row.empty()) {
        row.push_back(cell);
        rows.push_back(row);
    }
    if (!rows.empty() && !rows.front().empty() && rows.front().front().rfind("\xEF\xBB\xBF", 0) == 0) {
        rows.front().front().erase(0, 3);  // a byte-order mark
    }
    return rows;
}

inline std::vector<CsvRow> read_csv(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw std::runtime_error("cannot read " + path.string());
    }
    std::stringstream buffer;
    buffer << in.rdbuf();
    const char delimiter = path.extension() == ".tsv" ? '\t' : ',';
    const auto cells = parse_csv_cells(buffer.str(), delimiter);
    std::vector<CsvRow> rows;
    for (std::size_t r = 1; r < cells.size(); ++r) {
        CsvRow row;
        for (std::size_t c = 0; c < cells.front().size() && c < cells[r].size(); ++c) {
            row[cells.front()[c]] = cells[r][c];
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

// A postcode as Code-Point keys it: upper case, no spaces.
inline std::string postcode_key(const std::string& postcode) {
    std::string key;
    for (const char c : postcode) {
        if (c != ' ') {
            key += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        }
    }
    return key;
}

}  // namespace centrecov::test
