#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace centrecov::io {

// Writes a file under a temporary name beside its final one and renames it into
// place on commit(), so readers never see half a file. Without commit() the
// temporary file is removed.
class AtomicOutput {
public:
    explicit AtomicOutput(std::filesystem::path final_path);
    AtomicOutput(const AtomicOutput&) = delete;
    AtomicOutput& operator=(const AtomicOutput&) = delete;
    ~AtomicOutput();

    const std::filesystem::path& temporary_path() const { return temporary_path_; }
    const std::filesystem::path& final_path() const { return final_path_; }
    void commit();

private:
    std::filesystem::path final_path_;
    std::filesystem::path temporary_path_;
    bool committed_ = false;
};

// The run's input files: AtomicOutput refuses to replace any of them (UsageError),
// so an output folder that holds an input never loses it. Replaces the earlier list.
void protect_inputs(const std::vector<std::filesystem::path>& inputs);

// One run's outputs. Everything is written into a staging folder inside each
// destination (staged()); commit() moves the new entries into place together,
// each replacing its earlier version, and removes what the same kind of run
// (`role`) wrote there last time but not now (a scenario dropped from the file).
// Entries the run does not write (another command's folders, the cache) are left
// alone. Until commit() the destination is untouched: an error, a full disk or
// Ctrl-C leaves the earlier run whole, and the staging folder is removed. What a
// killed run leaves (staging folders, temporary files) is removed by the next
// run into that folder.
struct OutputDestination {
    std::filesystem::path folder;
    std::string role;  // names the list of what this kind of run wrote here (.centrecov-outputs-<role>)
};

class OutputTree {
public:
    explicit OutputTree(std::vector<OutputDestination> destinations);
    OutputTree(const OutputTree&) = delete;
    OutputTree& operator=(const OutputTree&) = delete;
    ~OutputTree();

    // Where to write what belongs in `folder` (one of the destinations).
    std::filesystem::path staged(const std::filesystem::path& folder) const;
    // Syncs the staged files and moves them into place. Refuses (UsageError),
    // changing nothing, when an entry to replace or remove holds an input file.
    void commit();

private:
    struct Destination {
        std::filesystem::path folder;
        std::filesystem::path staging;
        std::string role;
        std::filesystem::path created;  // outermost folder this run created, if any
    };
    std::vector<Destination> destinations_;
    bool committed_ = false;
};

// A message with the staging folders of the runs in progress named as their
// destinations, so that an error names the file the user will look for.
std::string with_final_paths(std::string message);

// Writes text to a file atomically.
void write_text_file(const std::filesystem::path& path, const std::string& content);

}  // namespace centrecov::io
