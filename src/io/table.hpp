#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace centrecov::io {

// A delimited text table (CSV, or TSV by extension) read through GDAL's CSV
// driver, every value kept as text so that our own parsing can name the line and
// column of any bad value.
class Table {
public:
    struct Row {
        std::size_t line = 0;  // line in the file, the header being line 1
        std::vector<std::string> values;
    };

    // Throws InputError naming the file when it cannot be read or lacks a required column.
    static Table read(const std::filesystem::path& path, const std::vector<std::string>& required_columns);

    const std::string& file() const { return file_; }
    const std::vector<std::string>& columns() const { return columns_; }
    const std::vector<Row>& rows() const { return rows_; }

    std::optional<std::size_t> find_column(std::string_view name) const;
    std::size_t column(std::string_view name) const;  // throws InputError when absent

    // Typed access; each throws InputError naming file, line, column and value.
    std::string text(const Row& row, std::size_t column) const;
    long long integer(const Row& row, std::size_t column) const;
    std::optional<long long> optional_integer(const Row& row, std::size_t column) const;
    double number(const Row& row, std::size_t column) const;
    std::optional<double> optional_number(const Row& row, std::size_t column) const;

    [[noreturn]] void fail(const Row& row, const std::string& problem) const;

private:
    std::string file_;
    std::vector<std::string> columns_;
    std::vector<Row> rows_;
};

}  // namespace centrecov::io
