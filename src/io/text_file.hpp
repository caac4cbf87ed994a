#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace centrecov::io {

// A text input as UTF-8, whatever it was written in.
struct TextFile {
    std::string utf8;                     // the content, UTF-8, without a byte-order mark
    bool converted_from_windows_1252 = false;
    bool had_byte_order_mark = false;
};

// Reads a text file. UTF-8 (with or without a BOM) is taken as it is;
// Windows-1252 (what Excel writes) is recognised and converted. Anything else
// is an InputError that says what the file looks like and what was expected:
// empty, compressed (gzip, zip/xlsx), UTF-16, binary, or bytes that are neither
// encoding (naming the line and byte).
TextFile read_text_file(const std::filesystem::path& path, const char* expected);

// Where each record of a delimited table starts and how many fields it has, header
// first: blank lines are skipped and a quoted field may span lines (and hold the
// delimiter), as CSV readers do.
struct RecordShape {
    std::size_t line = 0;
    std::size_t fields = 0;
};
std::vector<RecordShape> record_shapes(const std::string& text, char delimiter);

}  // namespace centrecov::io
