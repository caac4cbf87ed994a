#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>

#include "core/error.hpp"
#include "support/temp_dir.hpp"

namespace centrecov {
namespace error_test {

std::string refusal(const std::filesystem::path& path) {
    try {
        require_regular_file(path);
    } catch (const InputError& e) {
        return e.what();
    }
    return {};
}

TEST(RequireRegularFile, AcceptsAFileAndALinkToOne) {
    const test::TempDir dir;
    std::ofstream(dir.path() / "a.csv") << "id\n";
    std::filesystem::create_symlink(dir.path() / "a.csv", dir.path() / "link.csv");
    EXPECT_EQ(refusal(dir.path() / "a.csv"), "");
    EXPECT_EQ(refusal(dir.path() / "link.csv"), "");
}

TEST(RequireRegularFile, NamesWhatIsNotARegularFile) {
    const test::TempDir dir;
    const auto fifo = dir.path() / "fifo.csv";
    ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
    EXPECT_EQ(refusal(fifo), fifo.string() + ": is not a regular file (a FIFO (named pipe)): expected a file to read");
    EXPECT_EQ(refusal("/dev/zero"), "/dev/zero: is not a regular file (a device): expected a file to read");
    EXPECT_EQ(refusal(dir.path()),
              dir.path().string() + ": is not a regular file (a directory): expected a file to read");
    EXPECT_EQ(refusal(dir.path() / "absent.csv"), (dir.path() / "absent.csv").string() + ": file not found");
}

}  // namespace error_test
}  // namespace centrecov
