#include <gtest/gtest.h>

#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

#include "core/progress.hpp"

namespace centrecov {
namespace progress_test {

// Standard error is captured into a file, so it is not a terminal here: what a
// program running centrecov with --progress=lines reads.
std::vector<std::string> lines_of_counter(std::size_t total, std::size_t steps) {
    testing::internal::CaptureStderr();
    {
        Progress progress("counting things", total);
        for (std::size_t i = 0; i < steps; ++i) {
            progress.advance();
        }
    }
    std::istringstream text(testing::internal::GetCapturedStderr());
    std::vector<std::string> lines;
    for (std::string line; std::getline(text, line);) {
        lines.push_back(line);
    }
    return lines;
}

class ProgressLinesTest : public testing::Test {
protected:
    void TearDown() override {
        Progress::set_lines(ProgressLines::none);
        Progress::set_enabled(true);
    }
};

TEST_F(ProgressLinesTest, OneParseableLinePerWholePercentFromStartToEnd) {
    Progress::set_lines(ProgressLines::lines);
    const std::size_t total = 250;
    const auto lines = lines_of_counter(total, total);
    ASSERT_EQ(lines.size(), 101U);  // 0 % to 100 %
    // "progress: counting things: DONE/250 (P%)", read with sscanf (std::regex trips GCC 12's
    // maybe-uninitialized warning under the sanitizers).
    for (std::size_t i = 0; i < lines.size(); ++i) {
        unsigned long done = 0;
        unsigned long percent = 0;
        int read = 0;
        ASSERT_EQ(std::sscanf(lines[i].c_str(), "progress: counting things: %lu/250 (%lu%%)%n", &done, &percent, &read), 2)
            << lines[i];
        EXPECT_EQ(static_cast<std::size_t>(read), lines[i].size()) << lines[i];
        EXPECT_EQ(percent, i) << lines[i];
        EXPECT_EQ(done * 100 / total, i) << lines[i];
    }
    EXPECT_EQ(lines.back(), "progress: counting things: 250/250 (100%)");
}

TEST_F(ProgressLinesTest, AnInterruptedCounterEndsWithTheCountItReached) {
    Progress::set_lines(ProgressLines::lines);
    const auto lines = lines_of_counter(1000, 5);
    ASSERT_EQ(lines.size(), 2U);
    EXPECT_EQ(lines.front(), "progress: counting things: 0/1000 (0%)");
    EXPECT_EQ(lines.back(), "progress: counting things: 5/1000 (0%)");
}

TEST_F(ProgressLinesTest, AnUnknownTotalGivesTheCountAlone) {
    Progress::set_lines(ProgressLines::lines);
    const auto lines = lines_of_counter(0, 7);
    ASSERT_GE(lines.size(), 2U);
    EXPECT_EQ(lines.front(), "progress: counting things: 0");
    EXPECT_EQ(lines.back(), "progress: counting things: 7");
}

TEST_F(ProgressLinesTest, NothingWithoutLinesOrWhenQuiet) {
    EXPECT_TRUE(lines_of_counter(100, 100).empty());
    Progress::set_lines(ProgressLines::lines);
    Progress::set_enabled(false);
    EXPECT_TRUE(lines_of_counter(100, 100).empty());
}

}  // namespace progress_test
}  // namespace centrecov
