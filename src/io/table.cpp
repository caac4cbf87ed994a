#include "io/table.hpp"

#include <ogrsf_frmts.h>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>

#include "core/error.hpp"
#include "core/text.hpp"
#include "io/gdal.hpp"
#include "io/text_file.hpp"

namespace centrecov::io {

Table Table::read(const std::filesystem::path& path, const std::vector<std::string>& required_columns) {
    std::vector<std::string> options{"AUTODETECT_TYPE=NO", "KEEP_GEOM_COLUMNS=YES", "HEADERS=YES",
                                     "EMPTY_STRING_AS_NULL=NO"};
    const std::string extension = text::to_lower(path.extension().string());
    if (extension == ".tsv") {
        options.emplace_back("SEPARATOR=TAB");
    } else {
        options.emplace_back("SEPARATOR=COMMA");
    }
    // The CSV driver only accepts these extensions; anything else is refused before it is read.
    if (extension != ".csv" && extension != ".tsv" && extension != ".txt") {
        throw InputError(path.string(), "", "expected a .csv or .tsv file");
    }
    // Read and checked as text first: what the file is, its encoding, and where each record starts.
    const TextFile content = read_text_file(
        path, extension == ".tsv" ? "a tab-separated table with a header row" : "a CSV table with a header row");
    if (content.converted_from_windows_1252) {
        spdlog::warn("{}: not UTF-8; read as Windows-1252 (as Excel saves CSV) and converted. Save it as \"CSV "
                     "UTF-8\" to silence this.",
                     path.string());
    }
    const auto records = record_shapes(content.utf8, extension == ".tsv" ? '\t' : ',');
    static std::atomic<unsigned long> serial{0};
    const std::string memory_path =
        fmt::format("/vsimem/centrecov-table-{}{}", serial.fetch_add(1), extension == ".txt" ? ".csv" : extension);
    init_gdal();
    VSILFILE* memory = VSIFileFromMemBuffer(memory_path.c_str(),
                                            reinterpret_cast<GByte*>(const_cast<char*>(content.utf8.data())),
                                            static_cast<vsi_l_offset>(content.utf8.size()), FALSE);
    if (memory == nullptr) {
        throw InputError(path.string(), "", "cannot be read");
    }
    VSIFCloseL(memory);
    struct Unlink {
        std::string path;
        ~Unlink() { VSIUnlink(path.c_str()); }
    } unlink_after{memory_path};
    DatasetPtr dataset = [&] {
        try {
            return open_vector(memory_path, {"CSV"}, options);
        } catch (const InputError& e) {
            throw InputError(path.string(), "", e.problem());
        }
    }();
    OGRLayer* layer = dataset->GetLayer(0);
    if (layer == nullptr) {
        throw InputError(path.string(), "", "no table found");
    }

    Table table;
    table.file_ = path.string();
    OGRFeatureDefn* definition = layer->GetLayerDefn();
    const int field_count = definition->GetFieldCount();
    for (int i = 0; i < field_count; ++i) {
        table.columns_.emplace_back(definition->GetFieldDefn(i)->GetNameRef());
    }
    // Two columns of one name: every reader finds the first, so the second would be lost unseen.
    for (std::size_t i = 0; i < table.columns_.size(); ++i) {
        for (std::size_t j = 0; j < i; ++j) {
            if (table.columns_[j] == table.columns_[i]) {
                throw InputError(table.file_, "header (line " + std::to_string(records.empty() ? 1 : records[0].line) + ")",
                                 fmt::format("column '{}' appears twice (columns {} and {}); only one would be read. "
                                             "Rename or remove one",
                                             table.columns_[i], j + 1, i + 1));
            }
        }
    }
    std::vector<std::string> missing;
    for (const auto& required : required_columns) {
        if (!table.find_column(required)) {
            missing.push_back(required);
        }
    }
    if (!missing.empty()) {
        std::string list;
        for (const auto& name : missing) {
            list += (list.empty() ? "'" : ", '") + name + "'";
        }
        std::string found;
        for (std::size_t i = 0; i < table.columns_.size() && i < 12; ++i) {
            found += (found.empty() ? "'" : ", '") + table.columns_[i] + "'";
        }
        throw InputError(table.file_, "header (line 1)",
                         "missing column" + std::string(missing.size() > 1 ? "s " : " ") + list +
                             "; the header has " + (found.empty() ? "no columns" : found) +
                             (table.columns_.size() > 12 ? ", ..." : ""));
    }

    layer->ResetReading();
    std::size_t line = 1;
    std::size_t record = 0;
    for (auto& feature : *layer) {
        ++record;
        // The record's own first line (blank lines and multi-line fields counted), else the next one.
        line = record < records.size() ? records[record].line : line + 1;
        // GDAL drops the fields past the header's; a value with an unquoted delimiter is the usual cause.
        if (record < records.size() && records[record].fields > static_cast<std::size_t>(field_count)) {
            throw InputError(table.file_, line_ref(line),
                             fmt::format("{} fields, but the header has {}: the last {} would be lost. Quote a value "
                                         "that holds a {}, or add the missing column names",
                                         records[record].fields, field_count,
                                         records[record].fields - static_cast<std::size_t>(field_count),
                                         extension == ".tsv" ? "tab" : "comma"));
        }
        Row row;
        row.line = line;
        row.values.reserve(static_cast<std::size_t>(field_count));
        for (int i = 0; i < field_count; ++i) {
            row.values.emplace_back(feature->IsFieldSetAndNotNull(i) ? feature->GetFieldAsString(i) : "");
        }
        table.rows_.push_back(std::move(row));
    }
    return table;
}

std::optional<std::size_t> Table::find_column(std::string_view name) const {
    const auto it = std::find(columns_.begin(), columns_.end(), name);
    if (it == columns_.end()) {
        return std::nullopt;
    }
    return static_cast<std::size_t>(it - columns_.begin());
}

std::size_t Table::column(std::string_view name) const {
    if (auto index = find_column(name)) {
        return *index;
    }
    throw InputError(file_, "header (line 1)", "missing column '" + std::string(name) + "'");
}

std::string Table::text(const Row& row, std::size_t column) const { return text::trim(row.values.at(column)); }

void Table::fail(const Row& row, const std::string& problem) const {
    throw InputError(file_, line_ref(row.line), problem);
}

long long Table::integer(const Row& row, std::size_t column) const {
    if (auto value = optional_integer(row, column)) {
        return *value;
    }
    fail(row, "column '" + columns_.at(column) + "' is empty; expected a whole number");
}

std::optional<long long> Table::optional_integer(const Row& row, std::size_t column) const {
    const std::string value = text(row, column);
    if (value.empty()) {
        return std::nullopt;
    }
    if (auto parsed = text::parse_integer(value)) {
        return parsed;
    }
    fail(row, "column '" + columns_.at(column) + "' has '" + value + "'; expected a whole number");
}

double Table::number(const Row& row, std::size_t column) const {
    if (auto value = optional_number(row, column)) {
        return *value;
    }
    fail(row, "column '" + columns_.at(column) + "' is empty; expected a number");
}

std::optional<double> Table::optional_number(const Row& row, std::size_t column) const {
    const std::string value = text(row, column);
    if (value.empty()) {
        return std::nullopt;
    }
    if (auto parsed = text::parse_number(value)) {
        return parsed;
    }
    fail(row, "column '" + columns_.at(column) + "' has '" + value + "'; expected a number");
}

}  // namespace centrecov::io
