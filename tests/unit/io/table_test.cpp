#include <gtest/gtest.h>

#include "core/error.hpp"
#include "io/table.hpp"
#include "support/temp_dir.hpp"

namespace centrecov::io {
namespace {

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

}  // namespace
}  // namespace centrecov::io
