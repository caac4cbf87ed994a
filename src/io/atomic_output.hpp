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

// Writes text to a file atomically.
void write_text_file(const std::filesystem::path& path, const std::string& content);

}  // namespace centrecov::io
