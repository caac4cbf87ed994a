#include <gtest/gtest.h>

#include "core/error.hpp"
#include "io/table.hpp"
#include "support/temp_dir.hpp"

namespace centrecov::io {
namespace table_test {

using test::TempDir;

TEST(Table, ReadsQuotedCommasAndCrlf) {
    TempDir dir;
    const auto file = dir.write("t.csv", "id,name,count\r\na,\"Acle, Norfolk\",3\r\nb,Diss,\r\n");
    const auto table = Table::read(file, {"id", "name"});
    ASSERT_EQ(table.rows().size(), 2u);
    EXPECT_EQ(table.text(table.rows()[0], table.column("name")), "Acle, Norfolk");
    EXPECT_EQ(table.integer(table.rows()[0], table.column("count")), 3);
    EXPECT_FALSE(table.optional_integer(table.rows()[1], table.column("count")).has_value());
    EXPECT_EQ(table.rows()[1].line, 3u);
}

TEST(Table, LineNumbersCountBlankLinesAndMultiLineFields) {
    // Regression: rows were numbered by count, so a blank line or a field with a line break shifted every later line.
    TempDir dir;
    const auto file = dir.write("t.csv", "id,note\r\na,one\r\n\r\nb,\"two\r\nlines\"\r\nc,three\r\n");
    const auto table = Table::read(file, {"id", "note"});
    ASSERT_EQ(table.rows().size(), 3u);
    EXPECT_EQ(table.rows()[0].line, 2u);
    EXPECT_EQ(table.rows()[1].line, 4u);
    EXPECT_EQ(table.text(table.rows()[1], 1), "two\nlines");  // GDAL folds CRLF inside a field
    EXPECT_EQ(table.rows()[2].line, 6u);
    try {
        (void)table.integer(table.rows()[2], 1);
        FAIL();
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("t.csv, line 6"), std::string::npos) << e.what();
    }
}

TEST(Table, WindowsCodePageIsConvertedAndAByteOrderMarkIsDropped) {
    TempDir dir;
    // "Café – Crèche" in Windows-1252: é = E9, en dash = 96, è = E8.
    const auto cp1252 = dir.write("excel.csv", std::string("id,name\r\na,Caf\xE9 \x96 Cr\xE8" "che\r\n"));
    const auto table = Table::read(cp1252, {"id", "name"});
    EXPECT_EQ(table.text(table.rows()[0], 1), "Caf\u00e9 \u2013 Cr\u00e8che");
    const auto bom = dir.write("bom.csv", std::string("\xEF\xBB\xBFid,name\na,b\n"));
    EXPECT_EQ(Table::read(bom, {"id"}).columns().front(), "id");
}

TEST(Table, FilesThatAreNotTextTablesSayWhatTheyAre) {
    TempDir dir;
    auto message = [&](const std::string& name, const std::string& bytes) {
        try {
            (void)Table::read(dir.write(name, bytes), {"id"});
        } catch (const InputError& e) {
            return std::string(e.what());
        }
        return std::string();
    };
    EXPECT_NE(message("empty.csv", "").find("empty.csv: is empty"), std::string::npos);
    EXPECT_NE(message("gz.csv", std::string("\x1F\x8B\x08\0", 4)).find("gzip-compressed"), std::string::npos);
    EXPECT_NE(message("book.csv", "PK\x03\x04rest").find("ZIP archive"), std::string::npos);
    EXPECT_NE(message("wide.csv", std::string("\xFF\xFEi\0d\0", 6)).find("UTF-16"), std::string::npos);
    EXPECT_NE(message("nul.csv", std::string("id\nx\0y\n", 6)).find("nul.csv, line 2, byte 2 (0x00): is binary"),
              std::string::npos);
    EXPECT_NE(message("neither.csv", "id\nab\x81\n").find("neither.csv, line 2, byte 3 (0x81): is neither UTF-8 nor "
                                                          "Windows-1252"),
              std::string::npos);
}

TEST(Table, MoreFieldsThanTheHeaderOrARepeatedColumnIsRefused) {
    // Regression: GDAL drops fields past the header's and the second of two same-named columns was never read.
    TempDir dir;
    auto message = [&](const std::string& name, const std::string& bytes) {
        try {
            (void)Table::read(dir.write(name, bytes), {"id"});
        } catch (const InputError& e) {
            return std::string(e.what());
        }
        return std::string();
    };
    EXPECT_EQ(message("quoted.csv", "id,name\na,\"Acle, Norfolk\"\n\nb,\"two\nlines, and a comma\"\n"), "");
    EXPECT_EQ(message("short.csv", "id,name\na\n"), "");  // a missing last field is read as empty
    EXPECT_NE(message("extra.csv", "id,name\na,b\n\nc,Acle, Norfolk\n")
                  .find("extra.csv, line 4: 3 fields, but the header has 2: the last 1 would be lost. Quote a value "
                        "that holds a comma"),
              std::string::npos);
    const std::string tabs = message("extra.tsv", "id\tname\na\tb\tc\n");
    EXPECT_NE(tabs.find("extra.tsv, line 2: 3 fields"), std::string::npos) << tabs;
    EXPECT_NE(tabs.find("holds a tab"), std::string::npos) << tabs;
    EXPECT_NE(message("twice.csv", "id,total,total\na,1,2\n")
                  .find("twice.csv, header (line 1): column 'total' appears twice (columns 2 and 3)"),
              std::string::npos);
}

TEST(Table, ReadsTabSeparatedFiles) {
    TempDir dir;
    const auto file = dir.write("t.tsv", "a\tb\nx, y\tz\n");
    const auto table = Table::read(file, {"a", "b"});
    ASSERT_EQ(table.rows().size(), 1u);
    EXPECT_EQ(table.text(table.rows()[0], 0), "x, y");
}

TEST(Table, MissingColumnNamesFileAndColumn) {
    TempDir dir;
    const auto file = dir.write("centres.csv", "id,nmae\nx,y\n");
    try {
        (void)Table::read(file, {"id", "name"});
        FAIL() << "expected an InputError";
    } catch (const InputError& e) {
        const std::string message = e.what();
        EXPECT_NE(message.find("centres.csv"), std::string::npos) << message;
        EXPECT_NE(message.find("missing column 'name'"), std::string::npos) << message;
        EXPECT_NE(message.find("'nmae'"), std::string::npos) << message;
    }
}

TEST(Table, BadNumberNamesLineColumnAndValue) {
    TempDir dir;
    const auto file = dir.write("pop.csv", "code,count\nA,1\nB,12x\n");
    const auto table = Table::read(file, {"code", "count"});
    try {
        (void)table.integer(table.rows()[1], table.column("count"));
        FAIL() << "expected an InputError";
    } catch (const InputError& e) {
        const std::string message = e.what();
        EXPECT_NE(message.find("line 3"), std::string::npos) << message;
        EXPECT_NE(message.find("'count'"), std::string::npos) << message;
        EXPECT_NE(message.find("'12x'"), std::string::npos) << message;
    }
}

TEST(Table, RefusesMissingAndMisnamedFiles) {
    TempDir dir;
    EXPECT_THROW((void)Table::read(dir.path() / "absent.csv", {}), InputError);
    const auto geojson = dir.write("areas.geojson", "{\"type\":\"FeatureCollection\",\"features\":[]}");
    EXPECT_THROW((void)Table::read(geojson, {"id"}), InputError);
}

TEST(Table, BinaryFileIsNotATable) {
    TempDir dir;
    const auto file = dir.write("junk.csv", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
    EXPECT_THROW((void)Table::read(file, {"id", "name"}), InputError);
}

}  // namespace table_test
}  // namespace centrecov::io
