#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "io/atomic_output.hpp"
#include "support/temp_dir.hpp"

namespace centrecov::io {
namespace output_tree_test {

using test::TempDir;

// The names in a folder, hidden ones (the run's own bookkeeping) left out unless asked.
std::set<std::string> names_in(const std::filesystem::path& folder, bool hidden = false) {
    std::set<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
        const auto name = entry.path().filename().string();
        if (hidden || name.front() != '.') {
            names.insert(name);
        }
    }
    return names;
}

// One run writing `scenarios` as folders and a comparison file.
void run_writing(const std::filesystem::path& out, const std::set<std::string>& scenarios, const std::string& text) {
    OutputTree tree({{out, "scenarios"}});
    const auto staged = tree.staged(out);
    for (const auto& id : scenarios) {
        write_text_file(staged / id / "summary.json", text);
    }
    write_text_file(staged / "comparison.csv", text);
    tree.commit();
}

TEST(OutputTree, NothingReachesTheDestinationBeforeCommit) {
    TempDir dir;
    const auto out = dir.path() / "out";
    run_writing(out, {"a", "b"}, "first");
    {
        OutputTree tree({{out, "scenarios"}});
        write_text_file(tree.staged(out) / "comparison.csv", "second");
        write_text_file(tree.staged(out) / "a" / "summary.json", "second");
        EXPECT_EQ(test::read_file(out / "comparison.csv"), "first") << "staged, not yet in place";
    }  // no commit: as if the run failed
    EXPECT_EQ(test::read_file(out / "comparison.csv"), "first");
    EXPECT_EQ(test::read_file(out / "a" / "summary.json"), "first");
    EXPECT_EQ(names_in(out), (std::set<std::string>{"a", "b", "comparison.csv"}));
    for (const auto& name : names_in(out, true)) {
        EXPECT_EQ(name.find("staging"), std::string::npos) << name;
    }
}

TEST(OutputTree, CommitReplacesWhatItWroteAndRemovesOnlyItsOwnStaleEntries) {
    TempDir dir;
    const auto out = dir.path() / "out";
    run_writing(out, {"a", "b", "c"}, "first");
    write_text_file(out / "notes.txt", "the user's");
    write_text_file(out / ".cache" / "network.bin", "cache");
    run_writing(out, {"a"}, "second");
    EXPECT_EQ(names_in(out), (std::set<std::string>{"a", "comparison.csv", "notes.txt"}));
    EXPECT_EQ(test::read_file(out / "a" / "summary.json"), "second");
    EXPECT_EQ(test::read_file(out / "notes.txt"), "the user's");
    EXPECT_EQ(test::read_file(out / ".cache" / "network.bin"), "cache");
}

TEST(OutputTree, RunsOfAnotherRoleKeepTheirEntries) {
    TempDir dir;
    const auto out = dir.path() / "out";
    {
        OutputTree tree({{out, "run"}});
        write_text_file(tree.staged(out) / "summary.md", "baseline");
        tree.commit();
    }
    run_writing(out, {"a"}, "scenarios");
    run_writing(out, {"b"}, "scenarios again");
    EXPECT_EQ(names_in(out), (std::set<std::string>{"b", "comparison.csv", "summary.md"}));
}

TEST(OutputTree, AFolderNamedTwiceIsStagedOnce) {
    TempDir dir;
    const auto out = dir.path() / "out";
    OutputTree tree({{out, "scenarios"}, {dir.path() / "out" / "." , "report"}});
    EXPECT_EQ(tree.staged(out), tree.staged(out / "."));
    write_text_file(tree.staged(out) / "report.html", "page");
    tree.commit();
    EXPECT_EQ(names_in(out), (std::set<std::string>{"report.html"}));
}

TEST(OutputTree, RefusesToReplaceOrRemoveAnInputAndChangesNothing) {
    TempDir dir;
    const auto out = dir.path() / "out";
    run_writing(out, {"a", "b"}, "first");
    const auto input = dir.write("out/b/centres.csv", "id,name\n");  // an input kept in a folder the run would drop
    protect_inputs({input});
    EXPECT_THROW(run_writing(out, {"a"}, "second"), UsageError);
    protect_inputs({});
    EXPECT_EQ(test::read_file(input), "id,name\n");
    EXPECT_EQ(test::read_file(out / "a" / "summary.json"), "first") << "nothing moved before the refusal";
}

TEST(OutputTree, AFailedFirstRunLeavesNoFolder) {
    TempDir dir;
    const auto out = dir.path() / "new" / "deeper";
    {
        OutputTree tree({{out, "run"}});
        write_text_file(tree.staged(out) / "half.csv", "x");
    }
    EXPECT_FALSE(std::filesystem::exists(dir.path() / "new"));
}

TEST(OutputTree, WhatADeadRunLeftIsRemovedAndErrorsNameTheFinalPath) {
    TempDir dir;
    const auto out = dir.path() / "out";
    std::filesystem::create_directories(out / ".centrecov-staging-999999999" / "a");
    write_text_file(out / ".summary.md.partial-999999999", "half");
    OutputTree tree({{out, "run"}});
    const auto staged = tree.staged(out);
    EXPECT_FALSE(std::filesystem::exists(out / ".centrecov-staging-999999999"));
    EXPECT_FALSE(std::filesystem::exists(out / ".summary.md.partial-999999999"));
    EXPECT_EQ(with_final_paths("cannot write " + (staged / "lsoa.geojson").string() + ": No space left on device"),
              "cannot write " + (out / "lsoa.geojson").string() + ": No space left on device");
}

TEST(OutputTree, AnEmptyFolderNameIsAUsageError) {
    const std::vector<OutputDestination> nameless{{"", "run"}};
    EXPECT_THROW(OutputTree{nameless}, UsageError);
}

}  // namespace output_tree_test
}  // namespace centrecov::io
