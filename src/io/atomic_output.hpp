#pragma once

#include <filesystem>

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

// Writes text to a file atomically.
void write_text_file(const std::filesystem::path& path, const std::string& content);

}  // namespace centrecov::io
